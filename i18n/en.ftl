# Qorgau interface messages: English (for reviewers).
# Fluent syntax: https://projectfluent.org. Every key must exist in ru.ftl, kk.ftl and en.ftl
# (a test checks it). Plural forms follow CLDR: ru has one/few/many/other, kk and en one/other.

## The walk through a protocol

walk-header = { $protocol } · { $section }
walk-progress = Question { $position } of { $total }
walk-remaining = { $count ->
    [one] { $count } question left
   *[other] { $count } questions left
}
walk-observe-only = Observe only: do not ask this aloud.
walk-section-observation = In this part you only observe. Do not ask the person anything.
walk-answered-before = Answered before: { $answer }

answer-yes = Yes
answer-no = No
answer-unsure = Not sure
answer-declined = Declined to answer
observed-yes = Yes, observed
observed-no = Not observed
observed-unsure = Could not see
answer-none-of-these = None of these
answer-skipped = (skipped)

nav-skip = Skip this question
nav-back = ← Back
nav-help = Help
nav-stop = Stop and save for later
nav-multi-hint = Space marks an item, Enter confirms.
nav-input-hint = Enter confirms. Empty skips. Type < to go back, ? for help.
nav-quick-exit-hint = Esc or q in a list, or Ctrl-C: quick exit (the screen is cleared, the answers are kept).
walk-no-help = There is no extra help for this question.
walk-not-a-number = That is not a number. Type digits, e.g. 15.
walk-not-a-date = That is not a date. Type it as YYYY-MM-DD, e.g. 2026-03-01.
walk-out-of-range = The number must be from { $min } to { $max }.

## Safety gate and consent

gate-title = Safety first
gate-closed = It is not safe to talk now. Only observe; do not push the interview. You can stop at any time: the answers so far are kept.
consent-prompt = What has the person agreed to?
consent-statistics = Statistics only, with no identifying data
consent-social_services = Information may be passed to social services
consent-police = Information may be passed to the police
consent-anonymous = Anonymous screening: no consent asked

## Red flag

red-flag-title = IMMEDIATE DANGER
red-flag-body = Your safety and the person's safety come first. Do not confront any companion.
red-flag-continue = Continue the screening
red-flag-stop = Stop now and save

## Review

review-title = Review the answers before finishing
review-question = Question
review-answer = Answer
review-finish = Finish and see the result
review-change = Change an answer
review-stop = Stop and save for later
review-which = Which answer do you want to change?

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

referral-to = Whom did you refer the person to? (Space marks, Enter confirms)
referral-status = What did the person decide?
referral-accepted = Accepted the referral
referral-declined = Declined the referral
referral-pending = Not decided yet
referral-reason = Why? (optional; Enter to skip)

## Endings

walk-saved = Saved as case { $code }. It is sealed for { $hub }: this device cannot read it back.
walk-stopped = Stopped. The answers so far are saved, encrypted. To continue: qorgau resume { $draft }
walk-resuming = Continuing the screening started { $started }.
walk-no-terminal = This needs a terminal to ask the questions. Run it in a terminal, or give the answers with --answers FILE.
text-missing-mark = [ru]

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
list-at-question = at question
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
drafts-continue = Continue one with: qorgau resume DRAFT_ID
drafts-nothing-to-resume = There are no unfinished screenings to resume.
draft-deleted = Draft { $id } deleted.
purge-done = { $count ->
    [one] Removed { $count } record acknowledged by the coordinator more than { $days } days ago.
   *[other] Removed { $count } records acknowledged by the coordinator more than { $days } days ago.
}
show-observation-only = observation only
show-shown-if = shown if
show-red-flag = RED FLAG
show-sensitive = sensitive free text

## Sync: export, receipts, the hub

export-nothing = Nothing to send: every finished record is already with the coordinator. No file was written.
export-done = Wrote { $path } (records: { $records }) for { $hub }. Carry it to the coordinator, bring back the receipt and run: qorgau ack RECEIPT
ack-done = Records the coordinator holds from this bundle: { $held }. Sealed copies removed from this device: { $removed }.
ack-rejected = Records not accepted: { $count }. They stay on this device and go in the next export:
hub-enrolled = Enrolled device { $device } (region { $region }).
hub-enrolled-again = Device { $device } was already enrolled; its card is updated (region { $region }).
hub-revoked = Device { $device } is revoked: its bundles will be refused.
hub-revoked-already = Device { $device } was already revoked.
hub-import-done = { $file }: accepted { $accepted }, already held { $held }, rejected { $rejected }; receipt { $receipt }
hub-import-refused = { $file }: refused, nothing stored: { $reason }
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

## Trust and faults (issue 13): cards, fingerprints, export plan, hub checks

init-fingerprints = Fingerprint of the coordinator's card: { $hub }. Read it to the coordinator by phone: it must match theirs exactly. This device's fingerprint: { $device } (the coordinator checks it at enrolment).
init-many-recipients = Warning: the coordinator's card lists { $count } keys, and records will be readable with each of them. Ask the coordinator whether that is intended before screening.
init-bad-region = `{ $region }` is not a region name: use lower-case Latin letters, digits and _ (for example almaty_city), at most 64 characters.
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
status-not-asked = not asked
consent-read-aloud = Read this aloud to the person:
next-regional-none = Regional contacts are not set up on this device — ask your coordinator.
contact-not-verified = number not verified
contact-intl = from abroad or a foreign SIM card: { $number }
contact-hours = hours: { $hours }
err-passphrase-short = The passphrase has { $chars } characters; choose one of at least 10. Four or five random words are strong and easy to remember, for example: { $suggestion }
err-passphrase-guessable = This passphrase is easy to guess (a common word, name, date, keyboard pattern or repetition). Choose four or five random words instead, for example: { $suggestion }
err-passphrase-file-open = The passphrase file { $path } can be read by other users of this computer. Make it private (chmod 600 { $path }) or type the passphrase instead.
err-passphrase-file-in-data = The passphrase file { $path } is inside the data folder, next to the keys it opens. Keep it somewhere else, or type the passphrase instead.
err-passphrase-file-empty = The passphrase file { $path } is empty. Write the passphrase in it, or type it instead.
err-card-changed = { $path } is missing or was changed since set-up: someone may have swapped it to send records elsewhere. Restore it from your backup, or call your coordinator, before going on. Records finished since the last good check of the cards ({ $since }) may have been read by someone else: { $count }.
err-export-folder = { $path } is a folder: give a file name in it, for example { $path }/week.qgb
err-not-a-file = { $path } is not a regular file (a folder, a device or a pipe): give the path of a file.
err-too-large = { $path } is far larger than a file of this kind can be: check that it is the right file.
err-ambiguous = `{ $query }` matches { $count } records; qorgau will not guess which one is meant. Use the record id or the longer case code of one of them:

## Signed updates from the coordinator (issue 14)
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
