-- Photos of a cancelled job that will never land: set once, by the statement that cancels the job,
-- to total_photos - written - duplicate - failed, so that every terminal job satisfies
-- written + duplicate + failed + cancelled = total_photos (ADR 0021). Zero for every other job.
-- A constant default makes this a catalogue change: no existing row is rewritten.
ALTER TABLE import_job ADD COLUMN cancelled integer NOT NULL DEFAULT 0 CHECK (cancelled >= 0);
