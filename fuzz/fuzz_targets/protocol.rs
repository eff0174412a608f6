//! Any bytes as a protocol file: an error or a protocol, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = qorgau::catalog::parse_protocol("fuzz.toml", &text);
    let _ = qorgau::referral::parse_directory("fuzz.toml", &text);
});
