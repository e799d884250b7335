-- v_volume_maand: stand and flows per month, current figures, for analysts.
-- Grain: gemeente × maand × regeling × bron × eenheid.
-- Source: fact_volume_maand with its dimensions. Replaced deliveries are not
-- shown (see hist_volume_maand). Gemeenten appear on the borders of the delivery.
CREATE VIEW v_volume_maand AS
SELECT g.gemeentecode,                                -- GM0000
       m.maand,                                       -- YYYY-MM
       r.code AS regeling,                            -- PW, IOAW, IOAZ, BBZ
       b.code AS bron,                                -- benchmark or registratie
       f.stand_begin,                                 -- running at the start of the month
       f.instroom,                                    -- started in the month
       f.uitstroom,                                   -- ended in the month
       f.stand_eind,                                  -- running at the end of the month
       f.eenheid,                                     -- uitkeringen, personen or dossiers
       f.status,                                      -- voorlopig or definitief
       f.batch_id AS batch,                           -- the load it came from
       f.volume_betaald,                              -- benefits with a payment of at least €1
       g.gemeentenaam,                                -- name of the gemeente
       m.jaar                                         -- calendar year of the month
FROM fact_volume_maand f
JOIN dim_gemeente g ON g.gemeente_id = f.gemeente_id
JOIN dim_maand m ON m.maand_id = f.maand_id
JOIN dim_regeling r ON r.regeling_id = f.regeling_id
JOIN dim_bron b ON b.bron_id = f.bron_id;
