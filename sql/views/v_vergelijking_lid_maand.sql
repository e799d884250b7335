-- v_vergelijking_lid_maand: every gemeente's monthly instroom and uitstroom percentage, once for each comparison group it belongs to that month, for analysts.
-- Grain: groep × maand × gemeente (a gemeente is in one size class and in any number of named groups).
-- Source: fact_volume_maand (bron benchmark, eenheid uitkeringen), fact_inwoners
-- (size classes) and brug_groep (named groups).
-- The regelingen PW, IOAW, IOAZ and BBZ are summed per gemeente × maand: a
-- percentage is instroom (or uitstroom) ÷ stand_begin × 100 of that month
-- (domain.md). A gemeente is a member in a month only when it delivered that
-- month, every regeling it delivered has a stand_begin, and their sum is above 0.
-- Size class: inhabitants on 1 January of the month's year, or of the nearest year
-- in fact_inwoners when that one is missing (the earlier on a tie), as the report
-- does. Named groups: membership valid on the month's first day. Gemeenten appear
-- on the borders of the delivery: codes as delivered, not restated.
CREATE VIEW v_vergelijking_lid_maand AS
WITH per_gemeente AS (
    SELECT f.gemeente_id, f.maand_id,
           sum(f.stand_begin) AS stand_begin, sum(f.instroom) AS instroom, sum(f.uitstroom) AS uitstroom
    FROM fact_volume_maand f
    JOIN dim_bron b ON b.bron_id = f.bron_id
    JOIN dim_regeling r ON r.regeling_id = f.regeling_id
    WHERE b.code = 'benchmark' AND f.eenheid = 'uitkeringen' AND r.code IN ('PW', 'IOAW', 'IOAZ', 'BBZ')
    GROUP BY f.gemeente_id, f.maand_id
    HAVING count(f.stand_begin) = count(*) AND sum(f.stand_begin) > 0
),
jaar_inwoners AS (
    SELECT j.gemeente_id, j.jaar, i.inwoners,
           row_number() OVER (PARTITION BY j.gemeente_id, j.jaar ORDER BY abs(i.jaar - j.jaar), i.jaar) AS keuze
    FROM (SELECT DISTINCT p.gemeente_id, m.jaar FROM per_gemeente p JOIN dim_maand m ON m.maand_id = p.maand_id) j
    JOIN fact_inwoners i ON i.gemeente_id = j.gemeente_id
),
met_inwoners AS (
    SELECT p.*, m.eerste_dag, ji.inwoners
    FROM per_gemeente p
    JOIN dim_maand m ON m.maand_id = p.maand_id
    LEFT JOIN jaar_inwoners ji ON ji.gemeente_id = p.gemeente_id AND ji.jaar = m.jaar AND ji.keuze = 1
),
lidmaatschap AS (
    SELECT p.gemeente_id, p.maand_id, p.stand_begin, p.instroom, p.uitstroom, p.inwoners,
           'grootteklasse' AS groepsoort,
           CASE WHEN p.inwoners < 50000 THEN 'tot 50.000'
                WHEN p.inwoners < 100000 THEN '50.000 tot 100.000'
                ELSE '100.000 en meer' END AS groep
    FROM met_inwoners p
    WHERE p.inwoners IS NOT NULL
    UNION ALL
    SELECT p.gemeente_id, p.maand_id, p.stand_begin, p.instroom, p.uitstroom, p.inwoners,
           'groep',
           (SELECT min(naam.groep) FROM brug_groep naam WHERE naam.groep_sleutel = bg.groep_sleutel)
    FROM met_inwoners p
    JOIN brug_groep bg ON bg.gemeente_id = p.gemeente_id
     AND bg.geldig_vanaf <= p.eerste_dag AND (bg.geldig_tot IS NULL OR bg.geldig_tot > p.eerste_dag)
    GROUP BY p.gemeente_id, p.maand_id, bg.groep_sleutel
)
SELECT l.groep,                                       -- size class (tot 50.000, 50.000 tot 100.000, 100.000 en meer) or the name of a group from `ingest groepen`
       l.groepsoort,                                  -- grootteklasse or groep
       m.maand,                                       -- YYYY-MM
       g.gemeentecode,                                -- GM0000
       l.instroom * 100.0 / l.stand_begin AS instroom_pct,   -- instroom ÷ stand_begin × 100 (percent per month)
       l.uitstroom * 100.0 / l.stand_begin AS uitstroom_pct, -- uitstroom ÷ stand_begin × 100 (percent per month)
       l.stand_begin,                                 -- benefits running at the start of the month, PW + IOAW + IOAZ + BBZ (count)
       l.instroom,                                    -- benefits started in the month, the four regelingen (count)
       l.uitstroom,                                   -- benefits ended in the month, the four regelingen (count)
       l.inwoners,                                    -- inhabitants that set the size class: 1 January of the month's year or the nearest year (persons)
       g.gemeentenaam                                 -- name of the gemeente
FROM lidmaatschap l
JOIN dim_gemeente g ON g.gemeente_id = l.gemeente_id
JOIN dim_maand m ON m.maand_id = l.maand_id;
