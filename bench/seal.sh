#!/usr/bin/env bash
# Measures `parscore seal` and `verify` on a 2 GB dossier against a reference run of
# coreutils' sha256sum over the same files, in the same go; and the peak memory of each.
# Needs hyperfine (apt-get install hyperfine). Usage: bench/seal.sh [SIZE_MB_PER_FILE] [FILES]
set -euo pipefail
cd "$(dirname "$0")/.."
per="${1:-256}"; files="${2:-8}"
cargo build --release -q
bin="$PWD/target/release/parscore"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
d="$work/evidence/2026"; mkdir -p "$d/files" "$work/criteria"
cp criteria/haiphong-so-2026.json "$work/criteria/"
cp evidence/2026/dossier.json evidence/2026/scores.csv evidence/2026/plan.csv "$d/"
echo "id,file,number,date,issuer,title,criteria,pages,sha256" > "$d/manifest.csv"
for i in $(seq 1 "$files"); do
  head -c "$((per * 1024 * 1024))" /dev/urandom > "$d/files/scan-$i.pdf"
  echo "VB$i,scan-$i.pdf,$i/BC-BQL,01/06/2026,Ban Quản lý,Bản quét $i,1.1.2,," >> "$d/manifest.csv"
done
total=$((per * files))
echo "dossier: $files files x $per MiB = $total MiB; cores: $(nproc)"
cat "$d"/files/* > /dev/null   # warm the page cache for every run alike
hyperfine --warmup 1 --runs 5 --export-json "$work/hash.json" \
  -n "sha256sum (reference, 1 core)" "sha256sum $d/files/*" \
  -n "parscore seal" "$bin seal $d" \
  -n "parscore verify" "$bin verify $d" \
  -n "parscore verify, 1 thread" "RAYON_NUM_THREADS=1 $bin verify $d"
python3 - "$work/hash.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
ref = next(r for r in results if r["command"].startswith("parscore seal"))["median"]
print("| command | median (s) | min | max | ratio to parscore seal |")
print("|---|---:|---:|---:|---:|")
for r in results:
    print(f"| {r['command']} | {r['median']:.3f} | {r['min']:.3f} | {r['max']:.3f} | {r['median'] / ref:.2f} |")
PY
for cmd in "seal" "verify"; do
  /usr/bin/time -f "$cmd: peak memory %M KiB, %e s" "$bin" "$cmd" "$d" > /dev/null
done
