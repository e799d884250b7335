-- load_snapshot: which gemeenten a registration load was a full snapshot of, and what it changed.
-- Grain: one row per load × gemeente (a file may hold several gemeenten).
-- Source: written by `ingest uitkeringen` and `ingest trajecten`.
-- The peildatum bounds the derived registratie figures: months after it are not
-- derived, and its month is voorlopig (late registrations still come in).
CREATE TABLE load_snapshot (
    batch_id    INTEGER NOT NULL REFERENCES load_batch(batch_id), -- the load
    soort       TEXT NOT NULL CHECK (soort = 'uitkeringen' OR soort = 'trajecten'), -- source kind
    gemeente_id INTEGER NOT NULL REFERENCES dim_gemeente(gemeente_id), -- the gemeente it is a snapshot of
    peildatum   TEXT NOT NULL,                        -- date of the snapshot (ISO): the file's peildatum column, else its latest start or end date not after the load date
    regels      INTEGER NOT NULL DEFAULT 0,           -- rows of this gemeente read (rejected ones included)
    nieuw       INTEGER NOT NULL DEFAULT 0,           -- spells not in the previous snapshot
    gewijzigd   INTEGER NOT NULL DEFAULT 0,           -- spells whose content changed (old version to history)
    ongewijzigd INTEGER NOT NULL DEFAULT 0,           -- spells delivered again unchanged
    ontbrekend  INTEGER NOT NULL DEFAULT 0,           -- spells of the previous snapshot missing from this one (closed into history)
    afgewezen   INTEGER NOT NULL DEFAULT 0,           -- rejected rows of this gemeente
    PRIMARY KEY (batch_id, soort, gemeente_id)
) WITHOUT ROWID;
CREATE INDEX load_snapshot_gemeente ON load_snapshot(gemeente_id, soort, batch_id);

-- A snapshot can only be undone while it is the gemeente's latest: undoing an
-- earlier one would take away spells a later snapshot confirmed.
CREATE TRIGGER load_snapshot_terugdraaien BEFORE UPDATE OF status ON load_batch
WHEN NEW.status = 'teruggedraaid' AND EXISTS (
    SELECT 1
    FROM load_snapshot s
    JOIN load_snapshot later ON later.gemeente_id = s.gemeente_id AND later.soort = s.soort AND later.batch_id > s.batch_id
    JOIN load_batch b ON b.batch_id = later.batch_id AND b.status = 'geladen'
    WHERE s.batch_id = NEW.batch_id)
BEGIN
    SELECT RAISE(ABORT, 'a later snapshot of the same gemeente was loaded after this one; roll back the later load first (bijstand batches lists them)');
END;
