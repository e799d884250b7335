-- hist_stroom_reden_maand: reason splits that a newer delivery replaced.
-- Grain: one row per replaced delivery × richting × reden.
-- Source: moved here by the loader together with the hist_volume_maand row.
CREATE TABLE hist_stroom_reden_maand (
    gemeente_id    INTEGER NOT NULL,                  -- as in fact_stroom_reden_maand
    maand_id       INTEGER NOT NULL,                  -- as in fact_stroom_reden_maand
    regeling_id    INTEGER NOT NULL,                  -- as in fact_stroom_reden_maand
    bron_id        INTEGER NOT NULL,                  -- as in fact_stroom_reden_maand
    eenheid        TEXT NOT NULL,                     -- as in fact_stroom_reden_maand
    richting       TEXT NOT NULL,                     -- as in fact_stroom_reden_maand
    reden_id       INTEGER NOT NULL,                  -- as in fact_stroom_reden_maand
    aantal         INTEGER NOT NULL,                  -- as in fact_stroom_reden_maand
    batch_id       INTEGER NOT NULL,                  -- the load that delivered this (replaced) figure
    vervangen_door INTEGER NOT NULL,                  -- the load that replaced it
    PRIMARY KEY (gemeente_id, maand_id, regeling_id, bron_id, eenheid, richting, reden_id, batch_id)
) WITHOUT ROWID;
CREATE INDEX hist_stroom_reden_maand_vervangen ON hist_stroom_reden_maand(vervangen_door);
CREATE INDEX hist_stroom_reden_maand_batch ON hist_stroom_reden_maand(batch_id);
