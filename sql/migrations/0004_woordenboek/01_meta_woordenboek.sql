-- meta_woordenboek: the data dictionary inside the warehouse, so that any SQLite tool (DBeaver, Datasette, Excel via ODBC) shows what `bijstand schema` shows.
-- Grain: one row per table or view (kolom NULL, positie 0) and one row per column of it.
-- Source: rebuilt by every `bijstand init` (every migration) from the comments in sql/.
-- A file's header names its table or view with a description, a `Grain:` and a
-- `Source:` line; every column line carries a `--` comment with its meaning and,
-- in parentheses, its unit. Never edit these rows: change the comment in sql/.
CREATE TABLE meta_woordenboek (
    naam         TEXT NOT NULL,                       -- name of the table or view
    soort        TEXT NOT NULL CHECK (soort = 'table' OR soort = 'view'), -- what the object is
    kolom        TEXT,                                -- column name; NULL = the row describing the table or view itself
    positie      INTEGER NOT NULL,                    -- 0 for the table or view itself, then the column's position 1..n
    type         TEXT,                                -- declared SQLite type of the column (INTEGER, TEXT, REAL); NULL = none declared (view expressions)
    omschrijving TEXT,                                -- meaning: the header description of a table or view, the comment of a column; NULL = not documented
    eenheid      TEXT,                                -- unit or format of a column's values: count, persons, euro, euro cents, percent, ISO date, YYYY-MM, ...; NULL = none stated
    codes        TEXT,                                -- the values a code column takes, comma-separated (PW, IOAW, IOAZ, BBZ); NULL = not a closed list
    grain        TEXT,                                -- what one row of the table or view is (object rows only)
    bron         TEXT,                                -- where its rows come from (object rows only)
    toelichting  TEXT,                                -- the further header comments: why it is built as it is (object rows only)
    bestand      TEXT,                                -- the file of sql/ that defines it; NULL = made by the program itself (grdb_migrations)
    PRIMARY KEY (naam, positie)
) WITHOUT ROWID;
