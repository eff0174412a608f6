//! A screening on a device: the walk ([`Session`]) with its draft saved,
//! encrypted, after every confirmed answer, and its end as a sealed record.
//! The same path serves the terminal prompts and answers files.

use crate::catalog::{Catalog, CatalogError};
use crate::crypto::seal::Error as SealError;
use crate::crypto::{DeviceSealed, HubSealed, OpenError, SecretKeys};
use crate::engine::visibility::{gate_state, visible_questions, GateState};
use crate::engine::{case_profile, AnswerSet, Outcome, Session, SessionError, Step};
use crate::ids::{CaseCode, DraftId, RecordId};
use crate::lang::Lang;
use crate::protocol::Protocol;
use crate::record::{
    restore_answers, store_answers, Consent, DraftState, ProtocolRef, Record, Referral,
    RestoreError, RECORD_FORMAT,
};
use crate::setup::DeviceSetup;
use crate::store::{DraftLock, DraftRow, Store, StoreError};
use crate::time::Timestamp;

/// Problems running a screening; the draft keeps every confirmed answer.
#[derive(Debug, thiserror::Error)]
pub enum ScreeningError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Session(#[from] SessionError),
    #[error("cannot encrypt: {0}; nothing was saved")]
    Seal(#[from] SealError),
    #[error("draft {draft} cannot be opened ({detail}): the passphrase opens this device's keys, but the draft is damaged or from another device")]
    Open { draft: DraftId, detail: String },
    #[error("draft {draft} was started with {protocol}, which this qorgau does not have: install the qorgau that has it, or discard the draft")]
    ProtocolMissing { draft: DraftId, protocol: String },
    #[error("draft {draft} was started with a different file of {protocol} (its SHA-256 differs): a changed protocol needs a new version; discard the draft or use the original file")]
    ProtocolChanged { draft: DraftId, protocol: String },
    #[error("draft {draft} no longer fits its protocol: {source}")]
    Restore {
        draft: DraftId,
        #[source]
        source: RestoreError,
    },
    #[error("there is no draft `{id}`")]
    NoDraft { id: String },
    #[error("`{id}` fits several drafts ({}): type more of the id", .ids.iter().map(DraftId::as_str).collect::<Vec<_>>().join(", "))]
    AmbiguousDraft { id: String, ids: Vec<DraftId> },
}

/// A draft as the drafts list shows it, worked out from its encrypted
/// state (nothing of it is kept in plaintext).
#[derive(Debug, serde::Serialize)]
pub struct DraftOverview {
    pub id: DraftId,
    /// `id@version`.
    pub protocol: String,
    pub started_at: Timestamp,
    pub updated_at: Timestamp,
    /// The current question's position among the visible ones.
    pub position: usize,
    pub total: usize,
    /// Visible questions answered.
    pub answered: usize,
    /// A red flag fired.
    pub red_flag: bool,
    /// Why the draft cannot be opened, if it cannot.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "problem_text"
    )]
    pub problem: Option<ScreeningError>,
}

impl DraftOverview {
    /// The protocol's id, without its version (what the lists show).
    pub fn protocol_id(&self) -> &str {
        self.protocol.split('@').next().unwrap_or(&self.protocol)
    }
}

fn problem_text<S: serde::Serializer>(
    problem: &Option<ScreeningError>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_str(
        &problem
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
    )
}

/// Every draft on this device, red flags first, then the most recently
/// touched. A draft that cannot be opened is listed with why; it never
/// hides the others.
pub fn draft_overviews(
    store: &Store,
    setup: &DeviceSetup,
    keys: &SecretKeys,
    catalog: &Catalog,
) -> Result<Vec<DraftOverview>, ScreeningError> {
    let mut lines = Vec::new();
    for row in store.drafts()? {
        let mut line = DraftOverview {
            protocol: crate::protocol::reference(&row.protocol_id, &row.protocol_version),
            id: row.id,
            started_at: row.started_at,
            updated_at: row.updated_at,
            position: 0,
            total: 0,
            answered: 0,
            red_flag: false,
            problem: None,
        };
        match Screening::resume(store, setup, keys, catalog, &line.id) {
            Ok(screening) => {
                let session = screening.session();
                let progress = session.progress();
                let visible = visible_questions(session.protocol(), session.answers());
                line.position = progress.position;
                line.total = progress.total;
                line.answered = session
                    .answers()
                    .iter()
                    .filter(|(index, _)| visible[*index])
                    .count();
                line.red_flag = !session.outcome().red_flags.is_empty();
            }
            Err(problem) => line.problem = Some(problem),
        }
        lines.push(line);
    }
    lines.sort_by(|a, b| {
        b.red_flag
            .cmp(&a.red_flag)
            .then_with(|| b.updated_at.cmp(&a.updated_at))
    });
    Ok(lines)
}

/// The draft among `rows` (the store's drafts) that an id, or an
/// unambiguous start of one, names: in any case, with or without the
/// hyphen, as a worker types it from the list.
pub fn find_draft(rows: &[DraftRow], wanted: &str) -> Result<DraftRow, ScreeningError> {
    let normalized = |id: &str| -> String {
        id.chars()
            .filter(|c| !matches!(c, '-' | ' '))
            .flat_map(char::to_uppercase)
            .collect()
    };
    if let Some(row) = rows.iter().find(|r| r.id == wanted) {
        return Ok(row.clone());
    }
    let key = normalized(wanted);
    let mut matching: Vec<DraftRow> = rows
        .iter()
        .filter(|r| !key.is_empty() && normalized(r.id.as_str()).starts_with(&key))
        .cloned()
        .collect();
    match matching.len() {
        1 => Ok(matching.remove(0)),
        0 => Err(ScreeningError::NoDraft {
            id: wanted.to_owned(),
        }),
        _ => Err(ScreeningError::AmbiguousDraft {
            id: wanted.to_owned(),
            ids: matching.into_iter().map(|r| r.id).collect(),
        }),
    }
}

/// A finished screening, as the worker sees it.
#[derive(Debug, Clone)]
pub struct Finished {
    pub record_id: RecordId,
    pub case_code: CaseCode,
    pub outcome: Outcome,
}

/// A screening in progress.
#[derive(Debug)]
pub struct Screening<'p> {
    session: Session<'p>,
    setup: DeviceSetup,
    draft_id: DraftId,
    started_at: Timestamp,
    lang: Lang,
    consent: Option<Consent>,
    /// Held while the screening is open: one draft, one window.
    _lock: DraftLock,
}

impl<'p> Screening<'p> {
    /// Start a screening and save its (empty) draft.
    pub fn start(
        store: &mut Store,
        setup: &DeviceSetup,
        protocol: &'p Protocol,
        lang: Lang,
        now: Timestamp,
    ) -> Result<Self, ScreeningError> {
        let draft_id = DraftId::new();
        let screening = Screening {
            session: Session::new(protocol),
            setup: setup.clone(),
            _lock: store.lock_draft(&draft_id)?,
            draft_id,
            started_at: now,
            lang,
            consent: None,
        };
        store.insert_draft(&DraftRow {
            id: screening.draft_id.clone(),
            protocol_id: protocol.id.clone(),
            protocol_version: protocol.version.to_string(),
            started_at: now,
            updated_at: now,
            payload: screening.sealed_state()?,
        })?;
        Ok(screening)
    }

    /// Continue a saved draft; its protocol must be the exact file it began with.
    pub fn resume(
        store: &Store,
        setup: &DeviceSetup,
        keys: &SecretKeys,
        catalog: &'p Catalog,
        draft_id: &DraftId,
    ) -> Result<Self, ScreeningError> {
        let row = store.draft(draft_id)?;
        let lock = store.lock_draft(draft_id)?;
        let state =
            row.payload
                .open(&keys.identity)
                .map_err(|e: OpenError| ScreeningError::Open {
                    draft: draft_id.clone(),
                    detail: e.to_string(),
                })?;
        if state.format != RECORD_FORMAT {
            return Err(ScreeningError::Open {
                draft: draft_id.clone(),
                detail: format!(
                    "draft format {} is not supported; this qorgau reads format {RECORD_FORMAT}",
                    state.format
                ),
            });
        }
        let reference = crate::protocol::reference(&state.protocol.id, &state.protocol.version);
        let file = catalog.find(&reference).map_err(|_: CatalogError| {
            ScreeningError::ProtocolMissing {
                draft: draft_id.clone(),
                protocol: reference.clone(),
            }
        })?;
        let protocol = &file.protocol;
        if protocol.sha256 != state.protocol.sha256 {
            return Err(ScreeningError::ProtocolChanged {
                draft: draft_id.clone(),
                protocol: reference,
            });
        }
        let answers = restore_answers(protocol, &state.answers).map_err(|source| {
            ScreeningError::Restore {
                draft: draft_id.clone(),
                source,
            }
        })?;
        let index_of = |id: &String| protocol.question_by_id(id).map(|(i, _)| i);
        let history = state.history.iter().filter_map(index_of).collect();
        let current = state.current.as_ref().and_then(index_of);
        Ok(Screening {
            session: Session::restore(protocol, answers, history, current),
            setup: setup.clone(),
            draft_id: draft_id.clone(),
            started_at: state.started_at,
            lang: state.lang,
            consent: state.consent,
            _lock: lock,
        })
    }

    pub fn session(&self) -> &Session<'p> {
        &self.session
    }

    /// An answers file given to a resumed screening: the answers already in
    /// the draft stand (the worker confirmed them), the file fills in the
    /// rest. A file never overwrites what was answered before the crash.
    pub fn fill_in(&self, from_file: &AnswerSet) -> AnswerSet {
        let mut merged = AnswerSet::for_protocol(self.session.protocol());
        for (index, answer) in from_file.iter().chain(self.session.answers().iter()) {
            merged.set(index, Some(answer.clone()));
        }
        merged
    }

    /// The short fingerprint of the coordinator's card this screening is
    /// sealed for, to compare by phone with the coordinator's own.
    pub fn hub_fingerprint(&self) -> String {
        self.setup.hub_fingerprint().to_string()
    }

    pub fn draft_id(&self) -> &DraftId {
        &self.draft_id
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn consent(&self) -> Option<Consent> {
        self.consent
    }

    fn state(&self) -> DraftState {
        let protocol = self.session.protocol();
        DraftState {
            format: RECORD_FORMAT,
            draft_id: self.draft_id.clone(),
            protocol: ProtocolRef::of(protocol),
            lang: self.lang,
            started_at: self.started_at,
            consent: self.consent,
            answers: store_answers(protocol, self.session.answers()),
            history: self
                .session
                .history()
                .iter()
                .map(|&q| protocol.questions[q].id.clone())
                .collect(),
            current: self.session.current().map(|(_, q)| q.id.clone()),
        }
    }

    fn sealed_state(&self) -> Result<DeviceSealed<DraftState>, ScreeningError> {
        Ok(DeviceSealed::seal(
            &self.state(),
            std::slice::from_ref(&self.setup.card.recipient),
        )?)
    }

    /// Apply a change and save the draft; if saving fails, the change is undone,
    /// so what the worker saw confirmed is exactly what is stored.
    fn change(
        &mut self,
        store: &mut Store,
        now: Timestamp,
        apply: impl FnOnce(&mut Self) -> Result<(), ScreeningError>,
    ) -> Result<(), ScreeningError> {
        let before = (self.session.clone(), self.consent);
        let result = apply(self).and_then(|()| {
            let payload = self.sealed_state()?;
            store.save_draft(&self.draft_id, now, &payload)?;
            Ok(())
        });
        if result.is_err() {
            (self.session, self.consent) = before;
        }
        result
    }

    /// Answer or skip the current question; saved before this returns.
    pub fn step(
        &mut self,
        store: &mut Store,
        step: Step,
        now: Timestamp,
    ) -> Result<(), ScreeningError> {
        self.change(store, now, |s| Ok(s.session.step(step)?))
    }

    /// Back to the previous question; returns false at the first one.
    pub fn back(&mut self, store: &mut Store, now: Timestamp) -> Result<bool, ScreeningError> {
        let mut moved = false;
        self.change(store, now, |s| {
            moved = s.session.back();
            Ok(())
        })?;
        Ok(moved)
    }

    /// Jump to a visible question to change its answer.
    pub fn go_to(
        &mut self,
        store: &mut Store,
        question: usize,
        now: Timestamp,
    ) -> Result<bool, ScreeningError> {
        let mut moved = false;
        self.change(store, now, |s| {
            moved = s.session.go_to(question);
            Ok(())
        })?;
        Ok(moved)
    }

    /// Leave every question behind, to the review (after a change from it).
    pub fn go_to_end(&mut self, store: &mut Store, now: Timestamp) -> Result<(), ScreeningError> {
        self.change(store, now, |s| {
            s.session.go_to_end();
            Ok(())
        })
    }

    /// Record (or withdraw) the consent scope.
    pub fn set_consent(
        &mut self,
        store: &mut Store,
        consent: Option<Consent>,
        now: Timestamp,
    ) -> Result<(), ScreeningError> {
        self.change(store, now, |s| {
            s.consent = consent;
            Ok(())
        })
    }

    /// Whether the person can be asked: the safety gate (if the protocol has
    /// one) is shown and answered "yes". With no gate, always.
    pub fn safe_to_talk(&self) -> bool {
        let protocol = self.session.protocol();
        let answers = self.session.answers();
        let visible = visible_questions(protocol, answers);
        matches!(
            gate_state(protocol, &visible, answers),
            GateState::NoGate | GateState::Open
        )
    }

    /// The consent to record: what was given while it was safe to talk,
    /// otherwise anonymous.
    pub fn effective_consent(&self) -> Consent {
        match self.consent {
            Some(consent) if self.safe_to_talk() => consent,
            _ => Consent::Anonymous,
        }
    }

    /// End the screening: seal the record to the hub, keep a summary for the
    /// worker, and remove the draft — all in one transaction.
    pub fn finish(
        self,
        store: &mut Store,
        referral: Option<Referral>,
        now: Timestamp,
    ) -> Result<Finished, ScreeningError> {
        let protocol = self.session.protocol();
        let outcome = self.session.outcome();
        // Keep only what was asked: answers to questions that a changed answer
        // later hid are not part of the record (minimum data).
        let visible = visible_questions(protocol, self.session.answers());
        let mut kept = AnswerSet::for_protocol(protocol);
        for (index, answer) in self.session.answers().iter() {
            if visible[index] {
                kept.set(index, Some(answer.clone()));
            }
        }
        let record = Record {
            format: RECORD_FORMAT,
            record_id: RecordId::new(),
            case_code: CaseCode::new(),
            device_id: self.setup.card.device_id.clone(),
            region: self.setup.card.region.clone(),
            protocol: ProtocolRef::of(protocol),
            lang: self.lang,
            started_at: self.started_at,
            finished_at: now,
            consent: self.effective_consent(),
            referral,
            answers: store_answers(protocol, &kept),
            outcome: outcome.clone(),
            utc_offset_minutes: Some(now.local_offset_minutes()),
            // From the protocol version the answers were given against, so
            // the hub counts it without needing that protocol.
            profile: case_profile(protocol, &kept),
        };
        let sealed = HubSealed::seal(&record, &self.setup.hub.recipients)?;
        let summary = DeviceSealed::seal(
            &record.summary(),
            std::slice::from_ref(&self.setup.card.recipient),
        )?;
        store.finish_draft(&self.draft_id, &record.meta(), &sealed, &summary)?;
        Ok(Finished {
            record_id: record.record_id,
            case_code: record.case_code,
            outcome,
        })
    }
}
