-- The fleet-wide connection budget (ADR 0026): each running worker holds one row, the number of
-- connections it may open, kept alive by a heartbeat. The sum over live rows never exceeds the
-- budget less one connection kept for asking; a row whose heartbeat is older than the lease's
-- time to live is reclaimed by the next worker that asks.
CREATE TABLE connection_lease (
    holder       text        PRIMARY KEY,
    connections  integer     NOT NULL CHECK (connections > 0),
    acquired_at  timestamptz NOT NULL DEFAULT now(),
    heartbeat_at timestamptz NOT NULL DEFAULT now()
);
