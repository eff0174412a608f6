//! The hub's facts cache: segments (one per import worker), compact binary
//! tables of every accepted record's facts, encrypted with age to the hub's own key.
//! A report decrypts each segment in one stream (one key exchange per
//! segment, not per record), so it is fast with nothing readable at rest.
//!
//! Segment layout, version 2 (inside the encryption), all integers
//! little-endian; "index" is a `u32` index into the string table, and the
//! empty string stands for "not recorded":
//!
//! ```text
//! "QFACTS2\n"                 magic
//! u32 n, then n strings:      u16 length, UTF-8 bytes   (the string table)
//! u32 rows, then per row:     index record_id, case_code, protocol, version
//!                             u8 band (0 immediate danger, 1 clear concern, 2 possible concern,
//!                                      3 incomplete, 4 no concern, 5 observation only)
//!                             index region, date (YYYY-MM-DD, local)
//!                             u8 referral (0 none, 1 pending, 2 accepted, 3 declined, 4 not needed)
//!                             u8 consent (0 not known, 1 statistics, 2 social services, 3 police, 4 anonymous)
//!                             index sex, age_band, citizenship, direction
//!                             u8 k, k × index positive domains
//!                             u16 m, m × index fired question ids
//!                             u8 e, e × index forms of exploitation
//!                             u8 c, c × index recruitment channels
//!                             u8 h, h × index HTCDS values (`MethodsOfControlWithholdsDocuments`)
//! ```
//!
//! Version 1 (`"QFACTS1\n"`, written before the case profile) is still
//! read: per row the same up to the date, then index age_band, index sex,
//! u8 referral, the positive domains and the fired ids. Its consent reads
//! as not known, its age bands are renamed to the profile's (`18-24` →
//! `age_18_24`), and its `unknown` (which then also meant "not asked") as
//! not recorded. The layout is frozen by `tests/golden/report/`.

use std::collections::HashMap;

use super::facts::Fact;
use crate::crypto::Opener;
use crate::engine::{Band, CaseProfile};
use crate::record::view::HeadView;
use crate::record::{Consent, ReferralStatus};

const MAGIC: &[u8; 8] = b"QFACTS2\n";
const MAGIC_V1: &[u8; 8] = b"QFACTS1\n";

/// Why a segment could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("a facts segment cannot be opened with this hub's key ({0})")]
    Open(String),
    #[error("a facts segment cannot be encrypted ({0})")]
    Seal(String),
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
    pub referral: Option<ReferralStatus>,
    /// `None`: not known (facts kept before heads carried it).
    pub consent: Option<Consent>,
    /// Profile values; the index of the empty string when not recorded.
    pub sex: u32,
    pub age_band: u32,
    pub citizenship: u32,
    pub direction: u32,
    /// Ranges in [`Segment::lists`].
    pub positive: (u32, u32),
    pub fired: (u32, u32),
    pub exploitation: (u32, u32),
    pub channel: (u32, u32),
    pub htcds: (u32, u32),
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

    /// A profile value, `None` when not recorded.
    pub fn optional(&self, index: u32) -> Option<&str> {
        Some(self.text(index)).filter(|t| !t.is_empty())
    }

    pub fn list(&self, range: (u32, u32)) -> &[u32] {
        self.lists
            .get(range.0 as usize..(range.0 + range.1) as usize)
            .unwrap_or(&[])
    }

    fn texts(&self, range: (u32, u32)) -> Vec<String> {
        self.list(range)
            .iter()
            .map(|&i| self.text(i).to_owned())
            .collect()
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

/// A band's stored code: its place in [`BAND_CODES`]. The match has no
/// default, so a new band does not compile until it has a code (it used to
/// fall back to 0, immediate danger).
fn band_code(band: Band) -> u8 {
    match band {
        Band::ImmediateDanger => 0,
        Band::ClearConcern => 1,
        Band::PossibleConcern => 2,
        Band::Incomplete => 3,
        Band::NoConcern => 4,
        Band::ObservationOnly => 5,
    }
}

const REFERRALS: [ReferralStatus; 4] = [
    ReferralStatus::Pending,
    ReferralStatus::Accepted,
    ReferralStatus::Declined,
    ReferralStatus::NotNeeded,
];

/// Consent scopes by their code (0 is "not known").
const CONSENTS: [Consent; 4] = [
    Consent::Statistics,
    Consent::SocialServices,
    Consent::Police,
    Consent::Anonymous,
];

fn code_of<T: PartialEq>(table: &[T], value: Option<T>) -> u8 {
    value
        .and_then(|v| table.iter().position(|x| *x == v))
        .map_or(0, |p| p as u8 + 1)
}

/// One record's facts, borrowed from a head or a [`Fact`] (`S` is how
/// each holds its texts).
struct RowRef<'a, S: AsRef<str>> {
    record_id: &'a str,
    case_code: &'a str,
    protocol: &'a str,
    version: &'a str,
    band: Band,
    region: &'a str,
    date: &'a str,
    referral: Option<ReferralStatus>,
    consent: Option<Consent>,
    /// Sex, age band, citizenship, direction.
    singles: [Option<&'a str>; 4],
    exploitation: &'a [S],
    channel: &'a [S],
    htcds: &'a [S],
    positive: &'a [S],
    fired: &'a [S],
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

    /// A list of at most 255 strings, with its length as a byte.
    fn put_short_list(&mut self, items: &[impl AsRef<str>]) {
        let items = &items[..items.len().min(255)];
        self.body.push(items.len() as u8);
        for item in items {
            self.put(item.as_ref());
        }
    }

    fn write<S: AsRef<str>>(&mut self, row: RowRef<'_, S>) {
        self.rows += 1;
        for s in [row.record_id, row.case_code, row.protocol, row.version] {
            self.put(s);
        }
        self.body.push(band_code(row.band));
        self.put(row.region);
        self.put(row.date);
        self.body.push(code_of(&REFERRALS, row.referral));
        self.body.push(code_of(&CONSENTS, row.consent));
        for value in row.singles {
            self.put(value.unwrap_or(""));
        }
        self.put_short_list(row.positive);
        let fired = &row.fired[..row.fired.len().min(65_535)];
        self.body
            .extend_from_slice(&(fired.len() as u16).to_le_bytes());
        for q in fired {
            self.put(q.as_ref());
        }
        self.put_short_list(row.exploitation);
        self.put_short_list(row.channel);
        self.put_short_list(row.htcds);
    }

    /// Add the facts of one record (bundle entry `index`), with the head as
    /// the import reads it in place (nothing copied but what the segment
    /// keeps).
    pub fn push(&mut self, index: usize, head: &HeadView<'_>) {
        self.indices.push(index);
        let date = head.local_date();
        let profile = &head.profile;
        self.write(RowRef {
            record_id: &head.record_id,
            case_code: &head.case_code,
            protocol: &head.protocol.id,
            version: &head.protocol.version,
            band: head.band,
            region: head.region.as_deref().unwrap_or("-"),
            date: &date,
            referral: head.referral,
            consent: head.consent,
            singles: [
                profile.sex.as_deref(),
                profile.age_band.as_deref(),
                profile.citizenship.as_deref(),
                profile.direction.as_deref(),
            ],
            exploitation: &profile.exploitation,
            channel: &profile.channel,
            htcds: &profile.htcds,
            positive: &head.positive_domains,
            fired: &head.fired,
        });
    }

    /// Add one record's facts as they are.
    pub fn push_fact(&mut self, fact: &Fact) {
        self.write(RowRef {
            record_id: &fact.record_id,
            case_code: &fact.case_code,
            protocol: &fact.protocol,
            version: &fact.version,
            band: fact.band,
            region: &fact.region,
            date: &fact.date,
            referral: fact.referral,
            consent: fact.consent,
            singles: [
                fact.profile.sex.as_deref(),
                fact.profile.age_band.as_deref(),
                fact.profile.citizenship.as_deref(),
                fact.profile.direction.as_deref(),
            ],
            exploitation: &fact.profile.exploitation,
            channel: &fact.profile.channel,
            htcds: &fact.profile.htcds,
            positive: &fact.positive_domains,
            fired: &fact.fired,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// The plaintext.
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
    let mut builder = SegmentBuilder::default();
    for fact in facts {
        builder.push_fact(fact);
    }
    builder.finish()
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    strings: usize,
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
    fn index(&mut self) -> Result<u32, CacheError> {
        let i = self.u32()?;
        if (i as usize) < self.strings {
            Ok(i)
        } else {
            Err(CacheError::Damaged("string index"))
        }
    }
    /// `n` indices appended to `lists`, as a range of it.
    fn list(&mut self, n: usize, lists: &mut Vec<u32>) -> Result<(u32, u32), CacheError> {
        let start = lists.len() as u32;
        for _ in 0..n {
            lists.push(self.index()?);
        }
        Ok((start, n as u32))
    }
    fn coded<T: Copy>(&mut self, table: &[T], what: &'static str) -> Result<Option<T>, CacheError> {
        match self.u8()? {
            0 => Ok(None),
            k => table
                .get(k as usize - 1)
                .copied()
                .map(Some)
                .ok_or(CacheError::Damaged(what)),
        }
    }
}

/// Decode a segment's plaintext (version 2, or version 1).
pub fn decode(bytes: &[u8]) -> Result<Segment, CacheError> {
    let mut r = Reader {
        bytes,
        at: 0,
        strings: 0,
    };
    let magic = r.take(MAGIC.len())?;
    let v1 = if magic == MAGIC {
        false
    } else if magic == MAGIC_V1 {
        true
    } else {
        return Err(CacheError::Damaged("magic"));
    };
    let n = r.u32()? as usize;
    let mut strings = Vec::with_capacity(n.min(1 << 20));
    for _ in 0..n {
        let len = r.u16()? as usize;
        let text = std::str::from_utf8(r.take(len)?).map_err(|_| CacheError::Damaged("text"))?;
        strings.push(text.to_owned());
    }
    r.strings = strings.len();
    let rows = r.u32()? as usize;
    let mut segment = Segment {
        rows: Vec::with_capacity(rows.min(1 << 22)),
        lists: Vec::new(),
        strings: Vec::new(),
    };
    let mut legacy = v1.then(|| Legacy::new(&strings));
    for _ in 0..rows {
        let record_id = r.index()?;
        let case_code = r.index()?;
        let protocol = r.index()?;
        let version = r.index()?;
        let band = *BAND_CODES
            .get(r.u8()? as usize)
            .ok_or(CacheError::Damaged("band"))?;
        let region = r.index()?;
        let date = r.index()?;
        let row = if let Some(legacy) = legacy.as_mut() {
            let age_band = legacy.rename(&strings, 0, r.index()?);
            let sex = legacy.rename(&strings, 1, r.index()?);
            let referral = r.coded(&REFERRALS, "referral")?;
            let k = r.u8()? as usize;
            let positive = r.list(k, &mut segment.lists)?;
            let m = r.u16()? as usize;
            let fired = r.list(m, &mut segment.lists)?;
            let none = (segment.lists.len() as u32, 0);
            Row {
                record_id,
                case_code,
                protocol,
                version,
                band,
                region,
                date,
                referral,
                consent: None,
                sex,
                age_band,
                citizenship: legacy.empty,
                direction: legacy.empty,
                positive,
                fired,
                exploitation: none,
                channel: none,
                htcds: none,
            }
        } else {
            let referral = r.coded(&REFERRALS, "referral")?;
            let consent = r.coded(&CONSENTS, "consent")?;
            let sex = r.index()?;
            let age_band = r.index()?;
            let citizenship = r.index()?;
            let direction = r.index()?;
            let k = r.u8()? as usize;
            let positive = r.list(k, &mut segment.lists)?;
            let m = r.u16()? as usize;
            let fired = r.list(m, &mut segment.lists)?;
            let e = r.u8()? as usize;
            let exploitation = r.list(e, &mut segment.lists)?;
            let c = r.u8()? as usize;
            let channel = r.list(c, &mut segment.lists)?;
            let h = r.u8()? as usize;
            let htcds = r.list(h, &mut segment.lists)?;
            Row {
                record_id,
                case_code,
                protocol,
                version,
                band,
                region,
                date,
                referral,
                consent,
                sex,
                age_band,
                citizenship,
                direction,
                positive,
                fired,
                exploitation,
                channel,
                htcds,
            }
        };
        segment.rows.push(row);
    }
    if r.at != bytes.len() {
        return Err(CacheError::Damaged("trailing bytes"));
    }
    if let Some(legacy) = legacy {
        legacy.finish(&mut strings);
    }
    segment.strings = strings;
    Ok(segment)
}

/// Reading a version 1 segment: its age bands and sexes in today's values,
/// appended to the string table (so indices stay valid).
struct Legacy {
    /// (column, old string index) → new index.
    renamed: HashMap<(u8, u32), u32>,
    /// The strings to append, and the index the first of them gets.
    added: Vec<String>,
    base: u32,
    /// The index of "" (not recorded).
    empty: u32,
}

impl Legacy {
    fn new(strings: &[String]) -> Legacy {
        let mut legacy = Legacy {
            renamed: HashMap::new(),
            added: Vec::new(),
            base: strings.len() as u32,
            empty: 0,
        };
        legacy.empty = legacy.intern(strings, "");
        legacy
    }

    fn intern(&mut self, strings: &[String], value: &str) -> u32 {
        if let Some(i) = strings.iter().position(|s| s == value) {
            return i as u32;
        }
        if let Some(i) = self.added.iter().position(|s| s == value) {
            return self.base + i as u32;
        }
        self.added.push(value.to_owned());
        self.base + self.added.len() as u32 - 1
    }

    /// The new index for the value at `index` of `column`: each distinct
    /// old value is looked up once.
    fn rename(&mut self, strings: &[String], column: u8, index: u32) -> u32 {
        if let Some(&i) = self.renamed.get(&(column, index)) {
            return i;
        }
        let old = strings.get(index as usize).map_or("", String::as_str);
        let new = match (column, old) {
            (0, "0-11") => "age_0_11",
            (0, "12-17") => "age_12_17",
            (0, "18-24") => "age_18_24",
            (0, "25-34") => "age_25_34",
            (0, "35-49") => "age_35_49",
            (0, "50+") => "age_50_plus",
            (0, "adult") => "adult",
            (0, "child") => "child",
            (1, "female") => "female",
            (1, "male") => "male",
            // `unknown` then also meant "never asked".
            _ => "",
        };
        let i = self.intern(strings, new);
        self.renamed.insert((column, index), i);
        i
    }

    fn finish(self, strings: &mut Vec<String>) {
        strings.extend(self.added);
    }
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
            .map_err(|e| CacheError::Seal(e.to_string()))?;
    let mut out = Vec::with_capacity(plaintext.len() + 256);
    let mut writer = encryptor
        .wrap_output(&mut out)
        .map_err(|e| CacheError::Seal(e.to_string()))?;
    std::io::Write::write_all(&mut writer, &plaintext)
        .map_err(|e| CacheError::Seal(e.to_string()))?;
    writer
        .finish()
        .map_err(|e| CacheError::Seal(e.to_string()))?;
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
    fn add(&mut self, index: usize, head: &HeadView<'_>) {
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

/// Decrypt and decode a segment with whichever of the hub's keys it
/// was sealed to (segments written before `hub rotate-key` open with the
/// retired key).
pub fn open(ciphertext: &[u8], openers: &[Opener]) -> Result<Segment, CacheError> {
    let plaintext = crate::crypto::seal::decrypt_bytes_any(ciphertext, openers)
        .map_err(|e| CacheError::Open(e.to_string()))?;
    decode(&plaintext)
}

impl Segment {
    /// The rows back as facts (for rewriting a segment after an erasure).
    pub fn to_facts(&self) -> Vec<Fact> {
        self.rows.iter().map(|row| self.fact(row)).collect()
    }

    /// One row as facts.
    pub fn fact(&self, row: &Row) -> Fact {
        let optional = |i: u32| self.optional(i).map(str::to_owned);
        Fact {
            record_id: self.text(row.record_id).to_owned(),
            case_code: self.text(row.case_code).to_owned(),
            protocol: self.text(row.protocol).to_owned(),
            version: self.text(row.version).to_owned(),
            band: row.band,
            region: self.text(row.region).to_owned(),
            date: self.text(row.date).to_owned(),
            referral: row.referral,
            consent: row.consent,
            profile: CaseProfile {
                sex: optional(row.sex),
                age_band: optional(row.age_band),
                citizenship: optional(row.citizenship),
                direction: optional(row.direction),
                exploitation: self.texts(row.exploitation),
                channel: self.texts(row.channel),
                htcds: self.texts(row.htcds),
            },
            positive_domains: self.texts(row.positive),
            fired: self.texts(row.fired),
        }
    }
}

/// Open segments one after another, as they are counted: memory holds one
/// segment at a time. A segment that cannot be opened stops the iteration
/// with its error in `failure`.
pub fn open_each<'a>(
    sealed: &'a [(i64, Vec<u8>)],
    openers: &'a [Opener],
    failure: &'a std::cell::RefCell<Option<CacheError>>,
) -> impl Iterator<Item = Segment> + 'a {
    sealed
        .iter()
        .map_while(move |(_, bytes)| match open(bytes, openers) {
            Ok(segment) => Some(segment),
            Err(e) => {
                *failure.borrow_mut() = Some(e);
                None
            }
        })
}

/// Open every segment, on all cores: one worker per core (never one
/// thread per segment — a hub has a segment per import, thousands after a
/// few years), each taking the next segment until none is left. A worker
/// that panics fails the whole call.
pub fn open_all(
    sealed: &[(i64, Vec<u8>)],
    openers: &[Opener],
) -> Result<Vec<(i64, Segment)>, CacheError> {
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(sealed.len())
        .max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    /// What one worker opened: each segment with its place in `sealed`.
    type Opened = Result<Vec<(usize, (i64, Segment))>, CacheError>;
    let opened: Vec<Opened> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((id, bytes)) = sealed.get(i) else {
                            return Ok(mine);
                        };
                        mine.push((i, (*id, open(bytes, openers)?)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or(Err(CacheError::Damaged("a worker stopped")))
            })
            .collect()
    });
    let mut all = Vec::with_capacity(sealed.len());
    for worker in opened {
        all.extend(worker?);
    }
    // In the order the segments were given, whichever worker opened them.
    all.sort_unstable_by_key(|(i, _)| *i);
    Ok(all.into_iter().map(|(_, segment)| segment).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stored codes of bands, referral statuses and consent scopes
    /// name every variant once, and a band's code leads back to it.
    #[test]
    fn every_band_referral_and_consent_has_one_stored_code() {
        use strum::VariantArray;
        for band in Band::VARIANTS {
            assert_eq!(BAND_CODES[usize::from(band_code(*band))], *band);
        }
        let once = |found: usize, what: &str| assert_eq!(found, 1, "{what}");
        for band in Band::VARIANTS {
            once(
                BAND_CODES.iter().filter(|b| *b == band).count(),
                band.as_str(),
            );
        }
        for status in ReferralStatus::VARIANTS {
            once(
                REFERRALS.iter().filter(|s| *s == status).count(),
                status.into(),
            );
            assert_ne!(code_of(&REFERRALS, Some(*status)), 0);
        }
        for consent in Consent::VARIANTS {
            once(
                CONSENTS.iter().filter(|c| *c == consent).count(),
                consent.into(),
            );
            assert_ne!(code_of(&CONSENTS, Some(*consent)), 0);
        }
    }

    fn fact(id: &str, band: Band) -> Fact {
        Fact {
            record_id: id.into(),
            case_code: "ABC-234".into(),
            protocol: "border-checkpoint".into(),
            version: "1.0.0".into(),
            band,
            region: "almaty_city".into(),
            date: "2026-03-04".into(),
            referral: Some(ReferralStatus::Pending),
            consent: Some(Consent::Police),
            profile: CaseProfile {
                sex: Some("female".into()),
                age_band: Some("age_18_24".into()),
                citizenship: Some("uz".into()),
                direction: None,
                exploitation: vec!["forced_labour".into(), "other".into()],
                channel: vec!["online_social".into()],
                htcds: vec!["MethodsOfControlWithholdsDocuments".into()],
            },
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
        assert_eq!(segment.optional(row.direction), None);
        assert_eq!(segment.to_facts(), facts);
        for cut in [0, 5, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..cut]).is_err());
        }
        let hub = age::x25519::Identity::generate();
        let sealed = seal(&facts, &[hub.to_public()]).unwrap();
        assert!(!sealed.windows(12).any(|w| w == b"fl_docs_held"));
        assert_eq!(open(&sealed, &[Opener::new(&hub)]).unwrap().rows.len(), 2);
    }

    #[test]
    fn open_all_opens_many_segments_in_order_and_fails_on_a_damaged_one() {
        let hub = age::x25519::Identity::generate();
        // Far more segments than cores: each is opened once, in order.
        let mut sealed: Vec<(i64, Vec<u8>)> = (0..40)
            .map(|i| {
                let facts = vec![fact(&format!("r{i}"), Band::NoConcern)];
                (i, seal(&facts, &[hub.to_public()]).unwrap())
            })
            .collect();
        let opened = open_all(&sealed, &[Opener::new(&hub)]).unwrap();
        assert_eq!(opened.len(), 40);
        for (i, (id, segment)) in opened.iter().enumerate() {
            assert_eq!(*id, i as i64);
            assert_eq!(segment.text(segment.rows[0].record_id), format!("r{i}"));
        }
        let last = sealed.len() - 1;
        let end = sealed[last].1.len() - 1;
        sealed[last].1[end] ^= 1;
        assert!(open_all(&sealed, &[Opener::new(&hub)]).is_err());
        assert!(open_all(&[], &[Opener::new(&hub)]).unwrap().is_empty());
    }
}
