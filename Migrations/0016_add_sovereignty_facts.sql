-- What the EU Cloud Sovereignty Framework asks of an offer beyond the facts already kept, each a fact with its
-- own source: a site's role, an offer's terms (the contract's governing law, who holds the keys, where support
-- and the security operations centre are, whether support escalates outside the EU, the licence of the stack),
-- and a criterion's answer recorded by a person (the steward's, with its source), which the registry's own
-- derivations never overwrite.
ALTER TABLE site ADD COLUMN role TEXT CHECK (role IN ('primary', 'disaster-recovery', 'backup'));

CREATE TABLE offerTerm (
    offerId TEXT NOT NULL REFERENCES offer(id) ON DELETE CASCADE,
    term TEXT NOT NULL CHECK (term IN ('governing-law', 'key-custody', 'support-country', 'soc-country', 'support-escalation', 'stack-licence')),
    value TEXT NOT NULL CHECK (value <> ''),
    note TEXT,
    source TEXT NOT NULL CHECK (source <> ''),
    sourceKind TEXT NOT NULL CHECK (sourceKind IN ('official-list', 'provider-statement', 'press', 'research-note')),
    verifiedOn TEXT CHECK (verifiedOn IS NULL OR date(verifiedOn, '+0 days') IS verifiedOn),
    PRIMARY KEY (offerId, term)
) STRICT, WITHOUT ROWID;

CREATE TABLE csfAnswer (
    offerId TEXT NOT NULL REFERENCES offer(id) ON DELETE CASCADE,
    criterion TEXT NOT NULL CHECK (criterion GLOB '[1-8].[1-8]'),
    rung INTEGER NOT NULL CHECK (rung BETWEEN 1 AND 5),
    note TEXT,
    source TEXT NOT NULL CHECK (source <> ''),
    sourceKind TEXT NOT NULL CHECK (sourceKind IN ('official-list', 'provider-statement', 'press', 'research-note')),
    verifiedOn TEXT CHECK (verifiedOn IS NULL OR date(verifiedOn, '+0 days') IS verifiedOn),
    PRIMARY KEY (offerId, criterion)
) STRICT, WITHOUT ROWID;

DROP TRIGGER site_history_insert;
DROP TRIGGER site_history_update;
DROP TRIGGER site_history_delete;

CREATE TRIGGER site_history_insert AFTER INSERT ON site
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'site', NEW.id, NEW.providerId, 'insert',
            NULL,
            json_object('id', NEW.id, 'providerId', NEW.providerId, 'code', NEW.code, 'name', NEW.name, 'city', NEW.city, 'country', NEW.country, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn, 'role', NEW.role));
END;

CREATE TRIGGER site_history_update AFTER UPDATE ON site
WHEN OLD.id IS NOT NEW.id OR OLD.providerId IS NOT NEW.providerId OR OLD.code IS NOT NEW.code OR OLD.name IS NOT NEW.name OR OLD.city IS NOT NEW.city OR OLD.country IS NOT NEW.country OR OLD.note IS NOT NEW.note OR OLD.source IS NOT NEW.source OR OLD.sourceKind IS NOT NEW.sourceKind OR OLD.verifiedOn IS NOT NEW.verifiedOn OR OLD.role IS NOT NEW.role
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'site', NEW.id, NEW.providerId, 'update',
            json_object('id', OLD.id, 'providerId', OLD.providerId, 'code', OLD.code, 'name', OLD.name, 'city', OLD.city, 'country', OLD.country, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn, 'role', OLD.role),
            json_object('id', NEW.id, 'providerId', NEW.providerId, 'code', NEW.code, 'name', NEW.name, 'city', NEW.city, 'country', NEW.country, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn, 'role', NEW.role));
END;

CREATE TRIGGER site_history_delete AFTER DELETE ON site
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'site', OLD.id, OLD.providerId, 'delete',
            json_object('id', OLD.id, 'providerId', OLD.providerId, 'code', OLD.code, 'name', OLD.name, 'city', OLD.city, 'country', OLD.country, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn, 'role', OLD.role),
            NULL);
END;

CREATE TRIGGER offerTerm_history_insert AFTER INSERT ON offerTerm
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'offerTerm', json_array(NEW.offerId, NEW.term), substr(NEW.offerId, 1, instr(NEW.offerId, '/') - 1), 'insert',
            NULL,
            json_object('offerId', NEW.offerId, 'term', NEW.term, 'value', NEW.value, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn));
END;

CREATE TRIGGER offerTerm_history_update AFTER UPDATE ON offerTerm
WHEN OLD.offerId IS NOT NEW.offerId OR OLD.term IS NOT NEW.term OR OLD.value IS NOT NEW.value OR OLD.note IS NOT NEW.note OR OLD.source IS NOT NEW.source OR OLD.sourceKind IS NOT NEW.sourceKind OR OLD.verifiedOn IS NOT NEW.verifiedOn
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'offerTerm', json_array(NEW.offerId, NEW.term), substr(NEW.offerId, 1, instr(NEW.offerId, '/') - 1), 'update',
            json_object('offerId', OLD.offerId, 'term', OLD.term, 'value', OLD.value, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn),
            json_object('offerId', NEW.offerId, 'term', NEW.term, 'value', NEW.value, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn));
END;

CREATE TRIGGER offerTerm_history_delete AFTER DELETE ON offerTerm
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'offerTerm', json_array(OLD.offerId, OLD.term), substr(OLD.offerId, 1, instr(OLD.offerId, '/') - 1), 'delete',
            json_object('offerId', OLD.offerId, 'term', OLD.term, 'value', OLD.value, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn),
            NULL);
END;

CREATE TRIGGER csfAnswer_history_insert AFTER INSERT ON csfAnswer
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'csfAnswer', json_array(NEW.offerId, NEW.criterion), substr(NEW.offerId, 1, instr(NEW.offerId, '/') - 1), 'insert',
            NULL,
            json_object('offerId', NEW.offerId, 'criterion', NEW.criterion, 'rung', NEW.rung, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn));
END;

CREATE TRIGGER csfAnswer_history_update AFTER UPDATE ON csfAnswer
WHEN OLD.offerId IS NOT NEW.offerId OR OLD.criterion IS NOT NEW.criterion OR OLD.rung IS NOT NEW.rung OR OLD.note IS NOT NEW.note OR OLD.source IS NOT NEW.source OR OLD.sourceKind IS NOT NEW.sourceKind OR OLD.verifiedOn IS NOT NEW.verifiedOn
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'csfAnswer', json_array(NEW.offerId, NEW.criterion), substr(NEW.offerId, 1, instr(NEW.offerId, '/') - 1), 'update',
            json_object('offerId', OLD.offerId, 'criterion', OLD.criterion, 'rung', OLD.rung, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn),
            json_object('offerId', NEW.offerId, 'criterion', NEW.criterion, 'rung', NEW.rung, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn));
END;

CREATE TRIGGER csfAnswer_history_delete AFTER DELETE ON csfAnswer
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'csfAnswer', json_array(OLD.offerId, OLD.criterion), substr(OLD.offerId, 1, instr(OLD.offerId, '/') - 1), 'delete',
            json_object('offerId', OLD.offerId, 'criterion', OLD.criterion, 'rung', OLD.rung, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn),
            NULL);
END;
