-- One row per submitted job. Counters are only ever moved by the chunk transaction that also
-- inserts the chunk's ledger row, so they can never be counted twice.
CREATE TABLE import_job (
    id               uuid         PRIMARY KEY,
    owner            text         NOT NULL,
    album_id         bigint       NOT NULL CHECK (album_id > 0),
    status           text         NOT NULL CHECK (status IN ('PENDING', 'QUEUED', 'RUNNING', 'COMPLETED',
                                                         'COMPLETED_WITH_ERRORS', 'FAILED', 'CANCELLED')),
    total_photos     integer      NOT NULL CHECK (total_photos > 0),
    chunk_count      integer      NOT NULL CHECK (chunk_count > 0),
    chunks_done      integer      NOT NULL DEFAULT 0,
    written          integer      NOT NULL DEFAULT 0,
    duplicate        integer      NOT NULL DEFAULT 0,
    failed           integer      NOT NULL DEFAULT 0,
    idempotency_key  text,
    request_hash     bytea,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    updated_at       timestamptz  NOT NULL DEFAULT now(),
    finished_at      timestamptz,
    failure_reason   text,
    CONSTRAINT import_job_idempotency_key UNIQUE (owner, idempotency_key)
);

-- The caller's jobs, newest first, with keyset paging on (created_at, id).
CREATE INDEX import_job_owner_created ON import_job (owner, created_at DESC, id DESC);

-- The chunk ledger: a row exists only once its chunk's transaction committed.
CREATE TABLE import_chunk (
    job_id       uuid         NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    chunk_index  integer      NOT NULL CHECK (chunk_index >= 0),
    outcome      text         NOT NULL CHECK (outcome IN ('WRITTEN', 'FAILED', 'SKIPPED_CANCELLED')),
    photo_count  integer      NOT NULL,
    written      integer      NOT NULL DEFAULT 0,
    duplicate    integer      NOT NULL DEFAULT 0,
    failed       integer      NOT NULL DEFAULT 0,
    error        text,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, chunk_index)
);

-- The photos. Uniqueness is on a 16-byte MD5 of the url (as a uuid) rather than on the url text:
-- a unique B-tree over text up to 2,048 characters more than doubles the cost of every insert
-- (see docs/adr/0003-photo-uniqueness-on-url-hash.md).
CREATE TABLE photo (
    id          bigint       GENERATED ALWAYS AS IDENTITY (CACHE 1000) PRIMARY KEY,
    album_id    bigint       NOT NULL,
    url_hash    uuid         NOT NULL,
    url         text         NOT NULL,
    caption     text,
    job_id      uuid         NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT photo_album_url UNIQUE (album_id, url_hash)
);
