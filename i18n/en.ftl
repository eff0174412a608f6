# Qorgau interface messages: English (for reviewers).
# Fluent syntax: https://projectfluent.org. Every key must exist in ru.ftl, kk.ftl and en.ftl
# (a test checks it). Plural forms follow CLDR: ru has one/few/many/other, kk and en one/other.

## The walk through a protocol

walk-observe-only = Observe only: do not ask this aloud.
walk-section-observation = In this part you only observe. Do not ask the person anything.

answer-yes = Yes
answer-no = No
answer-unsure = Not sure
answer-declined = Declined to answer
observed-yes = Yes, observed
observed-no = Not observed
observed-unsure = Could not see
answer-none-of-these = None of these
answer-skipped = (skipped)

## Safety gate and consent

gate-title = Safety first
gate-closed = It is not safe to talk now. Only observe; do not push the interview. You can stop at any time: the answers so far are kept.
consent-prompt = What has the person agreed to?
consent-statistics = Statistics only, with no identifying data
consent-social_services = Information may be passed to social services
consent-police = Information may be passed to the police
consent-anonymous = Anonymous screening: no consent asked

## Red flag

red-flag-title = Safety first (!)
red-flag-body = Your safety and the person's safety come first. Do not confront any companion; do not show your concern.
red-flag-continue = Continue the screening
red-flag-stop = Stop now and save

## Review

review-title = Check the answers
review-question = Question
review-answer = Answer
review-finish = Finish and see the result
review-stop = Stop and save for later

## Result

result-title = Result
band-immediate_danger = IMMEDIATE DANGER: put your own and the person's safety first
band-clear_concern = INDICATORS PRESENT: offer referral
band-possible_concern = SOME INDICATORS PRESENT: offer information and referral
band-incomplete = INCOMPLETE: too much was left unanswered to judge; give information and the hotline number
band-no_concern = NO INDICATORS FOUND: this is not proof of safety; give information and the hotline number
band-short-immediate_danger = immediate danger
band-short-clear_concern = indicators present
band-short-possible_concern = some indicators
band-short-incomplete = incomplete
band-short-no_concern = no indicators found
result-flags-not-identifies = This result flags indicators; it does not identify anyone. Identification is for the authorised bodies.
result-why = Why: { $rule }
rule-red_flag = a red-flag item was answered "yes"
rule-delphi_adult = the Delphi adult rule: recruitment, exploitation, and coercion or vulnerability at destination all have positive indicators
rule-delphi_child = the Delphi child rule: recruitment and exploitation have positive indicators
rule-partial_domain = one area has a strong indicator, or several medium ones
rule-incomplete = too many items of one area are unanswered, unsure or declined
rule-no_indicators = no indicator was found
rule-screen = the rule "{ $screen }" reached its threshold
result-domain = Area
result-status = Status
status-positive = positive
status-partial = partial
status-negative = none found
result-fired = Indicators found
result-red-flags = Red flags
result-missing = Not answered, unsure or declined
result-ignored = Hidden by skip logic, not counted
result-screen = { $screen }: { $count } (at least { $needed } needed)
result-sources = Sources
result-not-validated = This version of the protocol has not itself been tested in a study; any published figures belong to the source tools.
next-steps = Next steps
next-steps-tier = Next steps ({ $tier })
next-call = Call, in this order:

## Referral

referral-to = Whom are you referring the person to? Mark one or more.
referral-status = What does the person say to the referral?
referral-accepted = Agrees to the referral
referral-declined = Does not agree
referral-pending = Has not decided yet
referral-reason = Why? (optional; Enter alone skips)

## Endings

walk-saved = Saved as case { $code }. It is sealed for { $hub }: this device cannot read it back.
walk-stopped = Stopped. The answers so far are saved, encrypted. To continue: qorgau resume { $draft }
walk-no-terminal = This needs a terminal to ask the questions. Run it in a terminal, or give the answers with --answers FILE.
text-missing-mark = [{ $lang }]

## Set-up, listings and records

init-done = This device is set up. Records will be sealed for: { $hub }
init-card = Device card (give it to your coordinator): { $path }
init-keep-passphrase = Keep your passphrase safe: without it the data on this device cannot be opened.
hub-init-done = The hub is set up.
hub-init-card = Hub card (give it to every device): { $path }
hub-init-keep = Keep the passphrase and a backup of the hub key safe: records sealed to this hub open only with it.
passphrase-choose = Choose a passphrase: 4–5 random words are strong and easy to remember
passphrase-again = Type it again
passphrase-differ = The two passphrases differ; type the same one twice
passphrase-ask = Passphrase
list-protocol = protocol
list-version = version
list-title = title
list-audience = for
list-items = items
list-case = case
list-finished = finished
list-result = result
list-referral = referral
list-sync = sync
list-draft = draft
list-started = started
sync-pending = waiting for the coordinator
sync-synced = with the coordinator
referral-not_needed = not needed
records-none = No finished screenings on this device.
record-title = Record { $id }
record-case = Case code
record-protocol = Protocol
record-finished = Finished
record-result = Result
record-referral = Referral
record-sync = Sync
record-sealed-note = The full record is sealed for the coordinator: this device cannot read it.
drafts-none = No unfinished screenings.
drafts-continue = To continue one: qorgau resume followed by the first letters of its ID (e.g. qorgau resume K7P).
drafts-nothing-to-resume = There are no unfinished screenings to resume.
draft-deleted = Deleted draft { $id } ({ $protocol }, started { $started }).
purge-done = { $count ->
    [0] Nothing to remove yet: no summary was acknowledged by the coordinator more than { $days } days ago.
    [one] Removed { $count } record acknowledged by the coordinator more than { $days } days ago.
   *[other] Removed { $count } records acknowledged by the coordinator more than { $days } days ago.
}
show-observation-only = observation only
show-shown-if = shown if
show-red-flag = RED FLAG
show-sensitive = sensitive free text

## Sync: export, receipts, the hub

export-nothing = Nothing to send: every finished record is already with the coordinator. No file was written.
export-unfinished = { $count ->
    [one] { $count } screening is unfinished and not in this file: qorgau drafts lists it; finish it with qorgau resume.
   *[other] { $count } screenings are unfinished and not in this file: qorgau drafts lists them; finish them with qorgau resume.
}
export-unfinished-flagged = { $count ->
    [one] { $count } screening is unfinished and not in this file, with a danger flag: finish it now with qorgau resume.
   *[other] { $count } screenings are unfinished and not in this file ({ $flagged } with a danger flag): finish them now with qorgau resume.
}
export-done = Wrote { $path } (records: { $records }) for { $hub }. Carry it to the coordinator, bring back the receipt and run: qorgau ack RECEIPT
ack-done = Records the coordinator holds from this bundle: { $held }. Sealed copies removed from this device: { $removed }.
ack-rejected = Records not accepted: { $count }. They stay on this device and go in the next export:
hub-enrolled = Enrolled device { $device } (region { $region }).
hub-enrolled-again = Device { $device } was already enrolled; its card is updated (region { $region }).
hub-revoked = Device { $device } is revoked: its bundles will be refused.
hub-revoked-already = Device { $device } was already revoked.
hub-import-done = { $file }: accepted { $accepted }, already held { $held }, rejected { $rejected }; receipt { $receipt }
hub-import-refused = { $file }: refused, nothing stored: { $reason }
hub-import-no-receipt = { $file }: stored, but its receipt could not be written ({ $error }); to get it, import the same file again with a --receipt-dir folder that can be written to.
hub-import-progress = bundles
hub-import-failed = Bundles refused: { $failed } of { $total } (see above). Ask the device to export again.
hub-records-count = { $count ->
    [one] { $count } record
   *[other] { $count } records
}
list-device = device
list-region = region
list-enrolled = enrolled
list-last-import = last import
list-records = records
list-status = status
device-active = active
device-revoked = revoked
identity-confirm = This writes the hub's SECRET key, unencrypted, for a safe. Anyone with the file can read every record. Continue?
identity-done = Wrote the hub identity to { $path } (owner-only). Keep it in a safe: it opens every record.

review-hint = Pick a number to change that answer; Enter on the first line finishes.
referral-title = Referral
referral-not-yet = Not referred yet
walk-total-changed = { $count ->
    [one] Now { $count } question in all: the last answer changed which questions apply.
   *[other] Now { $count } questions in all: the last answer changed which questions apply.
}

## The walk on screen
walk-title-generic = Safety check
consent-title = Consent
result-page-now = What to do now
result-page-why = Why
result-page-sources = Sources
status-not-asked = not asked
status-no-answers = no answers (not answered, unsure or declined)
status-negative-some-missing = none found ({ $missing } of { $asked } not answered)
hint-choose-first = Choose an answer first: type its number (or use ↑ ↓).
hint-mark-first = Mark at least one line first: type its number, or Space.
key-exit = exit
key-ok = OK
key-ok-empty-skips = OK (empty skips)
key-choose = choose
key-mark = mark
key-back = back
key-skip = skip
key-help = help
key-close-help = close help
key-continue = continue
key-more = more

## Typed answers that do not fit
answer-range-between = from { $min } to { $max }
answer-range-at-least = of at least { $min }
answer-range-at-most = of at most { $max }
answer-error-not-number = "{ $value }" is not a number. Type digits, e.g. 15 { $range }.
answer-error-out-of-range = { $value } does not fit: give a number { $range }.
answer-error-not-date = "{ $value }" is not a date. Type it as YYYY-MM-DD, e.g. 2026-03-01.
answer-error-choose = That is not one of the answers: choose one from the list.

## Drafts and records
list-answered = answered
drafts-answered = { $answered } of { $total } answered
drafts-red-flag = (!) danger flag
resume-which = Which screening do you want to continue?
error-resume-which = There are several unfinished screenings: say which one, e.g. qorgau resume { $ids }
error-no-draft = There is no draft "{ $id }": qorgau drafts lists the unfinished screenings.
error-draft-ambiguous = "{ $id }" fits several drafts ({ $ids }): type more of the ID.
err-draft-open = Draft { $draft } cannot be opened ({ $detail }): the passphrase opens this device's keys, but the draft is damaged or from another device.
err-draft-protocol-missing = Draft { $draft } was started with { $protocol }, which this qorgau does not have: install the qorgau that has it, or discard the draft.
err-draft-protocol-changed = Draft { $draft } was started with a different file of { $protocol } (its SHA-256 differs): a changed protocol needs a new version; discard the draft or use the original file.
err-draft-restore = Draft { $draft } no longer fits its protocol: { $reason }
error-no-record = No record "{ $id }" on this device: qorgau records lists them (give the case code).
discard-confirm = Delete draft { $id } ({ $protocol }, started { $started }) for good?
discard-not-confirmed = Not confirmed: nothing was deleted.
record-consent = Consent
walk-record-id = record { $id }
config-lang-done = From now on qorgau speaks English here ({ $lang }).

## Answers files
error-answers-unreadable = Cannot read the answers file { $path }: { $detail }. Check the path.
error-answers-fix-nothing-saved = Fix the answers file and run the command again; nothing was saved.
error-answers-unknown-contact = { $path }: the referral names `{ $contact }`, which is not a contact in the referral directory ({ $known }). Fix the answers file; nothing was saved.
error-scripted-stopped = The screening stopped before its end; the draft is kept: qorgau drafts lists it.

## Labels: areas, short screens, audiences, report values
domain-deceptive_recruitment = Deceptive recruitment
domain-coercive_recruitment = Coercive recruitment
domain-vulnerability_recruitment = Recruitment by abuse of vulnerability
domain-exploitation = Exploitation
domain-coercion_at_destination = Coercion at destination
domain-vulnerability_at_destination = Vulnerability at destination
domain-adult_screen = Adult short screen
domain-child_screen = Child short screen
domain-clinical_signs = Clinical signs
domain-control = Control
domain-safety = Safety
domain-birth_registration = Birth registration
domain-documents_identity = Documents and identity
domain-infant_condition = The baby's condition
domain-intentions_for_baby = Plans for the baby
domain-mother_vulnerability = The mother's vulnerability
domain-third_parties_payments = Third parties and payments
domain-attendance = School attendance
domain-control_movement = Control and movement
domain-health_injuries = Health and injuries
domain-labour = Work
domain-money_possessions = Money and possessions
domain-qyit = QYIT questions
domain-relationships_online = Relationships and online contacts
screen-sscst = SSCST questions
screen-adult_short_screen = questions for adults
screen-core = core questions
screen-observed = observations
screen-qyit = QYIT questions
audience-border_guard = border guards
audience-doctor = doctors
audience-nurse = nurses
audience-patronage_nurse = patronage nurses
audience-teacher = teachers
audience-school_psychologist = school psychologists
audience-social_pedagogue = social pedagogues
dimension-protocol = protocol
dimension-band = result
dimension-domain = area
dimension-region = region
dimension-month = month
dimension-sex = sex
dimension-age_band = age
value-female = female
value-male = male
value-unknown = not known
value-adult = adult
value-child = child
value-no-domain = no area with indicators

## Hub reports and records
report-title = Qorgau report
report-generated = Made { $time } · { $count } records · results flag indicators; they identify no one.
report-total = { $count ->
    [one] { $count } record
   *[other] { $count } records
}
report-records = records
report-share = share
report-date = date
report-bands = Results
report-bands-by-month = Results per month
report-bands-by-region = Results by region
report-top-indicators = Indicators found most often
report-top-indicators-of = Found most often, { $protocol }: { $list }
report-counts-by = Counts by { $by }
report-pending = { $count ->
    [one] Referral not yet decided: { $count }
   *[other] Referrals not yet decided: { $count }
}
hub-record-head = Case { $code } · record { $id } · device { $device } · region { $region }
hub-record-times = Started { $started }, finished { $finished } (screened in { $lang })
hub-record-protocol-missing = The protocol file { $protocol } this record was answered against is not here; the answers as stored:
export-csv-done = { $count ->
    [one] Wrote { $count } record to { $path } ({ $columns } answer columns).
   *[other] Wrote { $count } records to { $path } ({ $columns } answer columns).
}
export-csv-done-deidentified = { $count ->
    [one] Wrote { $count } record to { $path } ({ $columns } answer columns, de-identified).
   *[other] Wrote { $count } records to { $path } ({ $columns } answer columns, de-identified).
}

## Errors of the command line
error-prefix = error
error-cli-invalid-value = "{ $value }" does not fit { $arg }. { $valid }
error-cli-unknown-lang = "{ $value }" is not a language Qorgau speaks: use `ru`, `kk` or `en`.
error-cli-unknown-arg = There is no option { $arg } here.
error-cli-unknown-command = There is no command "{ $command }".
error-cli-missing = Something is missing: { $arg }
error-cli-see-help = Add --help to see what the command takes.

## Help of the command line
help-heading-usage = Usage
help-heading-commands = Commands
help-heading-options = Options
help-heading-arguments = Arguments
help-heading-global = Options for every command
help--help = Show this help
help--version = Show the version
help--lang = Language of everything shown: `ru`, `kk` or `en` (kept by qorgau init and by qorgau config lang)
help--protocols = A folder of extra protocols (ID/VERSION.toml), beside the shipped ones
help--data_dir = The folder of this device's (or coordinator's) keys and data
help--passphrase_file = Read the passphrase from this file instead of asking (never type it as an option)
help-qorgau = Screening for signs of human trafficking, offline: questions, result, what to do next; results go to the regional coordinator on a USB stick.
help-arg--format = `table` (for people) or `json` (for programs)
help-arg--spec = The protocol ID, e.g. `patronage-home-visit` (or ID@VERSION)
help-arg--draft_id = The draft's ID, or its first letters (qorgau drafts lists them)
help-arg--yes = Do not ask for confirmation
help-protocols = List the protocols: ID, version, title, who they are for, number of questions
help-protocol = Show, check or try a protocol
help-protocol-show = The protocol's sections and questions, with IDs and scoring
help-protocol-lint = Check protocol files and run their test cases; each problem as file:line:column
help-protocol-lint--paths = Protocol or referral-directory files
help-protocol-score = Score an answers file against a protocol; nothing is stored
help-protocol-score--answers = A TOML file with an `[answers]` table
help-init = Set up this device, once: keys, passphrase and the coordinator's card
help-init--hub = The coordinator's card (hub-card.toml)
help-init--region = This device's region as the coordinator names it, e.g. `almaty_city`
help-screen = Start a screening: one question per screen; saved after every answer; sealed for the coordinator at the end
help-screen--answers = Take the answers from this file instead of asking
help-drafts = Unfinished screenings: ID, protocol, start, progress; danger flags first
help-resume = Continue an unfinished screening (asks which, when there are several)
help-resume--answers = Take the remaining answers from this file instead of asking
help-discard = Delete an unfinished screening for good
help-config = Settings kept on this device
help-config-lang = The language every later command uses
help-config-lang--lang = `ru`, `kk` or `en`
help-records = This device's finished screenings (summaries only)
help-record = One finished screening
help-record-show = One finished screening's summary
help-record-show--id = The case code you were given (or the record ID)
help-purge = Remove summaries the coordinator confirmed longer ago than the retention time (30 days unless set)
help-export = Write every finished screening the coordinator does not have yet into one file, e.g. on a USB stick
help-export--out = The file to write, e.g. /media/usb/week48.qgb
help-ack = Read the coordinator's receipt and remove what the coordinator now holds; install the coordinator's update beside it, if newer
help-ack--receipt = The .receipt file from the coordinator
help-hub = Commands for the regional coordinator
help-hub-init = Set up the coordinator's machine, once: keys, passphrase, and hub-card.toml for devices
help-hub-init--name = The coordinator's name, as devices show it
help-hub-enroll = Trust a device, so its files can be read in
help-hub-enroll--device_card = The device's device-card.toml
help-hub-enroll--force = Trust again a device that was revoked, or accept a new key for a known device
help-hub-revoke = Stop trusting a device: its files are refused from now on
help-hub-revoke--device_id = The device ID, as qorgau hub devices lists it
help-hub-devices = Trusted devices, with their last import and counts
help-hub-import = Check and read in files from devices; write a receipt for each
help-hub-import--files = The files from devices (.qgb)
help-hub-import--receipt_dir = Where to write receipts (default: beside each file)
help-hub-records = The screenings the coordinator holds
help-hub-record = One screening in full
help-hub-record-show = One screening in full: answers, result, consent, referral (in --lang)
help-hub-record-show--id = The case code or the record ID
help-hub-report = Counts and shares: by protocol, result, area, region, month and the case profile (sex, age, citizenship, direction of travel, form of exploitation, recruitment channel)
help-hub-report--by = What to count by, comma-separated: `protocol`, `band`, `domain`, `region`, `month`, `sex`, `age_band`, `citizenship`, `direction`, `exploitation`, `channel`
help-hub-report--since = From this date (YYYY-MM-DD), inclusive
help-hub-report--until = Up to this date (YYYY-MM-DD), inclusive
help-hub-report--protocol = Only this protocol ID
help-hub-report--format = `table`, `csv` or `json`
help-hub-report--html = Also write a self-contained HTML page with charts
help-hub-export-csv = One CSV row per screening with coded answers, for analysts
help-hub-export-csv--out = The CSV file to write (never overwritten)
help-hub-export-csv--deidentified = k-anonymous rows in random order, without IDs, case codes, devices, dates or free text, and only screenings whose consent lets them be passed on
help-hub-export-csv--include_free_text = Also write free-text answers (they may identify people)
help-hub-erase = Remove a screening and everything counted from it, at a person's request
help-hub-erase--id = The case code or the record ID
help-hub-export-identity = Write the coordinator's secret key to a file, to keep in a safe
help-hub-export-identity--out = The file to write (never overwritten)
help-dev = Tools for developers (synthetic data only)
help-dev-synth = Make finished records from random answers (synthetic, for tests and benchmarks)
help-dev-synth--records = How many records
help-dev-synth--seed = Seed for the random answers, so a run can be repeated
hub-records-more = { $count ->
    [one] and { $count } more: narrow the list with --since, --band, --region, --protocol or --pending, or raise --limit.
   *[other] and { $count } more: narrow the list with --since, --band, --region, --protocol or --pending, or raise --limit.
}
error-bad-date = --{ $option } { $value }: write the date as YYYY-MM-DD, e.g. 2026-01-31.
error-arg-record = "{ $value }" is neither a case code nor a record id: a case code looks like { $code } (at the coordinator's, sometimes with one more part: { $longer }), a record id like { $id }. Copy it from the list of records.
error-arg-device = "{ $value }" is not a device id: a device id has only Latin letters, digits, hyphens and underscores (at most 64). Copy it from qorgau hub devices.
help-hub-records--since = From this date (YYYY-MM-DD), inclusive
help-hub-records--until = Up to this date (YYYY-MM-DD), inclusive
help-hub-records--protocol = Only this protocol ID
help-hub-records--band = Only this result: `immediate_danger`, `clear_concern`, `possible_concern`, `incomplete` or `no_concern`
help-hub-records--region = Only this region
help-hub-records--pending = Only screenings whose referral is not decided yet
help-hub-records--limit = At most this many, the newest (100 unless given)
error-no-hub = No coordinator is set up in { $path }: run qorgau hub init first (or give --data-dir).
error-file-exists = { $path } already exists and is never overwritten: choose another file.
export-csv-free-text-warning = warning: free-text answers may identify people; keep { $path } as safely as the coordinator's computer itself.
erase-needs-yes = Erasing cannot be undone: confirm with --yes, or run it in a terminal.
error-no-hub-record = No record or case code "{ $id }" here: qorgau hub records lists them.
error-retention-too-large = `retention_days = { $days }` in config.toml is too large: give a number of days such as 30.
lint-failed = { $problems ->
    [one] { $problems } problem in { $failed } of { $total } files; fix it and run qorgau protocol lint again.
   *[other] { $problems } problems in { $failed } of { $total } files; fix them and run qorgau protocol lint again.
}
error-passphrase-file = Cannot read the passphrase file { $path }: { $detail }. Check the path given with --passphrase-file or `QORGAU_PASSPHRASE_FILE`.
error-passphrase-no-terminal = A passphrase is needed and there is no terminal to ask for it: give --passphrase-file FILE (or set `QORGAU_PASSPHRASE_FILE`).
screen-which = Which screening?
screen-none-picked = No protocol was picked: nothing was started.
error-screen-which = Say which protocol to screen with, e.g. qorgau screen { $ids }
help-screen--spec = The protocol ID (an unambiguous start is enough, e.g. `patronage`); without it, a list to pick from
error-report-protocol = There is no protocol "{ $id }": use one of { $ids }.
## Trust and faults (issue 13): cards, fingerprints, export plan, hub checks

init-fingerprints = Fingerprint of the coordinator's card: { $hub }. Read it to the coordinator by phone: it must match theirs exactly. This device's fingerprint: { $device } (the coordinator checks it at enrolment).
init-many-recipients = Warning: the coordinator's card lists { $count } keys, and records will be readable with each of them. Ask the coordinator whether that is intended before screening.
init-bad-region = `{ $region }` is not a region name: use lower-case Latin letters, digits and _ (for example `almaty_city`), at most 64 characters.
hub-init-fingerprint = Fingerprint of the hub card: { $fingerprint }. Each worker compares it with you by phone when setting up a device.
hub-enroll-fingerprint = Device fingerprint: { $fingerprint }. Compare it with the one the worker's device showed at set-up before relying on this device.
result-hub-fingerprint = Sealed for the coordinator's card { $fingerprint }.
passphrase-changed = The passphrase is changed: only the new one opens { $path } now.
device-changed = changed outside qorgau: not trusted
export-plan = About to sign { $count } records, finished from { $first } to { $last }:
export-plan-codes = Case codes: { $codes }
export-plan-more = and { $count } more
export-left-out = Not signed: { $count } records without a matching summary. Qorgau did not make them on this device; tell your coordinator:
export-extra-recipients = WARNING: { $count } records are sealed to more keys than the coordinator's card lists, so someone else may have been able to read them. They are sent so that the coordinator knows; tell the coordinator now:
export-implausible = { $count } records have an implausible date (the device clock was wrong when they were finished):
export-nothing-signed = Nothing was signed and no file was written.
export-confirm = Sign these records and write the bundle?
export-needs-yes = Check the list above, then run the command again with --yes to sign it (or run it in a terminal to be asked).
export-not-confirmed = Not confirmed: nothing was signed and no file was written.
hub-import-erased = { $count ->
    [one] { $count } record was erased here at a person's request and was not stored again; the receipt lets the device delete its copy.
   *[other] { $count } records were erased here at a person's request and were not stored again; the receipt lets the device delete its copies.
}
hub-import-extra-recipients = WARNING: { $count } records were sealed to more keys than this hub's card lists: someone else may have been able to read them. They are stored and marked; ask the worker to check the device:
hub-import-implausible = { $count } records have a date outside any plausible range (a wrong device clock); they are stored and marked.
hub-flag-extra = sealed to extra keys
hub-flag-date = implausible date
hub-skipped-row = Not shown: record { $id } from device { $device }: { $reason }
hub-skipped = { $count ->
    [one] { $count } record could not be shown (see above). Its row does not check out; restore the hub database from a backup or import its bundle again.
   *[other] { $count } records could not be shown (see above). Their rows do not check out; restore the hub database from a backup or import their bundles again.
}
csv-done = Wrote { $records } records to { $path } ({ $columns } answer columns).
csv-unknown-protocol = { $count } records are of a protocol version this hub does not have: their answers were left out, because nothing says which of them are free text.
erase-what = { $code } ({ $protocol }, { $date }, device { $device })
erase-confirm = Erase { $what } and its facts for good?
erase-not-confirmed = Not confirmed: nothing was erased.
erase-done = Erased { $what } and its facts. It cannot come back with an old bundle.
catalog-skipped = Skipped { $path }: { $reason }
protocol-local-banner = LOCAL, UNSIGNED PROTOCOL: { $path } was not shipped with qorgau. Use it only if you know where it came from.
referral-local-banner = LOCAL, UNSIGNED REFERRAL LIST: { $path } was not shipped with qorgau. Check its phone numbers before giving them to anyone.
draft-in-use = This unfinished screening is open in another window. Finish or stop it there first.

## Results of schema 2 protocols (protocol format work)
band-no_concern-below_threshold = BELOW THE THRESHOLD: some signs were noted (listed below), but not enough to conclude; this is not proof of safety — give information and the hotline number
band-observation_only = OBSERVATION ONLY: the conversation did not happen, and observation found no sufficient signs; this does not mean there are none — give information and the hotline number in a way that is safe
band-short-observation_only = observation only
rule-observation_only = the conversation did not happen, so only observation counts
rule-below_threshold = some signs are present, but below the threshold — they are listed below
result-observation-only = Observation only: the conversation did not happen — { $reason }.
gate-reason-no = it was not possible to talk privately
gate-reason-unsure = it was unclear whether it was possible to talk privately
gate-reason-declined = the person did not want to talk
gate-reason-skipped = the safety question was left unanswered
result-own-rule = Qorgau's own rule (not the ILO's): { $note }
result-screen-note = Where the cut-off comes from: { $note }
result-deviation = How this differs from the source: { $note }
consent-read-aloud = Read this aloud to the person:
next-regional-none = Regional contacts are not set up on this device — ask your coordinator.
contact-not-verified = number not verified
contact-intl = from abroad or a foreign SIM card: { $number }
contact-hours = hours: { $hours }
help-protocols--all = List every version, not only the newest of each protocol
err-passphrase-short = The passphrase has { $chars } characters; choose one of at least 10. Four or five random words are strong and easy to remember, for example: { $suggestion }
err-passphrase-guessable = This passphrase is easy to guess (a common word, name, date, keyboard pattern or repetition). Choose four or five random words instead, for example: { $suggestion }
err-passphrase-file-open = The passphrase file { $path } can be read by other users of this computer. Make it private (`chmod 600 { $path }`) or type the passphrase instead.
err-passphrase-file-in-data = The passphrase file { $path } is inside the data folder, next to the keys it opens. Keep it somewhere else, or type the passphrase instead.
err-passphrase-file-empty = The passphrase file { $path } is empty. Write the passphrase in it, or type it instead.
err-card-changed = { $path } is missing or was changed since set-up: someone may have swapped it to send records elsewhere. Restore it from your backup, or call your coordinator, before going on. Records finished since the last good check of the cards ({ $since }) may have been read by someone else: { $count }.
err-export-folder = { $path } is a folder: give a file name in it, for example { $path }/week.qgb
err-cannot-read = Cannot read { $path } ({ $error }): check the path.
err-not-a-file = { $path } is not a regular file (a folder, a device or a pipe): give the path of a file.
err-too-large = { $path } is far larger than a file of this kind can be: check that it is the right file.
err-ambiguous = `{ $query }` matches { $count } records; qorgau will not guess which one is meant. Use the record ID or the longer case code of one of them:

## Signed updates from the coordinator (issue 14)
help-update = Install a signed update from the coordinator: protocol versions, referral contacts, withdrawn versions, a new coordinator key
help-update--file = The .qgu file from the coordinator
help-hub-publish = Publish a signed update for devices: the protocols of --protocols DIR, the referral directory of --referrals FILE, withdrawn versions
help-hub-publish--out = The update file to write (never overwritten)
help-hub-publish--withdraw = Protocol versions no new screening may start with (ID@VERSION)
help-hub-rotate-key = Give the coordinator a new key; the next update carries the new card to devices
help-hub-rotate-key--out = Also write that update to this file
list-origin = source
list-update = update
list-directory = directory
origin-shipped = shipped
origin-update = update { $seq } from the coordinator
origin-local = local, unsigned
status-in-force = in force
status-withdrawn = withdrawn (update { $seq })
status-older = older version
update-installed = Installed update { $seq } from { $hub } (published { $date }). It is in force from now on.
update-protocol-new = new protocol version: { $protocol }
update-directory = referral contacts: { $directory }
update-withdrawn = withdrawn, no new screenings: { $protocol }
update-new-card = The coordinator has a new key (fingerprint { $fingerprint }); new records are sealed to it. Compare the fingerprint with your coordinator by phone.
update-already = The coordinator's update { $seq } is already installed on this device.
update-ack-failed = The receipt was applied, but the update pack { $path } beside it was not installed: { $reason }
err-withdrawn = { $protocol } was withdrawn by your coordinator (update { $seq }): start new screenings with { $instead }. Unfinished screenings of { $protocol } can still be finished.
err-withdrawn-no-other = { $protocol } was withdrawn by your coordinator (update { $seq }), and no other version of it may be used on this device. Ask your coordinator.
err-update-not-pack = { $path } is not a Qorgau update pack ({ $reason }). Nothing was installed.
err-update-truncated = { $path } is incomplete (cut short while copying?). Copy it again from the coordinator's stick; nothing was installed.
err-update-wrong-hub = { $path } was published by another coordinator (hub { $found }), not the one this device is set up with ({ $expected }). Nothing was installed.
err-update-signature = The signature of { $path } does not match your coordinator's key: it was changed, or it was not made by your coordinator. Nothing was installed.
err-update-tampered = { $path } was changed after the coordinator signed it ({ $file } does not match its checksum). Copy it again; nothing was installed.
err-update-older = { $path } is update { $seq }, older than update { $installed } on this device. Use the coordinator's newest pack; nothing was installed.
err-update-replayed = { $path } is update { $seq }, which is already installed on this device. Nothing was changed.
err-update-invalid = { $path }: { $file } does not pass its checks, so nothing was installed. Ask your coordinator for a corrected pack:
err-update-shipped-differs = { $path }: { $protocol } in the pack differs from the file this qorgau ships under the same version. Ask your coordinator to publish it under a new version number; nothing was installed.
err-update-card-hub = { $path }: the coordinator's card in the pack is for another hub. Nothing was installed; call your coordinator.
err-update-card-key = { $path }: the coordinator's card in the pack does not name the key that signed the pack. Nothing was installed; call your coordinator.
err-update-card-missing = { $path } is signed with the coordinator's new key but does not carry the new card. Nothing was installed; ask your coordinator for the newest pack.
err-update-damaged = The coordinator's update { $seq } on this device no longer checks out ({ $reason }): it is not used, and the shipped protocols and contacts are used instead. Install the coordinator's pack again with: qorgau update FILE
err-update-needs-passphrase = This pack carries a new key of the coordinator, which is bound to this device's keys: the passphrase is needed to install it.
err-publish-damaged = The hub's update { $seq } no longer checks out with the hub's card ({ $reason }). Publish again with: qorgau hub publish --out FILE
err-publish-invalid = Fix these files; nothing was published.
err-publish-shipped = { $path } is { $protocol }, which qorgau already ships with other content: a changed protocol needs a new version number. Nothing was published.
err-publish-changed = { $path } is { $protocol }, which update { $seq } already published with other content: a changed protocol needs a new version number. Nothing was published.
err-publish-directory-shipped = { $path } is the referral directory { $directory }, but qorgau already ships { $newest }: raise `version` above it (devices use the newest). Nothing was published.
err-publish-directory-published = { $path } is the referral directory { $directory }, but { $newest } is already published: raise `version` above it. Nothing was published.
err-withdraw-spec = `{ $protocol }` is not ID@VERSION (for example border-checkpoint@1.0.0). Nothing was published.
err-withdraw-unknown = `{ $protocol }` is not a protocol version qorgau ships or this hub published (qorgau protocols --all lists them). Nothing was published.
err-withdraw-last = Withdrawing { $protocol } would leave no version of { $id } to start a screening with: publish a new version in the same pack. Nothing was published.
err-pack-exists = { $path } already exists: choose another file name (qorgau never overwrites a pack).
publish-done = Published update { $seq }: { $path }
publish-stored = Published update { $seq } (kept by the hub: the next receipts carry it to devices).
publish-unchanged = Nothing changed since update { $seq }: { $path } is that update again.
publish-protocols = protocol versions: { $list }
publish-directories = referral directories: { $list }
publish-withdrawn = withdrawn: { $list }
publish-next = Devices get it beside the receipt of their next bundle (qorgau ack installs it), or with: qorgau update FILE
rotate-done = The hub has a new key. New fingerprint: { $fingerprint } (old: { $old }). Read the new fingerprint to the workers by phone. Until a device installs the new card it keeps sealing to the old key, which this hub still opens.
hub-import-update = The coordinator's update { $seq } was written beside the receipt: { $path }
hub-devices-versions = Protocol versions in force on devices (from their newest bundles):
hub-devices-version = { $protocol }: { $count ->
    [one] { $count } device
   *[other] { $count } devices
}
answer-error-too-long = The text has { $chars } characters; at most { $max } are kept. Shorten it: a note is a few sentences.
help--referrals = A local referral list (e.g. kz.toml) to use instead of the shipped one; it is unsigned, and screens say so
help-passphrase = Change this device's passphrase
help-passphrase-change = Re-encrypt the key file with a new passphrase (the old one is asked first)
help-passphrase-change--new_passphrase_file = Read the new passphrase from this file instead of asking
help-hub-passphrase = Change the coordinator's passphrase
help-hub-passphrase-change = Re-encrypt the hub's key file with a new passphrase (the old one is asked first)
help-hub-passphrase-change--new_passphrase_file = Read the new passphrase from this file instead of asking

## Case profile, HTCDS export, k-anonymous sharing, finding records (issue 12)
dimension-citizenship = citizenship
dimension-direction = direction of travel
dimension-exploitation = form of exploitation
dimension-channel = recruitment channel
profile-sex-female = women
profile-sex-male = men
profile-age-0-11 = 0–11 years
profile-age-12-17 = 12–17 years
profile-age-18-24 = 18–24 years
profile-age-25-34 = 25–34 years
profile-age-35-49 = 35–49 years
profile-age-50-plus = 50 years and over
profile-age-child = under 18
profile-age-adult = 18 and over
profile-citizenship-stateless = stateless
profile-citizenship-foreign = foreign citizens and stateless people
profile-direction-exit = leaving the country
profile-direction-entry = entering the country
profile-direction-transit = in transit
profile-direction-return = coming back
profile-exploitation-forced-labour = forced labour
profile-exploitation-sexual = sexual exploitation
profile-exploitation-child-labour = exploitation of child labour
profile-exploitation-forced-marriage = forced marriage
profile-exploitation-servitude = servitude
profile-exploitation-forced-military = forced service in armed groups
profile-exploitation-organ-removal = organ removal
profile-exploitation-forced-begging = forced begging
profile-exploitation-forced-adoption = illegal or forced adoption
profile-exploitation-surrogacy = forced surrogacy
profile-exploitation-forced-criminality = forced criminality
profile-channel-place-of-business = at a place of business
profile-channel-school = at school or college
profile-channel-work = at work
profile-channel-online-social = social media or messengers
profile-channel-online-ad = an online advertisement
profile-channel-tv-ad = a television advert
profile-channel-newspaper-ad = a newspaper advert
profile-channel-family = relatives or family
profile-channel-friends = acquaintances or friends
profile-channel-agency = a recruitment agency or agent
profile-other = other
profile-not-recorded = not recorded
list-device-name = name
hub-enroll-name = Name: { $name }
err-device-name = "{ $value }" cannot be a device name: give 1 to 64 characters, without control characters.
err-unknown-device = No enrolled device is called "{ $value }" or has that ID: use one of { $known }.
err-unknown-band = "{ $value }" is not a result: use one of { $known }.
err-hub-not-found = No record or case code "{ $value }" at this hub.
err-hub-device-revoked = Trust in device { $device } was revoked on { $at }: enrolling it again trusts it again.
err-hub-key-changed = Device { $device } is enrolled with another signing key ({ $known } now, { $offered } in this card): a new card for the same device is suspicious.
err-hub-bad-region = The region in the card, "{ $value }", is not a region name (lower-case Latin letters, digits and _, at most 64): ask the worker to set the device up again with a valid region.
err-hub-free-text = A de-identified export leaves free text out (it may name people): it cannot also include free text.
err-hub-unreadable = Record { $record } from device { $device } cannot be shown: { $reason }
err-hub-facts = The facts of the reports cannot be opened ({ $error }): the coordinator's database may be damaged; restore it from a backup.
err-hub-csv = The CSV file cannot be written: { $error }
error-report-dimension = A report cannot count by "{ $value }": use { $known }.
report-multi-valued = A record with several values of { $by } is counted once under each: the counts add up to more than the records, and the shares to more than 100%.
report-devices = Devices: last import
report-days-ago = days ago
report-never = never
report-device-stale = silent for a month
report-devices-stale = { $count ->
    [one] { $count } device has not synced for { $days } days or more: ask its worker to bring the file.
   *[other] { $count } devices have not synced for { $days } days or more: ask their workers to bring their files.
}
deidentified-k = Every combination of sex, age, citizenship, region, period and protocol occurs at least { $k } times: rows generalised { $generalised }, left out { $suppressed }.
deidentified-statistics-only = Records with consent to statistics only, or anonymous, are not written as rows (they are counted in qorgau hub report): { $count }.
deidentified-consent-not-known = Records imported before their consent was kept with the report facts are left out, since their consent is not known here: { $count }.
htcds-done = Wrote { $records } records to { $path } (HTCDS { $version }).
help-hub-enroll--name = A name for the device (a worker or a clinic), shown in listings and reports
help-hub-records--device = Only this device: its name, its ID or the start of its ID
help-hub-export-csv--k = With --deidentified: every combination of sex, age, citizenship, region, month and protocol occurs at least K times (5 unless given)
help-hub-export-htcds = One CSV row per screening with HTCDS 2.0 field names, for case databases and IOM
help-hub-export-htcds--out = The CSV file to write (never overwritten)
help-hub-export-htcds--deidentified = k-anonymous rows in random order, without IDs or dates, and only screenings whose consent lets them be passed on
help-hub-export-htcds--k = With --deidentified: every combination of sex, age, citizenship, region, month and protocol occurs at least K times (5 unless given)

## Hints: what to do about an error, added by the command to the library's message (issue 15)

hint-prefix = hint
hint-protocols-path = Check the folder given with --protocols.
hint-protocols-list = qorgau protocols lists the protocols.
hint-answers-question-ids = qorgau protocol show { $protocol } lists its questions with their IDs.
hint-data-dir-other = Choose another data folder with --data-dir or `QORGAU_HOME`.
hint-data-dir-none = Give the data folder with --data-dir or set `QORGAU_HOME`.
hint-data-dir-check = Check the data folder given with --data-dir or `QORGAU_HOME`.
hint-drafts = qorgau drafts lists the unfinished screenings.
hint-records = qorgau records lists the records on this device.
hint-hub-records = qorgau hub records lists the records at this hub.
hint-init-device = Set this device up with the coordinator's card: qorgau init --hub HUB_CARD
hint-hub-init = Set up the hub with: qorgau hub init
hint-enroll-force = If you mean to trust it again, add --force.
hint-enroll-force-fingerprint = Check the device's fingerprint with the worker by phone, then add --force.
hint-init-region = The worker gives the region with --region when setting the device up (qorgau init).
hint-export-csv-free-text = Leave out --include-free-text, or --deidentified.
hint-hub-enroll = Enrol the device's card first: qorgau hub enroll DEVICE_CARD
hint-internal = This is a bug in the program: report it to your coordinator, with the message above.

## Errors the commands themselves find
error-confirm-failed = Could not ask for confirmation ({ $error }): nothing was done.
error-dev-needs-env = qorgau dev adds synthetic records that look like real ones: it runs only with `QORGAU_DEV=1`, on a data folder made for tests.
error-device-card-invalid = The device card is not valid: ask the worker for a new copy.
error-no-device = No enrolled device `{ $id }`: qorgau hub devices lists them.
error-no-receipt-dir = The receipt folder { $path } does not exist: create it or give another --receipt-dir. Nothing was imported.
error-identity-needs-yes = This writes the coordinator's secret key unencrypted: confirm with --yes, or run it in a terminal.
error-not-confirmed = Not confirmed: nothing was written.
error-summary-unreadable = The summary of record { $id } cannot be opened: check the device's database, it may be damaged.
error-answers-fix = Fix the answers file and run the command again.
error-referrals-fix = Fix the referral list, or leave out --referrals to use the one shipped with qorgau.
error-hub-db-damaged = { $error }: the coordinator's database may be damaged; restore it from a backup.
error-device-exists = This device is already set up in { $path }, and qorgau never overwrites keys. To start again, move that folder aside (keep it if it holds records not yet synced).
error-hub-exists = A coordinator is already set up in { $path }, and qorgau never overwrites keys.
error-write-output = Cannot write the output: { $error }.

## Library errors, localized (databases, data folder, receipts, bundles)
err-store-newer = The database { $path } has schema version { $found }, but this qorgau knows only up to version { $known }: install the newer qorgau that wrote it.
err-store-damaged = The database { $path } is damaged or is not a Qorgau database ({ $error }): move it aside and restore it from a backup; the keys are not affected.
err-store-full = The disk holding { $path } is full: free some space and try again; nothing was changed.
err-store-busy = The database { $path } is in use by another qorgau: close it and try again.
err-store-open = Cannot open the database { $path } ({ $error }): check the data folder and its permissions.
err-no-draft = There is no unfinished screening { $id }: qorgau drafts lists them.
err-no-record = There is no record { $id } here.
err-data-folder = Cannot use the data folder { $path } ({ $error }): choose another.
err-data-write = Cannot write { $path } ({ $error }): check free space and permissions.
err-data-config = { $path }: { $error }. Fix the file, or delete it to use the defaults.
err-data-no-default = No data folder was given and none was found for this system: give one.
err-receipt-parse = This is not a valid receipt: use the .receipt file the coordinator gave you.
err-receipt-version = This receipt has version { $version }, which this qorgau cannot read: install the newer qorgau.
err-receipt-wrong-hub = This receipt is from another coordinator ({ $found }), not the one this device syncs with ({ $expected }).
err-receipt-wrong-device = This receipt is for another device ({ $found }), not this one ({ $expected }).
err-receipt-signature = The receipt's signature does not match the coordinator's key: it was changed or forged. Nothing was deleted.
err-import-not-for-this-hub = it is not encrypted for this hub (it was made for another coordinator, or is not a Qorgau bundle)
err-import-not-a-bundle = it is not a Qorgau bundle ({ $error })
err-import-truncated = it is incomplete (cut short while copying?): copy it again from the device
err-import-tampered = it was changed after the device wrote it ({ $error })
err-import-signature = its signature does not match the enrolled device's key (changed, or signed by someone else)
err-import-unknown-device = it comes from device { $device }, which is not enrolled here
err-import-revoked-device = it comes from device { $device }, which was revoked on { $at }
err-import-device-changed = it comes from device { $device }, whose enrolment here was changed outside qorgau: check its card with the worker, then enrol it again
err-import-wrong-hub = it was made for hub { $found }, not this hub ({ $expected })
err-import-read = it cannot be read ({ $error })
err-import-internal = the import stopped unexpectedly ({ $error }); nothing from this file was stored: import it again, and report this if it repeats
err-import-facts = the report facts for this file could not be written ({ $error }); nothing was stored
