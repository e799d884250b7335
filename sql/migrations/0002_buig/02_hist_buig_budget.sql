-- hist_buig_budget: budget rows that a re-issued version replaced.
-- Grain: one row per replaced delivery of gemeente × jaar × versie.
-- Source: moved here by the loader; moved back by `rollback` of the replacing load.
CREATE TABLE hist_buig_budget (
    gemeente_id      INTEGER NOT NULL,                -- as in fact_buig_budget
    jaar             INTEGER NOT NULL,                -- as in fact_buig_budget
    versie           TEXT NOT NULL,                   -- as in fact_buig_budget
    versie_rang      INTEGER NOT NULL,                -- as in fact_buig_budget
    bedrag_cent      INTEGER NOT NULL,                -- as in fact_buig_budget (euro cents)
    bedrag_lks_cent  INTEGER,                         -- as in fact_buig_budget (euro cents)
    publicatiedatum  TEXT,                            -- as in fact_buig_budget
    correctie        INTEGER NOT NULL,                -- as in fact_buig_budget
    voorlopig_cijfer INTEGER NOT NULL,                -- as in fact_buig_budget
    batch_id         INTEGER NOT NULL,                -- the load that delivered this (replaced) figure
    regel            INTEGER,                         -- line in that load's file
    vervangen_door   INTEGER NOT NULL,                -- the load that replaced it
    PRIMARY KEY (gemeente_id, jaar, versie, batch_id)
) WITHOUT ROWID;
CREATE INDEX hist_buig_budget_vervangen ON hist_buig_budget(vervangen_door);
CREATE INDEX hist_buig_budget_batch ON hist_buig_budget(batch_id);
