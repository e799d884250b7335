-- hist_buig_lasten_maand: cost rows that a re-sent month replaced.
-- Grain: one row per replaced delivery of gemeente × maand × regeling.
-- Source: moved here by the loader; moved back by `rollback` of the replacing load.
CREATE TABLE hist_buig_lasten_maand (
    gemeente_id      INTEGER NOT NULL,                -- as in fact_buig_lasten_maand
    maand_id         INTEGER NOT NULL,                -- as in fact_buig_lasten_maand
    regeling_id      INTEGER NOT NULL,                -- as in fact_buig_lasten_maand
    lasten_cent      INTEGER NOT NULL,                -- as in fact_buig_lasten_maand (euro cents)
    baten_cent       INTEGER NOT NULL,                -- as in fact_buig_lasten_maand (euro cents)
    voorlopig_cijfer INTEGER NOT NULL,                -- as in fact_buig_lasten_maand
    batch_id         INTEGER NOT NULL,                -- the load that delivered this (replaced) figure
    regel            INTEGER,                         -- line in that load's file
    vervangen_door   INTEGER NOT NULL,                -- the load that replaced it
    PRIMARY KEY (gemeente_id, maand_id, regeling_id, batch_id)
) WITHOUT ROWID;
CREATE INDEX hist_buig_lasten_maand_vervangen ON hist_buig_lasten_maand(vervangen_door);
CREATE INDEX hist_buig_lasten_maand_batch ON hist_buig_lasten_maand(batch_id);
