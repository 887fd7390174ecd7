-- Chunk transactions no longer touch import_job: the job's counters are the sums of its ledger
-- rows, rolled up onto the row after each chunk commits (ADR 0036). A roll-up reads the ledger in
-- its own snapshot and may wait for another's lock; it applies its sums only if they are ahead of
-- the row's, which is sound while ledger rows are only ever added. A re-drive that reopens a
-- FAILED chunk removes its row: it bumps this count in the same statement, so that a roll-up
-- whose snapshot predates the reopen sees a different count and applies nothing.
-- A constant default makes this a catalogue change: no existing row is rewritten.
ALTER TABLE import_job ADD COLUMN reopened integer NOT NULL DEFAULT 0;

-- The gate between the chunk transactions writing a job and a statement that ends it early (ADR
-- 0036): a transaction-level advisory lock per job, in the space "gate" (0x67617465). A chunk
-- transaction passes it shared before it reads the job's status, and holds it until it commits; a
-- cancel or a failure closes it exclusive first. The status must be read after the gate is passed,
-- in a snapshot of its own: the claim statement's snapshot was taken before it waited, and a
-- FOR KEY SHARE read does not follow a non-key update to the newest row. A VOLATILE SQL function
-- takes a fresh snapshot for each of its statements, so this one answers the status as the end it
-- waited for left it (NULL if there is no such job).
CREATE FUNCTION pass_job_gate(job uuid) RETURNS text
LANGUAGE sql VOLATILE AS $$
    SELECT pg_advisory_xact_lock_shared(1734440037, hashtext(job::text));
    SELECT status FROM import_job WHERE id = job;
$$;
