-- fact_uitkering: the gemeente's own registration of benefit spells, current snapshot.
-- Grain: one row per gemeente × dossier × regeling × startdatum (one benefit spell).
-- Source: `ingest uitkeringen` (formats.md §4). A delivery is a full snapshot of a
-- gemeente: a spell that is unchanged stays as it is (with the load that first
-- delivered it), a changed spell replaces its row and the old version moves to
-- hist_uitkering ('gewijzigd'), and a spell missing from the newer snapshot moves
-- there too ('ontbreekt'): closed history, never deleted.
--
-- Privacy: no raw BSN is ever stored. The BSN is replaced at the door by a keyed
-- pseudonym, HMAC-SHA256(key, the 9 digits) truncated to 128 bits and written as
-- 32 hex digits; the key lives outside the database (see README, "Registrations
-- and privacy"). A dossiernummer or client_id that is itself a valid BSN
-- (8 or 9 digits passing the elfproef) is stored as 'ps:' + its pseudonym.
-- Of the birth date only the year and the age class at the start are kept.
--
-- The CHECKs on coded columns are written as comparisons joined by OR: SQLite
-- builds a temporary table for every IN list of more than two values each time
-- an insert runs, which made a load of a million spells half as fast.
--
-- Dates: startdatum is the first day the benefit ran, einddatum the last day
-- (the spell is no longer running on the day after it). A spell ending on E is
-- uitstroom in E's month.
CREATE TABLE fact_uitkering (
    gemeente_id           INTEGER NOT NULL REFERENCES dim_gemeente(gemeente_id), -- gemeente whose registration this is
    dossiernummer         TEXT NOT NULL,              -- dossier as delivered ('ps:' + pseudonym when it was a valid BSN)
    regeling_id           INTEGER NOT NULL REFERENCES dim_regeling(regeling_id), -- PW, IOAW, IOAZ or BBZ
    startdatum            TEXT NOT NULL,              -- first day of the benefit (ISO date)
    einddatum             TEXT,                       -- last day of the benefit (ISO date); NULL = still running at the snapshot
    persoon_pseudoniem    TEXT,                       -- keyed pseudonym of the BSN (32 hex digits); NULL = no BSN delivered
    client_id             TEXT,                       -- person key the gemeente pseudonymised itself, as delivered; NULL = none
    personen              INTEGER NOT NULL DEFAULT 1 CHECK (personen = 1 OR personen = 2), -- persons on the benefit: 2 = partners on one dossier
    instroom_reden_id     INTEGER NOT NULL REFERENCES dim_reden(reden_id), -- reason the benefit started; onbekend when not given or not recognised
    uitstroom_reden_id    INTEGER REFERENCES dim_reden(reden_id), -- reason it ended (BUS code or word); NULL while running; onbekend when not given or not recognised
    instroom_reden_label  TEXT,                       -- the instroomreden as delivered, kept only when it was not recognised
    uitstroom_reden_label TEXT,                       -- the uitstroomreden as delivered, kept only when it was not recognised
    geboortejaar          INTEGER CHECK (geboortejaar BETWEEN 1850 AND 2100), -- year of birth (the full date is never stored); NULL = not delivered
    leeftijdsklasse       TEXT CHECK (leeftijdsklasse = 'tot 27' OR leeftijdsklasse = '27 tot 45' OR leeftijdsklasse = '45 tot 55' OR leeftijdsklasse = '55 en ouder'), -- age at startdatum (from the full birth date when delivered, else from the year)
    geslacht              TEXT CHECK (geslacht = 'man' OR geslacht = 'vrouw' OR geslacht = 'anders'), -- NULL = not delivered or not recognised
    huishouden            TEXT CHECK (huishouden = 'alleenstaande' OR huishouden = 'alleenstaande ouder' OR huishouden = 'gehuwden en samenwonenden' OR huishouden = 'anders'), -- leefvorm (BUS codes 1..4)
    categorie             TEXT CHECK (categorie = 'A' OR categorie = 'B' OR categorie = 'C' OR categorie = 'D'), -- distance to the labour market, A nearest
    statushouder          INTEGER CHECK (statushouder = 0 OR statushouder = 1), -- 1 = statushouder (refugee with a residence permit)
    inhoud_hash           INTEGER NOT NULL,           -- 64-bit FNV-1a of the delivered content: tells an unchanged spell in a newer snapshot from a changed one
    laad_markering        INTEGER,                    -- internal: the load whose snapshot last confirmed this spell; only meaningful while that load runs
    batch_id              INTEGER NOT NULL REFERENCES load_batch(batch_id), -- the load that delivered this version of the spell
    regel                 INTEGER,                    -- line in that load's file
    -- Person key for counting persons and returns: the pseudonym, else the client_id, else the dossier.
    persoon_sleutel       TEXT GENERATED ALWAYS AS (coalesce('p:' || persoon_pseudoniem, 'c:' || client_id, 'd:' || dossiernummer)) VIRTUAL,
    PRIMARY KEY (gemeente_id, dossiernummer, regeling_id, startdatum),
    CHECK (einddatum IS NULL OR einddatum >= startdatum)
) WITHOUT ROWID;
-- Returns (herinstroom) look for a person's next spell.
CREATE INDEX fact_uitkering_persoon ON fact_uitkering(gemeente_id, persoon_sleutel, startdatum);
