-- Hosts' transparency pages (HDS 2024, exigence 31) read as published: each row lands on an offer the page
-- was configured for, cites the copy read, and keeps exigence 30's words beside its answer.
ALTER TABLE hdsTransparency ADD COLUMN offerId TEXT REFERENCES offer(id);
ALTER TABLE hdsTransparency ADD COLUMN exigence30Text TEXT;
ALTER TABLE hdsTransparency ADD COLUMN copySha256 TEXT CHECK (copySha256 IS NULL OR (length(copySha256) = 64 AND copySha256 NOT GLOB '*[^0-9a-f]*'));
CREATE INDEX hdsTransparency_offerId ON hdsTransparency(offerId) WHERE offerId IS NOT NULL;

-- Publications of the new kind, with the offers a page speaks for: SQLite cannot alter a CHECK, so the table
-- is rebuilt (no other table refers to it).
CREATE TABLE publicationSource_new (
    name TEXT PRIMARY KEY CHECK (name GLOB '[a-z0-9]*' AND name NOT GLOB '*[^a-z0-9-]*'),
    url TEXT NOT NULL CHECK (url GLOB 'https://?*' OR url GLOB 'http://?*'),
    kind TEXT NOT NULL CHECK (kind IN ('anssi-catalogue', 'registry-json', 'secnumcloud', 'hds', 'hds-transparency', 'hds-transparency-page', 'catalogue')),
    -- The offers a host's transparency page speaks for (a JSON array of offer ids); NULL for other kinds.
    offers TEXT CHECK (offers IS NULL OR (json_valid(offers) AND json_type(offers) = 'array')),
    CHECK ((kind = 'hds-transparency-page') = (offers IS NOT NULL))
) STRICT;
INSERT INTO publicationSource_new (name, url, kind) SELECT name, url, kind FROM publicationSource;
DROP TABLE publicationSource;
ALTER TABLE publicationSource_new RENAME TO publicationSource;

DROP TRIGGER hdsTransparency_history_insert;
DROP TRIGGER hdsTransparency_history_update;
DROP TRIGGER hdsTransparency_history_delete;

CREATE TRIGGER hdsTransparency_history_insert AFTER INSERT ON hdsTransparency
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'hdsTransparency', NEW.id, NEW.providerId, 'insert',
            NULL,
            json_object('id', NEW.id, 'providerId', NEW.providerId, 'actor', NEW.actor, 'role', NEW.role, 'hdsCertified', NEW.hdsCertified, 'secnumcloud32', NEW.secnumcloud32, 'activities', NEW.activities, 'exigence29', NEW.exigence29, 'accessFromOutsideEEA', NEW.accessFromOutsideEEA, 'exigence30', NEW.exigence30, 'withdrawnOn', NEW.withdrawnOn, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn, 'offerId', NEW.offerId, 'exigence30Text', NEW.exigence30Text, 'copySha256', NEW.copySha256));
END;

CREATE TRIGGER hdsTransparency_history_update AFTER UPDATE ON hdsTransparency
WHEN OLD.id IS NOT NEW.id OR OLD.providerId IS NOT NEW.providerId OR OLD.actor IS NOT NEW.actor OR OLD.role IS NOT NEW.role OR OLD.hdsCertified IS NOT NEW.hdsCertified OR OLD.secnumcloud32 IS NOT NEW.secnumcloud32 OR OLD.activities IS NOT NEW.activities OR OLD.exigence29 IS NOT NEW.exigence29 OR OLD.accessFromOutsideEEA IS NOT NEW.accessFromOutsideEEA OR OLD.exigence30 IS NOT NEW.exigence30 OR OLD.withdrawnOn IS NOT NEW.withdrawnOn OR OLD.note IS NOT NEW.note OR OLD.source IS NOT NEW.source OR OLD.sourceKind IS NOT NEW.sourceKind OR OLD.verifiedOn IS NOT NEW.verifiedOn OR OLD.offerId IS NOT NEW.offerId OR OLD.exigence30Text IS NOT NEW.exigence30Text OR OLD.copySha256 IS NOT NEW.copySha256
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'hdsTransparency', NEW.id, NEW.providerId, 'update',
            json_object('id', OLD.id, 'providerId', OLD.providerId, 'actor', OLD.actor, 'role', OLD.role, 'hdsCertified', OLD.hdsCertified, 'secnumcloud32', OLD.secnumcloud32, 'activities', OLD.activities, 'exigence29', OLD.exigence29, 'accessFromOutsideEEA', OLD.accessFromOutsideEEA, 'exigence30', OLD.exigence30, 'withdrawnOn', OLD.withdrawnOn, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn, 'offerId', OLD.offerId, 'exigence30Text', OLD.exigence30Text, 'copySha256', OLD.copySha256),
            json_object('id', NEW.id, 'providerId', NEW.providerId, 'actor', NEW.actor, 'role', NEW.role, 'hdsCertified', NEW.hdsCertified, 'secnumcloud32', NEW.secnumcloud32, 'activities', NEW.activities, 'exigence29', NEW.exigence29, 'accessFromOutsideEEA', NEW.accessFromOutsideEEA, 'exigence30', NEW.exigence30, 'withdrawnOn', NEW.withdrawnOn, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn, 'offerId', NEW.offerId, 'exigence30Text', NEW.exigence30Text, 'copySha256', NEW.copySha256));
END;

CREATE TRIGGER hdsTransparency_history_delete AFTER DELETE ON hdsTransparency
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'hdsTransparency', OLD.id, OLD.providerId, 'delete',
            json_object('id', OLD.id, 'providerId', OLD.providerId, 'actor', OLD.actor, 'role', OLD.role, 'hdsCertified', OLD.hdsCertified, 'secnumcloud32', OLD.secnumcloud32, 'activities', OLD.activities, 'exigence29', OLD.exigence29, 'accessFromOutsideEEA', OLD.accessFromOutsideEEA, 'exigence30', OLD.exigence30, 'withdrawnOn', OLD.withdrawnOn, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn, 'offerId', OLD.offerId, 'exigence30Text', OLD.exigence30Text, 'copySha256', OLD.copySha256),
            NULL);
END;

-- The sources' history, as 0014 kept it, with the offers.
CREATE TRIGGER publicationSource_history_insert AFTER INSERT ON publicationSource
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'publicationSource', NEW.name, NULL, 'insert',
            NULL,
            json_object('name', NEW.name, 'url', NEW.url, 'kind', NEW.kind, 'offers', NEW.offers));
END;

CREATE TRIGGER publicationSource_history_update AFTER UPDATE ON publicationSource
WHEN OLD.name IS NOT NEW.name OR OLD.url IS NOT NEW.url OR OLD.kind IS NOT NEW.kind OR OLD.offers IS NOT NEW.offers
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'publicationSource', NEW.name, NULL, 'update',
            json_object('name', OLD.name, 'url', OLD.url, 'kind', OLD.kind, 'offers', OLD.offers),
            json_object('name', NEW.name, 'url', NEW.url, 'kind', NEW.kind, 'offers', NEW.offers));
END;

CREATE TRIGGER publicationSource_history_delete AFTER DELETE ON publicationSource
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'publicationSource', OLD.name, NULL, 'delete',
            json_object('name', OLD.name, 'url', OLD.url, 'kind', OLD.kind, 'offers', OLD.offers),
            NULL);
END;
