-- dim_bron: where a figure comes from, and what it counts.
-- Grain: one row per source kind.
-- Source: fixed here.
CREATE TABLE dim_bron (
    bron_id       INTEGER PRIMARY KEY,                -- 1 benchmark, 2 registratie
    code          TEXT NOT NULL UNIQUE,               -- benchmark, registratie
    omschrijving  TEXT NOT NULL                       -- what the source is
);
INSERT INTO dim_bron VALUES
    (1, 'benchmark', 'Divosa-achtige maandbenchmark: geleverde standen en stromen per gemeente'),
    (2, 'registratie', 'afgeleid uit de eigen registratie van de gemeente (uitkeringsperioden)');
