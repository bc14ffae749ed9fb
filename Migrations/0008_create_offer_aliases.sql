-- The names each source gives an offer (ANSSI's « Hosted Private Cloud (VMware) » for
-- ovhcloud/hosted-private-cloud-snc), so that an import lands on the offer instead of beside it.
CREATE TABLE offerAlias (
    offerId TEXT NOT NULL REFERENCES offer(id) ON DELETE CASCADE,
    alias TEXT NOT NULL CHECK (alias <> ''),
    PRIMARY KEY (offerId, alias)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER offerAlias_history_insert AFTER INSERT ON offerAlias
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'offerAlias', json_array(NEW.offerId, NEW.alias), substr(NEW.offerId, 1, instr(NEW.offerId, '/') - 1), 'insert',
            NULL,
            json_object('offerId', NEW.offerId, 'alias', NEW.alias));
END;

CREATE TRIGGER offerAlias_history_update AFTER UPDATE ON offerAlias
WHEN OLD.offerId IS NOT NEW.offerId OR OLD.alias IS NOT NEW.alias
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'offerAlias', json_array(NEW.offerId, NEW.alias), substr(NEW.offerId, 1, instr(NEW.offerId, '/') - 1), 'update',
            json_object('offerId', OLD.offerId, 'alias', OLD.alias),
            json_object('offerId', NEW.offerId, 'alias', NEW.alias));
END;

CREATE TRIGGER offerAlias_history_delete AFTER DELETE ON offerAlias
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'offerAlias', json_array(OLD.offerId, OLD.alias), substr(OLD.offerId, 1, instr(OLD.offerId, '/') - 1), 'delete',
            json_object('offerId', OLD.offerId, 'alias', OLD.alias),
            NULL);
END;
