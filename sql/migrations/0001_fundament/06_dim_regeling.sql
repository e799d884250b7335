-- dim_regeling: the schemes paid from the BUIG.
-- Grain: one row per regeling.
-- Source: Participatiewet, IOAW, IOAZ, Bbz 2004; statistiekcode from the CBS "BUS" delivery.
CREATE TABLE dim_regeling (
    regeling_id    INTEGER PRIMARY KEY,               -- 1 PW, 2 IOAW, 3 IOAZ, 4 BBZ, 5 LKS
    code           TEXT NOT NULL UNIQUE,              -- PW, IOAW, IOAZ, BBZ, LKS
    naam           TEXT NOT NULL,                     -- full name
    statistiekcode TEXT                               -- code in the CBS statistics delivery (01, 02, 03, 14); NULL for LKS
);
INSERT INTO dim_regeling VALUES
    (1, 'PW', 'Participatiewet (algemene bijstand)', '01'),
    (2, 'IOAW', 'Inkomensvoorziening oudere en gedeeltelijk arbeidsongeschikte werkloze werknemers', '02'),
    (3, 'IOAZ', 'Inkomensvoorziening oudere en gedeeltelijk arbeidsongeschikte gewezen zelfstandigen', '03'),
    (4, 'BBZ', 'Besluit bijstandverlening zelfstandigen 2004 (levensonderhoud)', '14'),
    (5, 'LKS', 'Loonkostensubsidie', NULL);
