#!/usr/bin/env python3
"""Differential test data for the CSV reader: tricky files, read by Python's csv module.

    differential-csv.py FOLDER COUNT SEED

Writes FOLDER/case-NNNN.csv (COUNT files) and FOLDER/expected.json: for every
file the delimiter, the encoding and the records Python's csv module reads
(strict RFC 4180 mode), each with its first and last line, plus the line of the
first error for the files that carry a deliberate defect. The Swift test
Tests/BijstandReliabilityTests/DifferentialCSVTests.swift reads the same files
with bijstand's CSVReader and compares.

The files stay inside what both readers define the same way (formats.md, top):
  - delimiters ; , and tab; LF, CRLF or CR line ends; UTF-8 with or without a
    byte order mark, or Windows-1252; a final line break or none;
  - quoted fields with delimiters, doubled quotes and line breaks; empty and
    blank lines; rows shorter or longer than the header;
  - defects: a quote left open at the end, or text after a closing quote.
Known, intended differences are kept out and listed in the Swift test:
bijstand trims spaces outside quotes, skips rows of empty fields, and takes
a lone CR in an LF file for a line end as libcsv does.
Standard library only; deterministic for a given SEED.
"""
import csv
import io
import json
import os
import random
import sys

WORDS = ["GM0394", "2024-03", "1.660", "414.620*", "Den Haag", "x", "€ 12,50", "Súdwest-Fryslân", "a b", "'s-Gravenhage",
         "ë", "0", "maart 2024", "–46"]
WORDS_1252 = ["Reën", "€ 12", "café", "’t Zandt", "Ærø", "x", "0"]


def field(rng, delimiter, line_end, cp1252):
    kind = rng.random()
    words = WORDS_1252 if cp1252 else WORDS
    if kind < 0.12:
        return ""
    if kind < 0.55:
        return rng.choice(words)
    # Something that needs quotes: a delimiter, a quote, a line break, or inner spaces at the ends.
    parts = [rng.choice(words) for _ in range(rng.randint(1, 3))]
    glue = rng.choice([";", ",", "\t", '"', '""', line_end, "\n" if line_end == "\r\n" else line_end, " "])
    return glue.join(parts) if rng.random() < 0.8 else " " + parts[0] + " "


def render(value, delimiter, line_end, rng):
    needs = any(c in value for c in ';,\t"\r\n') or value != value.strip(" \t")
    if needs or (value and rng.random() < 0.15):
        return '"' + value.replace('"', '""') + '"'
    return value


def make_case(rng):
    delimiter = rng.choice([";", ",", "\t"])
    line_end = rng.choice(["\n", "\r\n", "\r"])
    encoding = rng.choice(["utf-8", "utf-8", "utf-8-sig", "cp1252"])
    columns = rng.randint(1, 6)
    lines = [delimiter.join(f"kolom{i + 1}" for i in range(columns))]
    for _ in range(rng.randint(0, 30)):
        if rng.random() < 0.08:
            lines.append("")
            continue
        width = columns if rng.random() < 0.8 else rng.randint(1, columns + 2)
        lines.append(delimiter.join(render(field(rng, delimiter, line_end, encoding == "cp1252"), delimiter, line_end, rng)
                                    for _ in range(width)))
    defect = None
    if rng.random() < 0.15:
        defect = rng.choice(["open-quote-at-end", "text-after-quote"])
        if defect == "open-quote-at-end":
            lines.append('GM0394' + delimiter + '"nooit gesloten' + line_end + 'meer')
        else:
            position = rng.randint(1, len(lines))
            lines.insert(position, '"abc"x' + delimiter + "1")
    text = line_end.join(lines) + (line_end if rng.random() < 0.8 else "")
    return delimiter, text.encode(encoding), defect


def read_with_python(raw, delimiter):
    try:
        text = raw.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
        encoding = "windows-1252"
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records = []
    error = None
    previous = 0
    try:
        for row in reader:
            start = previous + 1
            previous = reader.line_num
            # Blank lines and rows of empty fields are not records for bijstand (counted as empty lines).
            if all(value.strip(" \t") == "" for value in row):
                continue
            records.append({"line": start, "lastLine": reader.line_num, "fields": row})
    except csv.Error as failure:
        error = {"line": reader.line_num, "message": str(failure)}
    return encoding, records, error


def main():
    folder, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.makedirs(folder, exist_ok=True)
    rng = random.Random(seed)
    cases = []
    for number in range(count):
        delimiter, raw, defect = make_case(rng)
        name = f"case-{number:04d}.csv"
        with open(os.path.join(folder, name), "wb") as f:
            f.write(raw)
        encoding, records, error = read_with_python(raw, delimiter)
        cases.append({"file": name, "delimiter": delimiter, "encoding": encoding, "defect": defect,
                      "records": records, "error": error})
    with open(os.path.join(folder, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(cases, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
