//! Embeds the shipped questionnaires and referral directories in the binary,
//! so `qorgau` works from any folder with no files beside it.
//!
//! A build script reports failure by panicking, so `expect` is its error path.
#![allow(clippy::expect_used)]

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            toml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

fn main() {
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let questionnaires = root.join("questionnaires");
    println!("cargo:rerun-if-changed=questionnaires");
    let mut files = Vec::new();
    toml_files(&questionnaires, &mut files);
    files.sort();
    for dir in fs::read_dir(&questionnaires)
        .into_iter()
        .flatten()
        .flatten()
    {
        println!("cargo:rerun-if-changed={}", dir.path().display());
    }

    let mut protocols = String::new();
    let mut referrals = String::new();
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let relative = file
            .strip_prefix(&root)
            .expect("found under the manifest dir")
            .to_string_lossy()
            .replace('\\', "/");
        let entry = format!(
            "    ({relative:?}, include_str!({:?})),\n",
            file.display().to_string()
        );
        if relative.starts_with("questionnaires/referrals/") {
            referrals.push_str(&entry);
        } else {
            protocols.push_str(&entry);
        }
    }
    let generated = format!(
        "/// Shipped protocol files: (path in the repository, contents).\n\
         pub static SHIPPED_PROTOCOLS: &[(&str, &str)] = &[\n{protocols}];\n\
         /// Shipped referral directories: (path in the repository, contents).\n\
         pub static SHIPPED_REFERRALS: &[(&str, &str)] = &[\n{referrals}];\n"
    );
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("shipped.rs");
    fs::write(out, generated).expect("OUT_DIR is writable");
}
