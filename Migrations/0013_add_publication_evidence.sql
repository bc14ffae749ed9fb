-- ANSSI's catalogue read as published (the PDF), one source per publication.
--
-- Import runs of the new kind: SQLite cannot alter a CHECK, so the table is rebuilt as 0009 did
-- (legacy_alter_table keeps the rename from re-parsing the history triggers, which name importRun).
PRAGMA legacy_alter_table = ON;
CREATE TABLE importRun_new (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL CHECK (source IN ('seeds', 'registry-json', 'secnumcloud', 'hds', 'hds-transparency', 'catalogue', 'steward', 'anssi-catalogue')),
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
    day TEXT CHECK (day IS NULL OR date(day, '+0 days') IS day),
    chainHead TEXT CHECK (chainHead IS NULL OR length(chainHead) = 64)
) STRICT;
INSERT INTO importRun_new SELECT * FROM importRun;
DROP TABLE importRun;
ALTER TABLE importRun_new RENAME TO importRun;
CREATE INDEX importRun_source_status ON importRun(source, status, id);
PRAGMA legacy_alter_table = OFF;

-- Which of ANSSI's two SecNumCloud publications a list fact belongs to: the catalogue of qualified services
-- (the PDF) or the page of services in qualification (J0–J3). An import withdraws only the absent entries of
-- the publication it reads. Existing list facts are sorted by what they say.
ALTER TABLE attestation ADD COLUMN publication TEXT CHECK (publication IN ('anssi-catalogue', 'anssi-in-qualification'));
UPDATE attestation SET publication = CASE status WHEN 'in_progress' THEN 'anssi-in-qualification' ELSE 'anssi-catalogue' END
WHERE origin = 'secnumcloud' AND status <> 'withdrawn';

-- Evidence that points at the document read: the decision's own link and year (ANSSI numbers restart each
-- year), the edition's stamp, the SHA-256 of the copy and the page, and the service's name as printed.
ALTER TABLE attestation ADD COLUMN decisionYear INTEGER CHECK (decisionYear IS NULL OR decisionYear BETWEEN 1990 AND 2999);
ALTER TABLE attestation ADD COLUMN decisionUrl TEXT CHECK (decisionUrl IS NULL OR decisionUrl <> '');
ALTER TABLE attestation ADD COLUMN edition TEXT CHECK (edition IS NULL OR edition <> '');
ALTER TABLE attestation ADD COLUMN copySha256 TEXT CHECK (copySha256 IS NULL OR (length(copySha256) = 64 AND copySha256 NOT GLOB '*[^0-9a-f]*'));
ALTER TABLE attestation ADD COLUMN page INTEGER CHECK (page IS NULL OR page >= 1);
ALTER TABLE attestation ADD COLUMN listedName TEXT CHECK (listedName IS NULL OR listedName <> '');

-- A qualification is its decision: (year, number). A number without its year (a transcription) is one key.
DROP INDEX attestation_certificate;
CREATE UNIQUE INDEX attestation_certificate ON attestation(schemeId, certificateRef, ifnull(decisionYear, 0)) WHERE certificateRef IS NOT NULL;

-- An offer may have several service models (S3NS's service: PaaS, CaaS and IaaS ticked on one row):
-- offer.serviceModel is the first, these rows the others.
CREATE TABLE offerServiceModel (
    offerId TEXT NOT NULL REFERENCES offer(id) ON DELETE CASCADE,
    model TEXT NOT NULL CHECK (model IN ('iaas', 'paas', 'caas', 'saas')),
    PRIMARY KEY (offerId, model)
) STRICT, WITHOUT ROWID;
CREATE INDEX offerServiceModel_model ON offerServiceModel(model);

-- Each edition of a publication the registry read: refused when older than the newest, unchanged when the
-- same. Bookkeeping of the imports, like importRun: no history of its own.
CREATE TABLE publicationEdition (
    publication TEXT NOT NULL CHECK (publication IN ('anssi-catalogue')),
    stamp TEXT NOT NULL CHECK (stamp <> ''),
    editionOn TEXT NOT NULL CHECK (date(editionOn, '+0 days') IS editionOn),
    copySha256 TEXT NOT NULL CHECK (length(copySha256) = 64 AND copySha256 NOT GLOB '*[^0-9a-f]*'),
    runId INTEGER REFERENCES importRun(id),
    PRIMARY KEY (publication, editionOn, stamp)
) STRICT;

-- The attestation's history triggers, again, with the new columns; the new table's own.
DROP TRIGGER attestation_history_insert;
DROP TRIGGER attestation_history_update;
DROP TRIGGER attestation_history_delete;

CREATE TRIGGER attestation_history_insert AFTER INSERT ON attestation
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'attestation', NEW.id, NEW.providerId, 'insert',
            NULL,
            json_object('id', NEW.id, 'providerId', NEW.providerId, 'schemeId', NEW.schemeId, 'version', NEW.version, 'status', NEW.status, 'milestone', NEW.milestone, 'statusSince', NEW.statusSince, 'scope', NEW.scope, 'hdsPerimeter', NEW.hdsPerimeter, 'certificateRef', NEW.certificateRef, 'issuer', NEW.issuer, 'issuedOn', NEW.issuedOn, 'expiresOn', NEW.expiresOn, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn, 'origin', NEW.origin, 'via', NEW.via, 'publication', NEW.publication, 'decisionYear', NEW.decisionYear, 'decisionUrl', NEW.decisionUrl, 'edition', NEW.edition, 'copySha256', NEW.copySha256, 'page', NEW.page, 'listedName', NEW.listedName));
END;

CREATE TRIGGER attestation_history_update AFTER UPDATE ON attestation
WHEN OLD.id IS NOT NEW.id OR OLD.providerId IS NOT NEW.providerId OR OLD.schemeId IS NOT NEW.schemeId OR OLD.version IS NOT NEW.version OR OLD.status IS NOT NEW.status OR OLD.milestone IS NOT NEW.milestone OR OLD.statusSince IS NOT NEW.statusSince OR OLD.scope IS NOT NEW.scope OR OLD.hdsPerimeter IS NOT NEW.hdsPerimeter OR OLD.certificateRef IS NOT NEW.certificateRef OR OLD.issuer IS NOT NEW.issuer OR OLD.issuedOn IS NOT NEW.issuedOn OR OLD.expiresOn IS NOT NEW.expiresOn OR OLD.note IS NOT NEW.note OR OLD.source IS NOT NEW.source OR OLD.sourceKind IS NOT NEW.sourceKind OR OLD.verifiedOn IS NOT NEW.verifiedOn OR OLD.origin IS NOT NEW.origin OR OLD.via IS NOT NEW.via OR OLD.publication IS NOT NEW.publication OR OLD.decisionYear IS NOT NEW.decisionYear OR OLD.decisionUrl IS NOT NEW.decisionUrl OR OLD.edition IS NOT NEW.edition OR OLD.copySha256 IS NOT NEW.copySha256 OR OLD.page IS NOT NEW.page OR OLD.listedName IS NOT NEW.listedName
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'attestation', NEW.id, NEW.providerId, 'update',
            json_object('id', OLD.id, 'providerId', OLD.providerId, 'schemeId', OLD.schemeId, 'version', OLD.version, 'status', OLD.status, 'milestone', OLD.milestone, 'statusSince', OLD.statusSince, 'scope', OLD.scope, 'hdsPerimeter', OLD.hdsPerimeter, 'certificateRef', OLD.certificateRef, 'issuer', OLD.issuer, 'issuedOn', OLD.issuedOn, 'expiresOn', OLD.expiresOn, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn, 'origin', OLD.origin, 'via', OLD.via, 'publication', OLD.publication, 'decisionYear', OLD.decisionYear, 'decisionUrl', OLD.decisionUrl, 'edition', OLD.edition, 'copySha256', OLD.copySha256, 'page', OLD.page, 'listedName', OLD.listedName),
            json_object('id', NEW.id, 'providerId', NEW.providerId, 'schemeId', NEW.schemeId, 'version', NEW.version, 'status', NEW.status, 'milestone', NEW.milestone, 'statusSince', NEW.statusSince, 'scope', NEW.scope, 'hdsPerimeter', NEW.hdsPerimeter, 'certificateRef', NEW.certificateRef, 'issuer', NEW.issuer, 'issuedOn', NEW.issuedOn, 'expiresOn', NEW.expiresOn, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn, 'origin', NEW.origin, 'via', NEW.via, 'publication', NEW.publication, 'decisionYear', NEW.decisionYear, 'decisionUrl', NEW.decisionUrl, 'edition', NEW.edition, 'copySha256', NEW.copySha256, 'page', NEW.page, 'listedName', NEW.listedName));
END;

CREATE TRIGGER attestation_history_delete AFTER DELETE ON attestation
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'attestation', OLD.id, OLD.providerId, 'delete',
            json_object('id', OLD.id, 'providerId', OLD.providerId, 'schemeId', OLD.schemeId, 'version', OLD.version, 'status', OLD.status, 'milestone', OLD.milestone, 'statusSince', OLD.statusSince, 'scope', OLD.scope, 'hdsPerimeter', OLD.hdsPerimeter, 'certificateRef', OLD.certificateRef, 'issuer', OLD.issuer, 'issuedOn', OLD.issuedOn, 'expiresOn', OLD.expiresOn, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn, 'origin', OLD.origin, 'via', OLD.via, 'publication', OLD.publication, 'decisionYear', OLD.decisionYear, 'decisionUrl', OLD.decisionUrl, 'edition', OLD.edition, 'copySha256', OLD.copySha256, 'page', OLD.page, 'listedName', OLD.listedName),
            NULL);
END;

CREATE TRIGGER offerServiceModel_history_insert AFTER INSERT ON offerServiceModel
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'offerServiceModel', json_array(NEW.offerId, NEW.model), substr(NEW.offerId, 1, instr(NEW.offerId, '/') - 1), 'insert',
            NULL,
            json_object('offerId', NEW.offerId, 'model', NEW.model));
END;

CREATE TRIGGER offerServiceModel_history_update AFTER UPDATE ON offerServiceModel
WHEN OLD.offerId IS NOT NEW.offerId OR OLD.model IS NOT NEW.model
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'offerServiceModel', json_array(NEW.offerId, NEW.model), substr(NEW.offerId, 1, instr(NEW.offerId, '/') - 1), 'update',
            json_object('offerId', OLD.offerId, 'model', OLD.model),
            json_object('offerId', NEW.offerId, 'model', NEW.model));
END;

CREATE TRIGGER offerServiceModel_history_delete AFTER DELETE ON offerServiceModel
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'offerServiceModel', json_array(OLD.offerId, OLD.model), substr(OLD.offerId, 1, instr(OLD.offerId, '/') - 1), 'delete',
            json_object('offerId', OLD.offerId, 'model', OLD.model),
            NULL);
END;
