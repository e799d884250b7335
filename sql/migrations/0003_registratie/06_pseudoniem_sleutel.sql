-- pseudoniem_sleutel: which pseudonym key this warehouse's pseudonyms were made with.
-- Grain: one row (the key in use).
-- Source: written by the first load that pseudonymised a BSN.
-- Only a check value is stored, never the key: HMAC-SHA256(key, a fixed text),
-- 64 bits in hex. A load with another key is refused, because its pseudonyms
-- would not match the ones already stored (the same person would count twice).
CREATE TABLE pseudoniem_sleutel (
    controlewaarde TEXT PRIMARY KEY,                  -- check value of the key (16 hex digits)
    herkomst       TEXT NOT NULL CHECK (herkomst = 'bestand' OR herkomst = 'omgeving'), -- key file beside the warehouse, or $BIJSTAND_PSEUDONYM_KEY
    eerste_batch   INTEGER REFERENCES load_batch(batch_id), -- the load that first used it
    vastgelegd_op  TEXT NOT NULL                      -- when (ISO 8601, UTC)
) WITHOUT ROWID;
