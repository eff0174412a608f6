//! Synthetic data for tests and benchmarks: random but valid answer sets for
//! the shipped protocols, sealed into real records. Never real people.

use strum::VariantArray;

use crate::crypto::seal::Error as SealError;
use crate::crypto::{DeviceSealed, HubSealed};
use crate::engine::answer::validate_answer;
use crate::engine::{case_profile, score, AnswerInput, AnswerSet};
use crate::ids::{CaseCode, RecordId};
use crate::lang::Lang;
use crate::protocol::{Kind, Protocol};
use crate::record::{store_answers, Consent, ProtocolRef, Record, RECORD_FORMAT};
use crate::setup::DeviceSetup;
use crate::time::Timestamp;

/// A small deterministic generator (xorshift64), so a seed repeats a run.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }
}

/// A random answer set: most questions answered, some skipped, unsure or declined.
pub fn random_answers(protocol: &Protocol, rng: &mut Rng) -> AnswerSet {
    let mut answers = AnswerSet::for_protocol(protocol);
    for (index, question) in protocol.questions.iter().enumerate() {
        let roll = rng.below(100);
        let input = match question.kind {
            _ if roll < 5 => None,
            Kind::YesNo | Kind::Observation => Some(AnswerInput::Text(
                match roll {
                    5..=24 => "yes",
                    25..=94 => "no",
                    _ => "unsure",
                }
                .to_owned(),
            )),
            Kind::Single => {
                let pick = rng.below(question.options.len() as u64) as usize;
                Some(AnswerInput::Text(question.options[pick].id.clone()))
            }
            Kind::Multi => Some(AnswerInput::List(
                question
                    .options
                    .iter()
                    .filter(|_| rng.below(4) == 0)
                    .map(|o| o.id.clone())
                    .collect(),
            )),
            Kind::Number => {
                let min = question.min.unwrap_or(0.0);
                let max = question.max.unwrap_or(min + 80.0);
                Some(AnswerInput::Number(
                    (min + rng.below((max - min).max(1.0) as u64 + 1) as f64).min(max),
                ))
            }
            Kind::Date => Some(AnswerInput::Text(format!(
                "2026-{:02}-{:02}",
                1 + rng.below(12),
                1 + rng.below(28)
            ))),
            Kind::Text => None,
        };
        if let Some(input) = input {
            if let Ok(answer) = validate_answer(question, input) {
                answers.set(index, Some(answer));
            }
        }
    }
    answers
}

/// One synthetic finished record for this device, sealed as a real one is.
pub fn synthetic_record(
    protocol: &Protocol,
    setup: &DeviceSetup,
    rng: &mut Rng,
    finished_at: Timestamp,
) -> Result<
    (
        Record,
        HubSealed<Record>,
        DeviceSealed<crate::record::Summary>,
    ),
    SealError,
> {
    let answers = random_answers(protocol, rng);
    let outcome = score(protocol, &answers);
    let record = Record {
        format: RECORD_FORMAT,
        record_id: RecordId::new(),
        case_code: CaseCode::new(),
        device_id: setup.card.device_id.clone(),
        region: setup.card.region.clone(),
        protocol: ProtocolRef::of(protocol),
        lang: [Lang::Ru, Lang::Kk, Lang::En][rng.below(3) as usize],
        started_at: finished_at,
        finished_at,
        consent: Consent::VARIANTS[rng.below(4) as usize],
        referral: None,
        answers: store_answers(protocol, &answers),
        outcome,
        utc_offset_minutes: None,
        // From the protocol's profile questions, as a device derives it.
        profile: case_profile(protocol, &answers),
    };
    let sealed = HubSealed::seal(&record, &setup.hub.recipients)?;
    let summary = DeviceSealed::seal(
        &record.summary(),
        std::slice::from_ref(&setup.card.recipient),
    )?;
    Ok((record, sealed, summary))
}
