-- Steward's writes that are not imports (`registry alias add`, `registry merge`) are runs too, so that their
-- changes land in the history with a run that says what they were. SQLite cannot alter a CHECK: the table
-- is rebuilt (GRDB runs a migration with foreign keys off and checks them after it). legacy_alter_table
-- keeps the rename from re-parsing the history triggers, which name importRun.
PRAGMA legacy_alter_table = ON;
CREATE TABLE importRun_new (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL CHECK (source IN ('seeds', 'registry-json', 'secnumcloud', 'hds', 'hds-transparency', 'catalogue', 'steward')),
    fileName TEXT,
    sha256 TEXT CHECK (sha256 IS NULL OR (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*')),
    startedAt TEXT NOT NULL,
    endedAt TEXT,
    status TEXT NOT NULL CHECK (status IN ('running', 'applied', 'unchanged', 'rejected')),
    readCount INTEGER NOT NULL DEFAULT 0 CHECK (readCount >= 0),
    insertedCount INTEGER NOT NULL DEFAULT 0 CHECK (insertedCount >= 0),
    updatedCount INTEGER NOT NULL DEFAULT 0 CHECK (updatedCount >= 0),
    withdrawnCount INTEGER NOT NULL DEFAULT 0 CHECK (withdrawnCount >= 0),
    reinstatedCount INTEGER NOT NULL DEFAULT 0 CHECK (reinstatedCount >= 0),
    unchangedCount INTEGER NOT NULL DEFAULT 0 CHECK (unchangedCount >= 0),
    rejectedCount INTEGER NOT NULL DEFAULT 0 CHECK (rejectedCount >= 0),
    message TEXT,
    day TEXT CHECK (day IS NULL OR date(day, '+0 days') IS day)
) STRICT;
INSERT INTO importRun_new SELECT * FROM importRun;
DROP TABLE importRun;
ALTER TABLE importRun_new RENAME TO importRun;
CREATE INDEX importRun_source_status ON importRun(source, status, id);
PRAGMA legacy_alter_table = OFF;
