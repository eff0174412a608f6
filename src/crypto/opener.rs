//! An age X25519 identity for opening many files with one key: the hub's
//! import opens every record of a bundle, and reports and listings open
//! every stored record or segment.
//!
//! Why not `age::x25519::Identity` itself, two costs per file opened
//! (`cargo bench --bench sync` measures both):
//! - age 0.11 derives the identity's public key from its secret on every
//!   stanza it tries: a scalar multiplication, about a fifth of opening a
//!   5 KB record. An [`Opener`] derives it once.
//! - The X25519 itself is most of what is left. `x25519-dalek` computes it
//!   with the Montgomery ladder in plain 64-bit arithmetic;
//!   `curve25519-dalek` has an AVX2 form only for the Edwards curve, which
//!   is the same group. Where the CPU has AVX2 and the share is a point of
//!   the curve (any share age writes is), an opener maps it to the Edwards
//!   curve, multiplies there and maps back: the same 32 bytes, about a
//!   quarter faster. Without AVX2 the Edwards form is no faster, and a
//!   share on the curve's twist has no Edwards point: both take the ladder.
//!   Both forms are curve25519-dalek's constant-time code; the only branch
//!   is on the share, which is public.
//!
//! Everything else is age's own X25519 stanza rule, step for step, with
//! age's own primitives (`age_core`'s HKDF and AEAD): the same stanzas
//! open, the same are refused as malformed, and the same are passed over
//! as sealed to another key. The tests below hold the opener to age over
//! real and damaged stanzas, and its X25519 to the ladder's bytes over
//! random, twist and low-order shares; the header MAC and the payload stay
//! age's to check. The rule is the age specification's,
//! <https://c2sp.org/age#x25519-recipient-stanza>.

use age::secrecy::ExposeSecret;
use age_core::format::{FileKey, Stanza, FILE_KEY_BYTES};
use age_core::primitives::{aead_decrypt, hkdf};
use base64::prelude::{Engine, BASE64_STANDARD_NO_PAD};
use curve25519_dalek::montgomery::MontgomeryPoint;
use zeroize::{Zeroize, Zeroizing};

const STANZA_TAG: &str = "X25519";
const KEY_LABEL: &[u8] = b"age-encryption.org/v1/X25519";
const SHARE_BYTES: usize = 32;
const WRAPPED_KEY_BYTES: usize = FILE_KEY_BYTES + 16;

/// An X25519 identity with its public key derived once.
#[derive(Clone)]
pub struct Opener(Key);

#[derive(Clone)]
enum Key {
    Derived {
        /// The secret scalar as age stores it (clamped when used).
        scalar: Zeroizing<[u8; 32]>,
        public: [u8; 32],
    },
    /// Age's own identity, deriving its public key per stanza: only if
    /// age's text form of a key did not read back, which age never writes.
    Age(age::x25519::Identity),
}

impl std::fmt::Debug for Opener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opener").finish_non_exhaustive()
    }
}

impl Opener {
    /// The same key as `identity`.
    pub fn new(identity: &age::x25519::Identity) -> Opener {
        Opener(match derive(identity) {
            Some((scalar, public)) => Key::Derived { scalar, public },
            None => Key::Age(identity.clone()),
        })
    }

    /// Whether the public key was derived once (the fast path).
    pub fn is_derived(&self) -> bool {
        matches!(self.0, Key::Derived { .. })
    }
}

/// The identity's secret from its text form, and its public key, which
/// must be the identity's own recipient (so a misread secret is never
/// used: that check is stronger than the text's checksum).
fn derive(identity: &age::x25519::Identity) -> Option<(Zeroizing<[u8; 32]>, [u8; 32])> {
    let mut scalar = Zeroizing::new([0u8; 32]);
    read_key_text(identity.to_string().expose_secret(), &mut scalar)?;
    let public = MontgomeryPoint::mul_base_clamped(*scalar).to_bytes();
    let mut recipient = [0u8; 32];
    read_key_text(&identity.to_public().to_string(), &mut recipient)?;
    (recipient == public).then_some((scalar, public))
}

/// Bech32's 32 characters, each standing for five bits.
const BECH32_CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/// The 32 bytes an age key's text carries (its 52 data characters after
/// the last `1`, before the 6 of the checksum), written straight into
/// `out`: no copy of a secret is left on the heap.
fn read_key_text(text: &str, out: &mut [u8; 32]) -> Option<()> {
    let (_, data) = text.rsplit_once('1')?;
    let data = data.as_bytes();
    if data.len() != 52 + 6 {
        return None;
    }
    let mut bits: u32 = 0;
    let mut held = 0;
    let mut written = 0;
    for &c in &data[..52] {
        let value = BECH32_CHARSET
            .iter()
            .position(|&x| x == c.to_ascii_lowercase())?;
        bits = (bits << 5) | value as u32;
        held += 5;
        if held >= 8 {
            held -= 8;
            *out.get_mut(written)? = (bits >> held) as u8;
            written += 1;
        }
    }
    // 260 bits: the last 4 are padding and must be zero.
    let padding_is_zero = bits & ((1 << held) - 1) == 0;
    bits.zeroize();
    (written == 32 && padding_is_zero).then_some(())
}

impl age::Identity for Opener {
    fn unwrap_stanza(&self, stanza: &Stanza) -> Option<Result<FileKey, age::DecryptError>> {
        let (scalar, public) = match &self.0 {
            Key::Derived { scalar, public } => (scalar, public),
            Key::Age(identity) => return age::Identity::unwrap_stanza(identity, stanza),
        };
        if stanza.tag != STANZA_TAG {
            return None;
        }
        // A canonical stanza: one argument, 32 bytes in unpadded base64,
        // and a 48-byte body; anything else is a malformed header.
        let share = match &stanza.args[..] {
            [arg] => match decode_share(arg) {
                Some(share) => share,
                None => return Some(Err(age::DecryptError::InvalidHeader)),
            },
            _ => return Some(Err(age::DecryptError::InvalidHeader)),
        };
        let Ok(wrapped) = <[u8; WRAPPED_KEY_BYTES]>::try_from(stanza.body.as_slice()) else {
            return Some(Err(age::DecryptError::InvalidHeader));
        };
        let shared = x25519(scalar, &share);
        // A low-order share gives the all-zero secret: refused, as age does.
        if shared.iter().fold(0u8, |acc, b| acc | b) == 0 {
            return Some(Err(age::DecryptError::InvalidHeader));
        }
        let mut salt = [0u8; 2 * SHARE_BYTES];
        salt[..SHARE_BYTES].copy_from_slice(&share);
        salt[SHARE_BYTES..].copy_from_slice(public);
        let key = Zeroizing::new(hkdf(&salt, KEY_LABEL, shared.as_slice()));
        // Not opening is not an error: the stanza is for another key.
        let mut file_key = aead_decrypt(&key, FILE_KEY_BYTES, &wrapped).ok()?;
        let opened = FileKey::init_with_mut(|out| out.copy_from_slice(&file_key));
        file_key.zeroize();
        Some(Ok(opened))
    }
}

/// X25519 of the secret and a share: the ladder's bytes, through the
/// Edwards curve where that is faster (see the module's notes).
fn x25519(scalar: &[u8; 32], share: &[u8; SHARE_BYTES]) -> Zeroizing<[u8; 32]> {
    if edwards_is_faster() {
        if let Some(shared) = edwards(scalar, share) {
            return shared;
        }
    }
    ladder(scalar, share)
}

/// X25519 on the Edwards curve; `None` for a share with no point there
/// (on the curve's twist, or -1).
fn edwards(scalar: &[u8; 32], share: &[u8; SHARE_BYTES]) -> Option<Zeroizing<[u8; 32]>> {
    let mut product = MontgomeryPoint(*share).to_edwards(0)?.mul_clamped(*scalar);
    let mut shared = product.to_montgomery();
    let bytes = Zeroizing::new(shared.to_bytes());
    product.zeroize();
    shared.zeroize();
    Some(bytes)
}

/// X25519 by x25519-dalek's Montgomery ladder, as age computes it.
fn ladder(scalar: &[u8; 32], share: &[u8; SHARE_BYTES]) -> Zeroizing<[u8; 32]> {
    Zeroizing::new(x25519_dalek::x25519(*scalar, *share))
}

/// Whether curve25519-dalek multiplies on the Edwards curve with AVX2 here
/// (it chooses its backend by the same test).
fn edwards_is_faster() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// The stanza's argument: exactly 32 bytes in canonical unpadded base64.
fn decode_share(arg: &str) -> Option<[u8; SHARE_BYTES]> {
    let mut buf = [0u8; SHARE_BYTES + 1];
    match BASE64_STANDARD_NO_PAD.decode_slice(arg, &mut buf) {
        Ok(SHARE_BYTES) => buf[..SHARE_BYTES].try_into().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use age::Identity as _;
    use age::Recipient as _;

    fn outcome(result: Option<Result<FileKey, age::DecryptError>>) -> String {
        match result {
            None => "not this key".to_owned(),
            Some(Ok(key)) => format!("opened {:?}", key.expose_secret()),
            Some(Err(e)) => format!("refused: {e}"),
        }
    }

    fn stanza(tag: &str, args: Vec<String>, body: Vec<u8>) -> Stanza {
        Stanza {
            tag: tag.to_owned(),
            args,
            body,
        }
    }

    /// Real stanzas, for this key and for another, and every way of
    /// damaging them: the opener and age give the same outcome for each.
    #[test]
    fn an_opener_opens_refuses_and_passes_over_exactly_what_age_does() {
        let identity = age::x25519::Identity::generate();
        let other = age::x25519::Identity::generate();
        let opener = Opener::new(&identity);
        assert!(opener.is_derived());
        let mut real = Vec::new();
        for round in 0..16u8 {
            let file_key = FileKey::new(Box::new([round; FILE_KEY_BYTES]));
            for to in [&identity, &other] {
                let (wrapped, _) = to.to_public().wrap_file_key(&file_key).expect("wraps");
                real.extend(wrapped);
            }
        }
        let mut stanzas = Vec::new();
        let mut opened = 0;
        for s in &real {
            stanzas.push(stanza(&s.tag, s.args.clone(), s.body.clone()));
            // The argument: cut, lengthened, padded, not canonical, not base64.
            let arg = s.args[0].clone();
            let stem = &arg[..arg.len() - 1];
            let mut args_variants = vec![
                vec![],
                vec![arg.clone(), arg.clone()],
                vec![stem.to_owned()],
                vec![format!("{arg}A")],
                vec![format!("{arg}=")],
                vec![format!("{arg}==")],
                vec![format!("{arg}\n")],
                vec![format!("{arg} ")],
                vec![format!(" {arg}")],
                vec![arg.replace(|c: char| c.is_ascii_digit(), "!")],
                vec![arg.replace('+', "-").replace('/', "_")],
                vec![format!("-{stem}")],
                vec![format!("_{stem}")],
                vec![BASE64_STANDARD_NO_PAD.encode([0u8; 32])],
                vec![BASE64_STANDARD_NO_PAD.encode({
                    let mut one = [0u8; 32];
                    one[0] = 1;
                    one
                })],
                vec![BASE64_STANDARD_NO_PAD.encode([0u8; 31])],
            ];
            // The last character carries 4 bits and 2 unused ones: these
            // four leave the unused bits at zero (canonical), these four
            // do not (refused).
            for last in ['A', 'Q', 'g', 'w', 'B', 'R', 'h', 'x'] {
                args_variants.push(vec![format!("{stem}{last}")]);
            }
            for args in args_variants.drain(..) {
                stanzas.push(stanza(&s.tag, args, s.body.clone()));
            }
            // The body: short, long, one bit changed.
            stanzas.push(stanza(&s.tag, s.args.clone(), s.body[1..].to_vec()));
            stanzas.push(stanza(&s.tag, s.args.clone(), [&s.body[..], &[0]].concat()));
            let mut flipped = s.body.clone();
            flipped[5] ^= 0x10;
            stanzas.push(stanza(&s.tag, s.args.clone(), flipped));
            // Another type's tag.
            stanzas.push(stanza("scrypt", s.args.clone(), s.body.clone()));
            stanzas.push(stanza("x25519", s.args.clone(), s.body.clone()));
        }
        for s in &stanzas {
            let theirs = outcome(identity.unwrap_stanza(s));
            let ours = outcome(opener.unwrap_stanza(s));
            assert_eq!(ours, theirs, "stanza {:?} {:?}", s.tag, s.args);
            if ours.starts_with("opened") {
                opened += 1;
            }
        }
        // The comparison covered stanzas that open, not only refusals.
        // (The 16 real stanzas for this key, and any variant that left
        // one unchanged, as a last character equal to the original.)
        assert!(opened >= 16);
        assert!(stanzas.len() > 400);
    }

    fn hex(text: &str) -> [u8; 32] {
        let mut out = [0u8; 32];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).expect("hex");
        }
        out
    }

    /// X25519 by the Edwards form where it has a point, else the ladder:
    /// what `x25519` does on a CPU with AVX2, tested on every CPU.
    fn edwards_or_ladder(scalar: &[u8; 32], share: &[u8; 32]) -> [u8; 32] {
        *edwards(scalar, share).unwrap_or_else(|| ladder(scalar, share))
    }

    /// RFC 7748's own test vectors (section 5.2) through the Edwards form:
    /// checked against the standard, not only against x25519-dalek.
    #[test]
    fn x25519_through_the_edwards_curve_meets_rfc_7748s_vectors() {
        let scalar = hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
        let share = hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c");
        let expected = hex("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
        assert_eq!(edwards(&scalar, &share).as_deref(), Some(&expected));
        assert_eq!(*x25519(&scalar, &share), expected);
        // Iterated: k, u = X25519(k, u), k, starting from the base point.
        let (mut k, mut u) = ([0u8; 32], [0u8; 32]);
        k[0] = 9;
        u[0] = 9;
        let mut by_edwards = 0;
        for round in 1..=1000 {
            if edwards(&k, &u).is_some() {
                by_edwards += 1;
            }
            let next = edwards_or_ladder(&k, &u);
            u = k;
            k = next;
            if round == 1 {
                let first = "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079";
                assert_eq!(k, hex(first));
            }
        }
        assert_eq!(
            k,
            hex("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51")
        );
        assert!(by_edwards > 300, "{by_edwards} of 1000 by the Edwards form");
    }

    /// The Edwards form gives the ladder's bytes for every kind of share:
    /// real public keys, random bytes (half of them on the twist), the
    /// low-order points, and encodings at and past the field's prime.
    #[test]
    fn x25519_through_the_edwards_curve_gives_the_ladders_bytes() {
        use curve25519_dalek::constants::EIGHT_TORSION;
        use rand_core::{OsRng, RngCore};
        let random = || {
            let mut bytes = [0u8; 32];
            OsRng.fill_bytes(&mut bytes);
            bytes
        };
        let mut shares: Vec<[u8; 32]> = Vec::new();
        for _ in 0..300 {
            shares.push(random());
            shares.push(MontgomeryPoint::mul_base_clamped(random()).to_bytes());
        }
        for torsion in EIGHT_TORSION {
            shares.push(torsion.to_montgomery().to_bytes());
        }
        // p - 1 (= -1, on the twist), p (= 0), p + 1 (= 1), p + 9 (= the
        // base point), 2^255 - 1.
        let prime_plus = |add: u8| {
            let mut bytes = [0xffu8; 32];
            bytes[0] = 0xed_u8.wrapping_add(add);
            bytes[31] = 0x7f;
            bytes
        };
        shares.extend([
            prime_plus(255),
            prime_plus(0),
            prime_plus(1),
            prime_plus(9),
            [0xff; 32],
        ]);
        // The top bit is not part of the share: set on a copy of each.
        let with_top_bit: Vec<[u8; 32]> = shares
            .iter()
            .map(|s| {
                let mut s = *s;
                s[31] |= 0x80;
                s
            })
            .collect();
        shares.extend(with_top_bit);
        let mut by_edwards = 0;
        for share in &shares {
            let scalar = random();
            if let Some(shared) = edwards(&scalar, share) {
                by_edwards += 1;
                assert_eq!(*shared, *ladder(&scalar, share), "share {share:02x?}");
            }
            assert_eq!(*x25519(&scalar, share), *ladder(&scalar, share));
        }
        // Both forms were compared: the shares on the curve and the twist.
        assert!(by_edwards > 600 && by_edwards < shares.len() - 100);
    }

    /// Stanzas age opens whose share is written unusually (top bit set,
    /// past the prime, on the twist): the opener must salt its key with
    /// the share's bytes as written, as age does, and open them too.
    #[test]
    fn unusual_shares_that_age_opens_open_with_the_opener() {
        use age_core::primitives::aead_encrypt;
        use rand_core::{OsRng, RngCore};
        let identity = age::x25519::Identity::generate();
        let opener = Opener::new(&identity);
        let Key::Derived { scalar, public } = &opener.0 else {
            panic!("an age identity converts");
        };
        let mut twist = [0u8; 32];
        while MontgomeryPoint(twist).to_edwards(0).is_some() {
            OsRng.fill_bytes(&mut twist);
        }
        let mut top_bit = MontgomeryPoint::mul_base_clamped([7; 32]).to_bytes();
        top_bit[31] |= 0x80;
        let mut past_the_prime = [0xffu8; 32];
        past_the_prime[0] = 0xed + 9;
        past_the_prime[31] = 0x7f;
        for share in [top_bit, past_the_prime, twist] {
            let shared = ladder(scalar, &share);
            let mut salt = [0u8; 64];
            salt[..32].copy_from_slice(&share);
            salt[32..].copy_from_slice(public);
            let key = hkdf(&salt, KEY_LABEL, shared.as_slice());
            let file_key = [0x5a; FILE_KEY_BYTES];
            let crafted = stanza(
                STANZA_TAG,
                vec![BASE64_STANDARD_NO_PAD.encode(share)],
                aead_encrypt(&key, &file_key),
            );
            let opened = format!("opened {file_key:?}");
            assert_eq!(outcome(identity.unwrap_stanza(&crafted)), opened);
            assert_eq!(outcome(opener.unwrap_stanza(&crafted)), opened);
        }
    }

    /// The secret read from age's text form is age's own: the opener's
    /// public key is the identity's recipient.
    #[test]
    fn an_opener_reads_the_secret_age_writes() {
        for _ in 0..50 {
            let identity = age::x25519::Identity::generate();
            let opener = Opener::new(&identity);
            let Key::Derived { public, .. } = &opener.0 else {
                panic!("an age identity converts");
            };
            let mut recipient = [0u8; 32];
            read_key_text(&identity.to_public().to_string(), &mut recipient).expect("reads");
            assert_eq!(public, &recipient);
        }
        let mut out = [0u8; 32];
        assert!(read_key_text("AGE-SECRET-KEY-1QQQ", &mut out).is_none());
        assert!(read_key_text("no separator", &mut out).is_none());
    }

    #[test]
    fn a_file_sealed_to_the_key_opens_with_the_opener_and_one_to_another_key_does_not() {
        use std::io::{Read, Write};
        let identity = age::x25519::Identity::generate();
        let opener = Opener::new(&identity);
        let seal = |to: &age::x25519::Recipient| {
            let mut out = Vec::new();
            let encryptor =
                age::Encryptor::with_recipients(std::iter::once(to as _)).expect("one recipient");
            let mut writer = encryptor.wrap_output(&mut out).expect("writer");
            writer.write_all(b"synthetic record").expect("writes");
            writer.finish().expect("finishes");
            out
        };
        let open = |bytes: &[u8]| -> Result<Vec<u8>, String> {
            let decryptor = age::Decryptor::new_buffered(bytes).map_err(|e| e.to_string())?;
            let mut reader = decryptor
                .decrypt(std::iter::once(&opener as &dyn age::Identity))
                .map_err(|e| e.to_string())?;
            let mut plain = Vec::new();
            reader.read_to_end(&mut plain).map_err(|e| e.to_string())?;
            Ok(plain)
        };
        assert_eq!(
            open(&seal(&identity.to_public())).as_deref(),
            Ok(&b"synthetic record"[..])
        );
        let other = age::x25519::Identity::generate();
        assert!(open(&seal(&other.to_public())).is_err());
    }
}
