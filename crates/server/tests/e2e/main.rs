//! End-to-end tests of the console in a real browser: Debian's Chromium, headless, driven
//! through chromedriver with fantoccini, against a server started in-process on port 0 with a
//! fresh SQLite database.
//!
//! Without `chromium` and `chromedriver` on the PATH these tests fail and say what to install,
//! unless `DEFUSE_SKIP_BROWSER=1` is set. Screenshots of every page go to
//! `$CARGO_TARGET_TMPDIR/e2e-screenshots/`.

mod admin;
mod browser;
mod escaping;
mod handling;
mod headers;
mod reports;
mod story;
mod world;
