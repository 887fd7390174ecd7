-- The jobs that have not ended, which every worker's reconciler reads once per tick. Partial,
-- so it stays as small as the number of open jobs however long the job history grows.
CREATE INDEX import_job_open ON import_job (created_at, id) WHERE status IN ('PENDING', 'QUEUED', 'RUNNING');
