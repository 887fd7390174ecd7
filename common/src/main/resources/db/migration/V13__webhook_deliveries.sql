-- Webhooks (ADR 0041). A job may name a callback URL; when it ends, its final view is POSTed
-- there. NULL for a job without one (and for every job submitted before this version): a
-- column without a default is a catalogue change, no existing row is rewritten.
ALTER TABLE import_job ADD COLUMN callback_url text;

-- The outbox: one row per ending of a job with a callback, written by the trigger below in the
-- transaction that ends the job, so that no job ends without its delivery recorded, whichever
-- statement ends it. The worker's sender claims due rows (state PENDING, next_attempt_at past),
-- POSTs the payload and records the outcome. The id is the Sluice-Delivery header, the same on
-- every attempt. Deleting a job deletes its deliveries.
CREATE TABLE webhook_delivery (
    id               uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    job_id           uuid         NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    url              text         NOT NULL,
    -- the job's view as it ended, exactly the bytes every attempt sends
    payload          text         NOT NULL,
    state            text         NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'DELIVERED', 'FAILED')),
    -- attempts whose outcome was recorded
    attempts         integer      NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- the HTTP status of the last attempt; NULL if it got no answer (refused, timed out)
    last_status      integer,
    last_error       text,
    created_at       timestamptz  NOT NULL DEFAULT clock_timestamp(),
    -- the transaction that wrote it, which is the one that ended the job
    created_xact     xid8         NOT NULL DEFAULT pg_current_xact_id(),
    updated_at       timestamptz  NOT NULL DEFAULT clock_timestamp(),
    -- when the next attempt is due; a claim moves it one lease ahead, so that a sender that
    -- dies mid-attempt leaves the delivery to another once the lease has passed
    next_attempt_at  timestamptz  NOT NULL DEFAULT clock_timestamp(),
    finished_at      timestamptz
);

-- A job's deliveries, newest first: the job view shows the newest.
CREATE INDEX webhook_delivery_job ON webhook_delivery (job_id, created_at DESC);

-- The due deliveries, which every worker's sender reads: as small as the pending ones.
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE state = 'PENDING';

-- A timestamp as Jackson writes an Instant in the API's job view (DateTimeFormatter.ISO_INSTANT):
-- UTC, with no fraction, milliseconds or microseconds, whichever is shortest and exact.
CREATE FUNCTION webhook_instant(ts timestamptz) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
        || CASE WHEN to_char(ts AT TIME ZONE 'UTC', 'US')::int = 0 THEN ''
                WHEN to_char(ts AT TIME ZONE 'UTC', 'US')::int % 1000 = 0 THEN '.' || to_char(ts AT TIME ZONE 'UTC', 'MS')
                ELSE '.' || to_char(ts AT TIME ZONE 'UTC', 'US') END
        || 'Z';
$$;

-- Records the delivery of a job that has just ended: its view as GET /api/v1/jobs/{id} answers
-- it (io.sluice.api.job.JobView), without the callback member, which describes this delivery.
-- A job's view has etaSeconds 0 once it has ended.
CREATE FUNCTION record_webhook_delivery() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_delivery (job_id, url, payload)
    VALUES (NEW.id, NEW.callback_url, json_build_object(
        'id', NEW.id,
        'albumId', NEW.album_id,
        'status', NEW.status,
        'photos', json_build_object('total', NEW.total_photos, 'written', NEW.written,
                                    'duplicate', NEW.duplicate, 'failed', NEW.failed,
                                    'cancelled', NEW.cancelled),
        'createdAt', webhook_instant(NEW.created_at),
        'updatedAt', webhook_instant(NEW.updated_at),
        'finishedAt', webhook_instant(NEW.finished_at),
        'failureReason', NEW.failure_reason,
        'etaSeconds', 0)::text);
    RETURN NULL;
END
$$;

-- Fires in the transaction of whichever statement ends a job with a callback: the workers'
-- roll-up, the reconciler's verdicts, the API's cancel and failed publish, an operator's album
-- hand-over, and any added later. A re-driven job (COMPLETED_WITH_ERRORS, RUNNING, then ended
-- again, ADR 0017) gets a second delivery, of its new final view.
CREATE TRIGGER import_job_ended AFTER UPDATE OF status ON import_job
FOR EACH ROW
WHEN (NEW.callback_url IS NOT NULL
      AND NEW.status IN ('COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED', 'CANCELLED')
      AND OLD.status NOT IN ('COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED', 'CANCELLED'))
EXECUTE FUNCTION record_webhook_delivery();
