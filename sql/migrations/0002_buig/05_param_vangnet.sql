-- param_vangnet: the vangnetuitkering rules per year, as parameters (the rules changed several times).
-- Grain: one row per jaar.
-- Source: shipped here as an indication of the rules; change a year with
-- `bijstand ingest vangnet FILE` (columns jaar, drempel_pct, band1_tot_pct,
-- band1_vergoeding_pct, band2_tot_pct, band2_vergoeding_pct, rest_vergoeding_pct, bron).
-- Reports call the outcome an indicatie, never a verdict: the real rules carry
-- more conditions than a threshold.
CREATE TABLE param_vangnet (
    jaar                  INTEGER PRIMARY KEY,        -- budget year
    drempel_pct           REAL NOT NULL,              -- tekort above this % of the budget may qualify (percent)
    band1_tot_pct         REAL,                       -- first compensation band: tekort from the threshold up to this % (percent); NULL = bands unknown
    band1_vergoeding_pct  REAL,                       -- share of the tekort in band 1 that is compensated (percent)
    band2_tot_pct         REAL,                       -- second band: from band1_tot_pct up to this % (percent)
    band2_vergoeding_pct  REAL,                       -- share compensated in band 2 (percent)
    rest_vergoeding_pct   REAL,                       -- share compensated above the last band (percent)
    bron                  TEXT NOT NULL,              -- where the figures come from
    batch_id              INTEGER REFERENCES load_batch(batch_id) -- the load that set them; NULL = shipped with the program
);
-- The 10% of 2015 and the 7,5% of recent years are those domain.md states;
-- 2016–2018 and the bands are our reading of the regulation: check them
-- against the rules in force and correct them with `ingest vangnet`.
INSERT INTO param_vangnet (jaar, drempel_pct, band1_tot_pct, band1_vergoeding_pct, band2_tot_pct, band2_vergoeding_pct, rest_vergoeding_pct, bron) VALUES
    (2015, 10.0, NULL, NULL, NULL, NULL, NULL, 'domain.md: drempel 10% in 2015; banden niet opgenomen'),
    (2016, 5.0, NULL, NULL, NULL, NULL, NULL, 'vangnetregeling 2016–2018: drempel 5% (met meerjarige voorwaarden); banden niet opgenomen'),
    (2017, 5.0, NULL, NULL, NULL, NULL, NULL, 'vangnetregeling 2016–2018: drempel 5% (met meerjarige voorwaarden); banden niet opgenomen'),
    (2018, 5.0, NULL, NULL, NULL, NULL, NULL, 'vangnetregeling 2016–2018: drempel 5% (met meerjarige voorwaarden); banden niet opgenomen'),
    (2019, 7.5, 12.5, 50.0, 17.5, 75.0, 100.0, 'vangnetregeling vanaf 2019 (indicatief): drempel 7,5%, banden 50%/75%/100%'),
    (2020, 7.5, 12.5, 50.0, 17.5, 75.0, 100.0, 'vangnetregeling vanaf 2019 (indicatief): drempel 7,5%, banden 50%/75%/100%'),
    (2021, 7.5, 12.5, 50.0, 17.5, 75.0, 100.0, 'vangnetregeling vanaf 2019 (indicatief): drempel 7,5%, banden 50%/75%/100%'),
    (2022, 7.5, 12.5, 50.0, 17.5, 75.0, 100.0, 'vangnetregeling vanaf 2019 (indicatief): drempel 7,5%, banden 50%/75%/100%'),
    (2023, 7.5, 12.5, 50.0, 17.5, 75.0, 100.0, 'vangnetregeling vanaf 2019 (indicatief): drempel 7,5%, banden 50%/75%/100%'),
    (2024, 7.5, 12.5, 50.0, 17.5, 75.0, 100.0, 'vangnetregeling vanaf 2019 (indicatief): drempel 7,5%, banden 50%/75%/100%'),
    (2025, 7.5, 12.5, 50.0, 17.5, 75.0, 100.0, 'vangnetregeling vanaf 2019 (indicatief): drempel 7,5%, banden 50%/75%/100%'),
    (2026, 7.5, 12.5, 50.0, 17.5, 75.0, 100.0, 'vangnetregeling vanaf 2019 (indicatief): drempel 7,5%, banden 50%/75%/100%');
