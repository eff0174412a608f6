#!/usr/bin/env python3
"""Writes facts-v1.bin: a facts segment in the version 1 layout (before the
case profile), byte for byte as `encode` in src/report/cache.rs wrote it
until issue 12 (`git show 0632f6e:src/report/cache.rs`): the string table in
first-use order, then the rows. tests/profile.rs reads it with today's
decoder. Run from this folder: python3 facts-v1.py"""
import struct

BANDS = ["immediate_danger", "clear_concern", "possible_concern", "incomplete", "no_concern", "observation_only"]
REFERRALS = [None, "pending", "accepted", "declined", "not_needed"]

facts = [
    # record_id, case_code, protocol, version, band, region, date, age_band, sex, referral, positive, fired
    ("rec-1", "ABC-234", "border-checkpoint", "1.0.0", "clear_concern", "almaty_city", "2026-03-04",
     "18-24", "unknown", "pending", ["exploitation"], ["fl_docs_held", "ix_debt"]),
    ("rec-2", "DEF-567", "school-safety", "1.0.0", "no_concern", "turkistan", "2026-04-01",
     "child", "male", None, [], []),
    ("rec-3", "GHK-892", "medical-rapid-response", "1.0.0", "incomplete", "-", "2026-05-05",
     "unknown", "unknown", "not_needed", [], ["q1"]),
]

strings, index = [], {}
def idx(s):
    if s not in index:
        index[s] = len(strings)
        strings.append(s)
    return struct.pack("<I", index[s])

body = b""
for (rid, code, proto, ver, band, region, date, age, sex, ref, positive, fired) in facts:
    body += idx(rid) + idx(code) + idx(proto) + idx(ver)
    body += bytes([BANDS.index(band)])
    body += idx(region) + idx(date) + idx(age) + idx(sex)
    body += bytes([REFERRALS.index(ref)])
    body += bytes([len(positive)]) + b"".join(idx(d) for d in positive)
    body += struct.pack("<H", len(fired)) + b"".join(idx(q) for q in fired)

out = b"QFACTS1\n" + struct.pack("<I", len(strings))
for s in strings:
    data = s.encode()
    out += struct.pack("<H", len(data)) + data
out += struct.pack("<I", len(facts)) + body
open("facts-v1.bin", "wb").write(out)
