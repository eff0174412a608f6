//! The hub's facts cache: segments (one per import worker), compact binary
//! tables of every accepted record's facts, encrypted with age to the hub's own key.
//! A report decrypts each segment in one stream (one key exchange per
//! segment, not per record), so it is fast with nothing readable at rest.
//!
//! Segment layout (inside the encryption), all integers little-endian:
//!
//! ```text
//! "QFACTS1\n"                 magic
//! u32 n, then n strings:      u16 length, UTF-8 bytes   (the string table)
//! u32 rows, then per row:     u32 record_id, case_code, protocol, version (string indices)
//!                             u8 band, u32 region, u32 date, u32 age_band, u32 sex
//!                             u8 referral (0 none, 1 pending, 2 accepted, 3 declined, 4 not needed)
//!                             u8 k, k × u32 positive domains; u16 m, m × u32 fired question ids
//! ```

use std::collections::HashMap;

use super::facts::Fact;
use crate::engine::Band;
use crate::record::ReferralStatus;

const MAGIC: &[u8; 8] = b"QFACTS1\n";

/// Why a segment could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("a facts segment cannot be opened with this hub's key ({0})")]
    Open(String),
    #[error("a facts segment is damaged ({0})")]
    Damaged(&'static str),
}

/// One record's facts as string-table indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub record_id: u32,
    pub case_code: u32,
    pub protocol: u32,
    pub version: u32,
    pub band: Band,
    pub region: u32,
    pub date: u32,
    pub age_band: u32,
    pub sex: u32,
    pub referral: Option<ReferralStatus>,
    /// Range in [`Segment::lists`].
    pub positive: (u32, u32),
    pub fired: (u32, u32),
}

/// A decoded segment.
#[derive(Debug, Clone, Default)]
pub struct Segment {
    pub strings: Vec<String>,
    pub rows: Vec<Row>,
    pub lists: Vec<u32>,
}

impl Segment {
    pub fn text(&self, index: u32) -> &str {
        self.strings.get(index as usize).map_or("", String::as_str)
    }

    pub fn list(&self, range: (u32, u32)) -> &[u32] {
        self.lists
            .get(range.0 as usize..(range.0 + range.1) as usize)
            .unwrap_or(&[])
    }
}

/// Bands by their code in a segment. Codes are stored: a new band gets the
/// next code, never a place in between.
const BAND_CODES: [Band; 6] = [
    Band::ImmediateDanger,
    Band::ClearConcern,
    Band::PossibleConcern,
    Band::Incomplete,
    Band::NoConcern,
    Band::ObservationOnly,
];

fn band_code(band: Band) -> u8 {
    BAND_CODES.iter().position(|b| *b == band).unwrap_or(0) as u8
}

const REFERRALS: [ReferralStatus; 4] = [
    ReferralStatus::Pending,
    ReferralStatus::Accepted,
    ReferralStatus::Declined,
    ReferralStatus::NotNeeded,
];

/// The string table being built for a segment.
#[derive(Default)]
struct Strings<'a> {
    table: HashMap<&'a str, u32>,
    list: Vec<&'a str>,
}

impl<'a> Strings<'a> {
    fn index(&mut self, s: &'a str) -> u32 {
        if let Some(&i) = self.table.get(s) {
            return i;
        }
        let i = self.list.len() as u32;
        self.list.push(s);
        self.table.insert(s, i);
        i
    }
}

/// Builds a segment's plaintext one record at a time (an import's worker
/// keeps one, so no intermediate facts are allocated).
#[derive(Debug, Default)]
pub struct SegmentBuilder {
    table: HashMap<String, u32>,
    strings: Vec<String>,
    body: Vec<u8>,
    rows: u32,
    /// Which bundle entries the rows are, in order.
    pub indices: Vec<usize>,
}

impl SegmentBuilder {
    fn index(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.table.get(s) {
            return i;
        }
        let i = self.strings.len() as u32;
        self.strings.push(s.to_owned());
        self.table.insert(s.to_owned(), i);
        i
    }

    fn put(&mut self, s: &str) {
        let i = self.index(s);
        self.body.extend_from_slice(&i.to_le_bytes());
    }

    /// Add the facts of one record (bundle entry `index`).
    pub fn push(&mut self, index: usize, head: &crate::record::RecordHead) {
        self.indices.push(index);
        self.rows += 1;
        self.put(&head.record_id);
        self.put(&head.case_code);
        self.put(&head.protocol.id);
        self.put(&head.protocol.version);
        self.body.push(band_code(head.band));
        self.put(head.region.as_deref().unwrap_or("-"));
        self.put(&head.local_date());
        self.put(&head.age_band);
        self.put(&head.sex);
        self.body.push(
            head.referral
                .and_then(|r| REFERRALS.iter().position(|x| *x == r))
                .map_or(0, |p| p as u8 + 1),
        );
        let positive = &head.positive_domains[..head.positive_domains.len().min(255)];
        self.body.push(positive.len() as u8);
        for d in positive {
            self.put(d);
        }
        let fired = &head.fired[..head.fired.len().min(65_535)];
        self.body
            .extend_from_slice(&(fired.len() as u16).to_le_bytes());
        for q in fired {
            self.put(q);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// The plaintext (same layout as [`encode`]).
    pub fn finish(self) -> Vec<u8> {
        let strings: Vec<&str> = self.strings.iter().map(String::as_str).collect();
        assemble(&strings, self.rows, &self.body)
    }
}

fn assemble(strings: &[&str], rows: u32, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + strings.len() * 16 + 16);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(strings.len() as u32).to_le_bytes());
    for s in strings {
        // Ids and dates are short; a longer string is cut at a character boundary.
        let mut end = s.len().min(65_535);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        out.extend_from_slice(&(end as u16).to_le_bytes());
        out.extend_from_slice(&s.as_bytes()[..end]);
    }
    out.extend_from_slice(&rows.to_le_bytes());
    out.extend_from_slice(body);
    out
}

/// Encode facts as a segment's plaintext.
pub fn encode(facts: &[Fact]) -> Vec<u8> {
    let mut strings = Strings::default();
    let mut body = Vec::with_capacity(facts.len() * 48);
    for fact in facts {
        for s in [
            &fact.record_id,
            &fact.case_code,
            &fact.protocol,
            &fact.version,
        ] {
            body.extend_from_slice(&strings.index(s).to_le_bytes());
        }
        body.push(band_code(fact.band));
        for s in [&fact.region, &fact.date, &fact.age_band, &fact.sex] {
            body.extend_from_slice(&strings.index(s).to_le_bytes());
        }
        body.push(
            fact.referral
                .and_then(|r| REFERRALS.iter().position(|x| *x == r))
                .map_or(0, |p| p as u8 + 1),
        );
        let positive = &fact.positive_domains[..fact.positive_domains.len().min(255)];
        body.push(positive.len() as u8);
        for d in positive {
            body.extend_from_slice(&strings.index(d).to_le_bytes());
        }
        let fired = &fact.fired[..fact.fired.len().min(65_535)];
        body.extend_from_slice(&(fired.len() as u16).to_le_bytes());
        for q in fired {
            body.extend_from_slice(&strings.index(q).to_le_bytes());
        }
    }
    assemble(&strings.list, facts.len() as u32, &body)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], CacheError> {
        let end = self
            .at
            .checked_add(n)
            .ok_or(CacheError::Damaged("length"))?;
        let slice = self
            .bytes
            .get(self.at..end)
            .ok_or(CacheError::Damaged("cut short"))?;
        self.at = end;
        Ok(slice)
    }
    fn u8(&mut self) -> Result<u8, CacheError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, CacheError> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&mut self) -> Result<u32, CacheError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn index(&mut self, strings: usize) -> Result<u32, CacheError> {
        let i = self.u32()?;
        if (i as usize) < strings {
            Ok(i)
        } else {
            Err(CacheError::Damaged("string index"))
        }
    }
}

/// Decode a segment's plaintext.
pub fn decode(bytes: &[u8]) -> Result<Segment, CacheError> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(MAGIC.len())? != MAGIC {
        return Err(CacheError::Damaged("magic"));
    }
    let n = r.u32()? as usize;
    let mut strings = Vec::with_capacity(n.min(1 << 20));
    for _ in 0..n {
        let len = r.u16()? as usize;
        let text = std::str::from_utf8(r.take(len)?).map_err(|_| CacheError::Damaged("text"))?;
        strings.push(text.to_owned());
    }
    let rows = r.u32()? as usize;
    let mut segment = Segment {
        rows: Vec::with_capacity(rows.min(1 << 22)),
        lists: Vec::new(),
        strings: Vec::new(),
    };
    let s = strings.len();
    for _ in 0..rows {
        let record_id = r.index(s)?;
        let case_code = r.index(s)?;
        let protocol = r.index(s)?;
        let version = r.index(s)?;
        let band = *BAND_CODES
            .get(r.u8()? as usize)
            .ok_or(CacheError::Damaged("band"))?;
        let region = r.index(s)?;
        let date = r.index(s)?;
        let age_band = r.index(s)?;
        let sex = r.index(s)?;
        let referral = match r.u8()? {
            0 => None,
            k => Some(
                *REFERRALS
                    .get(k as usize - 1)
                    .ok_or(CacheError::Damaged("referral"))?,
            ),
        };
        let k = r.u8()? as u32;
        let start = segment.lists.len() as u32;
        for _ in 0..k {
            segment.lists.push(r.index(s)?);
        }
        let positive = (start, k);
        let m = r.u16()? as u32;
        let start = segment.lists.len() as u32;
        for _ in 0..m {
            segment.lists.push(r.index(s)?);
        }
        segment.rows.push(Row {
            record_id,
            case_code,
            protocol,
            version,
            band,
            region,
            date,
            age_band,
            sex,
            referral,
            positive,
            fired: (start, m),
        });
    }
    if r.at != bytes.len() {
        return Err(CacheError::Damaged("trailing bytes"));
    }
    segment.strings = strings;
    Ok(segment)
}

/// Encrypt a segment to the hub's recipients.
pub fn seal(facts: &[Fact], recipients: &[age::x25519::Recipient]) -> Result<Vec<u8>, CacheError> {
    seal_plaintext(encode(facts), recipients)
}

/// Encrypt a segment's plaintext to the hub's recipients.
pub fn seal_plaintext(
    plaintext: Vec<u8>,
    recipients: &[age::x25519::Recipient],
) -> Result<Vec<u8>, CacheError> {
    let plaintext = zeroize::Zeroizing::new(plaintext);
    let encryptor =
        age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
            .map_err(|e| CacheError::Open(e.to_string()))?;
    let mut out = Vec::with_capacity(plaintext.len() + 256);
    let mut writer = encryptor
        .wrap_output(&mut out)
        .map_err(|e| CacheError::Open(e.to_string()))?;
    std::io::Write::write_all(&mut writer, &plaintext)
        .map_err(|e| CacheError::Open(e.to_string()))?;
    writer
        .finish()
        .map_err(|e| CacheError::Open(e.to_string()))?;
    Ok(out)
}

/// The report's side of an import: each import worker builds one segment of
/// the facts of the records it checked; at the end only the records that
/// were stored stay in it (with their case codes as shown at this hub), and
/// it is sealed to the hub.
#[derive(Debug, Clone)]
pub struct FactsCache {
    recipients: Vec<age::x25519::Recipient>,
}

impl FactsCache {
    pub fn new(recipients: Vec<age::x25519::Recipient>) -> Self {
        FactsCache { recipients }
    }
}

impl crate::sync::FactsSink for FactsCache {
    fn worker(&self) -> Box<dyn crate::sync::FactsWorker> {
        Box::new(SegmentWorker {
            builder: SegmentBuilder::default(),
            recipients: self.recipients.clone(),
        })
    }
}

struct SegmentWorker {
    builder: SegmentBuilder,
    recipients: Vec<age::x25519::Recipient>,
}

impl crate::sync::FactsWorker for SegmentWorker {
    fn add(&mut self, index: usize, head: &crate::record::RecordHead) {
        self.builder.push(index, head);
    }

    fn finish(
        self: Box<Self>,
        stored: &dyn Fn(usize) -> bool,
        renamed: &HashMap<usize, String>,
    ) -> Result<Option<(usize, Vec<u8>)>, String> {
        let SegmentWorker {
            builder,
            recipients,
        } = *self;
        let indices = builder.indices.clone();
        let kept = indices.iter().filter(|i| stored(**i)).count();
        if kept == 0 {
            return Ok(None);
        }
        let unchanged = kept == indices.len() && !indices.iter().any(|i| renamed.contains_key(i));
        let plaintext = if unchanged {
            builder.finish()
        } else {
            // Rebuilt from the kept rows only, so no string of a record that
            // was not stored (or was erased) stays in the segment's table.
            let facts: Vec<Fact> = decode(&builder.finish())
                .map_err(|e| e.to_string())?
                .to_facts()
                .into_iter()
                .zip(indices)
                .filter(|(_, index)| stored(*index))
                .map(|(mut fact, index)| {
                    if let Some(code) = renamed.get(&index) {
                        fact.case_code.clone_from(code);
                    }
                    fact
                })
                .collect();
            encode(&facts)
        };
        let sealed = seal_plaintext(plaintext, &recipients).map_err(|e| e.to_string())?;
        Ok(Some((kept, sealed)))
    }
}

/// Decrypt and decode a segment with whichever of the hub's identities it
/// was sealed to (segments written before `hub rotate-key` open with the
/// retired key).
pub fn open(
    ciphertext: &[u8],
    identities: &[&age::x25519::Identity],
) -> Result<Segment, CacheError> {
    let plaintext = crate::crypto::seal::decrypt_bytes_any(ciphertext, identities)
        .map_err(|e| CacheError::Open(e.to_string()))?;
    decode(&plaintext)
}

impl Segment {
    /// The rows back as facts (for rewriting a segment after an erasure).
    pub fn to_facts(&self) -> Vec<super::facts::Fact> {
        self.rows
            .iter()
            .map(|row| super::facts::Fact {
                record_id: self.text(row.record_id).to_owned(),
                case_code: self.text(row.case_code).to_owned(),
                protocol: self.text(row.protocol).to_owned(),
                version: self.text(row.version).to_owned(),
                band: row.band,
                region: self.text(row.region).to_owned(),
                date: self.text(row.date).to_owned(),
                age_band: self.text(row.age_band).to_owned(),
                sex: self.text(row.sex).to_owned(),
                referral: row.referral,
                positive_domains: self
                    .list(row.positive)
                    .iter()
                    .map(|&i| self.text(i).to_owned())
                    .collect(),
                fired: self
                    .list(row.fired)
                    .iter()
                    .map(|&i| self.text(i).to_owned())
                    .collect(),
            })
            .collect()
    }
}

/// Open segments one after another, as they are counted: memory holds one
/// segment at a time. A segment that cannot be opened stops the iteration
/// with its error in `failure`.
pub fn open_each<'a>(
    sealed: &'a [(i64, Vec<u8>)],
    identities: &'a [&'a age::x25519::Identity],
    failure: &'a std::cell::RefCell<Option<CacheError>>,
) -> impl Iterator<Item = Segment> + 'a {
    sealed
        .iter()
        .map_while(move |(_, bytes)| match open(bytes, identities) {
            Ok(segment) => Some(segment),
            Err(e) => {
                *failure.borrow_mut() = Some(e);
                None
            }
        })
}

/// Open every segment, on all cores.
pub fn open_all(
    sealed: &[(i64, Vec<u8>)],
    identities: &[&age::x25519::Identity],
) -> Result<Vec<(i64, Segment)>, CacheError> {
    let results: Vec<Result<(i64, Segment), CacheError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = sealed
            .iter()
            .map(|(id, bytes)| scope.spawn(move || open(bytes, identities).map(|s| (*id, s))))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or(Err(CacheError::Damaged("a worker stopped")))
            })
            .collect()
    });
    results.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(id: &str, band: Band) -> Fact {
        Fact {
            record_id: id.into(),
            case_code: "ABC-234".into(),
            protocol: "border-checkpoint".into(),
            version: "1.0.0".into(),
            band,
            region: "almaty_city".into(),
            date: "2026-03-04".into(),
            age_band: "adult".into(),
            sex: "unknown".into(),
            referral: Some(ReferralStatus::Pending),
            positive_domains: vec!["exploitation".into()],
            fired: vec!["fl_docs_held".into(), "ix_debt".into()],
        }
    }

    #[test]
    fn round_trips_and_refuses_damage() {
        let facts = vec![fact("a", Band::ClearConcern), fact("b", Band::NoConcern)];
        let bytes = encode(&facts);
        let segment = decode(&bytes).unwrap();
        assert_eq!(segment.rows.len(), 2);
        let row = segment.rows[0];
        assert_eq!(segment.text(row.record_id), "a");
        assert_eq!(row.band, Band::ClearConcern);
        let fired: Vec<&str> = segment
            .list(row.fired)
            .iter()
            .map(|&i| segment.text(i))
            .collect();
        assert_eq!(fired, vec!["fl_docs_held", "ix_debt"]);
        for cut in [0, 5, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..cut]).is_err());
        }
        let hub = age::x25519::Identity::generate();
        let sealed = seal(&facts, &[hub.to_public()]).unwrap();
        assert!(!sealed.windows(12).any(|w| w == b"fl_docs_held"));
        assert_eq!(open(&sealed, &[&hub]).unwrap().rows.len(), 2);
    }
}
