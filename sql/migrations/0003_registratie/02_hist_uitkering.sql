-- hist_uitkering: spell versions that a newer snapshot changed or no longer contained.
-- Grain: one row per replaced version of gemeente × dossier × regeling × startdatum.
-- Source: moved here by `ingest uitkeringen`; moved back by `rollback` of the replacing load.
CREATE TABLE hist_uitkering (
    gemeente_id           INTEGER NOT NULL,           -- as in fact_uitkering
    dossiernummer         TEXT NOT NULL,              -- as in fact_uitkering
    regeling_id           INTEGER NOT NULL,           -- as in fact_uitkering
    startdatum            TEXT NOT NULL,              -- as in fact_uitkering
    einddatum             TEXT,                       -- as in fact_uitkering
    persoon_pseudoniem    TEXT,                       -- as in fact_uitkering
    client_id             TEXT,                       -- as in fact_uitkering
    personen              INTEGER NOT NULL,           -- as in fact_uitkering
    instroom_reden_id     INTEGER NOT NULL,           -- as in fact_uitkering
    uitstroom_reden_id    INTEGER,                    -- as in fact_uitkering
    instroom_reden_label  TEXT,                       -- as in fact_uitkering
    uitstroom_reden_label TEXT,                       -- as in fact_uitkering
    geboortejaar          INTEGER,                    -- as in fact_uitkering
    leeftijdsklasse       TEXT,                       -- as in fact_uitkering
    geslacht              TEXT,                       -- as in fact_uitkering
    huishouden            TEXT,                       -- as in fact_uitkering
    categorie             TEXT,                       -- as in fact_uitkering
    statushouder          INTEGER,                    -- as in fact_uitkering
    inhoud_hash           INTEGER NOT NULL,           -- as in fact_uitkering
    laad_markering        INTEGER,                    -- as in fact_uitkering
    batch_id              INTEGER NOT NULL,           -- the load that delivered this (replaced) version
    regel                 INTEGER,                    -- line in that load's file
    vervangen_door        INTEGER NOT NULL,           -- the snapshot load that replaced or closed it
    historie_reden        TEXT NOT NULL DEFAULT 'gewijzigd' CHECK (historie_reden = 'gewijzigd' OR historie_reden = 'ontbreekt'), -- changed in, or missing from, that snapshot
    PRIMARY KEY (gemeente_id, dossiernummer, regeling_id, startdatum, batch_id)
) WITHOUT ROWID;
CREATE INDEX hist_uitkering_vervangen ON hist_uitkering(vervangen_door);
CREATE INDEX hist_uitkering_batch ON hist_uitkering(batch_id);
