-- Albums belong to their owner (ADR 0032). The first owner to import into an album claims it
-- in the submit's transaction; a job of anyone else for it is refused. An operator hands an
-- album over by changing its owner, and shares it by adding a row to album_share.
CREATE TABLE album_owner (
    album_id    bigint       PRIMARY KEY CHECK (album_id > 0),
    owner       text         NOT NULL,
    claimed_at  timestamptz  NOT NULL DEFAULT clock_timestamp()
);

-- Owners other than the album's own who may import into it too.
CREATE TABLE album_share (
    album_id   bigint       NOT NULL REFERENCES album_owner (album_id) ON DELETE CASCADE,
    owner      text         NOT NULL,
    shared_at  timestamptz  NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (album_id, owner)
);

-- Albums that already hold photos belong to the owner of their oldest job. An album with jobs
-- but no photo yet stays unclaimed: the next job for it claims it.
INSERT INTO album_owner (album_id, owner, claimed_at)
SELECT DISTINCT ON (j.album_id) j.album_id, j.owner, j.created_at
FROM import_job j
WHERE EXISTS (SELECT 1 FROM photo p WHERE p.album_id = j.album_id)
ORDER BY j.album_id, j.created_at, j.id;
