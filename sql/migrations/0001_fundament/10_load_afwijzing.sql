-- load_afwijzing: the reject quarantine. Rows that could not be loaded, never silently dropped.
-- Grain: one row per rejected input row (the first problem found in it).
-- Source: written by `bijstand ingest`.
CREATE TABLE load_afwijzing (
    batch_id   INTEGER NOT NULL REFERENCES load_batch(batch_id), -- the load
    regel      INTEGER NOT NULL,                      -- line number in the file where the row starts (header = 1)
    kolom      TEXT,                                  -- column (header name and position) at fault; NULL = the whole row
    waarde     TEXT,                                  -- the raw value at fault
    reden      TEXT NOT NULL,                         -- why, in plain words
    ruwe_regel TEXT,                                  -- the raw row as read (fields joined by the delimiter; identifying numbers masked)
    PRIMARY KEY (batch_id, regel)
) WITHOUT ROWID;
