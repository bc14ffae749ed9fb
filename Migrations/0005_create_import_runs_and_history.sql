-- Import runs, the sources that own imported facts, HDS 2024 transparency tables, and the history of
-- every change to every fact, kept by triggers so that no write path can forget it.

CREATE TABLE importRun (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL CHECK (source IN ('seeds', 'registry-json', 'secnumcloud', 'hds', 'hds-transparency', 'catalogue')),
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
    message TEXT
) STRICT;
CREATE INDEX importRun_source_status ON importRun(source, status, id);

-- The official-list source an imported attestation or listing belongs to: the next file of that source
-- is the whole truth for it (absent entries are withdrawn). NULL: seeded or entered by hand.
ALTER TABLE attestation ADD COLUMN origin TEXT CHECK (origin IN ('secnumcloud', 'hds', 'catalogue'));
ALTER TABLE listing ADD COLUMN origin TEXT CHECK (origin IN ('catalogue'));
-- A listing that left its catalogue is kept, marked with the day it was seen gone.
ALTER TABLE listing ADD COLUMN withdrawnOn TEXT CHECK (withdrawnOn IS NULL OR date(withdrawnOn, '+0 days') IS withdrawnOn);
CREATE INDEX attestation_origin ON attestation(origin) WHERE origin IS NOT NULL;
CREATE INDEX listing_origin ON listing(origin) WHERE origin IS NOT NULL;

-- A row of a host's HDS 2024 transparency table (exigences 29 and 30): who takes part in the hosting,
-- in which role, and whether data can be reached from outside the EEA or under third-country law.
CREATE TABLE hdsTransparency (
    id TEXT PRIMARY KEY CHECK (substr(id, 1, length(providerId) + 1) = providerId || '/' AND length(id) > length(providerId) + 1),
    providerId TEXT NOT NULL REFERENCES provider(id),
    actor TEXT NOT NULL CHECK (actor <> ''),
    role TEXT NOT NULL CHECK (role IN ('host', 'subcontractor')),
    hdsCertified TEXT CHECK (hdsCertified IN ('yes', 'no', 'exempt')),
    secnumcloud32 INTEGER CHECK (secnumcloud32 IN (0, 1)),
    activities TEXT NOT NULL CHECK (json_valid(activities) AND json_type(activities) = 'array'),
    exigence29 TEXT,
    accessFromOutsideEEA INTEGER CHECK (accessFromOutsideEEA IN (0, 1)),
    exigence30 INTEGER CHECK (exigence30 IN (0, 1)),
    withdrawnOn TEXT CHECK (withdrawnOn IS NULL OR date(withdrawnOn, '+0 days') IS withdrawnOn),
    note TEXT,
    source TEXT NOT NULL CHECK (source <> ''),
    sourceKind TEXT NOT NULL CHECK (sourceKind IN ('official-list', 'provider-statement', 'press', 'research-note')),
    verifiedOn TEXT CHECK (verifiedOn IS NULL OR date(verifiedOn, '+0 days') IS verifiedOn)
) STRICT;
CREATE INDEX hdsTransparency_providerId ON hdsTransparency(providerId);

CREATE TABLE history (
    id INTEGER PRIMARY KEY,
    -- The run that made the change: the one running in this transaction (NULL for a change made by hand).
    runId INTEGER REFERENCES importRun(id),
    changedAt TEXT NOT NULL,
    tableName TEXT NOT NULL,
    rowKey TEXT NOT NULL,
    providerId TEXT,
    operation TEXT NOT NULL CHECK (operation IN ('insert', 'update', 'delete')),
    oldValues TEXT CHECK (oldValues IS NULL OR json_valid(oldValues)),
    newValues TEXT CHECK (newValues IS NULL OR json_valid(newValues))
) STRICT;
CREATE INDEX history_providerId ON history(providerId, id);
CREATE INDEX history_rowKey ON history(rowKey, id);
CREATE INDEX history_runId ON history(runId);
CREATE INDEX history_changedAt ON history(changedAt);

CREATE TRIGGER entity_history_insert AFTER INSERT ON entity
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'entity', NEW.id, NULL, 'insert',
            NULL,
            json_object('id', NEW.id, 'name', NEW.name, 'kind', NEW.kind, 'country', NEW.country, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn));
END;

CREATE TRIGGER entity_history_update AFTER UPDATE ON entity
WHEN OLD.id IS NOT NEW.id OR OLD.name IS NOT NEW.name OR OLD.kind IS NOT NEW.kind OR OLD.country IS NOT NEW.country OR OLD.note IS NOT NEW.note OR OLD.source IS NOT NEW.source OR OLD.sourceKind IS NOT NEW.sourceKind OR OLD.verifiedOn IS NOT NEW.verifiedOn
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'entity', NEW.id, NULL, 'update',
            json_object('id', OLD.id, 'name', OLD.name, 'kind', OLD.kind, 'country', OLD.country, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn),
            json_object('id', NEW.id, 'name', NEW.name, 'kind', NEW.kind, 'country', NEW.country, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn));
END;

CREATE TRIGGER entity_history_delete AFTER DELETE ON entity
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'entity', OLD.id, NULL, 'delete',
            json_object('id', OLD.id, 'name', OLD.name, 'kind', OLD.kind, 'country', OLD.country, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn),
            NULL);
END;

CREATE TRIGGER ownership_history_insert AFTER INSERT ON ownership
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'ownership', json_array(NEW.ownerId, NEW.ownedId), NULL, 'insert',
            NULL,
            json_object('ownerId', NEW.ownerId, 'ownedId', NEW.ownedId, 'capitalPercent', NEW.capitalPercent, 'votingPercent', NEW.votingPercent, 'vetoRight', NEW.vetoRight, 'boardMajorityRight', NEW.boardMajorityRight, 'controlling', NEW.controlling, 'asOf', NEW.asOf, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn));
END;

CREATE TRIGGER ownership_history_update AFTER UPDATE ON ownership
WHEN OLD.ownerId IS NOT NEW.ownerId OR OLD.ownedId IS NOT NEW.ownedId OR OLD.capitalPercent IS NOT NEW.capitalPercent OR OLD.votingPercent IS NOT NEW.votingPercent OR OLD.vetoRight IS NOT NEW.vetoRight OR OLD.boardMajorityRight IS NOT NEW.boardMajorityRight OR OLD.controlling IS NOT NEW.controlling OR OLD.asOf IS NOT NEW.asOf OR OLD.note IS NOT NEW.note OR OLD.source IS NOT NEW.source OR OLD.sourceKind IS NOT NEW.sourceKind OR OLD.verifiedOn IS NOT NEW.verifiedOn
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'ownership', json_array(NEW.ownerId, NEW.ownedId), NULL, 'update',
            json_object('ownerId', OLD.ownerId, 'ownedId', OLD.ownedId, 'capitalPercent', OLD.capitalPercent, 'votingPercent', OLD.votingPercent, 'vetoRight', OLD.vetoRight, 'boardMajorityRight', OLD.boardMajorityRight, 'controlling', OLD.controlling, 'asOf', OLD.asOf, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn),
            json_object('ownerId', NEW.ownerId, 'ownedId', NEW.ownedId, 'capitalPercent', NEW.capitalPercent, 'votingPercent', NEW.votingPercent, 'vetoRight', NEW.vetoRight, 'boardMajorityRight', NEW.boardMajorityRight, 'controlling', NEW.controlling, 'asOf', NEW.asOf, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn));
END;

CREATE TRIGGER ownership_history_delete AFTER DELETE ON ownership
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'ownership', json_array(OLD.ownerId, OLD.ownedId), NULL, 'delete',
            json_object('ownerId', OLD.ownerId, 'ownedId', OLD.ownedId, 'capitalPercent', OLD.capitalPercent, 'votingPercent', OLD.votingPercent, 'vetoRight', OLD.vetoRight, 'boardMajorityRight', OLD.boardMajorityRight, 'controlling', OLD.controlling, 'asOf', OLD.asOf, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn),
            NULL);
END;

CREATE TRIGGER provider_history_insert AFTER INSERT ON provider
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'provider', NEW.id, NEW.id, 'insert',
            NULL,
            json_object('id', NEW.id, 'name', NEW.name, 'legalName', NEW.legalName, 'entityId', NEW.entityId, 'hqCountry', NEW.hqCountry, 'siren', NEW.siren, 'website', NEW.website, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn));
END;

CREATE TRIGGER provider_history_update AFTER UPDATE ON provider
WHEN OLD.id IS NOT NEW.id OR OLD.name IS NOT NEW.name OR OLD.legalName IS NOT NEW.legalName OR OLD.entityId IS NOT NEW.entityId OR OLD.hqCountry IS NOT NEW.hqCountry OR OLD.siren IS NOT NEW.siren OR OLD.website IS NOT NEW.website OR OLD.note IS NOT NEW.note OR OLD.source IS NOT NEW.source OR OLD.sourceKind IS NOT NEW.sourceKind OR OLD.verifiedOn IS NOT NEW.verifiedOn
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'provider', NEW.id, NEW.id, 'update',
            json_object('id', OLD.id, 'name', OLD.name, 'legalName', OLD.legalName, 'entityId', OLD.entityId, 'hqCountry', OLD.hqCountry, 'siren', OLD.siren, 'website', OLD.website, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn),
            json_object('id', NEW.id, 'name', NEW.name, 'legalName', NEW.legalName, 'entityId', NEW.entityId, 'hqCountry', NEW.hqCountry, 'siren', NEW.siren, 'website', NEW.website, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn));
END;

CREATE TRIGGER provider_history_delete AFTER DELETE ON provider
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'provider', OLD.id, OLD.id, 'delete',
            json_object('id', OLD.id, 'name', OLD.name, 'legalName', OLD.legalName, 'entityId', OLD.entityId, 'hqCountry', OLD.hqCountry, 'siren', OLD.siren, 'website', OLD.website, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn),
            NULL);
END;

CREATE TRIGGER providerAlias_history_insert AFTER INSERT ON providerAlias
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'providerAlias', json_array(NEW.providerId, NEW.alias), NEW.providerId, 'insert',
            NULL,
            json_object('providerId', NEW.providerId, 'alias', NEW.alias));
END;

CREATE TRIGGER providerAlias_history_update AFTER UPDATE ON providerAlias
WHEN OLD.providerId IS NOT NEW.providerId OR OLD.alias IS NOT NEW.alias
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'providerAlias', json_array(NEW.providerId, NEW.alias), NEW.providerId, 'update',
            json_object('providerId', OLD.providerId, 'alias', OLD.alias),
            json_object('providerId', NEW.providerId, 'alias', NEW.alias));
END;

CREATE TRIGGER providerAlias_history_delete AFTER DELETE ON providerAlias
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'providerAlias', json_array(OLD.providerId, OLD.alias), OLD.providerId, 'delete',
            json_object('providerId', OLD.providerId, 'alias', OLD.alias),
            NULL);
END;

CREATE TRIGGER offer_history_insert AFTER INSERT ON offer
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'offer', NEW.id, NEW.providerId, 'insert',
            NULL,
            json_object('id', NEW.id, 'providerId', NEW.providerId, 'name', NEW.name, 'serviceModel', NEW.serviceModel, 'runsOnOfferId', NEW.runsOnOfferId, 'adminCountry', NEW.adminCountry, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn));
END;

CREATE TRIGGER offer_history_update AFTER UPDATE ON offer
WHEN OLD.id IS NOT NEW.id OR OLD.providerId IS NOT NEW.providerId OR OLD.name IS NOT NEW.name OR OLD.serviceModel IS NOT NEW.serviceModel OR OLD.runsOnOfferId IS NOT NEW.runsOnOfferId OR OLD.adminCountry IS NOT NEW.adminCountry OR OLD.note IS NOT NEW.note OR OLD.source IS NOT NEW.source OR OLD.sourceKind IS NOT NEW.sourceKind OR OLD.verifiedOn IS NOT NEW.verifiedOn
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'offer', NEW.id, NEW.providerId, 'update',
            json_object('id', OLD.id, 'providerId', OLD.providerId, 'name', OLD.name, 'serviceModel', OLD.serviceModel, 'runsOnOfferId', OLD.runsOnOfferId, 'adminCountry', OLD.adminCountry, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn),
            json_object('id', NEW.id, 'providerId', NEW.providerId, 'name', NEW.name, 'serviceModel', NEW.serviceModel, 'runsOnOfferId', NEW.runsOnOfferId, 'adminCountry', NEW.adminCountry, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn));
END;

CREATE TRIGGER offer_history_delete AFTER DELETE ON offer
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'offer', OLD.id, OLD.providerId, 'delete',
            json_object('id', OLD.id, 'providerId', OLD.providerId, 'name', OLD.name, 'serviceModel', OLD.serviceModel, 'runsOnOfferId', OLD.runsOnOfferId, 'adminCountry', OLD.adminCountry, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn),
            NULL);
END;

CREATE TRIGGER site_history_insert AFTER INSERT ON site
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'site', NEW.id, NEW.providerId, 'insert',
            NULL,
            json_object('id', NEW.id, 'providerId', NEW.providerId, 'code', NEW.code, 'name', NEW.name, 'city', NEW.city, 'country', NEW.country, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn));
END;

CREATE TRIGGER site_history_update AFTER UPDATE ON site
WHEN OLD.id IS NOT NEW.id OR OLD.providerId IS NOT NEW.providerId OR OLD.code IS NOT NEW.code OR OLD.name IS NOT NEW.name OR OLD.city IS NOT NEW.city OR OLD.country IS NOT NEW.country OR OLD.note IS NOT NEW.note OR OLD.source IS NOT NEW.source OR OLD.sourceKind IS NOT NEW.sourceKind OR OLD.verifiedOn IS NOT NEW.verifiedOn
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'site', NEW.id, NEW.providerId, 'update',
            json_object('id', OLD.id, 'providerId', OLD.providerId, 'code', OLD.code, 'name', OLD.name, 'city', OLD.city, 'country', OLD.country, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn),
            json_object('id', NEW.id, 'providerId', NEW.providerId, 'code', NEW.code, 'name', NEW.name, 'city', NEW.city, 'country', NEW.country, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn));
END;

CREATE TRIGGER site_history_delete AFTER DELETE ON site
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'site', OLD.id, OLD.providerId, 'delete',
            json_object('id', OLD.id, 'providerId', OLD.providerId, 'code', OLD.code, 'name', OLD.name, 'city', OLD.city, 'country', OLD.country, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn),
            NULL);
END;

CREATE TRIGGER offerSite_history_insert AFTER INSERT ON offerSite
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'offerSite', json_array(NEW.offerId, NEW.siteId), (SELECT providerId FROM offer WHERE id = NEW.offerId), 'insert',
            NULL,
            json_object('offerId', NEW.offerId, 'siteId', NEW.siteId));
END;

CREATE TRIGGER offerSite_history_update AFTER UPDATE ON offerSite
WHEN OLD.offerId IS NOT NEW.offerId OR OLD.siteId IS NOT NEW.siteId
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'offerSite', json_array(NEW.offerId, NEW.siteId), (SELECT providerId FROM offer WHERE id = NEW.offerId), 'update',
            json_object('offerId', OLD.offerId, 'siteId', OLD.siteId),
            json_object('offerId', NEW.offerId, 'siteId', NEW.siteId));
END;

CREATE TRIGGER offerSite_history_delete AFTER DELETE ON offerSite
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'offerSite', json_array(OLD.offerId, OLD.siteId), (SELECT providerId FROM offer WHERE id = OLD.offerId), 'delete',
            json_object('offerId', OLD.offerId, 'siteId', OLD.siteId),
            NULL);
END;

CREATE TRIGGER attestation_history_insert AFTER INSERT ON attestation
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'attestation', NEW.id, NEW.providerId, 'insert',
            NULL,
            json_object('id', NEW.id, 'providerId', NEW.providerId, 'schemeId', NEW.schemeId, 'version', NEW.version, 'status', NEW.status, 'milestone', NEW.milestone, 'statusSince', NEW.statusSince, 'scope', NEW.scope, 'hdsPerimeter', NEW.hdsPerimeter, 'certificateRef', NEW.certificateRef, 'issuer', NEW.issuer, 'issuedOn', NEW.issuedOn, 'expiresOn', NEW.expiresOn, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn, 'origin', NEW.origin));
END;

CREATE TRIGGER attestation_history_update AFTER UPDATE ON attestation
WHEN OLD.id IS NOT NEW.id OR OLD.providerId IS NOT NEW.providerId OR OLD.schemeId IS NOT NEW.schemeId OR OLD.version IS NOT NEW.version OR OLD.status IS NOT NEW.status OR OLD.milestone IS NOT NEW.milestone OR OLD.statusSince IS NOT NEW.statusSince OR OLD.scope IS NOT NEW.scope OR OLD.hdsPerimeter IS NOT NEW.hdsPerimeter OR OLD.certificateRef IS NOT NEW.certificateRef OR OLD.issuer IS NOT NEW.issuer OR OLD.issuedOn IS NOT NEW.issuedOn OR OLD.expiresOn IS NOT NEW.expiresOn OR OLD.note IS NOT NEW.note OR OLD.source IS NOT NEW.source OR OLD.sourceKind IS NOT NEW.sourceKind OR OLD.verifiedOn IS NOT NEW.verifiedOn OR OLD.origin IS NOT NEW.origin
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'attestation', NEW.id, NEW.providerId, 'update',
            json_object('id', OLD.id, 'providerId', OLD.providerId, 'schemeId', OLD.schemeId, 'version', OLD.version, 'status', OLD.status, 'milestone', OLD.milestone, 'statusSince', OLD.statusSince, 'scope', OLD.scope, 'hdsPerimeter', OLD.hdsPerimeter, 'certificateRef', OLD.certificateRef, 'issuer', OLD.issuer, 'issuedOn', OLD.issuedOn, 'expiresOn', OLD.expiresOn, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn, 'origin', OLD.origin),
            json_object('id', NEW.id, 'providerId', NEW.providerId, 'schemeId', NEW.schemeId, 'version', NEW.version, 'status', NEW.status, 'milestone', NEW.milestone, 'statusSince', NEW.statusSince, 'scope', NEW.scope, 'hdsPerimeter', NEW.hdsPerimeter, 'certificateRef', NEW.certificateRef, 'issuer', NEW.issuer, 'issuedOn', NEW.issuedOn, 'expiresOn', NEW.expiresOn, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn, 'origin', NEW.origin));
END;

CREATE TRIGGER attestation_history_delete AFTER DELETE ON attestation
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'attestation', OLD.id, OLD.providerId, 'delete',
            json_object('id', OLD.id, 'providerId', OLD.providerId, 'schemeId', OLD.schemeId, 'version', OLD.version, 'status', OLD.status, 'milestone', OLD.milestone, 'statusSince', OLD.statusSince, 'scope', OLD.scope, 'hdsPerimeter', OLD.hdsPerimeter, 'certificateRef', OLD.certificateRef, 'issuer', OLD.issuer, 'issuedOn', OLD.issuedOn, 'expiresOn', OLD.expiresOn, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn, 'origin', OLD.origin),
            NULL);
END;

CREATE TRIGGER attestationOffer_history_insert AFTER INSERT ON attestationOffer
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'attestationOffer', json_array(NEW.attestationId, NEW.offerId), (SELECT providerId FROM attestation WHERE id = NEW.attestationId), 'insert',
            NULL,
            json_object('attestationId', NEW.attestationId, 'offerId', NEW.offerId));
END;

CREATE TRIGGER attestationOffer_history_update AFTER UPDATE ON attestationOffer
WHEN OLD.attestationId IS NOT NEW.attestationId OR OLD.offerId IS NOT NEW.offerId
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'attestationOffer', json_array(NEW.attestationId, NEW.offerId), (SELECT providerId FROM attestation WHERE id = NEW.attestationId), 'update',
            json_object('attestationId', OLD.attestationId, 'offerId', OLD.offerId),
            json_object('attestationId', NEW.attestationId, 'offerId', NEW.offerId));
END;

CREATE TRIGGER attestationOffer_history_delete AFTER DELETE ON attestationOffer
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'attestationOffer', json_array(OLD.attestationId, OLD.offerId), (SELECT providerId FROM attestation WHERE id = OLD.attestationId), 'delete',
            json_object('attestationId', OLD.attestationId, 'offerId', OLD.offerId),
            NULL);
END;

CREATE TRIGGER attestationActivity_history_insert AFTER INSERT ON attestationActivity
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'attestationActivity', json_array(NEW.attestationId, NEW.activity), (SELECT providerId FROM attestation WHERE id = NEW.attestationId), 'insert',
            NULL,
            json_object('attestationId', NEW.attestationId, 'activity', NEW.activity));
END;

CREATE TRIGGER attestationActivity_history_update AFTER UPDATE ON attestationActivity
WHEN OLD.attestationId IS NOT NEW.attestationId OR OLD.activity IS NOT NEW.activity
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'attestationActivity', json_array(NEW.attestationId, NEW.activity), (SELECT providerId FROM attestation WHERE id = NEW.attestationId), 'update',
            json_object('attestationId', OLD.attestationId, 'activity', OLD.activity),
            json_object('attestationId', NEW.attestationId, 'activity', NEW.activity));
END;

CREATE TRIGGER attestationActivity_history_delete AFTER DELETE ON attestationActivity
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'attestationActivity', json_array(OLD.attestationId, OLD.activity), (SELECT providerId FROM attestation WHERE id = OLD.attestationId), 'delete',
            json_object('attestationId', OLD.attestationId, 'activity', OLD.activity),
            NULL);
END;

CREATE TRIGGER listing_history_insert AFTER INSERT ON listing
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'listing', NEW.id, NEW.providerId, 'insert',
            NULL,
            json_object('id', NEW.id, 'catalogueId', NEW.catalogueId, 'providerId', NEW.providerId, 'market', NEW.market, 'reference', NEW.reference, 'intermediary', NEW.intermediary, 'lot', NEW.lot, 'scope', NEW.scope, 'validFrom', NEW.validFrom, 'validUntil', NEW.validUntil, 'withdrawnOn', NEW.withdrawnOn, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn, 'origin', NEW.origin));
END;

CREATE TRIGGER listing_history_update AFTER UPDATE ON listing
WHEN OLD.id IS NOT NEW.id OR OLD.catalogueId IS NOT NEW.catalogueId OR OLD.providerId IS NOT NEW.providerId OR OLD.market IS NOT NEW.market OR OLD.reference IS NOT NEW.reference OR OLD.intermediary IS NOT NEW.intermediary OR OLD.lot IS NOT NEW.lot OR OLD.scope IS NOT NEW.scope OR OLD.validFrom IS NOT NEW.validFrom OR OLD.validUntil IS NOT NEW.validUntil OR OLD.withdrawnOn IS NOT NEW.withdrawnOn OR OLD.note IS NOT NEW.note OR OLD.source IS NOT NEW.source OR OLD.sourceKind IS NOT NEW.sourceKind OR OLD.verifiedOn IS NOT NEW.verifiedOn OR OLD.origin IS NOT NEW.origin
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'listing', NEW.id, NEW.providerId, 'update',
            json_object('id', OLD.id, 'catalogueId', OLD.catalogueId, 'providerId', OLD.providerId, 'market', OLD.market, 'reference', OLD.reference, 'intermediary', OLD.intermediary, 'lot', OLD.lot, 'scope', OLD.scope, 'validFrom', OLD.validFrom, 'validUntil', OLD.validUntil, 'withdrawnOn', OLD.withdrawnOn, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn, 'origin', OLD.origin),
            json_object('id', NEW.id, 'catalogueId', NEW.catalogueId, 'providerId', NEW.providerId, 'market', NEW.market, 'reference', NEW.reference, 'intermediary', NEW.intermediary, 'lot', NEW.lot, 'scope', NEW.scope, 'validFrom', NEW.validFrom, 'validUntil', NEW.validUntil, 'withdrawnOn', NEW.withdrawnOn, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn, 'origin', NEW.origin));
END;

CREATE TRIGGER listing_history_delete AFTER DELETE ON listing
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'listing', OLD.id, OLD.providerId, 'delete',
            json_object('id', OLD.id, 'catalogueId', OLD.catalogueId, 'providerId', OLD.providerId, 'market', OLD.market, 'reference', OLD.reference, 'intermediary', OLD.intermediary, 'lot', OLD.lot, 'scope', OLD.scope, 'validFrom', OLD.validFrom, 'validUntil', OLD.validUntil, 'withdrawnOn', OLD.withdrawnOn, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn, 'origin', OLD.origin),
            NULL);
END;

CREATE TRIGGER listingOffer_history_insert AFTER INSERT ON listingOffer
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'listingOffer', json_array(NEW.listingId, NEW.offerId), (SELECT providerId FROM listing WHERE id = NEW.listingId), 'insert',
            NULL,
            json_object('listingId', NEW.listingId, 'offerId', NEW.offerId));
END;

CREATE TRIGGER listingOffer_history_update AFTER UPDATE ON listingOffer
WHEN OLD.listingId IS NOT NEW.listingId OR OLD.offerId IS NOT NEW.offerId
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'listingOffer', json_array(NEW.listingId, NEW.offerId), (SELECT providerId FROM listing WHERE id = NEW.listingId), 'update',
            json_object('listingId', OLD.listingId, 'offerId', OLD.offerId),
            json_object('listingId', NEW.listingId, 'offerId', NEW.offerId));
END;

CREATE TRIGGER listingOffer_history_delete AFTER DELETE ON listingOffer
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'listingOffer', json_array(OLD.listingId, OLD.offerId), (SELECT providerId FROM listing WHERE id = OLD.listingId), 'delete',
            json_object('listingId', OLD.listingId, 'offerId', OLD.offerId),
            NULL);
END;

CREATE TRIGGER hdsTransparency_history_insert AFTER INSERT ON hdsTransparency
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'hdsTransparency', NEW.id, NEW.providerId, 'insert',
            NULL,
            json_object('id', NEW.id, 'providerId', NEW.providerId, 'actor', NEW.actor, 'role', NEW.role, 'hdsCertified', NEW.hdsCertified, 'secnumcloud32', NEW.secnumcloud32, 'activities', NEW.activities, 'exigence29', NEW.exigence29, 'accessFromOutsideEEA', NEW.accessFromOutsideEEA, 'exigence30', NEW.exigence30, 'withdrawnOn', NEW.withdrawnOn, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn));
END;

CREATE TRIGGER hdsTransparency_history_update AFTER UPDATE ON hdsTransparency
WHEN OLD.id IS NOT NEW.id OR OLD.providerId IS NOT NEW.providerId OR OLD.actor IS NOT NEW.actor OR OLD.role IS NOT NEW.role OR OLD.hdsCertified IS NOT NEW.hdsCertified OR OLD.secnumcloud32 IS NOT NEW.secnumcloud32 OR OLD.activities IS NOT NEW.activities OR OLD.exigence29 IS NOT NEW.exigence29 OR OLD.accessFromOutsideEEA IS NOT NEW.accessFromOutsideEEA OR OLD.exigence30 IS NOT NEW.exigence30 OR OLD.withdrawnOn IS NOT NEW.withdrawnOn OR OLD.note IS NOT NEW.note OR OLD.source IS NOT NEW.source OR OLD.sourceKind IS NOT NEW.sourceKind OR OLD.verifiedOn IS NOT NEW.verifiedOn
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'hdsTransparency', NEW.id, NEW.providerId, 'update',
            json_object('id', OLD.id, 'providerId', OLD.providerId, 'actor', OLD.actor, 'role', OLD.role, 'hdsCertified', OLD.hdsCertified, 'secnumcloud32', OLD.secnumcloud32, 'activities', OLD.activities, 'exigence29', OLD.exigence29, 'accessFromOutsideEEA', OLD.accessFromOutsideEEA, 'exigence30', OLD.exigence30, 'withdrawnOn', OLD.withdrawnOn, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn),
            json_object('id', NEW.id, 'providerId', NEW.providerId, 'actor', NEW.actor, 'role', NEW.role, 'hdsCertified', NEW.hdsCertified, 'secnumcloud32', NEW.secnumcloud32, 'activities', NEW.activities, 'exigence29', NEW.exigence29, 'accessFromOutsideEEA', NEW.accessFromOutsideEEA, 'exigence30', NEW.exigence30, 'withdrawnOn', NEW.withdrawnOn, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn));
END;

CREATE TRIGGER hdsTransparency_history_delete AFTER DELETE ON hdsTransparency
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'hdsTransparency', OLD.id, OLD.providerId, 'delete',
            json_object('id', OLD.id, 'providerId', OLD.providerId, 'actor', OLD.actor, 'role', OLD.role, 'hdsCertified', OLD.hdsCertified, 'secnumcloud32', OLD.secnumcloud32, 'activities', OLD.activities, 'exigence29', OLD.exigence29, 'accessFromOutsideEEA', OLD.accessFromOutsideEEA, 'exigence30', OLD.exigence30, 'withdrawnOn', OLD.withdrawnOn, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn),
            NULL);
END;
