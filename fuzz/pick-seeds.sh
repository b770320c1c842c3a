#!/usr/bin/env bash
# Picks the kept seed set from a grown corpus: for each target, at most 50 inputs from
# fuzz/corpus/<target>/ at evenly spaced ranks of the list sorted by size (then name), so
# the seeds run from the smallest input to the largest and keep every shape in between.
# The corpus files are named by the hash of their content, so no two are the same.
# Usage: fuzz/pick-seeds.sh [COUNT]   (rewrites fuzz/seeds/<target>/)
set -eu
cd "$(dirname "$0")"
count="${1:-50}"
for dir in corpus/*/; do
  t="$(basename "$dir")"
  rm -rf "seeds/$t"
  mkdir -p "seeds/$t"
  find "$dir" -type f -printf '%s %f\n' | LC_ALL=C sort -n -k1,1 -k2,2 | awk -v k="$count" '
    { name[NR] = $2 }
    END {
      if (NR <= k) { for (i = 1; i <= NR; i++) print name[i]; exit }
      for (i = 0; i < k; i++) print name[1 + int(i * (NR - 1) / (k - 1))]
    }' | while read -r f; do cp "$dir/$f" "seeds/$t/$f"; done
done
