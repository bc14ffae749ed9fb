-- A tamper-evident history: each row carries a hash of itself and of the row before it, and each import run
-- the hash of the last row it wrote. The registry computes them (SQLite has no SHA-256): a row deleted,
-- edited, inserted or back-dated outside the registry breaks the chain, which `registry check` names.
ALTER TABLE history ADD COLUMN hash TEXT CHECK (hash IS NULL OR (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*'));
ALTER TABLE importRun ADD COLUMN chainHead TEXT CHECK (chainHead IS NULL OR length(chainHead) = 64);
