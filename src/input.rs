//! Reading the files a user names (cards, receipts, answers, protocols,
//! passphrase files): only regular files, and never more than a cap, so a
//! FIFO cannot hang a command and `/dev/zero` or a huge file cannot exhaust
//! memory (reliability review P10, P11).

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Caps per kind of input, in bytes.
pub mod caps {
    /// A protocol or referral file (the shipped ones are under 100 KiB).
    pub const PROTOCOL: u64 = 2 * 1024 * 1024;
    /// An answers file.
    pub const ANSWERS: u64 = 2 * 1024 * 1024;
    /// A device or hub card.
    pub const CARD: u64 = 64 * 1024;
    /// A receipt: up to two million record ids.
    pub const RECEIPT: u64 = 256 * 1024 * 1024;
    /// A passphrase file.
    pub const PASSPHRASE: u64 = 4096;
}

/// Why an input file was not read.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("cannot read {path}: {detail}; check the path")]
    Read { path: String, detail: String },
    #[error(
        "{path} is not a regular file (a folder, a device or a pipe): give the path of a file"
    )]
    NotAFile { path: String },
    #[error("{path} is larger than {max} bytes, far more than a file of this kind can be: check that it is the right file")]
    TooLarge { path: String, max: u64 },
}

/// Open `path` for reading only if it is a regular file. On Unix the file is
/// opened without blocking first, so a FIFO is refused instead of waiting
/// for a writer forever.
pub fn open_regular(path: &Path) -> Result<File, InputError> {
    let shown = || path.display().to_string();
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(nix::fcntl::OFlag::O_NONBLOCK.bits());
    }
    let file = options.open(path).map_err(|e| InputError::Read {
        path: shown(),
        detail: e.to_string(),
    })?;
    let metadata = file.metadata().map_err(|e| InputError::Read {
        path: shown(),
        detail: e.to_string(),
    })?;
    if !metadata.is_file() {
        return Err(InputError::NotAFile { path: shown() });
    }
    #[cfg(unix)]
    {
        // Back to ordinary blocking reads for a regular file.
        use std::os::fd::AsFd;
        let flags = nix::fcntl::fcntl(file.as_fd(), nix::fcntl::FcntlArg::F_GETFL)
            .map(nix::fcntl::OFlag::from_bits_truncate)
            .unwrap_or(nix::fcntl::OFlag::empty());
        let _ = nix::fcntl::fcntl(
            file.as_fd(),
            nix::fcntl::FcntlArg::F_SETFL(flags - nix::fcntl::OFlag::O_NONBLOCK),
        );
    }
    Ok(file)
}

/// Read a whole regular file of at most `max` bytes.
pub fn read_bytes(path: &Path, max: u64) -> Result<Vec<u8>, InputError> {
    let file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::Read {
            path: path.display().to_string(),
            detail: e.to_string(),
        })?;
    if bytes.len() as u64 > max {
        return Err(InputError::TooLarge {
            path: path.display().to_string(),
            max,
        });
    }
    Ok(bytes)
}

/// Read a whole regular UTF-8 text file of at most `max` bytes.
pub fn read_text(path: &Path, max: u64) -> Result<String, InputError> {
    String::from_utf8(read_bytes(path, max)?).map_err(|_| InputError::Read {
        path: path.display().to_string(),
        detail: "it is not UTF-8 text".to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_devices_and_large_files_are_refused() {
        let temp = tempfile_dir();
        assert!(matches!(
            read_text(&temp, 10),
            Err(InputError::NotAFile { .. }) | Err(InputError::Read { .. })
        ));
        let file = temp.join("f");
        std::fs::write(&file, "0123456789A").unwrap();
        assert!(matches!(
            read_text(&file, 10),
            Err(InputError::TooLarge { .. })
        ));
        assert_eq!(read_text(&file, 11).unwrap(), "0123456789A");
        #[cfg(unix)]
        assert!(matches!(
            read_bytes(Path::new("/dev/zero"), 10),
            Err(InputError::NotAFile { .. })
        ));
        let _ = std::fs::remove_dir_all(&temp);
    }

    fn tempfile_dir() -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("qorgau-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
