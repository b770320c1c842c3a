#!/usr/bin/env bash
# Runs fuzz targets for SECONDS each (default 660), one after the other, logging to
# fuzz/logs/<target>.log; the corpus grows in fuzz/corpus/<target>.
# Usage: fuzz/run-all.sh [SECONDS] [TARGET...]   (default: all four targets)
set -u
cd "$(dirname "$0")"
secs="${1:-660}"; shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(criteria_parser table_reader value_parser rule_wording)
mkdir -p logs
for t in "${targets[@]}"; do
  cargo +nightly fuzz run -O "$t" -- -max_total_time="$secs" -max_len=65536 -print_final_stats=1 \
    > "logs/$t.log" 2>&1
  echo "$t exit $? $(date -u +%H:%M)" >> logs/summary.txt
done
