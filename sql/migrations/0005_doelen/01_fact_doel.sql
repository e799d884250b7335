-- fact_doel: the gemeente's own policy targets (doelen), so reports can set realisation against them.
-- Grain: one row per gemeente × jaar × periode × indicator (periode empty = a target for the whole year).
-- Source: `ingest doelen` (formats.md §7): targets from policy documents (begroting, beleidsplan).
-- Indicators the report can realise: instroom, uitstroom, uitstroom_werk, netto_bestandsreductie (count),
-- instroom_pct, uitstroom_pct (percent per month), volume (count at the end of the period),
-- per_1000_inwoners, saldo_pct (percent of the BUIG budget), saldo (euro).
CREATE TABLE fact_doel (
    gemeente_id  INTEGER NOT NULL REFERENCES dim_gemeente(gemeente_id), -- gemeente
    jaar         INTEGER NOT NULL,                    -- year the target is for
    periode      TEXT NOT NULL DEFAULT '',            -- period code (2024-T2) for a target of part of the year; '' = the whole year
    indicator    TEXT NOT NULL,                       -- what is measured (see above)
    minimum      REAL,                                -- lower bound of the target (unit of the indicator); NULL = none
    maximum      REAL,                                -- upper bound of the target (unit of the indicator); NULL = none
    bron         TEXT,                                -- the policy document and page the target comes from
    batch_id     INTEGER NOT NULL REFERENCES load_batch(batch_id), -- the load it came from
    regel        INTEGER,                             -- line in that load's file
    PRIMARY KEY (gemeente_id, jaar, periode, indicator),
    CHECK (minimum IS NOT NULL OR maximum IS NOT NULL)
) WITHOUT ROWID;
