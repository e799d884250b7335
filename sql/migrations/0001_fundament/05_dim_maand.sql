-- dim_maand: the calendar at month grain, with the periods of the P&C cycle.
-- Grain: one row per calendar month, 1990-01 to 2060-12.
-- Source: generated here.
CREATE TABLE dim_maand (
    maand_id     INTEGER PRIMARY KEY,                 -- year × 100 + month: 202403
    maand        TEXT NOT NULL UNIQUE,                -- YYYY-MM
    jaar         INTEGER NOT NULL,                    -- calendar year
    maandnummer  INTEGER NOT NULL,                    -- 1..12
    kwartaal     INTEGER NOT NULL,                    -- quarter 1..4 (2024-Q1 = 2024K1)
    tertiaal     INTEGER NOT NULL,                    -- tertiaal 1..3 (T1 = January to April)
    halfjaar     INTEGER NOT NULL,                    -- half year 1..2
    eerste_dag   TEXT NOT NULL,                       -- first day (ISO date)
    laatste_dag  TEXT NOT NULL,                       -- last day (ISO date)
    maandnaam    TEXT NOT NULL                        -- Dutch month name, lower case (maart)
);
WITH RECURSIVE m(jaar, nr) AS (
    SELECT 1990, 1
    UNION ALL
    SELECT CASE WHEN nr = 12 THEN jaar + 1 ELSE jaar END, CASE WHEN nr = 12 THEN 1 ELSE nr + 1 END
    FROM m WHERE NOT (jaar = 2060 AND nr = 12)
)
INSERT INTO dim_maand
SELECT jaar * 100 + nr,
       printf('%04d-%02d', jaar, nr),
       jaar, nr,
       (nr + 2) / 3,
       (nr + 3) / 4,
       (nr + 5) / 6,
       printf('%04d-%02d-01', jaar, nr),
       date(printf('%04d-%02d-01', jaar, nr), '+1 month', '-1 day'),
       CASE nr WHEN 1 THEN 'januari' WHEN 2 THEN 'februari' WHEN 3 THEN 'maart' WHEN 4 THEN 'april'
               WHEN 5 THEN 'mei' WHEN 6 THEN 'juni' WHEN 7 THEN 'juli' WHEN 8 THEN 'augustus'
               WHEN 9 THEN 'september' WHEN 10 THEN 'oktober' WHEN 11 THEN 'november' ELSE 'december' END
FROM m;
