-- brug_herindeling: transfers of inhabitants between gemeenten at a herindeling or a renaming.
-- Grain: one row per date × old gemeente × new gemeente.
-- Source: CBS (built in, Bron: CBS), corrected by `ingest gemeenten`.
-- A gemeente split over several successors has several rows; `aandeel` is the
-- weight used to restate its history on current borders.
CREATE TABLE brug_herindeling (
    datum               TEXT NOT NULL,                -- date the change took effect (ISO date)
    soort               TEXT NOT NULL CHECK (soort = 'herindeling' OR soort = 'naamswijziging'), -- kind of change
    oud_id              INTEGER NOT NULL REFERENCES dim_gemeente(gemeente_id), -- gemeente that gave inhabitants
    nieuw_id            INTEGER NOT NULL REFERENCES dim_gemeente(gemeente_id), -- gemeente that received them
    inwoners_overgegaan INTEGER,                      -- inhabitants transferred (persons); NULL = whole gemeente / unknown
    aandeel             REAL NOT NULL DEFAULT 1.0,    -- share of the old gemeente's inhabitants that went to nieuw_id (0..1)
    PRIMARY KEY (datum, oud_id, nieuw_id)
) WITHOUT ROWID;
CREATE INDEX brug_herindeling_nieuw ON brug_herindeling(nieuw_id);
