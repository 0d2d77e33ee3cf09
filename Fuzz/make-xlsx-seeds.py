#!/usr/bin/env python3
"""Writes the xlsx fuzz seeds in Fuzz/Seeds/xlsx: python3 Fuzz/make-xlsx-seeds.py [HMIC_RECONCILE_BINARY]

Small workbooks, each made to reach a different path of the reader, and broken ones named `refused-*`, which the
reader must refuse. Tests/SpreadsheetTests/FuzzRegressionTests.swift replays every one: a seed must read to rows,
a `refused-` seed must be refused with a HMICError naming the file. The hand-made seeds have the same
bytes on every run (fixed zip timestamps). With the binary given, the board workbook it writes for a three-row
register is kept too (board-workbook.xlsx), so that the writer's own output (libxlsxwriter's parts, the spliced
sheets, a chart) is among the seeds; it changes with the tool's version.
Fuzz/seed.sh copies every seed into the fuzz corpus.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "Seeds", "xlsx")
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CONTENT_TYPES = DECL + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '</Types>')
WORD_CONTENT_TYPES = CONTENT_TYPES.replace(
    "spreadsheetml.sheet.main+xml", "wordprocessingml.document.main+xml").replace("/xl/workbook.xml", "/word/document.xml")


def root_rels(target="xl/workbook.xml"):
    return DECL + (f'<Relationships xmlns="{PKG_REL}">'
                   f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="{target}"/></Relationships>')


def workbook(sheets, date1904=False):
    pr = '<workbookPr date1904="1"/>' if date1904 else ""
    listed = "".join(f'<sheet name="{name}" sheetId="{i + 1}" r:id="rId{i + 1}"{state}/>'
                     for i, (name, state) in enumerate(sheets))
    return DECL + f'<workbook xmlns="{NS}" xmlns:r="{REL}">{pr}<sheets>{listed}</sheets></workbook>'


def workbook_rels(sheet_targets, shared_strings=None, styles=None):
    rels = [f'<Relationship Id="rId{i + 1}" Type="{REL}/worksheet" Target="{t}"/>' for i, t in enumerate(sheet_targets)]
    n = len(sheet_targets)
    if shared_strings:
        n += 1
        rels.append(f'<Relationship Id="rId{n}" Type="{REL}/sharedStrings" Target="{shared_strings}"/>')
    if styles:
        n += 1
        rels.append(f'<Relationship Id="rId{n}" Type="{REL}/styles" Target="{styles}"/>')
    return DECL + f'<Relationships xmlns="{PKG_REL}">' + "".join(rels) + "</Relationships>"


def sheet(rows, dimension=None):
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return DECL + f'<worksheet xmlns="{NS}">{dim}<sheetData>' + "".join(rows) + "</sheetData></worksheet>"


def inline(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def write(name, parts, compression=zipfile.ZIP_DEFLATED):
    path = os.path.join(OUT, name)
    with zipfile.ZipFile(path, "w") as z:
        for part, text in parts:
            info = zipfile.ZipInfo(part, date_time=(2026, 11, 30, 0, 0, 0))
            info.compress_type = compression
            z.writestr(info, text.encode("utf-8") if isinstance(text, str) else text)
    return path


def main():
    os.makedirs(OUT, exist_ok=True)

    # Inline strings, numbers, booleans, errors and a formula's cached value; no shared strings, no styles.
    inline_rows = [
        '<row r="1">' + inline("A1", "Ref") + inline("B1", "Type") + inline("C1", "Status") + inline("D1", "Score") + "</row>",
        '<row r="2">' + inline("A2", "R-1") + inline("B2", "Recommendation") + inline("C2", "Open")
        + '<c r="D2"><v>0.125</v></c><c r="E2" t="b"><v>1</v></c></row>',
        '<row r="4">' + inline("A4", " R-2 &amp; &lt;x&gt; ") + inline("B4", "AFI") + '<c r="C4" t="e"><v>#N/A</v></c>'
        + '<c r="D4"><f>1+1</f><v>2</v></c><c r="Z4" t="str"><v>formula text</v></c></row>',
    ]
    write("inline-strings.xlsx", [
        ("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", root_rels()),
        ("xl/workbook.xml", workbook([("Data", "")])),
        ("xl/_rels/workbook.xml.rels", workbook_rels(["worksheets/sheet1.xml"])),
        ("xl/worksheets/sheet1.xml", sheet(inline_rows, "A1:Z4")),
    ])

    # Shared strings (rich text, phonetic runs, escapes) and styles with date, time and custom formats, in a
    # workbook on the 1904 date system; cells without references; stored rather than deflated.
    sst = DECL + (f'<sst xmlns="{NS}" count="6" uniqueCount="6">'
                  '<si><t>Ref</t></si><si><t>Target Date</t></si><si><t>Status</t></si>'
                  '<si><r><rPr><b/></rPr><t>Rich</t></r><r><t xml:space="preserve"> text_x000D_</t></r></si>'
                  '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si><si><t/></si></sst>')
    styles = DECL + (f'<styleSheet xmlns="{NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm"/>'
                     '</numFmts><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>'
                     '<xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="21"/><xf numFmtId="46"/></cellXfs></styleSheet>')
    shared_rows = [
        '<row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c></row>',
        '<row r="2"><c t="s"><v>3</v></c><c s="1"><v>45000</v></c><c t="s"><v>4</v></c><c s="2"><v>45000.5625</v></c>'
        '<c s="3"><v>0.25</v></c><c s="4"><v>1.5</v></c><c t="s"><v>5</v></c></row>',
    ]
    write("shared-strings-1904.xlsx", [
        ("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", root_rels()),
        ("xl/workbook.xml", workbook([("Register", "")], date1904=True)),
        ("xl/_rels/workbook.xml.rels", workbook_rels(["worksheets/sheet1.xml"], "sharedStrings.xml", "styles.xml")),
        ("xl/sharedStrings.xml", sst), ("xl/styles.xml", styles),
        ("xl/worksheets/sheet1.xml", sheet(shared_rows)),
    ], compression=zipfile.ZIP_STORED)

    # Two sheets, the first hidden, reached through absolute and unusual part names.
    write("two-sheets-absolute-targets.xlsx", [
        ("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", root_rels("/xl/book.xml")),
        ("xl/book.xml", workbook([("Hidden", ' state="hidden"'), ("Portal", "")])),
        ("xl/_rels/book.xml.rels", workbook_rels(["/xl/worksheets/first.xml", "sheets/second.xml"])),
        ("xl/worksheets/first.xml", sheet(['<row r="1">' + inline("A1", "hidden") + "</row>"])),
        ("xl/sheets/second.xml", sheet(['<row r="1">' + inline("A1", "Recommendation ID") + inline("B1", "Status") + "</row>",
                                        '<row r="1048576">' + inline("XFD1048576", "last cell") + "</row>"])),
    ])

    # Content types that call the package a Word document: the reader goes by the relationships and reads it.
    write("wrong-content-types.xlsx", [
        ("[Content_Types].xml", WORD_CONTENT_TYPES), ("_rels/.rels", root_rels()),
        ("xl/workbook.xml", workbook([("Data", "")])),
        ("xl/_rels/workbook.xml.rels", workbook_rels(["worksheets/sheet1.xml"])),
        ("xl/worksheets/sheet1.xml", sheet(inline_rows[:2])),
    ])

    # Broken: cut in half; not a zip; a zip with no workbook; a workbook whose sheet part is missing.
    whole = open(os.path.join(OUT, "inline-strings.xlsx"), "rb").read()
    with open(os.path.join(OUT, "refused-truncated.xlsx"), "wb") as f:
        f.write(whole[: len(whole) // 2])
    with open(os.path.join(OUT, "refused-not-a-zip.xlsx"), "wb") as f:
        f.write(b"Ref,Type,Status\r\nR-1,Recommendation,Open\r\n")
    write("refused-no-workbook.xlsx", [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", root_rels())])
    write("refused-missing-sheet.xlsx", [
        ("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", root_rels()),
        ("xl/workbook.xml", workbook([("Data", "")])),
        ("xl/_rels/workbook.xml.rels", workbook_rels(["worksheets/sheet1.xml"])),
    ])

    if len(sys.argv) > 1:
        board_workbook(sys.argv[1])


def board_workbook(binary):
    """The board workbook the tool writes for a three-row register and portal, run in a scratch folder with
    relative names so that no path of this machine is written into it."""
    binary = os.path.abspath(binary)
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "register.csv"), "w") as f:
            f.write("Ref,Portal Ref,Type,Status,Description\r\nR-1,P-1,Recommendation,Open,Improve the thing\r\n"
                    "R-2,P-2,AFI,Closed,Review the other\r\nR-3,,Recommendation,Open,Not on the portal\r\n")
        with open(os.path.join(tmp, "portal.csv"), "w") as f:
            f.write("Recommendation ID,Type,Status,Recommendation Text\r\nP-1,Recommendation,Open,Improve the thing\r\n"
                    "P-2,AFI,Open,Review the other\r\nP-9,Recommendation,Open,Only on the portal\r\n")
        subprocess.run([binary, "reconcile", "--register", "register.csv", "--portal", "portal.csv",
                        "--output", "board.xlsx", "--as-of", "2026-11-30", "-q"], cwd=tmp, check=True)
        shutil.copyfile(os.path.join(tmp, "board.xlsx"), os.path.join(OUT, "board-workbook.xlsx"))

if __name__ == "__main__":
    main()
