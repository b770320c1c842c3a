#!/usr/bin/env bash
# Time and peak memory of the readers on hostile inputs (docs/performance.md, "Hostile
# inputs"): a 2 KB workbook claiming a trillion shared strings, one with cells A1 and
# CV1048576, one with 1,000 merge regions down a 1,048,576-row sheet, a Word table row
# spread by w:gridSpan, a 60 MB CSV annex for `criteria import`, and two sparse 4 GiB
# evidence files under `evidence`. Each command runs once under GNU time (-v), with a
# 60 s timeout and an 8 GiB address-space limit, so a reader that runs away is stopped.
#
# Usage: bench/hostile.sh [BINARY]     (default: target/release/parscore, built if missing;
#        READ_TABLE=path picks the build of examples/read_table, the CSV reader alone)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-$PWD/target/release/parscore}"
[ -x "$bin" ] || cargo build --release -q --bin parscore
reader="${READ_TABLE:-$PWD/target/release/examples/read_table}"
[ -x "$reader" ] || cargo build --release -q --example read_table
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import sys, zipfile, os
w = sys.argv[1]
RELS = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
BOOK = '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
BRELS = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
def book(path, sheet, strings=None):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('_rels/.rels', RELS); z.writestr('xl/workbook.xml', BOOK)
        z.writestr('xl/_rels/workbook.xml.rels', BRELS)
        z.writestr('xl/worksheets/sheet1.xml', '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + sheet)
        if strings: z.writestr('xl/sharedStrings.xml', strings)
head = '<row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c><c r="B1" t="inlineStr"><is><t>value</t></is></c></row>'
book(f'{w}/strings.xlsx', '<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>',
     '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="1000000000000"><si><t>code</t></si></sst>')
book(f'{w}/cells.xlsx', head + '<row r="1048576"><c r="CV1048576"><v>1</v></c></row></sheetData></worksheet>')
book(f'{w}/merges.xlsx', '<row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c></row><row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData><mergeCells>' + '<mergeCell ref="A1:A1048576"/>' * 1000 + '</mergeCells></worksheet>')
tc = lambda p, t: f'<w:tc><w:tcPr>{p}</w:tcPr><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>'
body = '<w:tbl><w:tr>' + tc('', 'STT') + tc('', 'Tiêu chí') + '</w:tr><w:tr>' + tc('', '1') + tc('<w:gridSpan w:val="200000000"/>', 'x') + '</w:tr></w:tbl>'
with zipfile.ZipFile(f'{w}/span.docx', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('word/document.xml', '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' + body + '</w:body></w:document>')
row = 'STT,"Tiêu chí, tiêu chí thành phần",Điểm tối đa,Cách tính điểm,Tài liệu kiểm chứng\n'
with open(f'{w}/annex.csv', 'w') as f:
    f.write(row)
    i = 0
    while f.tell() < 60_000_000:
        i += 1
        f.write(f'1.{i},Ban hành kế hoạch CCHC năm {i},1,"Ban hành kịp thời: 1; không kịp thời: 0,5",Kế hoạch CCHC năm\n')
with open(f'{w}/small.csv', 'w') as f:
    f.write('STT,Tiêu chí,Điểm tối đa,Cách tính điểm,Tài liệu kiểm chứng\n')
    i = 0
    while f.tell() < 60_000_000:
        i += 1
        f.write(f'{i % 100},a,1,b,c\n')
PY
# The sample dossier, with its score sheet replaced by each workbook.
cp -r evidence "$work/ev"
cp -r criteria "$work/criteria"
rm "$work/ev/2026/scores.csv"
# Two equal sparse files in place of two documents.
cp -r evidence "$work/sparse"
truncate -s 4G "$work/sparse/2026/files/ke-hoach-cchc-2026.txt" "$work/sparse/2026/files/bao-cao-cchc-quy-iii-2026.txt"

measure() {
  local name="$1"; shift
  (ulimit -v $((8 << 20)); /usr/bin/time -v -o "$work/time" timeout 60 "$@" >/dev/null 2>"$work/err") || true
  local out secs kb code
  out=$(cat "$work/time")
  secs=$(grep "Elapsed (wall clock)" <<<"$out" | awk '{print $NF}')
  kb=$(grep "Maximum resident" <<<"$out" | awk '{print $NF}')
  code=$(grep "Exit status" <<<"$out" | awk '{print $NF}')
  grep -q "Command terminated by signal" <<<"$out" && code="signal $(grep 'terminated by signal' <<<"$out" | awk '{print $NF}')"
  [ "$code" = 124 ] && code="124 (stopped at 60 s)"
  printf '| %s | %s | %s | %s | %s |\n' "$name" "$(stat -c %s "${FILE:-/dev/null}")" "$secs" "$((kb / 1024))" "$code"
}

echo "machine: $(nproc) cores; binary: $bin; $(date -u +%F)"
echo
echo "| input | bytes | wall time | peak memory (MiB) | exit |"
echo "|---|---:|---:|---:|---:|"
for b in strings cells merges; do
  cp "$work/$b.xlsx" "$work/ev/2026/scores.xlsx"
  FILE="$work/$b.xlsx" measure "$b.xlsx (score)" "$bin" score "$work/ev/2026"
done
FILE="$work/span.docx" measure "span.docx (criteria import)" "$bin" criteria import "$work/span.docx" --out "$work/span.json"
FILE="$work/annex.csv" measure "annex.csv (criteria import)" "$bin" criteria import "$work/annex.csv" --out "$work/annex.json"
FILE="$work/sparse/2026/files/ke-hoach-cchc-2026.txt" measure "two sparse 4 GiB files (evidence)" "$bin" evidence "$work/sparse/2026"
FILE="$work/annex.csv" measure "annex.csv (the CSV reader alone)" "$reader" "$work/annex.csv"
FILE="$work/small.csv" measure "small.csv, one-letter cells (the CSV reader alone)" "$reader" "$work/small.csv"
