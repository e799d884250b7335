-- load_waarschuwing: things worth knowing about a load that did not stop a row.
-- Grain: one row per warning.
-- Source: written by `bijstand ingest` (a name that contradicts its code, an unknown reason column, ...).
CREATE TABLE load_waarschuwing (
    batch_id  INTEGER NOT NULL REFERENCES load_batch(batch_id), -- the load
    regel     INTEGER,                                -- line number; NULL = the file as a whole
    kolom     TEXT,                                   -- column concerned
    melding   TEXT NOT NULL                           -- the warning in words
);
CREATE INDEX load_waarschuwing_batch ON load_waarschuwing(batch_id);
