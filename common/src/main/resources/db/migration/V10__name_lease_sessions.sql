-- The application_name every session of a lease's holder carries (ADR 0030). A worker that
-- reclaims an expired lease ends the sessions of that name: a holder frozen in the middle of a
-- COPY keeps its locks, and no server-side timeout ends its session. NULL for a holder of an
-- earlier version, whose sessions are left alone.
ALTER TABLE connection_lease ADD COLUMN application_name text;
