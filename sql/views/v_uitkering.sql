-- v_uitkering: the registered benefit spells of the current snapshots, for analysts.
-- Grain: one row per gemeente × dossier × regeling × startdatum (one benefit spell).
-- Source: fact_uitkering with its dimensions. Spells that a newer snapshot
-- changed or no longer contained are in hist_uitkering, not here.
-- `persoon` is a pseudonym (or the gemeente's own client_id): never a BSN.
CREATE VIEW v_uitkering AS
SELECT g.gemeentecode,                                -- GM0000
       f.dossiernummer,                               -- dossier as delivered ('ps:' + pseudonym when it was a valid BSN)
       coalesce(f.persoon_pseudoniem, f.client_id) AS persoon, -- person pseudonym (keyed hash of the BSN), else the client_id; NULL = neither delivered
       r.code AS regeling,                            -- PW, IOAW, IOAZ, BBZ
       f.startdatum,                                  -- first day of the benefit (ISO date)
       f.einddatum,                                   -- last day of the benefit (ISO date); NULL = still running
       u.code AS uitstroomreden,                      -- reason it ended: BUS code (11, 32, ...) or word (werk, ...); onbekend; NULL while running
       f.batch_id AS batch,                           -- the load that delivered this version of the spell
       u.omschrijving AS uitstroomreden_omschrijving, -- the reason in words
       u.groep AS uitstroomreden_groep,               -- werk, onderwijs, andere uitkering, administratief, overig, onbekend
       u.naar_werk AS uitstroom_naar_werk,            -- 1 = uitstroom naar werk; NULL while running
       i.code AS instroomreden,                       -- reason it started; onbekend when not given
       i.groep AS instroomreden_groep,                -- group of that reason
       f.personen,                                    -- persons on the benefit: 1, or 2 for partners
       CASE WHEN f.persoon_pseudoniem IS NOT NULL THEN 'bsn'
            WHEN f.client_id IS NOT NULL THEN 'client_id' END AS persoon_bron, -- what `persoon` was made from
       f.geboortejaar,                                -- year of birth
       f.leeftijdsklasse,                             -- age at startdatum: tot 27, 27 tot 45, 45 tot 55, 55 en ouder
       f.geslacht,                                    -- man, vrouw, anders
       f.huishouden,                                  -- alleenstaande, alleenstaande ouder, gehuwden en samenwonenden, anders
       f.categorie,                                   -- A, B, C, D
       f.statushouder,                                -- 1 = statushouder
       g.gemeentenaam,                                -- name of the gemeente
       f.regel                                        -- line in the load's file
FROM fact_uitkering f
JOIN dim_gemeente g ON g.gemeente_id = f.gemeente_id
JOIN dim_regeling r ON r.regeling_id = f.regeling_id
JOIN dim_reden i ON i.reden_id = f.instroom_reden_id
LEFT JOIN dim_reden u ON u.reden_id = f.uitstroom_reden_id;
