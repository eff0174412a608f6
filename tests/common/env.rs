//! A hub and a device set up through the binary, in a temporary folder.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use qorgau::store::Store;

pub const MARKER: &str = "MARKER-7c1e0b5d-synthetic";

/// Strong passphrases (zxcvbn score 4) for the test set-ups.
pub const HUB_PASSPHRASE: &str = "hub walnut tundra cobalt pickle for tests\n";
pub const DEVICE_PASSPHRASE: &str = "device violet harbor quilt sketch for tests\n";

/// A passphrase file as the tool accepts it: private to its owner.
pub fn write_secret(path: &Path, text: &str) {
    fs::write(path, text).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600)).unwrap();
    }
}

pub struct Env {
    _temp: tempfile::TempDir,
    pub root: PathBuf,
}

impl Env {
    /// A hub and a device, set up through the binary.
    pub fn new() -> Env {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().to_owned();
        write_secret(&root.join("hub-pass"), HUB_PASSPHRASE);
        write_secret(&root.join("device-pass"), DEVICE_PASSPHRASE);
        let env = Env { _temp: temp, root };
        env.ok(&[
            "--data-dir",
            &env.path("hub"),
            "--passphrase-file",
            &env.path("hub-pass"),
            "hub",
            "init",
            "--name",
            "Test hub",
        ]);
        env.ok(&[
            "init",
            "--hub",
            &env.path("hub/hub-card.toml"),
            "--region",
            "almaty_city",
        ]);
        env
    }

    pub fn path(&self, name: &str) -> String {
        self.root.join(name).display().to_string()
    }

    pub fn device_dir(&self) -> PathBuf {
        self.root.join("device")
    }

    /// Run qorgau as the device (data dir and passphrase file set).
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_qorgau"));
        command
            .args(args)
            // Key files made in tests take milliseconds (test-hooks builds only).
            .env("QORGAU_TEST_SCRYPT_LOG_N", "10")
            .env("QORGAU_HOME", self.device_dir())
            .env("QORGAU_PASSPHRASE_FILE", self.root.join("device-pass"))
            // Tests read English output; the languages have their own tests.
            .env("QORGAU_LANG", "en")
            // `qorgau dev synth` runs only in test data folders.
            .env("QORGAU_DEV", "1")
            .env_remove("QORGAU_TEST_PAUSE_MS")
            .stdin(Stdio::null());
        command
    }

    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    pub fn fails(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{args:?} should fail: {}",
            String::from_utf8_lossy(&output.stdout)
        );
        let message = String::from_utf8(output.stderr).unwrap();
        assert!(!message.contains("panicked"), "{message}");
        message
    }

    pub fn answers(&self, name: &str, text: &str) -> String {
        let path = self.root.join(name);
        fs::write(&path, text).unwrap();
        path.display().to_string()
    }

    pub fn store(&self) -> Store {
        Store::open(&self.device_dir().join("qorgau.db")).unwrap()
    }
}

/// Every byte of every file under `dir`.
pub fn all_bytes(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(all_bytes(&path));
        } else {
            files.push((path.clone(), fs::read(&path).unwrap()));
        }
    }
    files
}

pub fn assert_no_plaintext(dir: &Path, needles: &[&str]) {
    for (path, bytes) in all_bytes(dir) {
        for needle in needles {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "`{needle}` found in plaintext in {}",
                path.display()
            );
        }
    }
}
