-- The edition of an official list the registry reflects when its facts were read in a transcription, not
-- imported from the list by the steward: ANSSI's catalogue of 15/09/2026 as research notes transcribed it.
-- `registry status` says which edition each source reflects and how old it is.
CREATE TABLE listEdition (
    source TEXT PRIMARY KEY CHECK (source IN ('secnumcloud', 'hds', 'hds-transparency', 'catalogue')),
    title TEXT NOT NULL CHECK (title <> ''),
    url TEXT CHECK (url IS NULL OR url <> ''),
    editionOn TEXT CHECK (editionOn IS NULL OR date(editionOn, '+0 days') IS editionOn),
    via TEXT CHECK (via IS NULL OR via <> '')
) STRICT;

CREATE TRIGGER listEdition_history_insert AFTER INSERT ON listEdition
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'listEdition', NEW.source, NULL, 'insert',
            NULL,
            json_object('source', NEW.source, 'title', NEW.title, 'url', NEW.url, 'editionOn', NEW.editionOn, 'via', NEW.via));
END;

CREATE TRIGGER listEdition_history_update AFTER UPDATE ON listEdition
WHEN OLD.source IS NOT NEW.source OR OLD.title IS NOT NEW.title OR OLD.url IS NOT NEW.url OR OLD.editionOn IS NOT NEW.editionOn OR OLD.via IS NOT NEW.via
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'listEdition', NEW.source, NULL, 'update',
            json_object('source', OLD.source, 'title', OLD.title, 'url', OLD.url, 'editionOn', OLD.editionOn, 'via', OLD.via),
            json_object('source', NEW.source, 'title', NEW.title, 'url', NEW.url, 'editionOn', NEW.editionOn, 'via', NEW.via));
END;

CREATE TRIGGER listEdition_history_delete AFTER DELETE ON listEdition
BEGIN
    INSERT INTO history (runId, changedAt, tableName, rowKey, providerId, operation, oldValues, newValues)
    VALUES ((SELECT id FROM importRun WHERE status = 'running' ORDER BY id DESC LIMIT 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'listEdition', OLD.source, NULL, 'delete',
            json_object('source', OLD.source, 'title', OLD.title, 'url', OLD.url, 'editionOn', OLD.editionOn, 'via', OLD.via),
            NULL);
END;
