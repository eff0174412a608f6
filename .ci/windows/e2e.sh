#!/usr/bin/env bash
# The non-interactive end-to-end scenario with the Windows build, under
# Debian's wine: hub and device set-up, screenings from answers files,
# export, import, receipt, ack, report. Run by `.ci/run`.
#
# wine 8 lacks bcryptprimitives.dll (ProcessPrng), which Rust's standard
# library needs on Windows: a ten-line shim is built here and placed next to
# the .exe for wine only. It is test scaffolding, never shipped.
set -euo pipefail
exe=${1:?usage: e2e.sh path/to/qorgau.exe}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$exe" "$work/qorgau.exe"
x86_64-w64-mingw32-gcc -shared -O2 -o "$work/bcryptprimitives.dll" \
  "$here/processprng.c" -ladvapi32
cd "$work"
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
# Strong passphrases, in files only their owner reads.
printf 'quiet river lantern orchard seven\n' > hub.pass
printf 'copper meadow violin harbour ninety\n' > device.pass
chmod 600 hub.pass device.pass

q() { wine ./qorgau.exe --lang en "$@"; }
step() { printf '== %s\n' "$*"; }
expect() { # expect TEXT FILE
  grep -q -- "$1" "$2" || { printf 'expected "%s" in:\n' "$1"; cat "$2"; exit 1; }
}

step "hub init"
q --data-dir hub --passphrase-file hub.pass hub init --name "Test coordinator" > out.txt 2>&1
expect "hub-card.toml" out.txt
step "device init"
q --data-dir device --passphrase-file device.pass init --hub hub/hub-card.toml --region almaty_city > out.txt 2>&1
expect "device-card.toml" out.txt
step "hub enroll"
q --data-dir hub --passphrase-file hub.pass hub enroll device/device-card.toml > out.txt 2>&1
expect "fingerprint" out.txt

step "screenings from answers files"
cat > teacher.toml <<'TOML'
[answers]
role = "teacher"
TOML
cat > border.toml <<'TOML'
consent = "social_services"
[referral]
to = ["hotline"]
status = "accepted"
[answers]
age_group = "adult"
fl_docs_held = "yes"
private_ok = "yes"
dec_job_differs = "yes"
cd_docs_taken = "yes"
ex_hours = "yes"
TOML
q --data-dir device screen school-safety@1.0.0 --answers teacher.toml > out.txt 2>&1
expect "case" out.txt
q --data-dir device screen border-checkpoint@1.0.0 --answers border.toml > out.txt 2>&1
expect "case" out.txt

step "export, import, ack"
mkdir -p usb
q --data-dir device --passphrase-file device.pass export --yes --out usb/week48.qgb > out.txt 2>&1
expect "records: 2" out.txt
q --data-dir hub --passphrase-file hub.pass hub import usb/week48.qgb --receipt-dir usb > out.txt 2>&1
expect "accepted 2" out.txt
receipt=$(ls usb/*.receipt)
q --data-dir device --passphrase-file device.pass ack "$receipt" > out.txt 2>&1
expect "2" out.txt

step "report"
q --data-dir hub --passphrase-file hub.pass hub report --by protocol,band --format json > report.json 2>&1
expect '"total": 2' report.json
q --data-dir hub --passphrase-file hub.pass hub report --by band --html report.html > out.txt 2>&1
test -s report.html
echo "windows end-to-end: ok"
