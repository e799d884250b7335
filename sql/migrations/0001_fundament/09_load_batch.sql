-- load_batch: the load ledger. Every attempt to load a file leaves one row.
-- Grain: one row per load (batch).
-- Source: written by `bijstand ingest`, `init` (built-in reference data) and `rollback`.
-- Conservation is enforced by the database itself: a completed load must
-- account for every row it read.
CREATE TABLE load_batch (
    batch_id         INTEGER PRIMARY KEY,             -- batch number, shown by `bijstand batches`
    soort            TEXT NOT NULL,                   -- source kind: benchmark, budget, lasten, uitkeringen, trajecten, gemeenten, inwoners, groepen, doelen
    bestand          TEXT NOT NULL,                   -- path of the file as given (or `ingebouwd:` + asset path)
    sha256           TEXT NOT NULL,                   -- SHA-256 of the file's bytes (hex)
    bytes            INTEGER NOT NULL,                -- file size in bytes
    codering         TEXT,                            -- detected text encoding: utf-8 or windows-1252
    scheidingsteken  TEXT,                            -- detected delimiter
    regels_gelezen   INTEGER NOT NULL DEFAULT 0,      -- data rows read (header and empty lines not counted)
    geladen          INTEGER NOT NULL DEFAULT 0,      -- rows stored as new facts
    vervangen        INTEGER NOT NULL DEFAULT 0,      -- rows that replaced an older delivery (which went to history)
    afgewezen        INTEGER NOT NULL DEFAULT 0,      -- rows rejected into load_afwijzing
    lege_regels      INTEGER NOT NULL DEFAULT 0,      -- empty lines skipped (not data)
    gestart_op       TEXT NOT NULL,                   -- start time (ISO 8601, UTC)
    geeindigd_op     TEXT,                            -- end time (ISO 8601, UTC)
    status           TEXT NOT NULL CHECK (status = 'geladen' OR status = 'mislukt' OR status = 'teruggedraaid'), -- outcome
    melding          TEXT,                            -- why a load failed or was rolled back
    teruggedraaid_op TEXT,                            -- when `rollback` undid it (ISO 8601, UTC)
    CHECK (status <> 'geladen' OR regels_gelezen = geladen + vervangen + afgewezen)
);
-- One successful load per file content: the same file loaded twice is recognised.
CREATE UNIQUE INDEX load_batch_sha256 ON load_batch(sha256) WHERE status = 'geladen';
