-- v_traject: the registered re-integration trajecten of the current snapshots, for analysts.
-- Grain: one row per gemeente × client × instrument × startdatum.
-- Source: fact_traject. Join to v_uitkering on gemeentecode and dossiernummer
-- (or persoon when the traject file had no dossiernummer). No raw BSN is stored.
CREATE VIEW v_traject AS
SELECT g.gemeentecode,                                -- GM0000
       f.dossiernummer,                               -- dossier as delivered; NULL = not delivered
       coalesce(f.persoon_pseudoniem, f.client_id) AS persoon, -- person pseudonym, else the client_id
       f.instrument,                                  -- werkervaringsplek, proefplaatsing, scholing, jobcoaching, loonkostensubsidie, beschut werk, ...
       f.startdatum,                                  -- first day (ISO date)
       f.einddatum,                                   -- last day (ISO date); NULL = still running
       f.resultaat,                                   -- werk, opleiding, gestopt, lopend, overig
       f.kosten_cent / 100.0 AS kosten,               -- cost (euro)
       f.aanbieder,                                   -- provider
       f.batch_id AS batch,                           -- the load that delivered this version
       f.kosten_cent,                                 -- cost (euro cents, exact)
       g.gemeentenaam                                 -- name of the gemeente
FROM fact_traject f
JOIN dim_gemeente g ON g.gemeente_id = f.gemeente_id;
