#!/usr/bin/env python3
"""Crash test: kill -9 the loader at random moments and check what is left.

    crash_test.py --bin .build/release/bijstand [--kills 40] [--scale 1.0] [--seed 1] [--work DIR]

Usually run through Tests/scripts/crash-test.sh, which builds a release binary
first; `swift test` runs a short version on the debug binary
(BijstandReliabilityTests/CrashTests.swift).

1. Writes a benchmark, a lasten and a registration (uitkeringen, with BSNs)
   extract with bench/generate.py (--scale 1 is about 50.000 + 75.000 + 100.000 rows).
2. A clean run: `bijstand ingest A B C` on a new warehouse, file by file, keeping
   the state after `init` and after every file (S0 … S3).
3. Many times: a copy of the initialised warehouse, the same `ingest A B C`,
   and kill -9 at a random moment of it (some kills land in `init` itself, on a
   warehouse that does not exist yet). Then:
     - PRAGMA integrity_check is ok and foreign keys hold;
     - the ledger has no half-finished load (a completed load adds up);
     - the state is exactly one of S0 … S3 (a load is all or nothing; a killed
       load is absent from the ledger);
     - the same command again ends in exactly S3, the clean run's state.
The state is every table of the warehouse with batch numbers replaced by the
content hash of their load and times left out (WarehouseState.swift does the same).
Exits 1 at the first broken promise, naming the kill and keeping its warehouse.
"""
import argparse
import hashlib
import importlib.util
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
KEY = "5eed" * 16  # a fixed pseudonym key, so two runs give the same pseudonyms
BATCH_COLUMNS = {"batch_id", "vervangen_door", "eerste_batch", "laad_markering"}


def generate(folder, scale, seed):
    spec = importlib.util.spec_from_file_location("generate", os.path.join(ROOT, "bench", "generate.py"))
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    rng = random.Random(seed)
    gemeenten = generator.current_gemeenten()
    if scale < 1:  # a short run (the test in `swift test`): fewer gemeenten too
        gemeenten = gemeenten[:max(20, int(len(gemeenten) * scale))]
    years = max(1, round(3 * scale))
    files = [os.path.join(folder, name) for name in ("benchmark.csv", "lasten.csv", "uitkeringen.csv")]
    generator.benchmark(files[0], gemeenten, rng, first_year=2022 - years + 1, years=years)
    generator.lasten(files[1], gemeenten, rng, first_year=2022 - years + 1, years=years)
    generator.spells(files[2], gemeenten, rng, max(2000, int(100_000 * scale)))
    return files


def state(path):
    """The portable content of a warehouse, as one hash and the per-table hashes."""
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")]
        per_table = {}
        for table in tables:
            columns = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
            expressions = []
            for column in columns:
                quoted = f't."{column}"'
                if column.endswith("_op") or (table == "load_batch" and column == "batch_id"):
                    continue
                if column in BATCH_COLUMNS:
                    expressions.append(f"quote((SELECT b.sha256 || ' ' || b.status FROM load_batch b WHERE b.batch_id = {quoted}))")
                else:
                    expressions.append(f"quote({quoted})")
            where = ""
            if table == "load_batch":
                where = "WHERE t.status <> 'mislukt'"
            elif "batch_id" in columns:
                where = "WHERE t.batch_id IS NULL OR t.batch_id NOT IN (SELECT batch_id FROM load_batch WHERE status = 'mislukt')"
            row = " || '|' || ".join(expressions) or "''"
            digest = hashlib.sha256()
            for (line,) in con.execute(f'SELECT {row} FROM "{table}" t {where} ORDER BY 1'):
                digest.update(line.encode() + b"\n")
            per_table[table] = digest.hexdigest()
        whole = hashlib.sha256("".join(f"{k}={v}\n" for k, v in sorted(per_table.items())).encode()).hexdigest()
        return whole, per_table
    finally:
        con.close()


def soundness(path):
    """SQLite's own checks and the ledger's promises; a list of problems."""
    problems = []
    con = sqlite3.connect(path)
    try:
        check = [r[0] for r in con.execute("PRAGMA integrity_check")]
        if check != ["ok"]:
            problems.append(f"integrity_check: {check[:5]}")
        if not con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'load_batch'").fetchone()[0]:
            return problems  # killed before the first migration committed: an empty database is sound
        broken = con.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            problems.append(f"foreign_key_check: {broken[:5]}")
        half = con.execute(
            "SELECT batch_id, soort, status FROM load_batch WHERE status = 'geladen' AND "
            "(geeindigd_op IS NULL OR regels_gelezen <> geladen + vervangen + afgewezen)").fetchall()
        if half:
            problems.append(f"half-finished loads in the ledger: {half}")
    finally:
        con.close()
    return problems


def run(binary, args, env, check=True):
    result = subprocess.run([binary] + args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if check and result.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
    return result


def remove(path):
    for suffix in ("", "-wal", "-shm", "-journal", ".pseudonym-key"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", required=True)
    parser.add_argument("--kills", type=int, default=40)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work")
    parser.add_argument("--init-every", type=int, default=5, help="every N-th kill starts without a warehouse and lands in init")
    args = parser.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="bijstand-crash-")
    os.makedirs(work, exist_ok=True)
    env = dict(os.environ, BIJSTAND_PSEUDONYM_KEY=KEY)
    rng = random.Random(args.seed)
    files = generate(work, args.scale, args.seed)
    sizes = ", ".join(f"{os.path.basename(f)} {sum(1 for _ in open(f, encoding='utf-8')) - 1} rows" for f in files)
    print(f"crash test in {work}: {sizes}")

    # The clean run, file by file, and its states.
    clean = os.path.join(work, "clean.sqlite")
    remove(clean)
    started = time.monotonic()
    run(args.bin, ["init", "--db", clean], env)
    init_seconds = time.monotonic() - started
    template = os.path.join(work, "template.sqlite")
    remove(template)
    shutil.copyfile(clean, template)
    states = [state(clean)[0]]
    started = time.monotonic()
    for f in files:
        run(args.bin, ["ingest", f, "--db", clean], env)
        states.append(state(clean)[0])
    load_seconds = time.monotonic() - started
    final, final_tables = state(clean)
    # The command under test loads the three files in one process: time that, and check it ends the same.
    combined = os.path.join(work, "combined.sqlite")
    remove(combined)
    shutil.copyfile(template, combined)
    started = time.monotonic()
    run(args.bin, ["ingest"] + files + ["--db", combined], env)
    load_seconds = time.monotonic() - started
    if state(combined)[0] != final:
        raise SystemExit("loading the three files in one command differs from loading them one by one")
    print(f"clean run: init {init_seconds:.2f} s, the three loads in one command {load_seconds:.2f} s")

    outcomes = {}
    for kill in range(1, args.kills + 1):
        target = os.path.join(work, "killed.sqlite")
        remove(target)
        in_init = kill % args.init_every == 0  # every so many kills starts from no warehouse at all: init itself is killed
        if not in_init:
            shutil.copyfile(template, target)
        # A kill in init lands in init (the reference data loads); the others anywhere in the loads.
        delay = rng.uniform(0, init_seconds) if in_init else rng.uniform(0, load_seconds * 1.02)
        process = subprocess.Popen([args.bin, "ingest"] + files + ["--db", target], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        finished = process.poll() is not None
        if not finished:
            process.send_signal(signal.SIGKILL)
        process.wait()

        where = f"kill {kill} at {delay:.2f} s" + (" (init)" if in_init else "")
        problems = soundness(target)
        whole, tables = state(target)
        if whole in states:
            reached = states.index(whole)
        elif in_init:
            reached = None  # killed during init: only soundness and the re-run are checked
        else:
            problems.append("the warehouse is in none of the clean run's states: a load is partly there")
        if problems:
            raise SystemExit(f"{where}: " + "; ".join(problems) + f" (warehouse kept: {target})")
        rerun = run(args.bin, ["ingest"] + files + ["--db", target], env, check=False)
        if rerun.returncode not in (0, 3):
            raise SystemExit(f"{where}: the re-run failed ({rerun.returncode}): {rerun.stderr.strip()}")
        again, again_tables = state(target)
        if again != final:
            differing = sorted(t for t in set(final_tables) | set(again_tables) if final_tables.get(t) != again_tables.get(t))
            raise SystemExit(f"{where}: the re-run differs from the clean run in {differing} (warehouse kept: {target})")
        label = "finished before the kill" if finished else (f"after {reached} of {len(files)} files" if reached is not None else "inside init")
        outcomes[label] = outcomes.get(label, 0) + 1
        print(f"{where}: ok, {label}; re-run equals the clean run")
    print(f"{args.kills} kills, all ok: " + ", ".join(f"{v} {k}" for k, v in sorted(outcomes.items())))
    if not args.work:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
