-- An owner's open jobs, which the API sums on every submit to enforce the owner's backlog cap
-- (ADR 0025). Partial like import_job_open, so it holds only jobs that have not ended; its columns
-- (owner, and status in the predicate) are already indexed, so progress updates stay HOT.
CREATE INDEX import_job_open_owner ON import_job (owner) WHERE status IN ('PENDING', 'QUEUED', 'RUNNING');
