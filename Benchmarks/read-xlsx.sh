#!/usr/bin/env bash
# Times the XLSX reader against python-calamine on a generated 200,000-row × 10-column register.
# Not a test and never run by CI: it builds a release binary and installs python-calamine from PyPI into a
# throw-away virtual environment under /tmp. Quote the ratio, not the times: the machines are shared.
#
#   Benchmarks/read-xlsx.sh [ROWS]        (default 200000)
set -euo pipefail

ROWS=${1:-200000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-/tmp/hmic-read-xlsx-bench}
mkdir -p "$WORK"
BOOK="$WORK/register-$ROWS.xlsx"

# 1. The workbook: a register-like sheet of shared strings, numbers and dates, written with the standard library.
if [ ! -f "$BOOK" ]; then
python3 - "$BOOK" "$ROWS" <<'PY'
import random, sys, zipfile
path, rows = sys.argv[1], int(sys.argv[2])
random.seed(7)
words = "force should improve how it records crime data and responds to domestic abuse victims".split()
statuses = ["Open", "Closed", "In progress", "Submitted for closure", "Closed by FLL awaiting central sign-off"]
types = ["Recommendation", "Area for improvement", "Cause of concern"]
strings, index = [], {}
def s(text):
    if text not in index:
        index[text] = len(strings); strings.append(text)
    return index[text]
def esc(t): return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
cols = "ABCDEFGHIJ"
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
    with z.open("xl/worksheets/sheet1.xml", "w") as f:
        f.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
        header = ["Ref", "Type", "Inspection", "Description", "Status", "Force lead", "Delivery lead", "Target date", "Score", "Notes"]
        f.write(('<row r="1">' + "".join(f'<c r="{cols[i]}1" t="s"><v>{s(h)}</v></c>' for i, h in enumerate(header)) + "</row>").encode())
        for r in range(2, rows + 2):
            desc = " ".join(random.choice(words) for _ in range(12))
            cells = [
                f'<c r="A{r}" t="s"><v>{s(f"R-{r:06d}")}</v></c>',
                f'<c r="B{r}" t="s"><v>{s(random.choice(types))}</v></c>',
                f'<c r="C{r}" t="s"><v>{s("PEEL 2025 " + random.choice(words))}</v></c>',
                f'<c r="D{r}" t="s"><v>{s(desc)}</v></c>',
                f'<c r="E{r}" t="s"><v>{s(random.choice(statuses))}</v></c>',
                f'<c r="F{r}" t="s"><v>{s("Ch Supt " + random.choice(words).title())}</v></c>',
                f'<c r="G{r}" t="s"><v>{s("Insp " + random.choice(words).title())}</v></c>',
                f'<c r="H{r}" s="1"><v>{45000 + random.randint(0, 2000)}</v></c>',
                f'<c r="I{r}"><v>{random.random() * 100:.6f}</v></c>',
                f'<c r="J{r}"><v>{random.randint(0, 10**6)}</v></c>',
            ]
            f.write((f'<row r="{r}">' + "".join(cells) + "</row>").encode())
        f.write(b"</sheetData></worksheet>")
    z.writestr("xl/sharedStrings.xml", '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               + "".join(f"<si><t>{esc(t)}</t></si>" for t in strings) + "</sst>")
    z.writestr("xl/styles.xml", '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
               'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Register" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
               '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
               '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
    z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>')
PY
fi
ls -l "$BOOK"

# 2. Our reader: a throw-away package beside the workbook that links the library's sources, built in release mode.
PKG="$WORK/swift"
mkdir -p "$PKG/Sources/read-xlsx"
for t in CLibXML2 CMinizip CXLSXWriter Spreadsheet; do ln -sfn "$ROOT/Sources/$t" "$PKG/Sources/$t"; done
cat > "$PKG/Package.swift" <<'SWIFT'
// swift-tools-version:6.0
import PackageDescription
let package = Package(name: "read-xlsx-bench", targets: [
    .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter"),
    .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0"),
    .systemLibrary(name: "CMinizip", pkgConfig: "minizip"),
    .target(name: "Spreadsheet", dependencies: ["CXLSXWriter", "CLibXML2", "CMinizip"]),
    .executableTarget(name: "read-xlsx", dependencies: ["Spreadsheet"]),
], swiftLanguageModes: [.v5])
SWIFT
cat > "$PKG/Sources/read-xlsx/main.swift" <<'SWIFT'
import Spreadsheet
let doc = try SpreadsheetFile.open(path: CommandLine.arguments[1])
var rows = 0, cells = 0
try doc.forEachRow(inSheet: 0) { row in
    rows += 1
    for c in row.cells where c != nil { cells += 1 }
}
print("rows \(rows) cells \(cells)")
SWIFT
swift build -c release --package-path "$PKG" --product read-xlsx 2>&1 | tail -1
OURS="$PKG/.build/release/read-xlsx"

# 3. python-calamine in a throw-away virtual environment.
VENV="$WORK/venv"
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet python-calamine
fi
cat > "$WORK/calamine.py" <<'PY'
import sys
from python_calamine import CalamineWorkbook
rows = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python(skip_empty_area=False)
print("rows", len(rows), "cells", sum(1 for r in rows for c in r if c != ""))
PY

# 4. Time both (best of three wall-clock times) and report peak memory.
measure() {
    local best=""
    for _ in 1 2 3; do
        /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" > "$WORK/out.txt"
        read -r secs kb < "$WORK/time.txt"
        if [ -z "$best" ] || awk "BEGIN{exit !($secs < $best)}"; then best=$secs; mem=$kb; fi
    done
    echo "$best $mem $(cat "$WORK/out.txt")"
}
read -r ours_s ours_kb ours_out <<< "$(measure "$OURS" "$BOOK")"
read -r cal_s cal_kb cal_out <<< "$(measure "$VENV/bin/python" "$WORK/calamine.py" "$BOOK")"
echo "hmic-reconcile reader: ${ours_s}s, peak ${ours_kb} KB  ($ours_out)"
echo "python-calamine:       ${cal_s}s, peak ${cal_kb} KB  ($cal_out)"
awk -v a="$ours_s" -v b="$cal_s" 'BEGIN { if (b > 0) printf "time ratio ours/calamine: %.2f\n", a / b }'
awk -v a="$ours_kb" -v b="$cal_kb" 'BEGIN { if (b > 0) printf "memory ratio ours/calamine: %.2f\n", a / b }'
