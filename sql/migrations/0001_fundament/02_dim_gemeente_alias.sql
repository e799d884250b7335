-- dim_gemeente_alias: other names by which extracts name a gemeente.
-- Grain: one row per folded alias.
-- Source: built in (common names such as Den Haag for 's-Gravenhage) and `--mapping` files.
CREATE TABLE dim_gemeente_alias (
    alias_sleutel   TEXT PRIMARY KEY,                 -- alias folded like dim_gemeente.naam_sleutel
    gemeente_id     INTEGER NOT NULL REFERENCES dim_gemeente(gemeente_id), -- the gemeente it names
    alias           TEXT NOT NULL                     -- the alias as written
) WITHOUT ROWID;
