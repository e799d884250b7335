#!/usr/bin/env bash
# Fuzzes the CSV reader and the field parsers with libFuzzer (-sanitize=fuzzer,address).
#
#   Tests/scripts/fuzz-csv.sh                 # 5 minutes
#   Tests/scripts/fuzz-csv.sh -max_total_time=3600 -jobs=2
#
# The harness (Tests/Fuzz/CSVFuzz) reads every input as a file would be read and
# stops on any broken promise of Tests/TestSupport/ReaderTrace.swift: a crash or
# memory error, line numbers outside the file or going backwards, a data line in
# no record, lines not adding up, or a field parser leaving its range.
# It starts from the hostile corpus in Tests/Fixtures/hostile; new interesting
# inputs go to .build/fuzz/corpus, a failing input to .build/fuzz/crash-*.
# Replay any file without the sanitizer: swift run CSVFuzz FILE...
set -euo pipefail
cd "$(dirname "$0")/../.."
scratch=.build/fuzz
swift build -c release --scratch-path "$scratch" --product CSVFuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld >/dev/null
bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/CSVFuzz"
mkdir -p "$scratch/corpus"
args=("$@")
[ ${#args[@]} -eq 0 ] && args=(-max_total_time=300)
"$bin" -artifact_prefix="$scratch/" -max_len=65536 "${args[@]}" "$scratch/corpus" Tests/Fixtures/hostile
