-- A fact read in a dated third-party transcription of an official list, not in the list itself (ANSSI's
-- PDF catalogue, as research notes transcribed it): it counts as the list's content, and `via` names the
-- transcription and its date, so that every output says it was not checked against the document. NULL for
-- a fact read at its source, and for a fact the steward imported from the list itself.
ALTER TABLE attestation ADD COLUMN via TEXT CHECK (via IS NULL OR via <> '');

-- The attestation's history triggers, again, with the new column.
DROP TRIGGER attestation_history_insert;
DROP TRIGGER attestation_history_update;
DROP TRIGGER attestation_history_delete;

CREATE TRIGGER attestation_history_insert AFTER INSERT ON attestation
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'attestation', NEW.id, NEW.providerId, 'insert',
            NULL,
            json_object('id', NEW.id, 'providerId', NEW.providerId, 'schemeId', NEW.schemeId, 'version', NEW.version, 'status', NEW.status, 'milestone', NEW.milestone, 'statusSince', NEW.statusSince, 'scope', NEW.scope, 'hdsPerimeter', NEW.hdsPerimeter, 'certificateRef', NEW.certificateRef, 'issuer', NEW.issuer, 'issuedOn', NEW.issuedOn, 'expiresOn', NEW.expiresOn, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn, 'origin', NEW.origin, 'via', NEW.via));
END;

CREATE TRIGGER attestation_history_update AFTER UPDATE ON attestation
WHEN OLD.id IS NOT NEW.id OR OLD.providerId IS NOT NEW.providerId OR OLD.schemeId IS NOT NEW.schemeId OR OLD.version IS NOT NEW.version OR OLD.status IS NOT NEW.status OR OLD.milestone IS NOT NEW.milestone OR OLD.statusSince IS NOT NEW.statusSince OR OLD.scope IS NOT NEW.scope OR OLD.hdsPerimeter IS NOT NEW.hdsPerimeter OR OLD.certificateRef IS NOT NEW.certificateRef OR OLD.issuer IS NOT NEW.issuer OR OLD.issuedOn IS NOT NEW.issuedOn OR OLD.expiresOn IS NOT NEW.expiresOn OR OLD.note IS NOT NEW.note OR OLD.source IS NOT NEW.source OR OLD.sourceKind IS NOT NEW.sourceKind OR OLD.verifiedOn IS NOT NEW.verifiedOn OR OLD.origin IS NOT NEW.origin OR OLD.via IS NOT NEW.via
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'attestation', NEW.id, NEW.providerId, 'update',
            json_object('id', OLD.id, 'providerId', OLD.providerId, 'schemeId', OLD.schemeId, 'version', OLD.version, 'status', OLD.status, 'milestone', OLD.milestone, 'statusSince', OLD.statusSince, 'scope', OLD.scope, 'hdsPerimeter', OLD.hdsPerimeter, 'certificateRef', OLD.certificateRef, 'issuer', OLD.issuer, 'issuedOn', OLD.issuedOn, 'expiresOn', OLD.expiresOn, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn, 'origin', OLD.origin, 'via', OLD.via),
            json_object('id', NEW.id, 'providerId', NEW.providerId, 'schemeId', NEW.schemeId, 'version', NEW.version, 'status', NEW.status, 'milestone', NEW.milestone, 'statusSince', NEW.statusSince, 'scope', NEW.scope, 'hdsPerimeter', NEW.hdsPerimeter, 'certificateRef', NEW.certificateRef, 'issuer', NEW.issuer, 'issuedOn', NEW.issuedOn, 'expiresOn', NEW.expiresOn, 'note', NEW.note, 'source', NEW.source, 'sourceKind', NEW.sourceKind, 'verifiedOn', NEW.verifiedOn, 'origin', NEW.origin, 'via', NEW.via));
END;

CREATE TRIGGER attestation_history_delete AFTER DELETE ON attestation
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'attestation', OLD.id, OLD.providerId, 'delete',
            json_object('id', OLD.id, 'providerId', OLD.providerId, 'schemeId', OLD.schemeId, 'version', OLD.version, 'status', OLD.status, 'milestone', OLD.milestone, 'statusSince', OLD.statusSince, 'scope', OLD.scope, 'hdsPerimeter', OLD.hdsPerimeter, 'certificateRef', OLD.certificateRef, 'issuer', OLD.issuer, 'issuedOn', OLD.issuedOn, 'expiresOn', OLD.expiresOn, 'note', OLD.note, 'source', OLD.source, 'sourceKind', OLD.sourceKind, 'verifiedOn', OLD.verifiedOn, 'origin', OLD.origin, 'via', OLD.via),
            NULL);
END;
