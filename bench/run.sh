#!/usr/bin/env bash
# Times whole parscore commands beside their physical references, in the same run, on a
# synthetic city (examples/gen_city.rs: criteria sets of 150, 1,500 and 15,000 leaves,
# 127 units x 5 years, and dossiers of 2,000, 6,667 and 20,000 equal-size documents, the
# largest about 2.1 GB). Prints Markdown tables of medians and ratios (docs/performance.md
# keeps the latest). Installs hyperfine and GNU time from Debian when missing.
#
# Usage: bench/run.sh [--runs N]      (the city is kept in target/bench-city between runs)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=10
[ "${1:-}" = "--runs" ] && runs="$2"

need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need hyperfine hyperfine
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
need openssl openssl

cargo build --release -q --bin parscore --example gen_city
bin="$PWD/target/release/parscore"
city="$PWD/target/bench-city"
if [ ! -d "$city/big-20000/2026/files" ]; then
  rm -rf "$city"
  target/release/examples/gen_city "$city" \
    --big big-2000/2026=2000 --big big-6667/2026=6667 --big big-20000/2026=20000 >/dev/null
fi
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

# hyperfine NAME REF_NAME REF_CMD NAME CMD ... → one JSON per group in $work/NAME.json; an exit
# status of 1 (evidence with something doubtful) is part of the work measured, not a failure.
group() {
  local name="$1"; shift
  local args=()
  while [ $# -gt 0 ]; do args+=(-n "$1" "$2"); shift 2; done
  hyperfine -i -N --warmup 2 --runs "$runs" --style none --export-json "$work/$name.json" "${args[@]}" >/dev/null 2>&1 \
    || hyperfine -i --warmup 2 --runs "$runs" --style none --export-json "$work/$name.json" "${args[@]}" >/dev/null
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "date: $(date -u +%F), parscore $($bin --version | awk '{print $2}'), release build, $runs runs each, medians"
echo

# Start-up, and one small dossier.
group startup "/bin/true" "/bin/true" "parscore --version" "$bin --version"
sample_inputs="evidence/2026/dossier.json evidence/2026/scores.csv evidence/2026/plan.csv evidence/2026/manifest.csv criteria/haiphong-so-2026.json"
group sample "cat of its 5 input files" "cat $sample_inputs" "score evidence/2026" "$bin score evidence/2026"

# How cost grows with the number of dossiers: one process over 127, 381 and 635 dossiers.
units() { local y; for y in "$@"; do printf '%s ' "$city"/units/*/"$y"; done; }
inputs() { local d; for d in "$@"; do printf '%s ' "$d/dossier.json" "$d/scores.csv" "$d/plan.csv" "$d/manifest.csv"; done; }
d127=$(units 2026); d381=$(units 2024 2025 2026); d635=$(units 2022 2023 2024 2025 2026)
crit="$city/criteria/city-150-20*.json $city/criteria/rankings.csv"
# A command line this long is kept in a script: one argument may not pass 128 KiB.
script() { printf '%s\n' "$2" > "$work/$1.sh"; echo "sh $work/$1.sh"; }
# shellcheck disable=SC2086
group dossiers \
  "cat, 127 dossiers" "$(script cat127 "cat $(inputs $d127) $crit > /dev/null")" \
  "score, 127 dossiers" "$(script score127 "$bin score $d127 --format json > /dev/null")" \
  "cat, 381 dossiers" "$(script cat381 "cat $(inputs $d381) $crit > /dev/null")" \
  "score, 381 dossiers" "$(script score381 "$bin score $d381 --format json > /dev/null")" \
  "cat, 635 dossiers" "$(script cat635 "cat $(inputs $d635) $crit > /dev/null")" \
  "score, 635 dossiers" "$(script score635 "$bin score $d635 --format json > /dev/null")" \
  "gap, 635 dossiers" "$(script gap635 "$bin gap $d635 --format json > /dev/null")"

# How cost grows with leaves: score, gap and compare beside criteria check of the same files.
for n in 150 1500 15000; do
  s="$city/sizes/$n"
  group "leaves-$n" \
    "criteria check, $n leaves" "$bin criteria check $city/criteria/city-$n-2026.json" \
    "score, $n leaves" "sh -c '$bin score $s/2026 > /dev/null'" \
    "gap, $n leaves" "sh -c '$bin gap $s/2026 > /dev/null'" \
    "evidence, $n leaves" "sh -c '$bin evidence $s/2026 > /dev/null'" \
    "criteria check of both years, $n leaves" "$bin criteria check $city/criteria/city-$n-2025.json $city/criteria/city-$n-2026.json" \
    "compare 2 years, $n leaves" "sh -c '$bin compare $s/2025 $s/2026 > /dev/null'"
done

# How hashing grows with bytes: seal and verify beside sha256sum, warm page cache.
for n in 2000 6667 20000; do
  d="$city/big-$n/2026"
  cat "$d"/files/* > /dev/null
  group "bytes-$n" \
    "sha256sum, $n files" "$(script "sha$n" "sha256sum $d/files/* > /dev/null")" \
    "seal, $n files" "$bin seal $d" \
    "verify, $n files" "$bin verify $d" \
    "verify 1 thread, $n files" "sh -c 'RAYON_NUM_THREADS=1 $bin verify $d'"
done
big="$city/big-20000/2026"
group evidence-big \
  "ls -l files/, 20000 files" "sh -c 'ls -l $big/files > /dev/null'" \
  "evidence after seal, 20000 files" "sh -c '$bin evidence $big > /dev/null'"

python3 - "$work" "$city" "$bin" <<'PY'
import json, os, subprocess, sys, glob, re
work, city, binary = sys.argv[1:4]
def load(name):
    return {r["command"]: r for r in json.load(open(f"{work}/{name}.json"))["results"]}
def ms(x): return f"{x * 1000:,.1f}"
def table(title, name, ref):
    res = load(name)
    base = res[ref]["median"]
    print(f"\n### {title}\n")
    print("| command | median (ms) | min | max | ratio to the reference |")
    print("|---|---:|---:|---:|---:|")
    for cmd, r in res.items():
        mark = " (reference)" if cmd == ref else ""
        print(f"| {cmd}{mark} | {ms(r['median'])} | {ms(r['min'])} | {ms(r['max'])} | {r['median'] / base:.2f} |")
    return res

res = table("Start-up", "startup", "/bin/true")
print(f"\nBudget: start-up within 2 x /bin/true + 5 ms: {ms(res['parscore --version']['median'])} ms against {ms(2 * res['/bin/true']['median'] + 0.005)} ms.")
table("The 2026 sample", "sample", "cat of its 5 input files")

res = load("dossiers")
print("\n### Many dossiers in one process (score --format json)\n")
print("| dossiers | cat of their inputs (ms) | score (ms) | ratio | per dossier (ms) |")
print("|---:|---:|---:|---:|---:|")
for n in (127, 381, 635):
    c, s = res[f"cat, {n} dossiers"]["median"], res[f"score, {n} dossiers"]["median"]
    print(f"| {n} | {ms(c)} | {ms(s)} | {s / c:.2f} | {s * 1000 / n:.2f} |")
g = res["gap, 635 dossiers"]["median"]
print(f"\ngap over the 635 dossiers: {ms(g)} ms ({g / res['cat, 635 dossiers']['median']:.2f} x cat).")

print("\n### Growth with leaves (each beside criteria check of the same file)\n")
print("| leaves | criteria check (ms) | score | ratio | gap | ratio | evidence | ratio | compare 2 years | ratio to check of both |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for n in (150, 1500, 15000):
    r = load(f"leaves-{n}")
    c = r[f"criteria check, {n} leaves"]["median"]
    c2 = r[f"criteria check of both years, {n} leaves"]["median"]
    cells = []
    for k in ("score", "gap", "evidence"):
        m = r[f"{k}, {n} leaves"]["median"]
        cells += [ms(m), f"{m / c:.2f}"]
    m = r[f"compare 2 years, {n} leaves"]["median"]
    print(f"| {n:,} | {ms(c)} | {' | '.join(cells)} | {ms(m)} | {m / c2:.2f} |")

out = subprocess.run(["openssl", "speed", "-evp", "sha256", "-bytes", "1048576", "-seconds", "3"],
                     capture_output=True, text=True).stdout
kb = float(re.findall(r"sha256\s+([\d.]+)k", out)[-1])
openssl = kb * 1000 / 1e9
print(f"\n### Growth with bytes: seal and verify (warm page cache)\n")
print(f"openssl speed -evp sha256 -bytes 1048576, one core: {openssl:.2f} GB/s.\n")
print("| files | GB | sha256sum (s) | seal (s) | verify (s) | verify, 1 thread (s) | verify GB/s | 1 thread GB/s | 1 thread / openssl | cores gained | verify / sha256sum |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for n in (2000, 6667, 20000):
    r = load(f"bytes-{n}")
    files = glob.glob(f"{city}/big-{n}/2026/files/*")
    gb = sum(os.path.getsize(f) for f in files) / 1e9
    sha, seal, ver, one = (r[f"{k}, {n} files"]["median"] for k in ("sha256sum", "seal", "verify", "verify 1 thread"))
    print(f"| {n:,} | {gb:.2f} | {sha:.2f} | {seal:.2f} | {ver:.2f} | {one:.2f} | {gb / ver:.2f} | {gb / one:.2f} | {gb / one / openssl:.0%} | {one / ver:.2f} | {ver / sha:.2f} |")

r = load("evidence-big")
ls, ev = r["ls -l files/, 20000 files"]["median"], r["evidence after seal, 20000 files"]["median"]
# Bytes read by evidence, from /proc/PID/io before the process is reaped.
big = f"{city}/big-20000/2026"
p = subprocess.Popen([binary, "evidence", big], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
os.waitid(os.P_PID, p.pid, os.WEXITED | os.WNOWAIT)
io = dict(l.split(": ") for l in open(f"/proc/{p.pid}/io").read().split("\n") if l)
p.wait()
inputs = sum(os.path.getsize(f"{big}/{f}") for f in ("dossier.json", "scores.csv", "plan.csv", "manifest.csv", "seal.json"))
inputs += os.path.getsize(f"{city}/criteria/city-150-2026.json")
docs = sum(os.path.getsize(f) for f in glob.glob(f"{big}/files/*"))
print(f"\n### evidence on the 2 GB dossier right after seal\n")
print(f"ls -l files/ {ms(ls)} ms; evidence {ms(ev)} ms; ratio {ev / ls:.2f}.")
print(f"Bytes read (rchar): {int(io['rchar']):,}; its input files: {inputs:,}; its {len(glob.glob(big + '/files/*')):,} documents: {docs:,}.")

def peak(args):
    t = subprocess.run(["/usr/bin/time", "-f", "%M", binary] + args, capture_output=True, text=True)
    return int(t.stderr.strip().splitlines()[-1]) / 1024
print("\n### Peak memory (GNU time, MiB)\n")
print("| command | MiB |")
print("|---|---:|")
print(f"| verify, 20,000 files | {peak(['verify', big]):.1f} |")
print(f"| seal, 20,000 files | {peak(['seal', big]):.1f} |")
for n in (150, 1500, 15000):
    out = f"{work}/charts-{n}"
    print(f"| chart --png, {n:,} leaves, 2 years | {peak(['chart', f'{city}/sizes/{n}/2026', '--compare', f'{city}/sizes/{n}/2025', '--out', out, '--png']):.1f} |")
print(f"| score, 635 dossiers | {peak(['score', '--format', 'json'] + sorted(glob.glob(city + '/units/*/*'))):.1f} |")
PY
