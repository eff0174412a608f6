//! Embeds the shipped questionnaires, referral directories and interface
//! catalogues in the binary, so `qorgau` works from any folder with no files
//! beside it. Each file is embedded DEFLATE-compressed (1,683,713 bytes
//! become 393,828; issue 15's 10 MB binary) and unpacked on first use by
//! `src/shipped.rs`; the script unpacks every file it wrote and compares, so
//! a build never ships a file that does not come back byte for byte.
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

    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut protocols = Vec::new();
    let mut referrals = Vec::new();
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let relative = file
            .strip_prefix(&root)
            .expect("found under the manifest dir")
            .to_string_lossy()
            .replace('\\', "/");
        let entry = embed(file, &relative, &out_dir);
        if relative.starts_with("questionnaires/referrals/") {
            referrals.push(entry);
        } else {
            protocols.push(entry);
        }
    }
    println!("cargo:rerun-if-changed=i18n");
    let mut catalogues = Vec::new();
    for lang in ["ru", "kk", "en"] {
        let relative = format!("i18n/{lang}.ftl");
        let file = root.join(&relative);
        println!("cargo:rerun-if-changed={}", file.display());
        catalogues.push(embed(&file, &relative, &out_dir));
    }
    let generated = format!(
        "/// Shipped protocol files, by path in the repository.\n\
         pub static SHIPPED_PROTOCOLS: [Embedded; {}] = [\n{}];\n\
         /// Shipped referral directories, by path in the repository.\n\
         pub static SHIPPED_REFERRALS: [Embedded; {}] = [\n{}];\n\
         /// The interface catalogues, `i18n/<language>.ftl`.\n\
         pub static SHIPPED_CATALOGUES: [Embedded; {}] = [\n{}];\n",
        protocols.len(),
        protocols.concat(),
        referrals.len(),
        referrals.concat(),
        catalogues.len(),
        catalogues.concat(),
    );
    fs::write(out_dir.join("shipped.rs"), generated).expect("OUT_DIR is writable");
}

/// Compresses one file into `OUT_DIR` and returns its entry in the table.
fn embed(file: &Path, relative: &str, out_dir: &Path) -> String {
    let text = fs::read(file).expect("a shipped file is readable");
    assert!(
        std::str::from_utf8(&text).is_ok(),
        "{relative} is not UTF-8"
    );
    // Level 10 is miniz_oxide's best; the cost is paid once, here.
    let packed = miniz_oxide::deflate::compress_to_vec(&text, 10);
    let unpacked = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, text.len())
        .expect("a file just compressed unpacks");
    assert!(unpacked == text, "{relative} does not survive compression");
    let name = format!("{}.deflate", relative.replace('/', "_"));
    fs::write(out_dir.join(&name), &packed).expect("OUT_DIR is writable");
    format!(
        "    Embedded::new({relative:?}, include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{name}\")), {}),\n",
        text.len()
    )
}
