-- fact_stroom_reden_maand: instroom and uitstroom split by reason, current figures.
-- Grain: one row per gemeente × maand × regeling × bron × eenheid × richting × reden.
-- Source: the `uitstroom_<reden>` / `instroom_<reden>` columns of `ingest benchmark`;
-- the part of a flow its reasons do not cover is stored as reden `onbekend`.
-- Replaced together with its fact_volume_maand row (same key, same load).
CREATE TABLE fact_stroom_reden_maand (
    gemeente_id  INTEGER NOT NULL,                    -- gemeente
    maand_id     INTEGER NOT NULL,                    -- month
    regeling_id  INTEGER NOT NULL,                    -- regeling
    bron_id      INTEGER NOT NULL,                    -- source
    eenheid      TEXT NOT NULL,                       -- what is counted
    richting     TEXT NOT NULL CHECK (richting = 'instroom' OR richting = 'uitstroom'), -- flow
    reden_id     INTEGER NOT NULL REFERENCES dim_reden(reden_id), -- reason
    aantal       INTEGER NOT NULL CHECK (aantal >= 0), -- count
    batch_id     INTEGER NOT NULL REFERENCES load_batch(batch_id), -- the load it came from
    PRIMARY KEY (gemeente_id, maand_id, regeling_id, bron_id, eenheid, richting, reden_id),
    FOREIGN KEY (gemeente_id, maand_id, regeling_id, bron_id, eenheid)
        REFERENCES fact_volume_maand (gemeente_id, maand_id, regeling_id, bron_id, eenheid)
        DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;
CREATE INDEX fact_stroom_reden_maand_batch ON fact_stroom_reden_maand(batch_id);
