-- A chunk that arrives after its job FAILED is recorded SKIPPED_FAILED, as a chunk of a cancelled
-- job is recorded SKIPPED_CANCELLED: no photo written, no counter moved (ADR 0019). The new check
-- only widens the old one, so every existing row passes it; checking them is one scan of the ledger
-- (one row per chunk, not per photo).
ALTER TABLE import_chunk DROP CONSTRAINT import_chunk_outcome_check;
ALTER TABLE import_chunk ADD CONSTRAINT import_chunk_outcome_check
    CHECK (outcome IN ('WRITTEN', 'FAILED', 'SKIPPED_CANCELLED', 'SKIPPED_FAILED'));
