-- brug_groep: named comparison groups (G4, an arbeidsmarktregio, a shared service) and their members.
-- Grain: one row per groep × gemeente × start of membership.
-- Source: `ingest groepen`. The size classes are not stored: they follow from fact_inwoners.
CREATE TABLE brug_groep (
    groep         TEXT NOT NULL,                      -- group name as the user writes it (G4)
    groep_sleutel TEXT NOT NULL,                      -- name folded for matching
    gemeente_id   INTEGER NOT NULL REFERENCES dim_gemeente(gemeente_id), -- member
    geldig_vanaf  TEXT NOT NULL DEFAULT '0000-01-01', -- first day of membership (ISO date)
    geldig_tot    TEXT,                               -- first day no longer a member (ISO date); NULL = still a member
    batch_id      INTEGER REFERENCES load_batch(batch_id), -- the load it came from
    PRIMARY KEY (groep_sleutel, gemeente_id, geldig_vanaf)
) WITHOUT ROWID;
