-- fact_inwoners: inhabitants on 1 January.
-- Grain: one row per gemeente × year.
-- Source: CBS StatLine 03759ned "Bevolking op 1 januari" (built in, Bron: CBS), added to by `ingest inwoners`.
CREATE TABLE fact_inwoners (
    gemeente_id INTEGER NOT NULL REFERENCES dim_gemeente(gemeente_id), -- gemeente
    jaar        INTEGER NOT NULL,                     -- year; the count is on 1 January of it
    inwoners    INTEGER NOT NULL CHECK (inwoners >= 0), -- inhabitants (persons)
    batch_id    INTEGER REFERENCES load_batch(batch_id), -- the load it came from
    PRIMARY KEY (gemeente_id, jaar)
) WITHOUT ROWID;
