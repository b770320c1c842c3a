#!/usr/bin/env bash
# Save → new totals visible, on the web app over a copy of the shipped 2026 sample: the
# time from the page sending a leaf's value (PUT /api/v1/dossiers/2026/scores/1.1.2, with
# its version and CSRF token, as app.js sends it) to the answer carrying the new score JSON
# that app.js writes into the totals in place (no reload). Alternates "Không" and "Có" so
# that every save changes the file; prints each time and the median of N (10 by default).
#
# Usage: bench/save.sh [--runs N] [--bin PATH]   (default: a release build of parscore)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=10
bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ -z "$bin" ]; then
  cargo build --release -q --bin parscore
  bin="$PWD/target/release/parscore"
fi
work="$(mktemp -d)"
mkdir -p "$work/evidence"
cp -r evidence/2026 "$work/evidence/2026"
cp -r criteria "$work/criteria"
cd "$work"
"$bin" serve evidence --port 0 >"$work/out" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -s "$work/out" ] && break; sleep 0.1; done
url="$(head -1 "$work/out")"
csrf="$(curl -s "$url" | sed -n 's/.*name="csrf-token" content="\([0-9a-f]*\)".*/\1/p')"
etag="$(curl -s -D - -o /dev/null "${url}api/v1/dossiers/2026/score" | tr -d '\r' | sed -n 's/^etag: //Ip')"
times=()
for i in $(seq "$runs"); do
  value=$([ $((i % 2)) -eq 1 ] && echo "Không" || echo "Có")
  out="$(curl -s -D "$work/headers" -o "$work/body" -w '%{time_total}' -X PUT \
    -H "X-CSRF-Token: $csrf" -H "If-Match: $etag" -H 'Content-Type: application/json' \
    --data "{\"value\": \"$value\", \"note\": \"Phụ lục 22 nhiệm vụ\"}" \
    "${url}api/v1/dossiers/2026/scores/1.1.2")"
  grep -q '"index"' "$work/body" || { echo "save $i refused: $(cat "$work/body")" >&2; exit 1; }
  etag="$(tr -d '\r' <"$work/headers" | sed -n 's/^etag: //Ip')"
  ms="$(awk -v s="$out" 'BEGIN { printf "%.1f", s * 1000 }')"
  times+=("$ms")
  echo "save $i ($value): $ms ms"
done
median="$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.1f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }')"
echo "median of $runs saves: $median ms (target: under 200 ms)"
