-- agg_volume_maand: the benchmark volume of a gemeente in a month, summed over the four benefit regelingen, for group comparisons.
-- Grain: one row per gemeente × maand with benchmark figures (bron benchmark, eenheid uitkeringen).
-- Source: derived from fact_volume_maand (bron benchmark, regelingen PW, IOAW, IOAZ and BBZ) by every
-- benchmark load for the months it delivered, and anew by the rollback of one; never edited by hand.
-- A report's group statistics read every member's months: one narrow row here instead of four in the fact table.
CREATE TABLE agg_volume_maand (
    gemeente_id     INTEGER NOT NULL REFERENCES dim_gemeente(gemeente_id), -- gemeente (as delivered, historical borders)
    maand_id        INTEGER NOT NULL REFERENCES dim_maand(maand_id),       -- month
    regelingen      INTEGER NOT NULL CHECK (regelingen BETWEEN 1 AND 4), -- how many of PW, IOAW, IOAZ and BBZ have a row (count)
    stand_begin     INTEGER,                          -- sum of the delivered starting stands (count); NULL = none delivered
    begin_compleet  INTEGER NOT NULL CHECK (begin_compleet = 0 OR begin_compleet = 1), -- 1 = every regeling with a row delivered its starting stand
    instroom        INTEGER NOT NULL,                 -- sum of instroom (count)
    uitstroom       INTEGER NOT NULL,                 -- sum of uitstroom (count)
    stand_eind      INTEGER,                          -- sum of the delivered end stands (count); NULL = none delivered
    PRIMARY KEY (gemeente_id, maand_id)
) WITHOUT ROWID;
-- A warehouse that already holds benchmark figures gets its sums at once.
INSERT INTO agg_volume_maand (gemeente_id, maand_id, regelingen, stand_begin, begin_compleet, instroom, uitstroom, stand_eind)
SELECT gemeente_id, maand_id, count(*), sum(stand_begin), count(stand_begin) = count(*), sum(instroom), sum(uitstroom), sum(stand_eind)
FROM fact_volume_maand
WHERE bron_id = 1 AND regeling_id IN (1, 2, 3, 4)
GROUP BY gemeente_id, maand_id;
