#!/usr/bin/env bash
# Runs fuzz targets for SECONDS each (default 660), one after the other, logging to
# fuzz/logs/<target>.log. The corpus grows in fuzz/corpus/<target> (not in git); a first
# run starts from the kept seeds (fuzz/seeds/<target>), the inputs that once found a bug
# (fuzz/regressions/<target>) and the awkward files of the bad-input tests (tests/data/bad/),
# which libFuzzer reads but never writes to.
# Usage: fuzz/run-all.sh [SECONDS] [TARGET...]   (default: all four targets)
set -u
cd "$(dirname "$0")"
secs="${1:-660}"; shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(criteria_parser table_reader value_parser rule_wording)
mkdir -p logs
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  seeds=("seeds/$t")
  [ -d "regressions/$t" ] && seeds+=("regressions/$t")
  case "$t" in
    table_reader) seeds+=(../tests/data/bad/scores ../tests/data/bad/plan ../tests/data/bad/manifest ../tests/data/bad/rankings) ;;
    criteria_parser) seeds+=(../tests/data/bad/criteria ../tests/data/criteria/good ../criteria) ;;
  esac
  cargo +nightly fuzz run -O "$t" "corpus/$t" "${seeds[@]}" -- -max_total_time="$secs" -max_len=65536 -print_final_stats=1 \
    > "logs/$t.log" 2>&1
  echo "$t exit $? $(date -u +%H:%M)" >> logs/summary.txt
done
