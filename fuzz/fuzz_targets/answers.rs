//! Any bytes as an answers file for each shipped protocol: never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(catalog) = qorgau::catalog::Catalog::shipped() {
        for file in catalog.files() {
            let _ = qorgau::answers_file::parse_answers_file(&file.protocol, "fuzz.toml", &text);
        }
    }
});
