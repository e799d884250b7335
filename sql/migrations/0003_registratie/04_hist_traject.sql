-- hist_traject: traject versions that a newer snapshot changed or no longer contained.
-- Grain: one row per replaced version of gemeente × koppeling × instrument × startdatum.
-- Source: moved here by `ingest trajecten`; moved back by `rollback` of the replacing load.
CREATE TABLE hist_traject (
    gemeente_id        INTEGER NOT NULL,              -- as in fact_traject
    koppeling          TEXT NOT NULL,                 -- as in fact_traject
    instrument         TEXT NOT NULL,                 -- as in fact_traject
    startdatum         TEXT NOT NULL,                 -- as in fact_traject
    einddatum          TEXT,                          -- as in fact_traject
    dossiernummer      TEXT,                          -- as in fact_traject
    persoon_pseudoniem TEXT,                          -- as in fact_traject
    client_id          TEXT,                          -- as in fact_traject
    aanbieder          TEXT,                          -- as in fact_traject
    resultaat          TEXT,                          -- as in fact_traject
    kosten_cent        INTEGER,                       -- as in fact_traject
    inhoud_hash        INTEGER NOT NULL,              -- as in fact_traject
    laad_markering     INTEGER,                       -- as in fact_traject
    batch_id           INTEGER NOT NULL,              -- the load that delivered this (replaced) version
    regel              INTEGER,                       -- line in that load's file
    vervangen_door     INTEGER NOT NULL,              -- the snapshot load that replaced or closed it
    historie_reden     TEXT NOT NULL DEFAULT 'gewijzigd' CHECK (historie_reden = 'gewijzigd' OR historie_reden = 'ontbreekt'), -- changed in, or missing from, that snapshot
    PRIMARY KEY (gemeente_id, koppeling, instrument, startdatum, batch_id)
) WITHOUT ROWID;
CREATE INDEX hist_traject_vervangen ON hist_traject(vervangen_door);
CREATE INDEX hist_traject_batch ON hist_traject(batch_id);
