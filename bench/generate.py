#!/usr/bin/env python3
"""National-scale extracts for the benchmark script (bench/run).

Writes, into the folder given (default bench/data, not committed):
  benchmark-national.csv   342 current gemeenten x 12 years x 4 regelingen (about 200.000 rows)
  lasten-national.csv      342 gemeenten x 12 years x 12 months x 5 regelingen
  uitkeringen-1m.csv       1.000.000 benefit spells (with valid BSNs)
  uitkeringen-5m.csv       5.000.000 benefit spells (only with --large)

Deterministic (fixed seed); standard library only. The gemeenten and their
inhabitants come from etl/reference (Bron: CBS); every count is synthetic.
"""
import argparse
import csv
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.join(HERE, "..", "etl", "reference")


def current_gemeenten():
    with open(os.path.join(REFERENCE, "gemeenten.csv"), encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter=";") if not r["geldig_tot"]]
    inhabitants = {}
    with open(os.path.join(REFERENCE, "inwoners.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter=";"):
            inhabitants.setdefault(r["gemeentecode"], {})[int(r["jaar"])] = int(r["inwoners"])
    result = []
    for r in rows:
        years = inhabitants.get(r["gemeentecode"], {})
        result.append((r["gemeentecode"], r["gemeentenaam"], years.get(2024) or max(years.values(), default=20000),
                       r["geldig_vanaf"]))
    return result


def months(first_year, years):
    for year in range(first_year, first_year + years):
        for month in range(1, 13):
            yield year, month


def benchmark(path, gemeenten, rng, first_year=2014, years=12):
    # Only gemeenten that existed over the whole span, so every row is valid.
    start = f"{first_year}-01-01"
    usable = [g for g in gemeenten if not g[3] or g[3] <= start]
    shares = {"PW": 0.92, "IOAW": 0.05, "IOAZ": 0.01, "BBZ": 0.02}
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(["gemeentecode", "periode", "regeling", "lopend_begin", "instroom", "uitstroom", "lopend_eind",
                    "uitstroom_werk", "uitstroom_opleiding", "uitstroom_verhuizing", "uitstroom_overig", "status"])
        for code, _, people, _ in usable:
            for regeling, share in shares.items():
                stand = max(1, int(people * 0.022 * share))
                for year, month in months(first_year, years):
                    instroom = rng.randint(0, max(1, stand // 30))
                    uitstroom = min(stand + instroom, rng.randint(0, max(1, stand // 30)))
                    werk = uitstroom * 35 // 100
                    opleiding = uitstroom * 5 // 100
                    verhuizing = uitstroom * 12 // 100
                    overig = uitstroom - werk - opleiding - verhuizing
                    end = stand + instroom - uitstroom
                    w.writerow([code, f"{year}-{month:02d}", regeling, stand, instroom, uitstroom, end,
                                werk, opleiding, verhuizing, overig, "definitief"])
                    stand = end
                    count += 1
    return count


def lasten(path, gemeenten, rng, first_year=2014, years=12):
    start = f"{first_year}-01-01"
    usable = [g for g in gemeenten if not g[3] or g[3] <= start]
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\n")
        w.writerow(["gemeentecode", "periode", "regeling", "lasten", "baten"])
        for code, _, people, _ in usable:
            base = people * 0.022 * 1560
            for year, month in months(first_year, years):
                for regeling, share in (("PW", 0.9), ("IOAW", 0.05), ("IOAZ", 0.01), ("BBZ", 0.02), ("LKS", 0.02)):
                    cents = int(base * share * 100 * rng.uniform(0.95, 1.05))
                    baten = cents * rng.randint(2, 4) // 100
                    w.writerow([code, f"{year}-{month:02d}", regeling, dutch(cents), dutch(baten)])
                    count += 1
    return count


def dutch(cents):
    euros, rest = divmod(cents, 100)
    return f"{euros:,}".replace(",", ".") + f",{rest:02d}"


def bsn(rng):
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1)))
        last = total % 11
        if last < 10 and any(digits):
            return "".join(map(str, digits)) + str(last)


def spells(path, gemeenten, rng, total):
    reasons = ["11", "13", "01", "02", "03", "04", "32", "31", "14", "15", "98"]
    weights = [30, 5, 5, 8, 6, 2, 10, 8, 6, 4, 16]
    population = [(g[0], g[2]) for g in gemeenten]
    weight_g = [max(1, p) for _, p in population]
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\n")
        w.writerow(["gemeentecode", "dossiernummer", "bsn", "regeling", "startdatum", "einddatum",
                    "instroomreden", "uitstroomreden", "personen", "geboortejaar", "geslacht", "categorie"])
        chosen = rng.choices(population, weights=weight_g, k=total)
        for number, (code, _) in enumerate(chosen):
            start_year = rng.randint(2010, 2025)
            start = f"{start_year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            if rng.random() < 0.8:
                end_year = min(2026, start_year + rng.randint(0, 5))
                end = f"{end_year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                if end <= start:
                    end = start
                reason = rng.choices(reasons, weights=weights)[0]
            else:
                end, reason = "", ""
            w.writerow([code, f"D{number:08d}", bsn(rng), "01", start, end, "", reason,
                        rng.choice([1, 1, 1, 2]), rng.randint(1950, 2005), rng.choice("MV"), rng.choice("ABCD")])
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default=os.path.join(HERE, "data"))
    parser.add_argument("--large", action="store_true", help="also write the 5-million-spell file")
    args = parser.parse_args()
    os.makedirs(args.folder, exist_ok=True)
    rng = random.Random(2026)
    gemeenten = current_gemeenten()
    print("benchmark-national.csv", benchmark(os.path.join(args.folder, "benchmark-national.csv"), gemeenten, rng))
    print("lasten-national.csv", lasten(os.path.join(args.folder, "lasten-national.csv"), gemeenten, rng))
    print("uitkeringen-1m.csv", spells(os.path.join(args.folder, "uitkeringen-1m.csv"), gemeenten, rng, 1_000_000))
    if args.large:
        print("uitkeringen-5m.csv", spells(os.path.join(args.folder, "uitkeringen-5m.csv"), gemeenten, rng, 5_000_000))


if __name__ == "__main__":
    main()
