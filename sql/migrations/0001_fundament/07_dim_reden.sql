-- dim_reden: reasons for instroom and uitstroom, detailed and grouped.
-- Grain: one row per reason code.
-- Source: the reasons of the benchmark extracts (words such as `werk`) and the
-- codes of the CBS statistics delivery (BUS, "reden beëindiging uitkering": 01..98).
-- `onbekend` is a real member: shares are computed over totals that include it.
CREATE TABLE dim_reden (
    reden_id      INTEGER PRIMARY KEY,                -- surrogate key
    code          TEXT NOT NULL UNIQUE,               -- benchmark word (werk, opleiding, ...) or BUS code (11, 32, ...)
    omschrijving  TEXT NOT NULL,                      -- the reason in words
    groep         TEXT NOT NULL CHECK (groep = 'werk' OR groep = 'onderwijs' OR groep = 'andere uitkering' OR groep = 'administratief' OR groep = 'overig' OR groep = 'onbekend'), -- group used in reports
    richting      TEXT NOT NULL CHECK (richting = 'instroom' OR richting = 'uitstroom' OR richting = 'beide'), -- flow the reason applies to
    naar_werk     INTEGER NOT NULL DEFAULT 0          -- 1 = counts as uitstroom naar werk
);
INSERT INTO dim_reden (reden_id, code, omschrijving, groep, richting, naar_werk) VALUES
    (1,  'onbekend', 'onbekend', 'onbekend', 'beide', 0),
    (2,  'werk', 'werk', 'werk', 'uitstroom', 1),
    (3,  'werk_regulier', 'werk (regulier)', 'werk', 'uitstroom', 1),
    (4,  'werk_gesubsidieerd', 'werk (gesubsidieerd)', 'werk', 'uitstroom', 1),
    (5,  'opleiding', 'opleiding', 'onderwijs', 'uitstroom', 0),
    (6,  'verhuizing', 'verhuizing', 'administratief', 'beide', 0),
    (7,  'samenwonen', 'samenwonen / huwelijk', 'overig', 'uitstroom', 0),
    (8,  'andere_uitkering', 'andere uitkering', 'andere uitkering', 'uitstroom', 0),
    (9,  'aow', 'AOW-leeftijd', 'andere uitkering', 'uitstroom', 0),
    (10, 'detentie', 'detentie', 'overig', 'uitstroom', 0),
    (11, 'handhaving', 'handhaving / fraude', 'administratief', 'uitstroom', 0),
    (12, 'overlijden', 'overlijden', 'overig', 'uitstroom', 0),
    (13, 'overig', 'overig', 'overig', 'beide', 0),
    (14, 'einde_ww', 'einde WW-uitkering', 'andere uitkering', 'instroom', 0),
    (15, 'verlies_werk', 'verlies van werk of inkomen', 'werk', 'instroom', 0),
    (16, 'scheiding', 'scheiding', 'overig', 'instroom', 0),
    (17, 'statushouder', 'statushouder (vestiging)', 'overig', 'instroom', 0),
    -- BUS: reden beëindiging uitkering
    (101, '01', 'onderwijs met studiefinanciering', 'onderwijs', 'uitstroom', 0),
    (102, '02', 'aangaan relatie', 'overig', 'uitstroom', 0),
    (103, '03', 'AOW-leeftijd bereikt', 'andere uitkering', 'uitstroom', 0),
    (104, '04', 'overlijden', 'overig', 'uitstroom', 0),
    (105, '05', 'detentie', 'overig', 'uitstroom', 0),
    (106, '06', 'onderwijs kunnen volgen maar niet doen', 'onderwijs', 'uitstroom', 0),
    (107, '07', 'verblijf buitenland te lang', 'administratief', 'uitstroom', 0),
    (111, '11', 'inkomsten uit arbeid in dienstbetrekking', 'werk', 'uitstroom', 1),
    (113, '13', 'inkomsten uit zelfstandig beroep of bedrijf', 'werk', 'uitstroom', 1),
    (114, '14', 'inkomsten uit werkloosheidsuitkering', 'andere uitkering', 'uitstroom', 0),
    (115, '15', 'inkomsten uit arbeidsongeschiktheidsuitkering', 'andere uitkering', 'uitstroom', 0),
    (117, '17', 'inkomsten uit alimentatie', 'overig', 'uitstroom', 0),
    (118, '18', 'inkomsten uit vermogen', 'overig', 'uitstroom', 0),
    (119, '19', 'ander inkomen', 'overig', 'uitstroom', 0),
    (131, '31', 'geen inlichtingen', 'administratief', 'uitstroom', 0),
    (132, '32', 'verhuizing naar andere gemeente', 'administratief', 'uitstroom', 0),
    (133, '33', 'verhuizing naar buitenland', 'administratief', 'uitstroom', 0),
    (134, '34', 'niet verschenen (inlichtingenplicht)', 'administratief', 'uitstroom', 0),
    (135, '35', 'niet verschenen (re-integratie)', 'administratief', 'uitstroom', 0),
    (197, '97', 'oorzaak bij partner', 'overig', 'uitstroom', 0),
    (198, '98', 'andere oorzaak', 'overig', 'uitstroom', 0);
