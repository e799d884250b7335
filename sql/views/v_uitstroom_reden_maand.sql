-- v_uitstroom_reden_maand: uitstroom per reason per month, current figures, for analysts.
-- Grain: gemeente × maand × regeling × bron × eenheid × reden.
-- Source: fact_stroom_reden_maand (richting uitstroom) with its dimensions.
-- `onbekend` holds the part of the uitstroom its reasons do not cover.
CREATE VIEW v_uitstroom_reden_maand AS
SELECT g.gemeentecode,                                -- GM0000
       m.maand,                                       -- YYYY-MM
       r.code AS regeling,                            -- PW, IOAW, IOAZ, BBZ
       b.code AS bron,                                -- benchmark or registratie
       d.code AS reden,                               -- reason code (werk, opleiding, ... or a BUS code)
       f.aantal,                                      -- number of benefits that ended with this reason
       f.eenheid,                                     -- uitkeringen, personen or dossiers
       d.omschrijving AS reden_omschrijving,          -- reason in words
       d.groep AS reden_groep,                        -- werk, onderwijs, andere uitkering, administratief, overig, onbekend
       f.batch_id AS batch                            -- the load it came from
FROM fact_stroom_reden_maand f
JOIN dim_gemeente g ON g.gemeente_id = f.gemeente_id
JOIN dim_maand m ON m.maand_id = f.maand_id
JOIN dim_regeling r ON r.regeling_id = f.regeling_id
JOIN dim_bron b ON b.bron_id = f.bron_id
JOIN dim_reden d ON d.reden_id = f.reden_id
WHERE f.richting = 'uitstroom';
