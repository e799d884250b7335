-- hist_volume_maand: figures of fact_volume_maand that a newer delivery replaced.
-- Grain: one row per replaced delivery of gemeente × maand × regeling × bron × eenheid.
-- Source: moved here by the loader; moved back by `rollback` of the replacing load.
CREATE TABLE hist_volume_maand (
    gemeente_id    INTEGER NOT NULL,                  -- as in fact_volume_maand
    maand_id       INTEGER NOT NULL,                  -- as in fact_volume_maand
    regeling_id    INTEGER NOT NULL,                  -- as in fact_volume_maand
    bron_id        INTEGER NOT NULL,                  -- as in fact_volume_maand
    eenheid        TEXT NOT NULL,                     -- as in fact_volume_maand
    stand_begin    INTEGER,                           -- as in fact_volume_maand
    instroom       INTEGER NOT NULL,                  -- as in fact_volume_maand
    uitstroom      INTEGER NOT NULL,                  -- as in fact_volume_maand
    stand_eind     INTEGER,                           -- as in fact_volume_maand
    volume_betaald INTEGER,                           -- as in fact_volume_maand
    status         TEXT NOT NULL,                     -- as in fact_volume_maand
    batch_id       INTEGER NOT NULL,                  -- the load that delivered this (replaced) figure
    regel          INTEGER,                           -- line in that load's file
    vervangen_door INTEGER NOT NULL,                  -- the load that replaced it
    PRIMARY KEY (gemeente_id, maand_id, regeling_id, bron_id, eenheid, batch_id)
) WITHOUT ROWID;
CREATE INDEX hist_volume_maand_vervangen ON hist_volume_maand(vervangen_door);
CREATE INDEX hist_volume_maand_batch ON hist_volume_maand(batch_id);
