-- Retention (ADR 0042): a worker deletes the jobs that ended longer ago than sluice.retention.jobs,
-- oldest first, a batch at a time, and takes expired idempotency keys off their jobs. Each batch
-- reads only the rows it acts on through one of these partial indexes, however long the history.
-- Neither indexed column moves while a job runs (finished_at is set once, when it ends; the key
-- only at the submit and when it is released), so progress updates of import_job stay HOT.
--
-- A plain CREATE INDEX holds off writes to import_job while it builds: moments on a young
-- database. On a long history, create the same indexes first by hand with CREATE INDEX
-- CONCURRENTLY (same names, same definitions); IF NOT EXISTS then skips them here.
CREATE INDEX IF NOT EXISTS import_job_ended ON import_job (finished_at) WHERE finished_at IS NOT NULL;

CREATE INDEX IF NOT EXISTS import_job_keyed ON import_job (created_at) WHERE idempotency_key IS NOT NULL;
