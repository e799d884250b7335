#!/usr/bin/env bash
# Crash test (README, "Reliability"): kill -9 `bijstand ingest` at random moments
# of a large load, many times, and check after each kill that the warehouse is
# sound, every load is all or nothing, the ledger has no half load, and a re-run
# gives exactly what a clean run gives. Details: Tests/scripts/crash_test.py.
#
#   Tests/scripts/crash-test.sh                  # 50 kills, about 225.000 rows
#   Tests/scripts/crash-test.sh --kills 200 --scale 2 --seed 7
#
# Needs python3 (standard library only). Takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product bijstand >/dev/null
bin="$(swift build -c release --show-bin-path)/bijstand"
args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--kills 50)
exec python3 Tests/scripts/crash_test.py --bin "$bin" "${args[@]}"
