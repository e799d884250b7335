#!/usr/bin/env python3
"""Generate the synthetic sample extracts in etl/samples/.

Synthetic figures, derived from real CBS inhabitant counts (Bron: CBS) in
etl/reference/. Standard library only, fixed seed: running this script twice
gives byte-identical files.

    python3 etl/generate_samples.py

Files written (see etl/samples/README.md):
  benchmark-2023-2025.csv        Divosa-like benchmark, ';', UTF-8 BOM, CRLF
  benchmark-2026.csv             same figures, other system: ',', LF, 0394/202601
  benchmark-2026-correctie.csv   re-delivery of 2026-08/09, PW, 40 gemeenten
  budget.csv                     BUIG budgets per jaar x versie
  lasten-2023-2026.csv           monthly realised costs per regeling (incl. LKS)
"""

import csv
import datetime
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
REF = os.path.join(HERE, "reference")
OUT = os.path.join(HERE, "samples")

SEED = 2026
rng = random.Random(SEED)

MONTHS = [(y, m) for y in range(2023, 2027) for m in range(1, 13)
          if (y, m) <= (2026, 9)]
assert len(MONTHS) == 45
YEARS = [2023, 2024, 2025, 2026]
REGELINGEN = ["PW", "IOAW", "IOAZ", "BBZ"]
BIG = 100_000  # IOAZ and BBZ only for gemeenten with >= 100.000 inhabitants (2023)

# Bijstandsdichtheid of the four largest cities (all regelingen together).
DENSITY_OVERRIDE = {"GM0363": 0.043,   # Amsterdam
                    "GM0599": 0.050,   # Rotterdam
                    "GM0518": 0.046,   # 's-Gravenhage
                    "GM0344": 0.030}   # Utrecht
NATIONAL_TOTAL_2023 = 420_000          # all regelingen, January 2023
SHARES_BIG = {"PW": 0.920, "IOAW": 0.050, "IOAZ": 0.006, "BBZ": 0.024}
SHARES_SMALL = {"PW": 0.940, "IOAW": 0.060}
# monthly trend of the underlying level, per regeling: (2023-2024, 2025-2026)
TREND = {"PW": (-0.0010, 0.0), "IOAW": (-0.0120, -0.0100),
         "IOAZ": (-0.0050, -0.0050), "BBZ": (0.0, 0.0)}
# seasonality (mean 1.0): more uitstroom in spring and autumn
SEAS_OUT = [0.95, 0.95, 1.10, 1.12, 1.10, 0.98, 0.85, 0.85, 1.08, 1.12, 1.05, 0.85]
SEAS_IN = [1.08, 1.00, 1.00, 0.97, 0.97, 0.97, 1.03, 1.03, 1.00, 1.00, 0.97, 0.98]
REASONS = [("werk", 0.35), ("opleiding", 0.05), ("verhuizing", 0.12)]  # overig = rest

COST_PER_MONTH = 1560.0   # euro per running benefit per month


# ---------------------------------------------------------------- helpers

def read_semicolon(name):
    with open(os.path.join(REF, name), encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def poisson(lam):
    if lam <= 0:
        return 0
    if lam < 30:
        limit, k, p = math.exp(-lam), 0, 1.0
        while True:
            p *= rng.random()
            if p <= limit:
                return k
            k += 1
    return max(0, int(round(lam + math.sqrt(lam) * rng.gauss(0.0, 1.0))))


def binomial(n, p):
    if n <= 0 or p <= 0:
        return 0
    if p >= 1:
        return n
    if n < 60:
        return sum(1 for _ in range(n) if rng.random() < p)
    x = int(round(n * p + math.sqrt(n * p * (1 - p)) * rng.gauss(0.0, 1.0)))
    return min(n, max(0, x))


def split_reasons(n):
    """Split uitstroom n into werk/opleiding/verhuizing/overig, summing to n."""
    out, rest, prest = [], n, 1.0
    for _, p in REASONS:
        k = binomial(rest, p / prest)
        out.append(k)
        rest -= k
        prest -= p
    out.append(rest)
    assert sum(out) == n and min(out) >= 0
    return out


def nl_amount(x, euro=False):
    """1234567.891 -> '1.234.567,89' (or '€ 1.234.567,89')."""
    s = f"{x:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return ("€ " + s) if euro else s


def cents(x):
    return int(round(x * 100))


def month_str(ym):
    return f"{ym[0]:04d}-{ym[1]:02d}"


# ---------------------------------------------------------------- reference

gemeenten_rows = read_semicolon("gemeenten.csv")
current = sorted((r for r in gemeenten_rows if r["geldig_tot"] == ""),
                 key=lambda r: r["gemeentecode"])
assert len(current) == 342, len(current)
NAME = {r["gemeentecode"]: r["gemeentenaam"] for r in current}
CODES = [r["gemeentecode"] for r in current]

INW = {}
for r in read_semicolon("inwoners.csv"):
    INW[(r["gemeentecode"], int(r["jaar"]))] = int(r["inwoners"])
for c in CODES:
    for y in YEARS:
        assert (c, y) in INW, (c, y)

REGS = {c: (REGELINGEN if INW[(c, 2023)] >= BIG else ["PW", "IOAW"]) for c in CODES}

# ---------------------------------------------------------------- density

raw = {}
for c in CODES:
    inh = INW[(c, 2023)]
    if c in DENSITY_OVERRIDE:
        continue
    lg = min(max(math.log10(inh) - 4.0, 0.0), 1.6)
    raw[c] = (0.0105 + 0.0095 * lg) * math.exp(rng.gauss(0.0, 0.18))
fixed = sum(INW[(c, 2023)] * d for c, d in DENSITY_OVERRIDE.items())
scale = (NATIONAL_TOTAL_2023 - fixed) / sum(INW[(c, 2023)] * d for c, d in raw.items())
DENSITY = {c: DENSITY_OVERRIDE.get(c, raw.get(c, 0) * scale) for c in CODES}

# ---------------------------------------------------------------- benchmark simulation

# DATA[(code, regeling)] = list over MONTHS of dicts
DATA = {}
for c in CODES:
    total0 = INW[(c, 2023)] * DENSITY[c]
    shares = SHARES_BIG if len(REGS[c]) == 4 else SHARES_SMALL
    r_rate = rng.uniform(0.025, 0.032)          # monthly in/out rate of this gemeente
    g_noise = rng.gauss(0.0, 0.0006)            # own trend on top of the national one
    for reg in REGS[c]:
        level = max(1.0, total0 * shares[reg])
        stand = max(1, int(round(level)))
        rows = []
        for (y, m) in MONTHS:
            tr = TREND[reg][0 if y <= 2024 else 1] + (g_noise if reg == "PW" else 0.0)
            level *= (1.0 + tr)
            begin = stand
            # inflow follows the trend and pulls the stand back to its level
            lam_in = begin * (r_rate * SEAS_IN[m - 1] + tr) + 0.08 * (level - begin)
            inflow = poisson(max(lam_in, 0.02))
            outflow = poisson(begin * r_rate * SEAS_OUT[m - 1])
            outflow = min(outflow, max(0, begin + inflow - 1))  # keep at least 1 running
            end = begin + inflow - outflow
            rows.append({"begin": begin, "in": inflow, "out": outflow, "end": end,
                         "reasons": split_reasons(outflow)})
            stand = end
        DATA[(c, reg)] = rows

# Three deliberate stock-flow mismatches (late corrections), PW, in 2023-02..2025-12.
MISMATCH = []
for c in sorted(rng.sample(CODES, 3)):
    i = rng.randint(1, 35)
    delta = rng.choice([-1, 1]) * rng.randint(2, 5)
    rows = DATA[(c, "PW")]
    rows[i]["end"] += delta
    for j in range(i + 1, len(rows)):      # carry the corrected stand forward
        rows[j]["begin"] += delta
        rows[j]["end"] += delta
    MISMATCH.append((c, month_str(MONTHS[i]), delta))

for rows in DATA.values():
    for r in rows:
        assert min(r["begin"], r["in"], r["out"], r["end"]) >= 0
MISMATCH_AT = {(c, per) for c, per, _ in MISMATCH}
for k, rows in DATA.items():
    for i, r in enumerate(rows):
        if i:
            assert r["begin"] == rows[i - 1]["end"]
        if k[1] != "PW" or (k[0], month_str(MONTHS[i])) not in MISMATCH_AT:
            assert r["end"] == r["begin"] + r["in"] - r["out"]

# ---------------------------------------------------------------- correction 2026-08/09

IDX_AUG = MONTHS.index((2026, 8))
CORR_CODES = sorted(rng.sample(CODES, 40))
CORRECTED = {}   # (code, month index) -> row
for c in CORR_CODES:
    orig = DATA[(c, "PW")]
    prev_end = None
    for i in (IDX_AUG, IDX_AUG + 1):
        o = orig[i]
        begin = o["begin"] if prev_end is None else prev_end
        span = max(1, min(3, round(begin / 400)))   # a few, relative to size
        while True:
            d_in = rng.randint(-span, span)
            d_out = rng.randint(-span, span)
            if d_in or d_out:
                break
        inflow = max(0, o["in"] + d_in)
        outflow = min(max(0, o["out"] + d_out), begin + inflow)
        reasons = list(o["reasons"])
        diff = outflow - o["out"]
        reasons[3] += diff
        k = 2
        while reasons[3] < 0:              # take the shortfall from other reasons
            take = min(reasons[k], -reasons[3])
            reasons[k] -= take
            reasons[3] += take
            k -= 1
        assert sum(reasons) == outflow and min(reasons) >= 0
        row = {"begin": begin, "in": inflow, "out": outflow,
               "end": begin + inflow - outflow, "reasons": reasons}
        CORRECTED[(c, i)] = row
        prev_end = row["end"]


def final_row(c, reg, i):
    """The figures after the correction (used for the lasten)."""
    if reg == "PW" and (c, i) in CORRECTED:
        return CORRECTED[(c, i)]
    return DATA[(c, reg)][i]


# ---------------------------------------------------------------- writers

def write_csv(name, header, rows, delimiter, lineterminator, bom):
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        w = csv.writer(f, delimiter=delimiter, lineterminator=lineterminator,
                       quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        w.writerows(rows)
    return path, len(rows)


os.makedirs(OUT, exist_ok=True)
SUMMARY = []

# 1. benchmark-2023-2025.csv
rows = []
for i, ym in enumerate(MONTHS):
    if ym[0] > 2025:
        continue
    for c in CODES:
        for reg in REGS[c]:
            r = DATA[(c, reg)][i]
            rows.append([c, NAME[c], month_str(ym), reg, r["begin"], r["in"], r["out"],
                         r["end"], *r["reasons"], "definitief"])
SUMMARY.append(write_csv(
    "benchmark-2023-2025.csv",
    ["Gemeentecode", "Gemeentenaam", "Periode", "Regeling", "Lopend begin", "Instroom",
     "Uitstroom", "Lopend eind", "Uitstroom werk", "Uitstroom opleiding",
     "Uitstroom verhuizing", "Uitstroom overig", "Status"],
    rows, ";", "\r\n", True))

HEADER_2026 = ["gm_code", "naam", "maand", "regeling", "stand_begin", "instroom",
               "uitstroom", "stand_eind", "uitstroom_werk", "uitstroom_opleiding",
               "uitstroom_verhuizing", "uitstroom_overig", "status"]


def row_2026(c, ym, reg, r, status):
    return [c[2:], NAME[c], f"{ym[0]:04d}{ym[1]:02d}", reg, r["begin"], r["in"],
            r["out"], r["end"], *r["reasons"], status]


# 2. benchmark-2026.csv
rows = []
for i, ym in enumerate(MONTHS):
    if ym[0] != 2026:
        continue
    status = "voorlopig" if ym[1] >= 7 else "definitief"
    for c in CODES:
        for reg in REGS[c]:
            rows.append(row_2026(c, ym, reg, DATA[(c, reg)][i], status))
SUMMARY.append(write_csv("benchmark-2026.csv", HEADER_2026, rows, ",", "\n", False))

# 3. benchmark-2026-correctie.csv
rows = []
for i in (IDX_AUG, IDX_AUG + 1):
    for c in CORR_CODES:
        rows.append(row_2026(c, MONTHS[i], "PW", CORRECTED[(c, i)], "definitief"))
SUMMARY.append(write_csv("benchmark-2026-correctie.csv", HEADER_2026, rows, ",", "\n", False))

# ---------------------------------------------------------------- lasten + budget

# Saldo profile per gemeente: normal (within +-5%), tekort (7,5-15%), overschot.
def draw_profile():
    u = rng.random()
    return "tekort" if u < 0.12 else ("overschot" if u < 0.15 else "normaal")


COST = {c: COST_PER_MONTH * rng.uniform(0.96, 1.04) for c in CODES}
LKS_SHARE = {c: rng.uniform(0.03, 0.06) for c in CODES}
base_profile = {c: draw_profile() for c in CODES}

LASTEN = {}      # (code, month index, regeling) -> (lasten_cents, baten_cents)
BUDGET = {}      # (code, year) -> {versie: (bedrag, lks)}
PROFILE = {}     # (code, year) -> (profile, ratio netto/budget)
for c in CODES:
    for y in YEARS:
        prof = base_profile[c] if rng.random() >= 0.25 else draw_profile()
        ratio = {"normaal": rng.uniform(0.955, 1.045),
                 "tekort": rng.uniform(1.08, 1.145),
                 "overschot": rng.uniform(0.88, 0.94)}[prof]
        PROFILE[(c, y)] = (prof, ratio)
        idx = [i for i, ym in enumerate(MONTHS) if ym[0] == y]
        netto_ben = 0
        for i in idx:
            for reg in REGS[c]:
                end = final_row(c, reg, i)["end"]
                lc = cents(end * COST[c] * rng.uniform(0.95, 1.05))
                bc = cents(lc / 100 * rng.uniform(0.02, 0.04))
                LASTEN[(c, i, reg)] = (lc, bc)
                netto_ben += lc - bc
        # LKS: monthly share of the budget; solve the budget so that the
        # (projected) yearly netto lasten / budget equals `ratio` exactly.
        w = [rng.uniform(0.85, 1.15) for _ in idx]
        b = [rng.uniform(0.0, 0.01) for _ in idx]
        f = 12.0 / len(idx)
        s = LKS_SHARE[c]
        lks_factor = s / 12.0 * sum(wi * (1 - bi) for wi, bi in zip(w, b))
        budget = (netto_ben / 100.0) * f / (ratio - lks_factor * f)
        for i, wi, bi in zip(idx, w, b):
            lc = cents(s * budget / 12.0 * wi)
            LASTEN[(c, i, "LKS")] = (lc, cents(lc / 100 * bi))
        newest = round(budget)
        versions = {}
        if y <= 2025:
            versions["definitief"] = newest
            nader = round(newest * (1 + rng.uniform(-0.03, 0.03)))
        else:
            nader = newest
        versions["nader voorlopig"] = nader
        versions["voorlopig"] = round(nader * (1 + rng.uniform(-0.04, 0.03)))
        BUDGET[(c, y)] = {v: (amt, round(amt * s * (1 + rng.uniform(-0.02, 0.02))))
                          for v, amt in versions.items()}


def weekday_on_or_after(y, m, d):
    dt = datetime.date(y, m, d)
    while dt.weekday() >= 5:
        dt += datetime.timedelta(days=1)
    return dt.isoformat()


PUBLISHED = {}
for y in YEARS:
    PUBLISHED[(y, "voorlopig")] = weekday_on_or_after(y - 1, 10, 1)
    PUBLISHED[(y, "nader voorlopig")] = weekday_on_or_after(y, 6 if y % 2 else 5, 1 if y % 2 else 29)
    PUBLISHED[(y, "definitief")] = weekday_on_or_after(y, 10, 1)

# 4. budget.csv
rows = []
for y in YEARS:
    for versie in ("voorlopig", "nader voorlopig", "definitief"):
        if y == 2026 and versie == "definitief":
            continue
        for c in CODES:
            amt, lks = BUDGET[(c, y)][versie]
            rows.append([y, c, NAME[c], versie, nl_amount(amt, euro=True),
                         nl_amount(lks, euro=True), PUBLISHED[(y, versie)]])
SUMMARY.append(write_csv(
    "budget.csv",
    ["Jaar", "Gemeentecode", "Gemeentenaam", "Versie", "Bedrag", "Bedrag LKS",
     "Publicatiedatum"],
    rows, ";", "\r\n", False))

# 5. lasten-2023-2026.csv
rows = []
for i, ym in enumerate(MONTHS):
    for c in CODES:
        for reg in REGS[c] + ["LKS"]:
            lc, bc = LASTEN[(c, i, reg)]
            rows.append([c, month_str(ym), reg, nl_amount(lc / 100), nl_amount(bc / 100)])
SUMMARY.append(write_csv("lasten-2023-2026.csv",
                         ["Gemeentecode", "Periode", "Regeling", "Lasten", "Baten"],
                         rows, ";", "\n", False))

# ---------------------------------------------------------------- summary

print("Synthetic samples (seed %d) in %s" % (SEED, OUT))
total_bytes = 0
for path, n in SUMMARY:
    size = os.path.getsize(path)
    total_bytes += size
    print(f"  {os.path.basename(path):32s} {n:6d} rows {size:9d} bytes")
print(f"  {'total':32s} {'':6s}      {total_bytes:9d} bytes")
print("National stand (lopend eind, January):")
for y in YEARS:
    i = MONTHS.index((y, 1))
    pw = sum(final_row(c, "PW", i)["end"] for c in CODES)
    allr = sum(final_row(c, reg, i)["end"] for c in CODES for reg in REGS[c])
    inh = sum(INW[(c, y)] for c in CODES)
    print(f"  {y}-01  PW {pw:7d}   all regelingen {allr:7d}   "
          f"dichtheid {100.0 * allr / inh:.2f}%")
print("Deliberate stock-flow mismatch (PW, lopend eind != begin + in - uit):")
for c, per, d in MISMATCH:
    print(f"  {c} {NAME[c]} {per} ({d:+d})")
print("Correction 2026-08/09 (PW): %d gemeenten" % len(CORR_CODES))
print("Saldo vs newest budget version (2026 projected from 9 months):")
for y in YEARS:
    cnt = {"tekort": 0, "overschot": 0, "normaal": 0}
    for c in CODES:
        cnt[PROFILE[(c, y)][0]] += 1
    nb = sum(BUDGET[(c, y)]["definitief" if y <= 2025 else "nader voorlopig"][0]
             for c in CODES)
    print(f"  {y}: budget € {nb / 1e9:.2f} mld; within +-5% {cnt['normaal']}, "
          f"tekort 7,5-15% {cnt['tekort']}, overschot {cnt['overschot']}")
