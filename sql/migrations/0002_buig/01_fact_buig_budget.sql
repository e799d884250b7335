-- fact_buig_budget: the BUIG budget the ministry allots a gemeente, per published version.
-- Grain: one row per gemeente × jaar × versie (voorlopig, nader voorlopig, definitief).
-- Source: `ingest budget` (the ministry's budget decisions). A re-issued version
-- replaces the row; the replaced row moves to hist_buig_budget.
-- Money in integer cents: exact, never binary floating point.
CREATE TABLE fact_buig_budget (
    gemeente_id      INTEGER NOT NULL REFERENCES dim_gemeente(gemeente_id), -- gemeente
    jaar             INTEGER NOT NULL,                -- budget year
    versie           TEXT NOT NULL CHECK (versie = 'voorlopig' OR versie = 'nader voorlopig' OR versie = 'definitief'), -- published version
    versie_rang      INTEGER NOT NULL CHECK (versie_rang BETWEEN 1 AND 3), -- 1 voorlopig, 2 nader voorlopig, 3 definitief: the highest available is the newest
    bedrag_cent      INTEGER NOT NULL,                -- total budget (euro cents)
    bedrag_lks_cent  INTEGER,                         -- the LKS (loonkostensubsidie) part of it (euro cents); NULL = not given
    publicatiedatum  TEXT,                            -- publication date of the version (ISO date); NULL = not given
    correctie        INTEGER NOT NULL DEFAULT 0,      -- 1 = a negative amount, accepted as a correction
    voorlopig_cijfer INTEGER NOT NULL DEFAULT 0,      -- 1 = the figure carried a footnote mark (*) in the file
    batch_id         INTEGER NOT NULL REFERENCES load_batch(batch_id), -- the load it came from
    regel            INTEGER,                         -- line in that load's file
    PRIMARY KEY (gemeente_id, jaar, versie)
) WITHOUT ROWID;
CREATE INDEX fact_buig_budget_batch ON fact_buig_budget(batch_id);
