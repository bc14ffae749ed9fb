#!/usr/bin/env python3
"""Writes a fact table's three history triggers from its columns, for a new migration.

    Scripts/history-triggers.py DB TABLE   print the triggers of TABLE, as the schema in DB stands
    Scripts/history-triggers.py DB --check compare every history trigger in DB with what this writes

DB is a migrated registry (`registry init --empty --db /tmp/schema.sqlite`). A migration that adds a
fact table, or a column to one, drops the table's triggers and pastes this script's output; the
test `HistoryCoverageTests` fails on any column the triggers miss, and `--check` shows that the
shipped triggers are this script's output.
"""
import re
import sqlite3
import sys

# Where a row's provider is found when the table has no providerId column (NULL: no provider).
PROVIDER = {
    'provider': 'ROW.id',
    'attestationActivity': '(SELECT providerId FROM attestation WHERE id = ROW.attestationId)',
    'attestationOffer': '(SELECT providerId FROM attestation WHERE id = ROW.attestationId)',
    'listingOffer': '(SELECT providerId FROM listing WHERE id = ROW.listingId)',
    'offerSite': '(SELECT providerId FROM offer WHERE id = ROW.offerId)',
    'offerAlias': "substr(ROW.offerId, 1, instr(ROW.offerId, '/') - 1)",
    'offerServiceModel': "substr(ROW.offerId, 1, instr(ROW.offerId, '/') - 1)",
    'offerTerm': "substr(ROW.offerId, 1, instr(ROW.offerId, '/') - 1)",
    'csfAnswer': "substr(ROW.offerId, 1, instr(ROW.offerId, '/') - 1)",
}

HEAD = '''CREATE TRIGGER {table}_history_{operation} AFTER {verb} ON {table}
{when}BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), '{table}', {key}, {provider}, '{operation}',
            {old},
            {new});
END;'''


def triggers(db, table):
    info = db.execute(f'PRAGMA table_info("{table}")').fetchall()
    columns = [row[1] for row in info]
    keys = [row[1] for row in sorted(info, key=lambda row: row[5]) if row[5] > 0]
    if 'providerId' in columns and table not in PROVIDER:
        provider = 'ROW.providerId'
    else:
        provider = PROVIDER.get(table, 'NULL')

    def key(row):
        names = [f'{row}.{name}' for name in keys]
        return names[0] if len(names) == 1 else f'json_array({", ".join(names)})'

    def values(row):
        return 'json_object(' + ', '.join(f"'{name}', {row}.{name}" for name in columns) + ')'

    changed = ' OR '.join(f'OLD.{name} IS NOT NEW.{name}' for name in columns)
    shapes = [
        ('insert', 'INSERT', 'NEW', '', 'NULL', values('NEW')),
        ('update', 'UPDATE', 'NEW', f'WHEN {changed}\n', values('OLD'), values('NEW')),
        ('delete', 'DELETE', 'OLD', '', values('OLD'), 'NULL'),
    ]
    return {
        f'{table}_history_{operation}': HEAD.format(
            table=table, operation=operation, verb=verb, when=when, key=key(row),
            provider=provider.replace('ROW', row), old=old, new=new)
        for operation, verb, row, when, old, new in shapes
    }


def shape(sql):
    """A trigger's text with its column lists as sets: a column added by a later ALTER TABLE sits last in
    the table and may sit elsewhere in a trigger written by hand."""
    pairs = r"'(\w+)', (NEW|OLD)\.\1"
    terms = r"OLD\.(\w+) IS NOT NEW\.\1"
    rest = re.sub(terms + '( OR )?', '', re.sub(pairs + '(, )?', '', sql.rstrip(';')))
    rest = re.sub(r'\s+', ' ', rest).strip()
    return rest, set(re.findall(pairs, sql)), set(re.findall(terms, sql))


def check(db):
    shipped = dict(db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_history\\_%' ESCAPE '\\'"))
    tables = sorted({name.rsplit('_history_', 1)[0] for name in shipped})
    differing = [name for table in tables for name, sql in triggers(db, table).items()
                 if shape(shipped.get(name, '')) != shape(sql)]
    for name in differing:
        print(f'{name}: differs from what this script writes', file=sys.stderr)
    print(f'{len(shipped)} history triggers on {len(tables)} tables; {len(differing)} differ')
    return 1 if differing else 0


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    database = sqlite3.connect(f'file:{sys.argv[1]}?mode=ro', uri=True)
    if sys.argv[2] == '--check':
        sys.exit(check(database))
    print('\n\n'.join(triggers(database, sys.argv[2]).values()))
