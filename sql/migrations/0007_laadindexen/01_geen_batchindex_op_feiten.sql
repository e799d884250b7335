-- The current fact tables no longer carry an index on batch_id.
-- Why: only `rollback` asks a current fact table for the rows of one load, and
-- it is rare and may scan. Every load, however, paid for these indexes: in a
-- WITHOUT ROWID table each entry repeats the whole primary key, so they were
-- a third of the bytes a national benchmark load wrote, and rebuilding them
-- after a large load was a fifth of its time (BENCHMARKS.md).
-- The history tables keep theirs: rollback looks a load up there by batch_id
-- and vervangen_door for every fact kind, and history stays small.
DROP INDEX IF EXISTS fact_volume_maand_batch;
DROP INDEX IF EXISTS fact_stroom_reden_maand_batch;
DROP INDEX IF EXISTS fact_buig_lasten_maand_batch;
