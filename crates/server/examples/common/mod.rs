//! What the examples share: their sizes read from the environment.

/// The whole number in the environment variable `name`, or `default` when it is unset or not
/// a number.
pub fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
