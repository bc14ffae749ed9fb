-- The day an import speaks for (the registry clock's today when it ran): what its facts were verified on.
-- Before, that day was read off `endedAt`, the wall clock, so a test pinned to a day broke the day after.
ALTER TABLE importRun ADD COLUMN day TEXT CHECK (day IS NULL OR date(day, '+0 days') IS day);
