#!/usr/bin/env python3
"""Writes a register/portal pair of N records as CSV and XLSX, the way a force and the portal export them.

    python3 Benchmarks/generate.py N OUTDIR

Standard library only, seeded, so the same N gives the same files. The register has title rows above its
header (as real registers do), real dates in the XLSX and UK day-first dates in the CSV; the XLSX cells are
shared strings, as Excel writes them. Of the register's records about 94% have a portal counterpart (the portal
lists them in another order), 3% are missing from the portal, 3% of the portal is missing from the register,
one in a thousand references is duplicated; nine portal statuses in ten agree with the register's, about one live
record in ten is overdue, and every discrepancy class occurs (about 0.4 discrepancies a record, so that even a
million records leave the Discrepancies sheet within Excel's 1,048,576 rows).
"""
import os
import random
import sys
import zipfile

N = int(sys.argv[1])
OUT = sys.argv[2]
os.makedirs(OUT, exist_ok=True)
rng = random.Random(20261130)

WORDS = ("force should improve how it records crime data and responds to domestic abuse victims make sure that "
         "officers staff understand supervise investigations safeguarding vulnerable people outcome decisions are "
         "recorded accurately the views of victims captured within six months review its approach missing "
         "children custody stop search use of force neighbourhood policing call handling").split()
INSPECTIONS = [
    "PEEL 2023-25: Northmoor Police", "PEEL 2021/22 inspection of Northmoor Police",
    "PEEL spotlight report: Diverging under pressure", "National PEEL thematic: vetting and misconduct",
    "Domestic abuse PEEL thematic inspection", "PEEL DA thematic 2024",
    "National child protection inspection: Northmoor Police", "NCPI re-visit 2024",
    "Crime data integrity inspection 2023", "Victim Service Assessment: Northmoor Police 2023",
    "Joint thematic inspection of the police response to stalking", "An inspection of vetting, misconduct and misogyny",
    "Custody inspection: Northmoor Police", "Activism and impartiality in policing",
]
TYPES = [("Recommendation", "R"), ("Area for improvement", "A"), ("Cause of concern", "C")]
TYPE_WEIGHTS = [60, 35, 5]
REG_STATUS = ["Open", "In progress", "Submitted for closure", "Closed by FLL awaiting central sign-off", "Closed",
              "Complete", "Superseded", "Ongoing", "Awaiting review", "Parked"]
REG_STATUS_W = [30, 20, 8, 8, 22, 5, 2, 3, 1, 1]
POR_STATUS = ["Open", "Closure requested", "Closed by FLL", "Closed", "Not applicable"]
POR_STATUS_W = [45, 8, 10, 35, 2]
AGREEING = {"Open": "Open", "In progress": "Open", "Submitted for closure": "Closure requested",
            "Closed by FLL awaiting central sign-off": "Closed by FLL", "Closed": "Closed", "Complete": "Closed",
            "Superseded": "Not applicable", "Ongoing": "Open", "Awaiting review": "Closure requested", "Parked": "Open"}
LEADS = ["ACC Hale", "ACC Osei", "DCC Marsh", "Ch Supt Wren", "Ch Supt Bhatt", "Supt Lowe", "Supt Adeyemi", "Det Supt Carr"]
BOARDS = ["Inspection and Audit Monitoring Board", "Public Protection Board", "Crime Standards Board", "People Board"]
PAF = ["Investigating crime", "Protecting vulnerable people", "Responding to the public", "Managing offenders",
       "Building supportive workforces", "Leadership and force management"]
FORCE = "Northmoor Police"


def date_serial(day_offset):
    return 46022 + day_offset  # 2026-01-01 and after


def uk(serial):
    import datetime
    d = datetime.date(1899, 12, 30) + datetime.timedelta(days=serial)
    return d.strftime("%d/%m/%Y")


register, portal = [], []
portal_only = []
for i in range(1, N + 1):
    type_name, letter = rng.choices(TYPES, TYPE_WEIGHTS)[0]
    words = rng.choices(WORDS, k=rng.randint(10, 22))
    desc = "The force should " + " ".join(words) + "."
    insp = rng.choice(INSPECTIONS)
    pref = f"HMIC-{letter}-{i:07d}"
    roll = rng.random()
    reg_status = rng.choices(REG_STATUS, REG_STATUS_W)[0]
    # Most targets lie ahead of the as-of date (2026-11-30); about one in ten live records is overdue.
    target = date_serial(rng.randint(300, 1100) if rng.random() < 0.9 else rng.randint(-300, 330)) if rng.random() < 0.95 else None
    closed = date_serial(rng.randint(-300, 0)) if reg_status in ("Closed", "Complete") and rng.random() < 0.7 else None
    register.append([
        f"R-{i:07d}", pref if roll > 0.005 else "", type_name, insp, desc,
        rng.choice(LEADS) if rng.random() > 0.03 else "", rng.choice(LEADS) if rng.random() > 0.05 else "",
        rng.choice(BOARDS), reg_status, target, closed, rng.choice(PAF),
    ])
    if roll < 0.03:
        continue  # missing from the portal
    por_type = type_name if rng.random() > 0.01 else rng.choice(TYPES)[0]
    por_desc = desc if rng.random() > 0.2 else desc.replace("The force should", "Force to")
    # The portal mostly agrees with the register; one record in ten differs.
    por_status = AGREEING[reg_status] if rng.random() < 0.9 else rng.choices(POR_STATUS, POR_STATUS_W)[0]
    portal.append([FORCE, pref if rng.random() > 0.5 else pref.lower().replace("-", " "), insp, por_type, por_desc,
                   por_status, date_serial(rng.randint(-300, 0)) if por_status == "Closed" else None])
for j in range(N * 3 // 100):
    type_name, letter = rng.choices(TYPES, TYPE_WEIGHTS)[0]
    portal.append([FORCE, f"HMIC-{letter}-9{j:07d}", rng.choice(INSPECTIONS), type_name,
                   "The force should " + " ".join(rng.choices(WORDS, k=14)) + ".", rng.choices(POR_STATUS, POR_STATUS_W)[0], None])
for k in range(0, N, 1000):  # one duplicated reference in a thousand
    dup = list(register[k])
    dup[0] = dup[0].replace("R-", "r ")
    register.append(dup)
rng.shuffle(portal)

REG_HEADER = ["Ref", "Portal Ref", "Type", "Originating Inspection", "Description", "Force Lead", "Delivery Lead",
              "Governance Board", "Status", "Target Date", "Date Closed", "PAF Area"]
POR_HEADER = ["Force", "Recommendation ID", "Report", "Type", "Recommendation Text", "Status", "Date Closed"]
REG_TITLES = [f"{FORCE} - HMICFRS recommendations and areas for improvement register", "Exported 27/11/2026"]
DATE_COLS = {"register": (9, 10), "portal": (6,)}


def csv_field(v):
    if v is None:
        return ""
    s = str(v)
    if any(c in s for c in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def write_csv(path, titles, header, rows, dates):
    with open(path, "w", encoding="utf-8", newline="") as f:
        for t in titles:
            f.write(csv_field(t) + "\r\n")
        f.write(",".join(header) + "\r\n")
        for r in rows:
            f.write(",".join(csv_field(uk(v) if i in dates and v is not None else v) for i, v in enumerate(r)) + "\r\n")


def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def esc(t):
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_xlsx(path, sheet_name, titles, header, rows, dates):
    strings, index = [], {}

    def s(text):
        k = index.get(text)
        if k is None:
            k = index[text] = len(strings)
            strings.append(text)
        return k
    cols = [col(i) for i in range(len(header))]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            # The used range, as Excel, LibreOffice, openpyxl and XlsxWriter all write it.
            last_row = len(titles) + 1 + len(rows)
            f.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    + f'<dimension ref="A1:{cols[-1]}{last_row}"/><sheetData>'.encode())
            r = 0
            buf = []
            for t in titles:
                r += 1
                buf.append(f'<row r="{r}"><c r="A{r}" t="s"><v>{s(t)}</v></c></row>')
            for values in [header] + rows:
                r += 1
                cells = []
                for i, v in enumerate(values):
                    if v is None or v == "":
                        continue
                    if i in dates and r > len(titles) + 1:
                        cells.append(f'<c r="{cols[i]}{r}" s="1"><v>{v}</v></c>')
                    else:
                        cells.append(f'<c r="{cols[i]}{r}" t="s"><v>{s(v)}</v></c>')
                buf.append(f'<row r="{r}">' + "".join(cells) + "</row>")
                if len(buf) >= 5000:
                    f.write("".join(buf).encode())
                    buf = []
            f.write("".join(buf).encode())
            f.write(b"</sheetData></worksheet>")
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'.encode())
            for k in range(0, len(strings), 5000):
                f.write("".join(f"<si><t>{esc(t)}</t></si>" for t in strings[k:k + 5000]).encode())
            f.write(b"</sst>")
        z.writestr("xl/styles.xml", '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                   '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                   f'<sheets><sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                   '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                   '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                   '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>')


write_csv(f"{OUT}/register-{N}.csv", REG_TITLES, REG_HEADER, register, DATE_COLS["register"])
write_csv(f"{OUT}/portal-{N}.csv", [], POR_HEADER, portal, DATE_COLS["portal"])
write_xlsx(f"{OUT}/register-{N}.xlsx", "Register", REG_TITLES, REG_HEADER, register, DATE_COLS["register"])
write_xlsx(f"{OUT}/portal-{N}.xlsx", "Portal export", [], POR_HEADER, portal, DATE_COLS["portal"])
print(f"register {len(register)} rows, portal {len(portal)} rows -> {OUT}")
