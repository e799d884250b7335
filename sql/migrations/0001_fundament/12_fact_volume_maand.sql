-- fact_volume_maand: stand and flows of running benefits, current figures.
-- Grain: one row per gemeente × maand × regeling × bron × eenheid.
-- Source: `ingest benchmark` (bron benchmark, eenheid uitkeringen); later the
-- registrations (bron registratie, eenheid personen or dossiers).
-- A newer delivery of the same key replaces the row; the older row moves to hist_volume_maand.
CREATE TABLE fact_volume_maand (
    gemeente_id    INTEGER NOT NULL REFERENCES dim_gemeente(gemeente_id), -- gemeente (as delivered, historical borders)
    maand_id       INTEGER NOT NULL REFERENCES dim_maand(maand_id),       -- month
    regeling_id    INTEGER NOT NULL REFERENCES dim_regeling(regeling_id), -- regeling
    bron_id        INTEGER NOT NULL REFERENCES dim_bron(bron_id),         -- source
    eenheid        TEXT NOT NULL CHECK (eenheid = 'uitkeringen' OR eenheid = 'personen' OR eenheid = 'dossiers'), -- what is counted
    stand_begin    INTEGER CHECK (stand_begin >= 0),  -- running at the start of the month (count); NULL = not delivered
    instroom       INTEGER NOT NULL CHECK (instroom >= 0),  -- started in the month (count)
    uitstroom      INTEGER NOT NULL CHECK (uitstroom >= 0), -- ended in the month (count)
    stand_eind     INTEGER CHECK (stand_eind >= 0),   -- running at the end of the month (count); NULL = not delivered
    volume_betaald INTEGER CHECK (volume_betaald >= 0), -- benefits with a payment of at least €1 in the month (count); NULL = not delivered
    status         TEXT NOT NULL CHECK (status = 'voorlopig' OR status = 'definitief'), -- provisional or final figure
    batch_id       INTEGER NOT NULL REFERENCES load_batch(batch_id), -- the load it came from
    regel          INTEGER,                           -- line in that load's file
    PRIMARY KEY (gemeente_id, maand_id, regeling_id, bron_id, eenheid)
) WITHOUT ROWID;
CREATE INDEX fact_volume_maand_maand ON fact_volume_maand(maand_id, regeling_id);
CREATE INDEX fact_volume_maand_batch ON fact_volume_maand(batch_id);
