//! What the tests that run the binary share: reading an HTTP message's head off a socket.

use std::io::BufRead;

/// Reads header lines up to the blank line that ends them and returns the `Content-Length`
/// (`Some(None)` when there is none); `None` when the connection ends first.
pub fn content_length(reader: &mut impl BufRead) -> Option<Option<usize>> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        if line == "\r\n" {
            return Some(length);
        }
        let lower = line.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse().ok();
        }
    }
}
