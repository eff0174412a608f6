//! Localized text for people: titles and labels, answers, value errors,
//! results and next steps. Strings and screen blocks only, no terminal I/O;
//! the binary prints them and the walk shows them.
//!
//! Every message id used here is a literal, in a fixed list or an exhaustive
//! `match`, so `tests/i18n.rs` can check that every catalogue has it.

use crate::engine::answer::AnswerError;
use crate::engine::scoring::DomainResult;
use crate::engine::{Answer, AnswerSet, Band, DomainStatus, Outcome};
use crate::i18n::{Arg, Messages};
use crate::lang::{Lang, Text};
use crate::prompt::{Block, Page};
use crate::protocol::{Kind, Protocol, Question};
use crate::record::{Consent, ReferralStatus};
use crate::referral::{Contact, Directory};

/// A protocol text in the chosen language, marked with the language it fell
/// back to when the chosen one is missing.
pub fn localized(text: &Text, lang: Lang, messages: &Messages) -> String {
    let picked = text.get(lang);
    match picked.fallback {
        Some(used) => format!(
            "{} {}",
            messages.format("text-missing-mark", &[("lang", Arg::Str(used.code()))]),
            picked.text
        ),
        None => picked.text.to_owned(),
    }
}

/// The title shown on screen during a walk, where others may see it: the
/// protocol's neutral walk title, else a generic neutral one — never the
/// descriptive title, which names trafficking.
pub fn walk_title(protocol: &Protocol, lang: Lang, messages: &Messages) -> String {
    match protocol.walk_title() {
        Some(title) => localized(title, lang, messages),
        None => messages.get("walk-title-generic"),
    }
}

/// Domain ids of the shipped protocols and their labels in the catalogue.
/// Unknown ids (a user's own protocol) are shown as they are written.
pub const DOMAIN_LABELS: &[(&str, &str)] = &[
    ("deceptive_recruitment", "domain-deceptive_recruitment"),
    ("coercive_recruitment", "domain-coercive_recruitment"),
    (
        "vulnerability_recruitment",
        "domain-vulnerability_recruitment",
    ),
    ("exploitation", "domain-exploitation"),
    ("coercion_at_destination", "domain-coercion_at_destination"),
    (
        "vulnerability_at_destination",
        "domain-vulnerability_at_destination",
    ),
    ("adult_screen", "domain-adult_screen"),
    ("child_screen", "domain-child_screen"),
    ("clinical_signs", "domain-clinical_signs"),
    ("control", "domain-control"),
    ("safety", "domain-safety"),
    ("birth_registration", "domain-birth_registration"),
    ("documents_identity", "domain-documents_identity"),
    ("infant_condition", "domain-infant_condition"),
    ("intentions_for_baby", "domain-intentions_for_baby"),
    ("mother_vulnerability", "domain-mother_vulnerability"),
    ("third_parties_payments", "domain-third_parties_payments"),
    ("attendance", "domain-attendance"),
    ("control_movement", "domain-control_movement"),
    ("health_injuries", "domain-health_injuries"),
    ("labour", "domain-labour"),
    ("money_possessions", "domain-money_possessions"),
    ("qyit", "domain-qyit"),
    ("relationships_online", "domain-relationships_online"),
];

/// Short-screen ids of the shipped protocols and their labels.
pub const SCREEN_LABELS: &[(&str, &str)] = &[
    ("sscst", "screen-sscst"),
    ("adult_short_screen", "screen-adult_short_screen"),
    ("core", "screen-core"),
    ("observed", "screen-observed"),
    ("qyit", "screen-qyit"),
];

/// Audience ids of the shipped protocols and their labels.
pub const AUDIENCE_LABELS: &[(&str, &str)] = &[
    ("border_guard", "audience-border_guard"),
    ("doctor", "audience-doctor"),
    ("nurse", "audience-nurse"),
    ("patronage_nurse", "audience-patronage_nurse"),
    ("teacher", "audience-teacher"),
    ("school_psychologist", "audience-school_psychologist"),
    ("social_pedagogue", "audience-social_pedagogue"),
];

fn label_from(table: &[(&str, &str)], id: &str, messages: &Messages) -> String {
    table
        .iter()
        .find(|(known, _)| *known == id)
        .map_or_else(|| id.to_owned(), |(_, message)| messages.get(message))
}

/// A domain (area) in words. The one place that decides where domain labels
/// come from: the protocol's own label (schema 2), else the catalogue's for
/// the shipped schema 1 protocols, else the id.
pub fn domain_label(protocol: &Protocol, id: &str, lang: Lang, messages: &Messages) -> String {
    match protocol
        .domains
        .iter()
        .find(|d| d.id == id)
        .and_then(|d| d.label.as_ref())
    {
        Some(label) => localized(label, lang, messages),
        None => label_from(DOMAIN_LABELS, id, messages),
    }
}

/// A short screen in words (see [`domain_label`]).
pub fn screen_label(protocol: &Protocol, id: &str, lang: Lang, messages: &Messages) -> String {
    match protocol.screen(id).and_then(|s| s.label.as_ref()) {
        Some(label) => localized(label, lang, messages),
        None => label_from(SCREEN_LABELS, id, messages),
    }
}

/// Why the interview did not happen, for a closed safety gate: the gate
/// option the worker chose (schema 2 gates name their reasons), else one of
/// the general reasons.
pub fn observation_reason(
    protocol: &Protocol,
    reason: &str,
    lang: Lang,
    messages: &Messages,
) -> String {
    let option = protocol.safety_gate.and_then(|gate| {
        protocol.questions[gate]
            .options
            .iter()
            .find(|o| o.id == reason)
    });
    match option {
        Some(option) => localized(&option.text, lang, messages),
        None => label_from(GATE_REASONS, reason, messages),
    }
}

/// The general reasons a safety gate stays closed.
pub const GATE_REASONS: &[(&str, &str)] = &[
    ("no", "gate-reason-no"),
    ("unsure", "gate-reason-unsure"),
    ("declined", "gate-reason-declined"),
    ("skipped", "gate-reason-skipped"),
];

/// An audience id in words.
pub fn audience_label(id: &str, messages: &Messages) -> String {
    label_from(AUDIENCE_LABELS, id, messages)
}

/// The label of a question in a list (the review, a record): its text for
/// now; a protocol's short label once protocols have them.
pub fn question_label(question: &Question, lang: Lang, messages: &Messages) -> String {
    localized(&question.text, lang, messages)
}

/// The band in words that flag, never identify.
pub fn band_words(band: Band, messages: &Messages) -> String {
    messages.get(band_message_ids(band).0)
}

/// The headline of a result: the band in words, except that a "no concern"
/// with items below the threshold never reads as "no indicators found".
pub fn headline(outcome: &Outcome, messages: &Messages) -> String {
    if outcome.band == Band::NoConcern && outcome.rule == "below_threshold" {
        messages.get("band-no_concern-below_threshold")
    } else {
        band_words(outcome.band, messages)
    }
}

/// The band in a few words, for listings and reports.
pub fn band_short(band: Band, messages: &Messages) -> String {
    messages.get(band_message_ids(band).1)
}

/// Every band's message ids, headline and short: one exhaustive list, so a
/// new band cannot be added without its words.
pub fn band_message_ids(band: Band) -> (&'static str, &'static str) {
    match band {
        Band::ImmediateDanger => ("band-immediate_danger", "band-short-immediate_danger"),
        Band::ClearConcern => ("band-clear_concern", "band-short-clear_concern"),
        Band::PossibleConcern => ("band-possible_concern", "band-short-possible_concern"),
        Band::ObservationOnly => ("band-observation_only", "band-short-observation_only"),
        Band::Incomplete => ("band-incomplete", "band-short-incomplete"),
        Band::NoConcern => ("band-no_concern", "band-short-no_concern"),
    }
}

/// Every rule id the scoring names, with its words (`screen:<id>` aside).
pub const RULE_MESSAGES: &[(&str, &str)] = &[
    ("red_flag", "rule-red_flag"),
    ("delphi_adult", "rule-delphi_adult"),
    ("delphi_child", "rule-delphi_child"),
    ("partial_domain", "rule-partial_domain"),
    ("incomplete", "rule-incomplete"),
    ("no_indicators", "rule-no_indicators"),
    ("observation_only", "rule-observation_only"),
    ("below_threshold", "rule-below_threshold"),
];

/// Which rule decided, in words.
pub fn rule_words(protocol: &Protocol, rule: &str, lang: Lang, messages: &Messages) -> String {
    match rule.strip_prefix("screen:") {
        Some(screen) => messages.format(
            "rule-screen",
            &[(
                "screen",
                Arg::Str(&screen_label(protocol, screen, lang, messages)),
            )],
        ),
        None => label_from(RULE_MESSAGES, rule, messages),
    }
}

/// A domain's finding in words: "not asked" and "no answers" are never
/// shown as "none found".
pub fn domain_status_words(domain: &DomainResult, messages: &Messages) -> String {
    match domain.status {
        DomainStatus::Positive => messages.get("status-positive"),
        DomainStatus::Partial => messages.get("status-partial"),
        DomainStatus::Negative if domain.asked == 0 => messages.get("status-not-asked"),
        DomainStatus::Negative if domain.missing >= domain.asked => {
            messages.get("status-no-answers")
        }
        DomainStatus::Negative if domain.missing > 0 => messages.format(
            "status-negative-some-missing",
            &[
                ("missing", Arg::Num(i64::from(domain.missing))),
                ("asked", Arg::Num(i64::from(domain.asked))),
            ],
        ),
        DomainStatus::Negative => messages.get("status-negative"),
    }
}

/// What the person agreed to, in words.
pub fn consent_words(consent: Consent, messages: &Messages) -> String {
    messages.get(match consent {
        Consent::Statistics => "consent-statistics",
        Consent::SocialServices => "consent-social_services",
        Consent::Police => "consent-police",
        Consent::Anonymous => "consent-anonymous",
    })
}

/// A referral status in words (what the person decides).
pub fn referral_words(status: ReferralStatus, messages: &Messages) -> String {
    messages.get(match status {
        ReferralStatus::Accepted => "referral-accepted",
        ReferralStatus::Declined => "referral-declined",
        ReferralStatus::Pending => "referral-pending",
        ReferralStatus::NotNeeded => "referral-not_needed",
    })
}

/// An answer as the worker would say it.
pub fn answer_label(
    question: &Question,
    answer: Option<&Answer>,
    lang: Lang,
    messages: &Messages,
) -> String {
    let observation = question.kind == Kind::Observation;
    match answer {
        None => messages.get("answer-skipped"),
        Some(Answer::Yes) if observation => messages.get("observed-yes"),
        Some(Answer::No) if observation => messages.get("observed-no"),
        Some(Answer::Unsure) if observation => messages.get("observed-unsure"),
        Some(Answer::Yes) => messages.get("answer-yes"),
        Some(Answer::No) => messages.get("answer-no"),
        Some(Answer::Unsure) => messages.get("answer-unsure"),
        Some(Answer::Declined) => messages.get("answer-declined"),
        Some(Answer::Choice(i)) => question
            .options
            .get(*i)
            .map_or_else(String::new, |o| localized(&o.text, lang, messages)),
        Some(Answer::Choices(mask)) => {
            let chosen: Vec<String> = question
                .options
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1u64 << i) != 0)
                .map(|(_, o)| localized(&o.text, lang, messages))
                .collect();
            if chosen.is_empty() {
                messages.get("answer-none-of-these")
            } else {
                chosen.join("; ")
            }
        }
        Some(Answer::Number(n)) => n.to_string(),
        Some(Answer::Date(d)) => d.format("%Y-%m-%d").to_string(),
        Some(Answer::Text(t)) => t.clone(),
    }
}

fn number(value: f64) -> String {
    value.to_string()
}

/// Why a typed answer does not fit, in the worker's language (from the
/// typed error, not its English text).
pub fn answer_error(question: &Question, error: &AnswerError, messages: &Messages) -> String {
    let range = || match (question.min, question.max) {
        (Some(min), Some(max)) => messages.format(
            "answer-range-between",
            &[
                ("min", Arg::Str(&number(min))),
                ("max", Arg::Str(&number(max))),
            ],
        ),
        (Some(min), None) => {
            messages.format("answer-range-at-least", &[("min", Arg::Str(&number(min)))])
        }
        (None, Some(max)) => {
            messages.format("answer-range-at-most", &[("max", Arg::Str(&number(max)))])
        }
        (None, None) => String::new(),
    };
    match error {
        AnswerError::NotNumber { value, .. } => messages.format(
            "answer-error-not-number",
            &[("value", Arg::Str(value)), ("range", Arg::Str(&range()))],
        ),
        AnswerError::OutOfRange { value, .. } => messages.format(
            "answer-error-out-of-range",
            &[
                ("value", Arg::Str(&number(*value))),
                ("range", Arg::Str(&range())),
            ],
        ),
        AnswerError::NotDate { value, .. } => {
            messages.format("answer-error-not-date", &[("value", Arg::Str(value))])
        }
        AnswerError::TextTooLong { chars, .. } => messages.format(
            "answer-error-too-long",
            &[
                ("chars", Arg::Num(*chars as i64)),
                (
                    "max",
                    Arg::Num(crate::engine::answer::MAX_TEXT_CHARS as i64),
                ),
            ],
        ),
        AnswerError::NotYesNo { .. }
        | AnswerError::NotObservation { .. }
        | AnswerError::UnknownOption { .. }
        | AnswerError::OneOptionOnly { .. }
        | AnswerError::RepeatedOption { .. }
        | AnswerError::NotText { .. }
        | AnswerError::NotOffered { .. } => messages.get("answer-error-choose"),
    }
}

/// One contact as a list item: its number (or how to reach it), name, when
/// to call, and what is known of it (hours, a number from abroad, whether
/// the number was checked).
pub fn contact_item(contact: &Contact, lang: Lang, messages: &Messages) -> Block {
    let name = localized(&contact.name, lang, messages);
    let mut text = match (&contact.phone, &contact.how) {
        (Some(_), _) | (None, None) => name,
        (None, Some(how)) => format!("{name} ({})", localized(how, lang, messages)),
    };
    text.push_str(": ");
    text.push_str(&localized(&contact.when, lang, messages));
    if let Some(hours) = &contact.hours {
        let hours = localized(hours, lang, messages);
        text.push_str("; ");
        text.push_str(&messages.format("contact-hours", &[("hours", Arg::Str(&hours))]));
    }
    if let Some(number) = &contact.phone_intl {
        text.push_str("; ");
        text.push_str(&messages.format("contact-intl", &[("number", Arg::Str(number))]));
    }
    if contact.phone.is_some() && contact.verified.is_none() {
        text.push_str(&format!(" ({})", messages.get("contact-not-verified")));
    }
    Block::Item {
        marker: contact.phone.clone().unwrap_or_else(|| "-".to_owned()),
        text,
    }
}

/// What to do next and whom to call after this screening: the directory's
/// steps for its protocol, band and answers, the numbers in order, then the
/// device region's contacts — or a line saying there are none.
pub fn next_steps_blocks(
    directory: &Directory,
    protocol: &Protocol,
    band: Band,
    answers: &AnswerSet,
    region: Option<&str>,
    lang: Lang,
    messages: &Messages,
) -> Vec<Block> {
    let mut blocks = Vec::new();
    let Some(next) = directory.next_steps_for(protocol, band, answers) else {
        return blocks;
    };
    let heading = match next.tier {
        Some(tier) => messages.format(
            "next-steps-tier",
            &[("tier", Arg::Str(&localized(tier, lang, messages)))],
        ),
        None => messages.get("next-steps"),
    };
    blocks.push(Block::Strong(heading));
    for (i, step) in next.steps.iter().enumerate() {
        blocks.push(Block::Item {
            marker: format!("{}.", i + 1),
            text: localized(step, lang, messages),
        });
    }
    if !next.call.is_empty() {
        blocks.push(Block::Strong(messages.get("next-call")));
        for id in next.call {
            if let Some(contact) = directory.contact(id, region) {
                blocks.push(contact_item(contact, lang, messages));
            }
        }
    }
    match region.and_then(|r| directory.region(r)) {
        Some(region) if !region.contacts.is_empty() => {
            blocks.push(Block::Strong(localized(&region.name, lang, messages)));
            for contact in region
                .contacts
                .iter()
                .filter(|c| !next.call.contains(&c.id))
            {
                blocks.push(contact_item(contact, lang, messages));
            }
        }
        _ => blocks.push(Block::Quiet(messages.get("next-regional-none"))),
    }
    blocks
}

fn question_list(
    protocol: &Protocol,
    answers: &AnswerSet,
    ids: &[String],
    title: &str,
    lang: Lang,
    messages: &Messages,
    blocks: &mut Vec<Block>,
) {
    if ids.is_empty() {
        return;
    }
    blocks.push(Block::Gap);
    blocks.push(Block::Strong(messages.get(title)));
    for id in ids {
        if let Some((index, q)) = protocol.question_by_id(id) {
            // The wording the worker saw, and for a choice the answer that
            // made it count ("travels alone"), not only the question.
            let mut text = localized(
                crate::engine::visibility::question_text(protocol, index, answers),
                lang,
                messages,
            );
            if matches!(q.kind, Kind::Single | Kind::Multi) && title != "result-missing" {
                if let Some(answer) = answers.get(index) {
                    text = format!("{text} — {}", answer_label(q, Some(answer), lang, messages));
                }
            }
            blocks.push(Block::Item {
                marker: "-".to_owned(),
                text,
            });
            // How a fired item departs from its source, where it does.
            if let (Some(deviation), "result-fired") = (&q.deviation, title) {
                let note = localized(deviation, lang, messages);
                blocks.push(Block::Item {
                    marker: " ".to_owned(),
                    text: messages.format("result-deviation", &[("note", Arg::Str(&note))]),
                });
            }
        }
    }
}

/// The result in pages: what it is and what to do now first; then why
/// (areas, indicators, what is missing); then the sources.
#[allow(clippy::too_many_arguments)]
pub fn result_pages(
    protocol: &Protocol,
    outcome: &Outcome,
    directory: &Directory,
    answers: &AnswerSet,
    region: Option<&str>,
    lang: Lang,
    messages: &Messages,
) -> Vec<Page> {
    let mut now = vec![Block::Strong(headline(outcome, messages))];
    if let Some(reason) = &outcome.observation_only {
        let reason = observation_reason(protocol, reason, lang, messages);
        now.push(Block::Text(messages.format(
            "result-observation-only",
            &[("reason", Arg::Str(&reason))],
        )));
    }
    now.push(Block::Text(messages.format(
        "result-why",
        &[(
            "rule",
            Arg::Str(&rule_words(protocol, &outcome.rule, lang, messages)),
        )],
    )));
    // A rule of Qorgau's own, or a screen's cut-off: say so, with the reason.
    let note = match outcome.rule.strip_prefix("screen:") {
        Some(screen) => protocol
            .screen(screen)
            .and_then(|s| s.note.as_ref())
            .map(|n| ("result-screen-note", n)),
        None if outcome.rule == "partial_domain" => protocol
            .scoring
            .partial_domain_note
            .as_ref()
            .map(|n| ("result-own-rule", n)),
        None => None,
    };
    if let Some((id, note)) = note {
        let note = localized(note, lang, messages);
        now.push(Block::Quiet(
            messages.format(id, &[("note", Arg::Str(&note))]),
        ));
    }
    now.push(Block::Quiet(messages.get("result-flags-not-identifies")));
    now.push(Block::Gap);
    now.extend(next_steps_blocks(
        directory,
        protocol,
        outcome.band,
        answers,
        region,
        lang,
        messages,
    ));

    let mut why = Vec::new();
    for domain in &outcome.domain_details {
        why.push(Block::Item {
            marker: "-".to_owned(),
            text: format!(
                "{}: {}",
                domain_label(protocol, &domain.id, lang, messages),
                domain_status_words(domain, messages)
            ),
        });
    }
    for screen in outcome.screens.iter().filter(|s| s.applies) {
        why.push(Block::Text(messages.format(
            "result-screen",
            &[
                (
                    "screen",
                    Arg::Str(&screen_label(protocol, &screen.id, lang, messages)),
                ),
                ("count", Arg::Num(screen.count as i64)),
                ("needed", Arg::Num(screen.at_least as i64)),
            ],
        )));
    }
    question_list(
        protocol,
        answers,
        &outcome.red_flags,
        "result-red-flags",
        lang,
        messages,
        &mut why,
    );
    question_list(
        protocol,
        answers,
        &outcome.fired,
        "result-fired",
        lang,
        messages,
        &mut why,
    );
    question_list(
        protocol,
        answers,
        &outcome.missing,
        "result-missing",
        lang,
        messages,
        &mut why,
    );
    question_list(
        protocol,
        answers,
        &outcome.ignored,
        "result-ignored",
        lang,
        messages,
        &mut why,
    );

    let mut sources = Vec::new();
    for source in &protocol.sources {
        let name = localized(&source.name, lang, messages);
        let text = match &source.figures {
            Some(figures) => format!("{name}: {}", localized(figures, lang, messages)),
            None => name,
        };
        sources.push(Block::Item {
            marker: "-".to_owned(),
            text,
        });
    }
    if !protocol.validated {
        sources.push(Block::Gap);
        sources.push(Block::Quiet(messages.get("result-not-validated")));
    }

    vec![
        Page {
            title: messages.get("result-page-now"),
            blocks: now,
        },
        Page {
            title: messages.get("result-page-why"),
            blocks: why,
        },
        Page {
            title: messages.get("result-page-sources"),
            blocks: sources,
        },
    ]
}

/// Blocks as plain text lines (for standard output, which the terminal wraps).
pub fn blocks_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        out.push_str(&block.plain());
        out.push('\n');
    }
    out
}

/// The explained result as text, page after page, with the next steps.
#[allow(clippy::too_many_arguments)]
pub fn outcome_text(
    protocol: &Protocol,
    outcome: &Outcome,
    directory: &Directory,
    answers: &AnswerSet,
    region: Option<&str>,
    lang: Lang,
    messages: &Messages,
) -> String {
    let mut out = String::new();
    for page in result_pages(
        protocol, outcome, directory, answers, region, lang, messages,
    ) {
        out.push_str(&format!("== {} ==\n", page.title));
        out.push_str(&blocks_text(&page.blocks));
        out.push('\n');
    }
    out
}

/// Every report dimension with its words.
pub const DIMENSION_LABELS: &[(&str, &str)] = &[
    ("protocol", "dimension-protocol"),
    ("band", "dimension-band"),
    ("domain", "dimension-domain"),
    ("region", "dimension-region"),
    ("month", "dimension-month"),
    ("sex", "dimension-sex"),
    ("age_band", "dimension-age_band"),
    ("citizenship", "dimension-citizenship"),
    ("direction", "dimension-direction"),
    ("exploitation", "dimension-exploitation"),
    ("channel", "dimension-channel"),
];

/// Case-profile values in words, as a report counts people: sex, age
/// bands, directions of travel, forms of exploitation, recruitment
/// channels, and the citizenship values that are not countries.
pub const PROFILE_LABELS: &[(&str, &str)] = &[
    ("female", "profile-sex-female"),
    ("male", "profile-sex-male"),
    ("age_0_11", "profile-age-0-11"),
    ("age_12_17", "profile-age-12-17"),
    ("age_18_24", "profile-age-18-24"),
    ("age_25_34", "profile-age-25-34"),
    ("age_35_49", "profile-age-35-49"),
    ("age_50_plus", "profile-age-50-plus"),
    ("child", "profile-age-child"),
    ("adult", "profile-age-adult"),
    ("stateless", "profile-citizenship-stateless"),
    ("foreign", "profile-citizenship-foreign"),
    ("exit", "profile-direction-exit"),
    ("entry", "profile-direction-entry"),
    ("transit", "profile-direction-transit"),
    ("return", "profile-direction-return"),
    ("forced_labour", "profile-exploitation-forced-labour"),
    ("sexual_exploitation", "profile-exploitation-sexual"),
    ("child_labour", "profile-exploitation-child-labour"),
    ("forced_marriage", "profile-exploitation-forced-marriage"),
    ("servitude", "profile-exploitation-servitude"),
    ("forced_military", "profile-exploitation-forced-military"),
    ("organ_removal", "profile-exploitation-organ-removal"),
    ("forced_begging", "profile-exploitation-forced-begging"),
    ("forced_adoption", "profile-exploitation-forced-adoption"),
    ("surrogacy", "profile-exploitation-surrogacy"),
    (
        "forced_criminality",
        "profile-exploitation-forced-criminality",
    ),
    ("place_of_business", "profile-channel-place-of-business"),
    ("school", "profile-channel-school"),
    ("work", "profile-channel-work"),
    ("online_social", "profile-channel-online-social"),
    ("online_ad", "profile-channel-online-ad"),
    ("tv_ad", "profile-channel-tv-ad"),
    ("newspaper_ad", "profile-channel-newspaper-ad"),
    ("family", "profile-channel-family"),
    ("friends", "profile-channel-friends"),
    ("agency", "profile-channel-agency"),
    ("other", "profile-other"),
    ("unknown", "value-unknown"),
    ("not_recorded", "profile-not-recorded"),
];

/// Coded report values that have words (sex, age groups, no domain).
pub const VALUE_LABELS: &[(&str, &str)] = &[
    ("female", "value-female"),
    ("male", "value-male"),
    ("unknown", "value-unknown"),
    ("adult", "value-adult"),
    ("child", "value-child"),
    ("none", "value-no-domain"),
];

/// Words for the codes in a hub report, in the coordinator's language.
#[derive(Debug)]
pub struct ReportLabels<'a> {
    pub messages: &'a Messages,
    pub lang: Lang,
    /// Protocols, for indicator and domain labels.
    pub catalog: Option<&'a crate::catalog::Catalog>,
}

impl ReportLabels<'_> {
    /// A dimension's name.
    pub fn dimension(&self, id: &str) -> String {
        label_from(DIMENSION_LABELS, id, self.messages)
    }

    /// A value of a dimension in words; ids people type (protocols,
    /// regions) and months stay as they are.
    pub fn value(&self, dimension: &str, value: &str) -> String {
        match dimension {
            "band" => value
                .parse::<Band>()
                .map_or_else(|_| value.to_owned(), |band| band_short(band, self.messages)),
            "domain" if value == "none" => label_from(VALUE_LABELS, value, self.messages),
            "domain" => label_from(DOMAIN_LABELS, value, self.messages),
            "citizenship" => match crate::countries::country_name(value, self.lang) {
                Some(name) => name.to_owned(),
                None => label_from(PROFILE_LABELS, value, self.messages),
            },
            "sex" | "age_band" | "direction" | "exploitation" | "channel" => {
                label_from(PROFILE_LABELS, value, self.messages)
            }
            _ => value.to_owned(),
        }
    }

    /// An indicator (a question id of a protocol) in words.
    pub fn indicator(&self, protocol: &str, question: &str) -> String {
        self.catalog
            .and_then(|c| c.find(protocol).ok())
            .and_then(|f| f.protocol.question_by_id(question).map(|(_, q)| q))
            .map_or_else(
                || question.to_owned(),
                |q| question_label(q, self.lang, self.messages),
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fallback_names_the_language_it_fell_back_to() {
        let english_only = Text::new([(Lang::En, "Only English".to_owned())].into());
        let messages = Messages::new(Lang::Kk);
        assert_eq!(
            localized(&english_only, Lang::Kk, &messages),
            "[en] Only English"
        );
    }

    #[test]
    fn every_profile_value_has_words_in_every_language() {
        use crate::protocol::ProfileField;
        let fields = [
            ProfileField::Sex,
            ProfileField::AgeBand,
            ProfileField::Direction,
            ProfileField::Exploitation,
            ProfileField::Channel,
        ];
        for field in fields {
            for value in field.values() {
                assert!(
                    PROFILE_LABELS.iter().any(|(v, _)| *v == value),
                    "{field} = {value} has no words"
                );
            }
        }
        for value in ["stateless", "other", "unknown", "foreign", "not_recorded"] {
            assert!(PROFILE_LABELS.iter().any(|(v, _)| *v == value), "{value}");
        }
        for lang in Lang::ALL {
            let ids = crate::i18n::message_ids(lang);
            for (_, id) in PROFILE_LABELS {
                assert!(ids.contains(*id), "{lang} {id}");
            }
        }
    }

    #[test]
    fn every_band_has_its_words_in_every_language() {
        for lang in Lang::ALL {
            let ids = crate::i18n::message_ids(lang);
            for band in Band::ALL {
                let (long, short) = band_message_ids(band);
                assert!(ids.contains(long) && ids.contains(short), "{lang} {band}");
            }
        }
    }
}
