//! SHA-256 as Qorgau names content by it: lower-case hex, in records'
//! listings, bundle headers, protocol files, cards and update packs.

use sha2::{Digest, Sha256};

/// The SHA-256 of `bytes` as 64 lower-case hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// Whether `bytes` hash to the lower-case hex SHA-256 `expected`. Compared
/// digit by digit without formatting, because the import checks every
/// record of a bundle with it.
pub fn sha256_matches(bytes: &[u8], expected: &str) -> bool {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let expected = expected.as_bytes();
    expected.len() == 64
        && Sha256::digest(bytes)
            .iter()
            .zip(expected.chunks_exact(2))
            .all(|(byte, hex)| hex == [HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 15)]])
}

#[cfg(test)]
mod tests {
    use super::{sha256_hex, sha256_matches};

    #[test]
    fn a_hash_matches_only_its_own_lower_case_hex() {
        let bytes = b"sealed record";
        let hex = sha256_hex(bytes);
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert!(sha256_matches(bytes, &hex));
        assert!(!sha256_matches(b"sealed recorD", &hex));
        assert!(!sha256_matches(bytes, &hex.to_uppercase()));
        assert!(!sha256_matches(bytes, &hex[..63]));
        assert!(!sha256_matches(bytes, &format!("{hex}0")));
        let mut changed = hex.clone().into_bytes();
        changed[40] = if changed[40] == b'0' { b'1' } else { b'0' };
        assert!(!sha256_matches(
            bytes,
            &String::from_utf8(changed).expect("hex")
        ));
    }
}
