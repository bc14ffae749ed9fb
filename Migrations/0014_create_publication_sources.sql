-- The publications the nightly sync fetches (`registry sources`), each a change in the history; the built-in
-- one is ANSSI's catalogue at its 2026 address. And what each fetch found: bookkeeping of the sync, like
-- importRun, with no history of its own.
CREATE TABLE publicationSource (
    name TEXT PRIMARY KEY CHECK (name GLOB '[a-z0-9]*' AND name NOT GLOB '*[^a-z0-9-]*'),
    url TEXT NOT NULL CHECK (url GLOB 'https://?*' OR url GLOB 'http://?*'),
    kind TEXT NOT NULL CHECK (kind IN ('anssi-catalogue', 'registry-json', 'secnumcloud', 'hds', 'hds-transparency', 'catalogue'))
) STRICT;
INSERT INTO publicationSource (name, url, kind) VALUES (
    'anssi-catalogue',
    'https://messervices.cyber.gouv.fr/visas/catalogue-produits-services-profils-de-protection-sites-certifies-qualifies-agrees-anssi.pdf',
    'anssi-catalogue');

CREATE TABLE publicationFetch (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    fetchedAt TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('imported', 'unchanged', 'failed', 'refused')),
    httpStatus INTEGER,
    url TEXT,
    etag TEXT,
    lastModified TEXT,
    sha256 TEXT CHECK (sha256 IS NULL OR (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*')),
    edition TEXT,
    message TEXT
) STRICT;
CREATE INDEX publicationFetch_source ON publicationFetch(source, id);

-- The sources' history: each change a steward makes is recorded.
CREATE TRIGGER publicationSource_history_insert AFTER INSERT ON publicationSource
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'publicationSource', NEW.name, NULL, 'insert',
            NULL,
            json_object('name', NEW.name, 'url', NEW.url, 'kind', NEW.kind));
END;

CREATE TRIGGER publicationSource_history_update AFTER UPDATE ON publicationSource
WHEN OLD.name IS NOT NEW.name OR OLD.url IS NOT NEW.url OR OLD.kind IS NOT NEW.kind
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'publicationSource', NEW.name, NULL, 'update',
            json_object('name', OLD.name, 'url', OLD.url, 'kind', OLD.kind),
            json_object('name', NEW.name, 'url', NEW.url, 'kind', NEW.kind));
END;

CREATE TRIGGER publicationSource_history_delete AFTER DELETE ON publicationSource
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'publicationSource', OLD.name, NULL, 'delete',
            json_object('name', OLD.name, 'url', OLD.url, 'kind', OLD.kind),
            NULL);
END;
