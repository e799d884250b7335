-- dim_gemeente: every gemeente code CBS has used, with its history.
-- Grain: one row per gemeente code (GM + four digits), current or dissolved.
-- Source: CBS gemeentelijke indelingen (built in, Bron: CBS), corrected by `ingest gemeenten`.
-- The key is the number of the code (GM0394 -> 394), so facts stay small and
-- joins stay integer joins.
CREATE TABLE dim_gemeente (
    gemeente_id     INTEGER PRIMARY KEY,              -- number of the CBS code: 394 for GM0394
    gemeentecode    TEXT NOT NULL UNIQUE,             -- CBS code in the GM0000 form
    gemeentenaam    TEXT NOT NULL,                    -- official name as CBS writes it ('s-Gravenhage)
    naam_sleutel    TEXT NOT NULL,                    -- name folded for matching: lower case, no diacritics or punctuation
    provincie       TEXT,                             -- provincie the gemeente belongs (or belonged) to
    geldig_vanaf    TEXT,                             -- first day the code was valid (ISO date); NULL = unknown / long ago
    geldig_tot      TEXT,                             -- first day the code was no longer valid (ISO date); NULL = still exists
    opgegaan_in_id  INTEGER REFERENCES dim_gemeente(gemeente_id), -- successor that received most inhabitants; NULL = none
    batch_id        INTEGER REFERENCES load_batch(batch_id)       -- the load that last set this row
);
CREATE INDEX dim_gemeente_naam ON dim_gemeente(naam_sleutel);
