//! `qorgau protocol lint`: check protocol files and referral directories as a
//! coordinator or author writes them — folders are searched for `*.toml`,
//! golden cases run, and a directory's conditions are checked against the
//! protocols they name (the files linted together, and the shipped ones).

use std::fs;
use std::path::{Path, PathBuf};

use crate::catalog::{parse_protocol, Catalog};
use crate::diagnostic::Diagnostic;
use crate::protocol::Protocol;
use crate::referral::{looks_like_directory, parse_directory, Directory};

/// What one file turned out to be.
#[derive(Debug)]
pub enum Checked {
    Protocol(Box<Protocol>),
    Directory(Box<Directory>),
}

/// One file's result: what it is, or its problems (never empty).
#[derive(Debug)]
pub struct FileResult {
    pub path: String,
    pub result: Result<Checked, Vec<Diagnostic>>,
}

/// The `*.toml` files to check: the files given, and every `*.toml` below
/// the folders given, in a stable order.
pub fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            out.push(dir.to_path_buf());
            return;
        };
        let mut children: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        children.sort();
        for child in children {
            if child.is_dir() {
                walk(&child, out);
            } else if child.extension().is_some_and(|e| e == "toml") {
                out.push(child);
            }
        }
    }
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files);
        } else {
            files.push(path.clone());
        }
    }
    files
}

/// Check every file; directories' conditions against the protocols checked
/// here and the shipped ones.
pub fn lint(paths: &[PathBuf]) -> Vec<FileResult> {
    let mut results: Vec<FileResult> = expand(paths)
        .into_iter()
        .map(|path| {
            let display = path.display().to_string();
            // Only regular files, under a size cap (reliability review P10, P11).
            let result = match crate::input::read_text(&path, crate::input::caps::PROTOCOL) {
                Err(e) => Err(vec![Diagnostic {
                    path: display.clone(),
                    line: 1,
                    col: 1,
                    message: match e {
                        crate::input::InputError::Read { detail, .. } => {
                            format!("cannot read the file: {detail}")
                        }
                        other => other.to_string(),
                    },
                }]),
                Ok(source) if looks_like_directory(&source) => parse_directory(&display, &source)
                    .map(|d| Checked::Directory(Box::new(d)))
                    .map_err(|d| d.0),
                Ok(source) => parse_protocol(&display, &source)
                    .map(|p| Checked::Protocol(Box::new(p)))
                    .map_err(|d| d.0),
            };
            FileResult {
                path: display,
                result,
            }
        })
        .collect();
    let shipped = Catalog::shipped().unwrap_or_default();
    let mut protocols: Vec<Protocol> = shipped.files().iter().map(|f| f.protocol.clone()).collect();
    protocols.extend(results.iter().filter_map(|r| match &r.result {
        Ok(Checked::Protocol(p)) => Some((**p).clone()),
        _ => None,
    }));
    let protocols: Vec<&Protocol> = protocols.iter().collect();
    for file in &mut results {
        if let Ok(Checked::Directory(directory)) = &file.result {
            let problems = directory.check_conditions(&file.path, &protocols);
            if !problems.is_empty() {
                file.result = Err(problems);
            }
        }
    }
    results
}
