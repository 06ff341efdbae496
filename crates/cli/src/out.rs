//! Writing a command's output to standard output, and telling a reader that went away (`defuse
//! coach x | head`) from a real failure: like other Unix tools, defuse then stops quietly.

use std::io::{ErrorKind, Write};

use anyhow::Result;

/// Writes `text` to standard output and flushes it; a closed pipe is an error [`closed_pipe`]
/// recognises, never a panic.
pub fn to_stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Whether `e` comes from writing to a pipe whose reader has gone.
pub fn closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == ErrorKind::BrokenPipe)
    })
}
