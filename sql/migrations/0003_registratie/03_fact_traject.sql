-- fact_traject: re-integration instruments (trajecten) from the gemeente's registration, current snapshot.
-- Grain: one row per gemeente × client (koppeling) × instrument × startdatum.
-- Source: `ingest trajecten` (formats.md §5), with the snapshot semantics of
-- fact_uitkering: changed and missing trajecten move to hist_traject.
-- `koppeling` joins a traject to its spells: the dossiernummer when delivered,
-- else 'p:' + the BSN pseudonym, else 'c:' + the client_id. No raw BSN is stored.
CREATE TABLE fact_traject (
    gemeente_id        INTEGER NOT NULL REFERENCES dim_gemeente(gemeente_id), -- gemeente whose registration this is
    koppeling          TEXT NOT NULL,                 -- dossiernummer, or 'p:' + pseudonym, or 'c:' + client_id
    instrument         TEXT NOT NULL,                 -- werkervaringsplek, proefplaatsing, scholing, jobcoaching, loonkostensubsidie, beschut werk, or the label as delivered (lower case)
    startdatum         TEXT NOT NULL,                 -- first day (ISO date)
    einddatum          TEXT,                          -- last day (ISO date); NULL = still running
    dossiernummer      TEXT,                          -- dossier as delivered ('ps:' + pseudonym when it was a valid BSN); NULL = not delivered
    persoon_pseudoniem TEXT,                          -- keyed pseudonym of the BSN (32 hex digits); NULL = no BSN delivered
    client_id          TEXT,                          -- pseudonymised person key as delivered
    aanbieder          TEXT,                          -- provider as delivered
    resultaat          TEXT CHECK (resultaat = 'werk' OR resultaat = 'opleiding' OR resultaat = 'gestopt' OR resultaat = 'lopend' OR resultaat = 'overig'), -- NULL = not delivered or not recognised (OR, not IN: see fact_uitkering)
    kosten_cent        INTEGER,                       -- cost (euro cents); NULL = not delivered
    inhoud_hash        INTEGER NOT NULL,              -- 64-bit FNV-1a of the delivered content (see fact_uitkering)
    laad_markering     INTEGER,                       -- internal: the load whose snapshot last confirmed this traject
    batch_id           INTEGER NOT NULL REFERENCES load_batch(batch_id), -- the load that delivered this version
    regel              INTEGER,                       -- line in that load's file
    PRIMARY KEY (gemeente_id, koppeling, instrument, startdatum),
    CHECK (einddatum IS NULL OR einddatum >= startdatum)
) WITHOUT ROWID;
