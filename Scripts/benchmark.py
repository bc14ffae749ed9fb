#!/usr/bin/env python3
"""Benchmarks registry side by side with the sqlite3 shell, in the same run, and prints medians, spreads and
ratios. Benchmarks are measurements, not tests: nothing here fails on a slow figure.

    Scripts/benchmark.py [--rows N] [--providers P] [--runs R] [--bin PATH] [--skip import,query,startup]

    --rows N        rows of the generated HDS list the import figures load (default 10,000)
    --providers P   providers of the generated registry the query figures read (default 10,000; about ten
                    attestations each, so 100,000 gives the issue's 1,000,000 attestations)
    Scripts/benchmark.py --rows 200 --providers 200 --runs 1 --bin .build/debug/registry    (the smoke version)

References: the sqlite3 shell's `.import` of the same CSV file into a plain table; the same writes the
registry makes (providers, offers, certificates, their scopes and activities, with the history triggers)
done by SQLite itself in set-based SQL, the floor for this schema; the same question asked in SQL.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


import benchlib

parser = argparse.ArgumentParser()
parser.add_argument("--rows", type=int, default=10_000)
parser.add_argument("--providers", type=int, default=10_000)
parser.add_argument("--runs", type=int, default=3)
parser.add_argument("--bin")
parser.add_argument("--skip", default="", help="comma-separated sections to skip: import, query, startup")
args = parser.parse_args()
skip = set(filter(None, args.skip.split(",")))

registry = benchlib.registry_binary(args.bin)
work = tempfile.mkdtemp(prefix="registry-bench-")


def generate(name, count, *options):
    return benchlib.generate(work, name, count, *options)


def run(command, **kwargs):
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


def timed(command, setup=None, stdin=None):
    """Median, min and max wall seconds and the peak RSS (KB) of `command` over the runs."""
    times, peaks = [], []
    for _ in range(args.runs):
        if setup:
            setup()
        start = time.perf_counter()
        with open(stdin) if stdin else open(os.devnull) as given:
            result = subprocess.run(["/usr/bin/time", "-f", "%M", *command], stdin=given, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit(f"failed: {' '.join(command)}\n{result.stderr[-2000:]}")
        peaks.append(int(result.stderr.strip().splitlines()[-1]))
    return statistics.median(times), min(times), max(times), max(peaks)


def line(name, subject, reference=None, target=None, versus=None):
    median, low, high, peak = subject
    text = f"{name:<46} {median:8.3f} s  [{low:.3f}–{high:.3f}]  {peak / 1024:6.1f} MB"
    if reference:
        text += f"   ×{median / reference[0]:6.2f} vs {reference[0]:.3f} s"
        if target:
            text += f"  (target ≤ {target})"
    if versus:
        text += f"   ×{median / versus[0]:5.2f} vs the floor"
    print(text, flush=True)


def fresh(db, source=None):
    def setup():
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        if source:
            shutil.copy(source, db)
    return setup


def checkpointed(db):
    """Folds the write-ahead log into the file, so that a copy of the file is the whole database."""
    run(["sqlite3", db, "PRAGMA wal_checkpoint(TRUNCATE);"])


print(f"registry {registry}\n{args.runs} runs: median [min–max], peak memory, ratio to the reference\n")

# MARK: - Import

# The registry's writes for the generated HDS list, in set-based SQL: what SQLite itself needs for this
# schema, history triggers included (the registry also validates, matches names and diffs, row by row).
FLOOR_SQL = r"""
PRAGMA foreign_keys = ON;
PRAGMA temp_store = MEMORY;
BEGIN IMMEDIATE;
INSERT INTO importRun (source, startedAt, status) VALUES ('hds', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'running');
CREATE TEMP TABLE staging (host, siren, certificate, certifier, version, perimeter, activities, valid_from,
                           valid_until, offers);
.mode csv
.separator ;
.import --skip 1 {file} staging
CREATE TEMP VIEW row AS SELECT *,
    lower(replace(replace(replace(replace(host, 'é', 'e'), ' ', '-'), '(', ''), ')', '')) AS provider,
    'offre-' || substr(offers, 7) AS offer,
    substr(valid_from, 7, 4) || '-' || substr(valid_from, 4, 2) || '-' || substr(valid_from, 1, 2) AS issued,
    substr(valid_until, 7, 4) || '-' || substr(valid_until, 4, 2) || '-' || substr(valid_until, 1, 2) AS expires
  FROM staging;
INSERT INTO provider (id, name, note, source, sourceKind, verifiedOn)
  SELECT DISTINCT provider, host, 'First seen in an official list.', 'ANS', 'official-list', date('now') FROM row;
INSERT INTO offer (id, providerId, name, source, sourceKind, verifiedOn)
  SELECT provider || '/' || offer, provider, offers, 'ANS', 'official-list', date('now') FROM row;
INSERT INTO attestation (id, providerId, schemeId, version, status, scope, hdsPerimeter, certificateRef, issuer,
                         issuedOn, expiresOn, source, sourceKind, verifiedOn, origin)
  SELECT provider || '/hds-' || lower(certificate), provider, 'hds', version, 'certified', 'offers',
         CASE WHEN perimeter LIKE '%physique%' THEN 'physical-infrastructure' ELSE 'managed-services' END,
         certificate, certifier, issued, expires, 'ANS', 'official-list', date('now'), 'hds' FROM row;
INSERT INTO attestationOffer (attestationId, offerId)
  SELECT provider || '/hds-' || lower(certificate), provider || '/' || offer FROM row;
INSERT INTO attestationActivity (attestationId, activity)
  SELECT provider || '/hds-' || lower(certificate), value FROM row, json_each(
    CASE activities WHEN '1-6' THEN '[1,2,3,4,5,6]' WHEN '1,2' THEN '[1,2]' WHEN '3,4,5,6' THEN '[3,4,5,6]'
                    ELSE '[1,2,3,4]' END);
UPDATE importRun SET status = 'applied', endedAt = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE status = 'running';
COMMIT;
"""

if "import" not in skip:
    print(f"Import of a generated HDS list of {args.rows:,} rows")
    first = generate("hds.csv", args.rows, "--kind", "hds")
    changed = generate("hds-changed.csv", args.rows, "--kind", "hds", "--change", "1")
    db = os.path.join(work, "registry.sqlite")
    empty = os.path.join(work, "empty.sqlite")
    imported = os.path.join(work, "imported.sqlite")
    reference_db = os.path.join(work, "reference.sqlite")
    run([registry, "init", "--empty", "--db", empty])
    checkpointed(empty)

    sqlite_import = timed(["sqlite3", reference_db, ".mode csv", ".separator ;", f".import {first} hds"],
                          fresh(reference_db))
    line("sqlite3 .import (reference)", sqlite_import)
    floor_script = os.path.join(work, "floor.sql")
    with open(floor_script, "w") as out:
        out.write(FLOOR_SQL.replace("{file}", first))
    floor = timed(["sqlite3", reference_db], fresh(reference_db, empty), stdin=floor_script)
    line("sqlite3, the registry's writes in SQL (floor)", floor, sqlite_import)

    import_command = [registry, "import", first, "--source", "hds", "--db", db, "--quiet", "--format", "json"]
    first_import = timed(import_command, fresh(db, empty))
    line("registry import, first time", first_import, sqlite_import, "1.5", versus=floor)

    checkpointed(db)  # the last timed run left the imported registry
    shutil.copy(db, imported)
    again = timed(import_command, fresh(db, imported))
    written = run(["sqlite3", db, "SELECT count(*) FROM history WHERE runId = (SELECT max(id) FROM importRun)"])
    line(f"registry import, same file again ({written.stdout.strip()} history rows)", again, first_import,
         "0.5 of the first import")
    one_percent = timed([registry, "import", changed, "--source", "hds", "--db", db, "--quiet", "--format", "json"],
                        fresh(db, imported))
    line("registry import, 1 % of rows changed", one_percent, first_import, "0.6 of the first import")
    print()

# MARK: - Queries

if "query" not in skip:
    big = os.path.join(work, "big.sqlite")
    run([registry, "init", "--empty", "--db", big])
    chunk = 10_000
    start = time.perf_counter()
    for first_provider in range(0, args.providers, chunk):
        part = generate("part.json", min(chunk, args.providers - first_provider), "--kind", "registry-json",
                        "--first", str(first_provider))
        run([registry, "import", part, "--source", "registry-json", "--db", big, "--quiet", "--format", "json"])
        os.remove(part)
    checkpointed(big)
    counts = run(["sqlite3", big, "SELECT (SELECT count(*) FROM provider) || ' providers, ' || "
                  "(SELECT count(*) FROM attestation) || ' attestations'"]).stdout.strip()
    print(f"Queries on a generated registry of {counts} (built in {time.perf_counter() - start:.0f} s)")

    def versus_sql(name, command, sql, target="1.2", same_content=None):
        reference = timed(["sqlite3", "-json", big, sql])
        line(f"  sqlite3, equivalent SQL (reference)", reference)
        subject = timed(command)
        line(name, subject, reference, target)
        if same_content:
            content = timed(["sqlite3", "-json", big, same_content])
            line(f"  sqlite3, the answer's whole content in SQL", content)
            line("  the registry, against the whole content", subject, content)

    evidence, offers_with, with_content = benchlib.evidence, benchlib.offers_with, benchlib.with_content

    versus_sql("registry query --hds --secnumcloud", [registry, "query", "--hds", "--secnumcloud", "--db", big,
                                                       "--format", "json"],
               benchlib.secnumcloud_and_hds())
    versus_sql("registry query --search 'fournisseur 000042'",
               [registry, "query", "--search", "fournisseur 000042", "--db", big, "--format", "json"],
               """SELECT p.id, p.name, o.id, o.name, s.id, s.country, l.id, l.catalogueId
                  FROM offer o JOIN provider p ON p.id = o.providerId
                  LEFT JOIN offerSite os ON os.offerId = o.id LEFT JOIN site s ON s.id = os.siteId
                  LEFT JOIN offerListing ol ON ol.offerId = o.id LEFT JOIN listing l ON l.id = ol.listingId
                  WHERE lower(p.name) LIKE '%fournisseur 000042%' OR lower(o.name) LIKE '%fournisseur 000042%'
                     OR EXISTS (SELECT 1 FROM providerAlias WHERE providerId = p.id
                                AND lower(alias) LIKE '%fournisseur 000042%')
                  ORDER BY p.name, o.name;""")
    sensitive = evidence(offers_with("secnumcloud"), """AND a.schemeId = 'secnumcloud'
                   AND p.hqCountry IN (SELECT code FROM country WHERE eu = 1)
                   AND o.adminCountry IN (SELECT code FROM country WHERE eu = 1)
                   AND NOT EXISTS (SELECT 1 FROM ownership w JOIN entity e ON e.id = w.ownerId
                                   JOIN country c ON c.code = e.country
                                   WHERE w.ownedId = p.entityId AND c.eu = 0 AND w.capitalPercent > 24)
                   AND NOT EXISTS (SELECT 1 FROM offerSite os JOIN site s ON s.id = os.siteId
                                   JOIN country c ON c.code = s.country WHERE os.offerId = o.id AND c.eu = 0)""")
    # The reference reads no site and no listing; the second line writes what the answer carries.
    versus_sql("registry query --profile sensitive",
               [registry, "query", "--profile", "sensitive", "--db", big, "--format", "json"], sensitive,
               target="1.5", same_content=with_content(sensitive))
    # A large answer: written as it is read, its memory should not grow with the number of matches.
    matches = run([registry, "query", "--model", "iaas", "--db", big, "--format", "ndjson"]).stdout.count("\n")
    versus_sql(f"registry query --model iaas ({matches:,} matches)",
               [registry, "query", "--model", "iaas", "--db", big, "--format", "json"],
               """SELECT p.id, p.name, o.id, o.name, o.serviceModel, s.id, s.country, l.id, l.catalogueId
                  FROM offer o JOIN provider p ON p.id = o.providerId
                  LEFT JOIN offerSite os ON os.offerId = o.id LEFT JOIN site s ON s.id = os.siteId
                  LEFT JOIN offerListing ol ON ol.offerId = o.id LEFT JOIN listing l ON l.id = ol.listingId
                  WHERE o.serviceModel = 'iaas' OR EXISTS (SELECT 1 FROM offerServiceModel m
                                                           WHERE m.offerId = o.id AND m.model = 'iaas')
                  ORDER BY p.name, o.name;""", target=None)
    versus_sql("registry show fournisseur-000042-fictif",
               [registry, "show", "fournisseur-000042-fictif", "--db", big, "--format", "json"],
               """SELECT * FROM provider WHERE id = 'fournisseur-000042-fictif';
                  SELECT * FROM entity WHERE id = 'fournisseur-000042-fictif';
                  SELECT * FROM ownership WHERE ownedId = 'fournisseur-000042-fictif';
                  SELECT * FROM offer WHERE providerId = 'fournisseur-000042-fictif';
                  SELECT * FROM site WHERE providerId = 'fournisseur-000042-fictif';
                  SELECT a.*, (SELECT json_group_array(activity) FROM attestationActivity WHERE attestationId = a.id)
                    FROM attestation a WHERE providerId = 'fournisseur-000042-fictif';
                  SELECT * FROM listing WHERE providerId = 'fournisseur-000042-fictif';""", target=None)
    print()

# MARK: - Start-up

if "startup" not in skip:
    print("Start-up")
    seeded = os.path.join(work, "seeded.sqlite")
    run([registry, "init", "--db", seeded])
    select = timed(["sqlite3", ":memory:", "select 1"])
    line("sqlite3 :memory: 'select 1' (reference)", select)
    line("registry --version", timed([registry, "--version"]), select)
    line("registry query --hds --secnumcloud (seeds)",
         timed([registry, "query", "--hds", "--secnumcloud", "--db", seeded, "--format", "json"]), select)
shutil.rmtree(work)
