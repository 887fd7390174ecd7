-- Photos the database rejected, one row each, found by bisecting their chunk (ADR 0015). The
-- chunk itself is WRITTEN: its good photos are in `photo` and its ledger row counts these as failed.
-- Written in the chunk's own transaction, so a row exists only once its chunk's ledger row does.
CREATE TABLE failed_photo (
    job_id       uuid         NOT NULL,
    photo_index  integer      NOT NULL CHECK (photo_index >= 0),
    chunk_index  integer      NOT NULL,
    url          text         NOT NULL,
    caption      text,
    sqlstate     text         NOT NULL,
    reason       text         NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, photo_index),
    FOREIGN KEY (job_id, chunk_index) REFERENCES import_chunk (job_id, chunk_index) ON DELETE CASCADE
);
