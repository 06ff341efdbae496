//! Where mail comes from on disk: a single `.eml` file, an mbox file (split by mail-parser's
//! mbox reader) or a Maildir folder (`cur/` and `new/`), or a folder holding any of these.

use std::fmt;
use std::io::BufReader;
use std::path::{Path, PathBuf};

/// One raw message and where it was read, for error messages ("inbox.mbox, message 3").
#[derive(Debug, Clone)]
pub struct RawMail {
    pub origin: String,
    pub bytes: Vec<u8>,
}

/// A file or folder that cannot be read.
#[derive(Debug)]
pub struct SourceError {
    pub path: PathBuf,
    pub cause: std::io::Error,
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "reading {}: {}", self.path.display(), self.cause)
    }
}

impl std::error::Error for SourceError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.cause)
    }
}

/// Every message under `path`, in a stable order (file names sorted, mbox order kept).
pub fn read(path: &Path) -> Result<Vec<RawMail>, SourceError> {
    let mut out = Vec::new();
    collect(path, &mut out)?;
    Ok(out)
}

fn collect(path: &Path, out: &mut Vec<RawMail>) -> Result<(), SourceError> {
    let error = |cause| SourceError {
        path: path.to_owned(),
        cause,
    };
    if !path.is_dir() {
        let bytes = std::fs::read(path).map_err(error)?;
        read_file(path, bytes, out);
        return Ok(());
    }
    // A Maildir's messages are its cur/ and new/ files; tmp/ holds ones still being written.
    let maildir = path.join("cur").is_dir() || path.join("new").is_dir();
    let dirs: Vec<PathBuf> = if maildir {
        vec![path.join("cur"), path.join("new")]
    } else {
        vec![path.to_owned()]
    };
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(error)?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()
            .map_err(error)?;
        entries.sort();
        for entry in entries {
            let hidden = entry
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if !hidden && (maildir || entry.is_dir() || is_mail_file(&entry)) {
                collect(&entry, out)?;
            }
        }
    }
    Ok(())
}

/// Files in a plain folder that hold mail: `.eml`, `.mbox` and extensionless mbox files.
fn is_mail_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("eml" | "mbox" | "mbx") | None
    )
}

fn read_file(path: &Path, bytes: Vec<u8>, out: &mut Vec<RawMail>) {
    let name = path.display().to_string();
    if !bytes.starts_with(b"From ") {
        out.push(RawMail {
            origin: name,
            bytes,
        });
        return;
    }
    let messages = mail_parser::mailbox::mbox::MessageIterator::new(BufReader::new(&bytes[..]));
    for (i, message) in messages.enumerate() {
        let origin = format!("{name}, message {}", i + 1);
        let bytes = message.map(|m| m.unwrap_contents()).unwrap_or_default();
        out.push(RawMail { origin, bytes });
    }
}
