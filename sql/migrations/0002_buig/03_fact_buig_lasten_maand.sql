-- fact_buig_lasten_maand: realised BUIG costs and recoveries from the financial administration.
-- Grain: one row per gemeente × maand × regeling (PW, IOAW, IOAZ, BBZ, LKS).
-- Source: `ingest lasten`. A re-sent month replaces the row; the replaced row moves to hist_buig_lasten_maand.
-- netto lasten = lasten − baten. Money in integer cents.
CREATE TABLE fact_buig_lasten_maand (
    gemeente_id      INTEGER NOT NULL REFERENCES dim_gemeente(gemeente_id), -- gemeente
    maand_id         INTEGER NOT NULL REFERENCES dim_maand(maand_id),       -- month of the booking
    regeling_id      INTEGER NOT NULL REFERENCES dim_regeling(regeling_id), -- regeling, LKS included
    lasten_cent      INTEGER NOT NULL,                -- payments (euro cents)
    baten_cent       INTEGER NOT NULL DEFAULT 0,      -- recovered amounts: terugvordering, verhaal (euro cents)
    voorlopig_cijfer INTEGER NOT NULL DEFAULT 0,      -- 1 = a figure carried a footnote mark (*) in the file
    batch_id         INTEGER NOT NULL REFERENCES load_batch(batch_id), -- the load it came from
    regel            INTEGER,                         -- line in that load's file
    PRIMARY KEY (gemeente_id, maand_id, regeling_id)
) WITHOUT ROWID;
CREATE INDEX fact_buig_lasten_maand_batch ON fact_buig_lasten_maand(batch_id);
