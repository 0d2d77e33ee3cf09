#!/usr/bin/python3
"""Writes the suite of register shapes: registers kept the way forces and PCCs keep them, each with the portal
export it is reconciled against and the result a governance officer expects (SPEC §2-§5, §8).

    /usr/bin/python3 Tools/make-register-shapes/make_shapes.py [OUTPUT_DIR]

OUTPUT_DIR defaults to Tests/Fixtures/RegisterShapes. Needs Debian's python3-openpyxl (3.0.9; /usr/bin/python3, not
a virtual environment's python) and LibreOffice (`soffice`). Every XLSX register is authored with openpyxl and then
saved again by LibreOffice (`soffice --headless --convert-to xlsx`), so that the file the tests read carries a real
office suite's shared strings, styles and merged ranges; where the openpyxl copy differs in a way that matters
(formulas without cached results, merged ranges as openpyxl writes them) it is kept beside it as
register-openpyxl.xlsx and the test reads both. The Excel 2003 XML register is written here directly.

The output is deterministic: the dates LibreOffice writes into docProps/core.xml and its zip entry times are pinned
afterwards. The tests do not run this script or LibreOffice: the files it wrote are checked in.

How the expectations are made: each shape lists its findings with what a person reading the sheet would take each
cell to mean (the canonical state behind "Pending sign off", the date behind "Q1 2024/25", the inspection a heading
row names, whether the finding is on the portal and in which state). expected.json is then worked out from those
meanings with SPEC's tables (§4 status table and classes, §5 summary), never by running hmic-reconcile.
"""

import csv
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from typing import Callable, List, Optional

import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

AS_OF = "2024-11-30"
FORCE = "Northmoor Police"
FIXED_TIME = datetime.datetime(2024, 11, 29, 9, 0, 0)

LOCAL_PEEL = "Local PEEL"
NATIONAL_PEEL = "National PEEL"
DA_PEEL = "National DA PEEL Thematic"
NCPI = "National Child Protection Inspection (NCPI)"
CDI = "Crime Data Integrity (CDI)"
OTHER = "Other national thematic inspections"
GROUPS = [LOCAL_PEEL, NATIONAL_PEEL, DA_PEEL, NCPI, CDI, OTHER]
TYPES = ["causeOfConcern", "recommendation", "areaForImprovement"]

OPEN, REQUESTED, AWAITING, CLOSED, NOT_APPLICABLE = (
    "open", "closure-requested", "awaiting-central-sign-off", "closed", "not-applicable")
LIVE_ON_REGISTER = {OPEN, REQUESTED}
LIVE_ON_PORTAL = {OPEN, REQUESTED, AWAITING}


# ---------------------------------------------------------------------------------------------------------------
# Inspections and findings, in HMICFRS's wording. Several sentences recur across inspections, as they do.


@dataclass(frozen=True)
class Inspection:
    title: str  # as the portal writes it
    short: str  # as a register usually writes it
    group: str  # SPEC §2, worked out by hand from the title


P21 = Inspection("PEEL 2021/22: An inspection of Northmoor Police", "PEEL 2021/22", LOCAL_PEEL)
P23 = Inspection("PEEL 2023–25: An inspection of Northmoor Police", "PEEL 2023-25", LOCAL_PEEL)
SPOT = Inspection(
    "PEEL spotlight report: A duty to protect – police use of protective measures in cases involving violence "
    "against women and girls", "PEEL spotlight: A duty to protect", NATIONAL_PEEL)
DA = Inspection(
    "Police response to domestic abuse: a PEEL thematic inspection (2023)", "Domestic abuse PEEL thematic 2023",
    DA_PEEL)
CP = Inspection(
    "National child protection inspection of Northmoor Police (2022)", "Child protection inspection 2022", NCPI)
CDI23 = Inspection("Crime data integrity inspection 2023: Northmoor Police", "Crime Data Integrity 2023", CDI)
VET = Inspection(
    "An inspection of vetting, misconduct, and misogyny in the police service", "Vetting, misconduct and misogyny",
    OTHER)
VAWG = Inspection(
    "Police response to violence against women and girls: final inspection report", "VAWG final report", OTHER)
FRAUD = Inspection(
    "Fraud: Time to choose – an inspection of the police response to fraud", "Fraud: Time to choose", OTHER)

COC, REC, AFI = "causeOfConcern", "recommendation", "areaForImprovement"
TYPE_WORD = {COC: "Cause of concern", REC: "Recommendation", AFI: "Area for improvement"}
TYPE_SHORT = {COC: "CoC", REC: "Rec", AFI: "AFI"}

CALLS = ("The force should make sure that it answers emergency and non-emergency calls promptly, and that callers "
         "are not abandoning calls.")
ALLOCATION = ("The force should make sure that investigations are allocated promptly to staff with the right skills "
              "and are effectively supervised.")
EQUALITY = ("The force should improve how it records equality data, so that it better understands the needs of its "
            "communities.")
WELLBEING = ("The force should improve its understanding of the wellbeing needs of its workforce and make sure it "
             "provides the right support.")
DEVICES = ("The force's approach to the quality and supervision of investigations is a cause of concern. To address "
           "this, within six months the force should reduce the backlog of digital devices awaiting examination.")
VULNERABLE = ("By March 2024, the force should make sure that it identifies repeat and vulnerable victims at the "
              "first point of contact.")
OUTCOMES = ("The force should make sure that victims' views are recorded when an investigation is finalised with "
            "outcome 14 or 16.")
FIRST_CONTACT = ("The force should make sure that it records crimes reported to it at the first point of contact, "
                 "including those reported through partner agencies.")
VETTING = ("Chief constables should immediately make sure that all officers and staff hold the correct level of "
           "vetting for their post.")
VETTING_COC = ("The force's approach to vetting and professional standards is a cause of concern. To address this, "
               "within six months the force should make sure that vetting decisions are recorded with their reasons.")
STALKING = ("By June 2022, chief constables should make sure that victims of stalking are identified and that "
            "stalking protection orders are used.")
FRAUD_VICTIMS = ("Chief constables should make sure that vulnerable victims of fraud are identified and given "
                 "protect advice.")
REFERRALS = ("By April 2023, the force should make sure that child protection referrals are assessed promptly by "
             "staff with the right training.")
DA_RISK = ("The force should make sure that domestic abuse risk assessments are completed and reviewed by a "
           "supervisor.")
ORDERS = ("Within six months, the force should review its use of protective orders in domestic abuse cases so that "
          "victims are safeguarded.")


@dataclass(frozen=True)
class Finding:
    portal_id: str
    inspection: Inspection
    kind: str
    text: str


FINDINGS = [
    Finding("HMIC-A-20101", P21, AFI, CALLS),
    Finding("HMIC-A-20102", P21, AFI, ALLOCATION),
    Finding("HMIC-A-20103", P21, AFI, EQUALITY),
    Finding("HMIC-C-20104", P21, COC, DEVICES),
    Finding("HMIC-R-20105", P21, REC, VULNERABLE.replace("March 2024", "March 2023")),
    Finding("HMIC-A-20301", P23, AFI, CALLS),  # the same sentence, two years on
    Finding("HMIC-A-20302", P23, AFI, ALLOCATION),
    Finding("HMIC-A-20303", P23, AFI, WELLBEING),
    Finding("HMIC-R-20304", P23, REC, VULNERABLE),
    Finding("HMIC-R-20401", SPOT, REC, ORDERS),
    Finding("HMIC-R-20501", DA, REC, DA_RISK),
    Finding("HMIC-R-20601", CP, REC, REFERRALS),
    Finding("HMIC-A-20701", CDI23, AFI, FIRST_CONTACT),
    Finding("HMIC-A-20702", CDI23, AFI, OUTCOMES),
    Finding("HMIC-R-20801", VET, REC, VETTING),
    Finding("HMIC-C-20802", VET, COC, VETTING_COC),
    Finding("HMIC-R-20901", VAWG, REC, STALKING),
    Finding("HMIC-R-21001", FRAUD, REC, FRAUD_VICTIMS),
]
BY_ID = {f.portal_id: f for f in FINDINGS}


# ---------------------------------------------------------------------------------------------------------------
# Items: one finding as a register shape writes it, with what a person reads each cell to mean.


@dataclass
class Item:
    finding: Finding
    ref: str = ""  # the register's own reference as written ("" = none)
    state: Optional[str] = OPEN  # the state a person reads off the status cell; None = cannot be read
    status: str = "Open"  # the status cell as written
    type_text: str = ""  # the type cell as written ("" = the usual word)
    kind: Optional[str] = "same"  # the type a person reads; "same" = the finding's; None = cannot be read
    portal_state: Optional[str] = OPEN  # the portal's state for this finding; None = not on the portal
    portal_status: str = ""  # "" = the usual word for portal_state
    force_lead: str = "ACC Local Policing"
    delivery_lead: str = "Supt R. Okafor"
    board: str = "Inspection and Audit Monitoring Board"
    target: object = datetime.date(2025, 3, 31)  # a date, or text as written
    target_meaning: Optional[str] = "2025-03-31"  # ISO date a person reads, None = no date, "unreadable"
    inspection_text: str = ""  # "" = the finding's short title
    text: str = ""  # "" = the finding's wording
    portal_kind: str = ""  # "" = the finding's type on the portal
    on_register: bool = True  # False: a portal-only row
    # Where the shape wrote the item: filled in by the writer.
    sheet: str = ""
    row: int = 0

    @property
    def pid(self):
        return self.finding.portal_id

    @property
    def register_kind(self):
        return self.finding.kind if self.kind == "same" else self.kind

    @property
    def type_cell(self):
        return self.type_text or TYPE_WORD[self.finding.kind]

    @property
    def inspection_cell(self):
        return self.inspection_text or self.finding.inspection.short

    @property
    def text_cell(self):
        return self.text or self.finding.text

    @property
    def group(self):
        return self.finding.inspection.group


PORTAL_WORD = {OPEN: "Open", REQUESTED: "Closure requested", AWAITING: "Awaiting central sign-off",
               CLOSED: "Closed", NOT_APPLICABLE: "Withdrawn"}
REGISTER_WORD = {OPEN: "Open", REQUESTED: "Submitted for closure", AWAITING: "Closed by FLL",
                 CLOSED: "Closed", NOT_APPLICABLE: "Superseded"}


def item(pid, state=OPEN, portal=OPEN, **kw):
    """An item on finding `pid`, its register state and the portal's, with the usual words for both."""
    kw.setdefault("status", REGISTER_WORD.get(state, ""))
    return Item(BY_ID[pid], state=state, portal_state=portal, **kw)


def portal_only(pid, portal=OPEN):
    """A finding the portal holds and the register does not."""
    return Item(BY_ID[pid], portal_state=portal, on_register=False)


def standard_story():
    """The months' usual mix: agreeing items, one closed in error on the portal, one FLL-closed waiting for central
    sign-off, one the portal lacks, one the register lacks."""
    return [
        item("HMIC-A-20101"),
        item("HMIC-A-20102", REQUESTED, REQUESTED),
        item("HMIC-C-20104"),
        item("HMIC-A-20301", AWAITING, AWAITING),  # classed awaiting-central-sign-off
        item("HMIC-R-20304", OPEN, CLOSED),  # closed-in-error
        item("HMIC-R-20501"),
        item("HMIC-R-20601", CLOSED, CLOSED, target=datetime.date(2023, 4, 30), target_meaning="2023-04-30"),
        item("HMIC-A-20701"),
        item("HMIC-R-20801"),
        item("HMIC-R-21001", OPEN, None),  # absent-from-portal
        portal_only("HMIC-R-20901"),  # absent-from-register
        portal_only("HMIC-A-20103", CLOSED),  # closed on the portal: nothing to say
    ]


def refs(items, prefix="NMP-"):
    """Gives the register items force references NMP-001, NMP-002, … in order."""
    n = 0
    for it in items:
        if it.on_register:
            n += 1
            it.ref = f"{prefix}{n:03d}"
    return items


# ---------------------------------------------------------------------------------------------------------------
# Writing sheets the way people format them.

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="1F3864")
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADING_FILL = PatternFill("solid", fgColor="D9E1F2")
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
RAG_FILL = {"RED": "FF0000", "AMBER": "FFC000", "GREEN": "00B050", "BLUE": "0070C0"}
DATE_FORMAT = "dd/mm/yyyy"


@dataclass
class Column:
    header: str
    value: Callable[[Item], object]
    width: int = 14


def ref_col(h="Ref"): return Column(h, lambda i: i.ref, 11)
def portal_col(h="Portal Ref"): return Column(h, lambda i: i.pid, 14)
def type_col(h="Type"): return Column(h, lambda i: i.type_cell, 18)
def insp_col(h="Originating Inspection"): return Column(h, lambda i: i.inspection_cell, 28)
def text_col(h="Description"): return Column(h, lambda i: i.text_cell, 60)
def force_lead_col(h="Force Lead"): return Column(h, lambda i: i.force_lead, 18)
def delivery_col(h="Delivery Lead"): return Column(h, lambda i: i.delivery_lead, 18)
def board_col(h="Governance Board"): return Column(h, lambda i: i.board, 22)
def status_col(h="Status"): return Column(h, lambda i: i.status, 20)
def target_col(h="Target Date"): return Column(h, lambda i: i.target, 14)


def tidy_columns():
    return [ref_col(), portal_col(), type_col(), insp_col(), text_col(), force_lead_col(), delivery_col(),
            board_col(), status_col(), target_col()]


def title_rows(ws, lines, width):
    """Title lines above the table, each merged across it, as board papers have them."""
    for n, line in enumerate(lines, 1):
        ws.cell(n, 1, line).font = TITLE if n == 1 else BOLD
        ws.merge_cells(start_row=n, start_column=1, end_row=n, end_column=width)
    return len(lines) + 1


def header_row(ws, row, columns):
    for c, column in enumerate(columns, 1):
        cell = ws.cell(row, c, column.header)
        cell.font, cell.fill, cell.border, cell.alignment = HEADER_FONT, HEADER_FILL, BOX, WRAP
        ws.column_dimensions[get_column_letter(c)].width = column.width
    ws.freeze_panes = ws.cell(row + 1, 1)


def item_row(ws, row, columns, it, skip=()):
    for c, column in enumerate(columns, 1):
        if column.header in skip:
            continue
        value = column.value(it)
        if value is None or value == "":
            continue
        cell = ws.cell(row, c, value)
        cell.border, cell.alignment = BOX, WRAP
        if isinstance(value, (datetime.date, datetime.datetime)):
            cell.number_format = DATE_FORMAT
        if isinstance(value, str) and value.upper() in RAG_FILL:
            cell.fill = PatternFill("solid", fgColor=RAG_FILL[value.upper()])
    it.sheet, it.row = ws.title, row


def table(ws, top, columns, items):
    """A header row at `top` and one row per register item under it; returns the next free row."""
    header_row(ws, top, columns)
    row = top + 1
    for it in items:
        item_row(ws, row, columns, it)
        row += 1
    return row


def heading(ws, row, text, width):
    """A heading row: one cell merged across the table, as people title the block of items under it."""
    cell = ws.cell(row, 1, text)
    cell.font, cell.fill = BOLD, HEADING_FILL
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def new_workbook():
    wb = openpyxl.Workbook()
    wb.properties.creator = "Northmoor Police Strategic Planning"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    return wb


def on_register(items):
    return [i for i in items if i.on_register]


# ---------------------------------------------------------------------------------------------------------------
# The shapes. Each returns a Shape: the register written to a workbook (or another file), its items, options and a
# note saying what it looks like and where the evidence for it comes from.


@dataclass
class Shape:
    name: str
    summary: str  # one line: what it looks like
    evidence: str  # where people keep registers like this (see docs/registers-evidence.md)
    items: List[Item]
    workbook: object = None  # openpyxl Workbook, or None when `write` writes the file itself
    write: Optional[Callable[[str], str]] = None  # writes the register into a folder; returns its file name
    register_sheets: List[str] = field(default_factory=list)
    profile: List[str] = field(default_factory=list)
    portal_headers: Optional[List[str]] = None
    portal_status: Optional[Callable[[Item], str]] = None
    pairs_by_wording: bool = False
    keep_openpyxl_copy: bool = False
    notes: List[str] = field(default_factory=list)
    # Rows inside or under the table that are not records: (sheet, row, kind), kind one of heading, blank, totals,
    # key, action. Title rows above the header row are not listed.
    layout: List[tuple] = field(default_factory=list)


def shape_tidy_export():
    items = refs(standard_story())
    items[2].delivery_lead = ""  # a live item nobody delivers: missing-lead
    items[5].target, items[5].target_meaning = datetime.date(2024, 9, 30), "2024-09-30"  # overdue
    items[7].type_text, items[7].kind = "Recommendation", REC  # the portal says AFI: type-mismatch
    wb = new_workbook()
    ws = wb.active
    ws.title = "Register"
    table(ws, 1, tidy_columns(), on_register(items))
    return Shape("tidy-export", "A tidy export: one header row on row 1, one row per finding, real dates.",
                 "The control: the layout the tool was built on (SPEC §2).", items, wb,
                 notes=["Includes one missing delivery lead, one overdue target and one type mismatch so that the "
                        "control exercises the low and medium classes too."])


def shape_sheet_per_inspection():
    items = refs(standard_story())
    sheets = {}
    for it in on_register(items):
        sheets.setdefault(sheet_name_for(it.finding.inspection), []).append(it)
    wb = new_workbook()
    wb.remove(wb.active)
    columns = [ref_col(), portal_col(), type_col(), text_col(), force_lead_col(), delivery_col(), status_col(),
               target_col()]
    for name, its in sheets.items():
        ws = wb.create_sheet(name)
        top = title_rows(ws, [f"Northmoor Police – {name}"], len(columns))
        table(ws, top, columns, its)
    return Shape("sheet-per-inspection",
                 "One sheet per inspection, named after it, with no inspection column.",
                 "City of London Police quarterly HMICFRS updates report per inspection report; forces' trackers "
                 "commonly keep a tab per report.", items, wb,
                 notes=["Each sheet's name is the inspection of its rows (SPEC §8), so the groups come from the "
                        "sheet names: 'PEEL 2021-22' is Local PEEL, 'Child protection 2022' NCPI, and so on."])


SHEET_NAMES = {P21: "PEEL 2021-22", P23: "PEEL 2023-25", DA: "DA PEEL thematic 2023", CP: "Child protection 2022",
               CDI23: "Crime Data Integrity 2023", VET: "Vetting misconduct misogyny", VAWG: "VAWG final report",
               FRAUD: "Fraud Time to choose", SPOT: "PEEL spotlight protection"}


def sheet_name_for(inspection):
    return SHEET_NAMES[inspection]


def shape_archive_sheet():
    items = refs([
        item("HMIC-A-20101"),
        item("HMIC-A-20102", REQUESTED, REQUESTED),
        item("HMIC-C-20104"),
        item("HMIC-A-20301", AWAITING, AWAITING),
        item("HMIC-R-20501"),
        item("HMIC-A-20701"),
        item("HMIC-R-21001", OPEN, None),
        # Closed items, moved to the Archive sheet by whoever keeps the register:
        item("HMIC-R-20601", CLOSED, CLOSED, target=datetime.date(2023, 4, 30), target_meaning="2023-04-30"),
        item("HMIC-A-20103", CLOSED, CLOSED, target=datetime.date(2023, 3, 31), target_meaning="2023-03-31"),
        item("HMIC-R-20105", CLOSED, OPEN, target=datetime.date(2023, 3, 31), target_meaning="2023-03-31"),
        item("HMIC-R-20801", CLOSED, AWAITING),
        portal_only("HMIC-R-20901"),
    ])
    live, closed = items[:7], items[7:11]
    wb = new_workbook()
    ws = wb.active
    ws.title = "Live"
    top = title_rows(ws, ["HMICFRS recommendations and AFIs – live"], 10)
    table(ws, top, tidy_columns(), live)
    archive = wb.create_sheet("Archive")
    top = title_rows(archive, ["HMICFRS recommendations and AFIs – closed (archive)"], 10)
    table(archive, top, tidy_columns(), closed)
    return Shape("archive-sheet", "Live items on one sheet; closed items moved to an 'Archive' sheet.",
                 "Registers tried by new users: only the first sheet was read (13 of 39 items); trackers in audit "
                 "committee papers list 'closed' actions "
                 "separately (City of London: 130 in progress, 27 awaiting allocation, 20 closed, 17 pending "
                 "sign off).", items, wb,
                 notes=["HMIC-R-20105 is closed on the register (Archive) but open on the portal: status-conflict. "
                        "HMIC-R-20801 is closed on the register and awaiting central sign-off on the portal. "
                        "Read without the Archive sheet, both would be false absences from the register."])


def shape_hidden_old_copy():
    items = refs(standard_story())
    old = refs([item("HMIC-A-20101", CLOSED), item("HMIC-A-20102"), item("HMIC-C-20104", CLOSED)])
    wb = new_workbook()
    ws = wb.active
    ws.title = "Register"
    table(ws, 1, tidy_columns(), on_register(items))
    hidden = wb.create_sheet("Register (Oct 2024)")
    table(hidden, 1, tidy_columns(), old)
    hidden.sheet_state = "hidden"
    return Shape("hidden-old-copy", "The register beside a hidden copy of last month's sheet, same headers and "
                 "references.",
                 "Working spreadsheets keep last month's copy out of sight rather than deleting it (a plan that is "
                 "'a living document': City of London PEEL 2022).", items, wb,
                 notes=["Only visible sheets are part of the register (SPEC §8): the hidden copy would otherwise add "
                        "three rows whose references repeat NMP-001 to NMP-003 (duplicate-reference)."])


def shape_combined_board_tracker():
    peel = [
        item("HMIC-A-20101", status="GREEN", target="Mar-25", target_meaning="2025-03-31"),
        item("HMIC-A-20102", CLOSED, AWAITING, status="BLUE"),
        item("HMIC-C-20104", status="AMBER", target="Q1 2024/25", target_meaning="2024-06-30"),
        item("HMIC-A-20301", AWAITING, AWAITING, status="Pending sign off"),
        item("HMIC-A-20302", status="RED", delivery_lead=""),
        item("HMIC-R-20304", OPEN, CLOSED, status="GREEN"),
    ]
    thematics = [
        item("HMIC-R-20801", status="On track", target="31st December 2024", target_meaning="2024-12-31"),
        item("HMIC-C-20802", REQUESTED, REQUESTED, status="Submitted for closure on 01/10/2024"),
        item("HMIC-R-21001", OPEN, None, status="In progress", target="TBC", target_meaning=None),
        item("HMIC-R-20601", status="Partially complete", target="September 2024", target_meaning="2024-09-30"),
    ]
    archive = [
        item("HMIC-R-20105", CLOSED, CLOSED, status="Completed – evidence submitted to HMICFRS 12/03/2024",
             target=datetime.date(2023, 3, 31), target_meaning="2023-03-31"),
        item("HMIC-A-20701", CLOSED, CLOSED, status="Closed", target=datetime.date(2024, 3, 31),
             target_meaning="2024-03-31"),
    ]
    items = refs(peel + thematics + archive + [portal_only("HMIC-R-20901"), portal_only("HMIC-R-20501", CLOSED)])
    for it in on_register(items):
        it.type_text = {AFI: "Area for Improvement (AFI)", COC: "Cause of Concern", REC: "Recommendation"}[
            it.finding.kind]
    columns = [ref_col(), portal_col("HMICFRS Ref"), type_col(), text_col(), force_lead_col(), delivery_col(),
               status_col(), target_col()]
    wb = new_workbook()
    layout = []

    def blocks_sheet(ws, title, blocks):
        top = title_rows(ws, [title, "Reported to the Inspection and Audit Monitoring Board, November 2024"],
                         len(columns))
        header_row(ws, top, columns)
        row = top + 1
        for inspection, its in blocks:
            heading(ws, row, inspection.title, len(columns))
            layout.append((ws.title, row, "heading"))
            row += 1
            for it in its:
                item_row(ws, row, columns, it)
                row += 1
        return top + 1, row

    ws = wb.active
    ws.title = "PEEL"
    first, end = blocks_sheet(ws, "PEEL areas for improvement and causes of concern",
                              [(P21, peel[:3]), (P23, peel[3:])])
    ws.cell(end + 1, 6, "Total open").font = BOLD
    ws.cell(end + 1, 7, f'=COUNTIF(G{first}:G{end - 1},"RED")+COUNTIF(G{first}:G{end - 1},"AMBER")'
                        f'+COUNTIF(G{first}:G{end - 1},"GREEN")')
    for c, text in enumerate(["Key:", "RED = off track", "AMBER = at risk", "GREEN = on track", "BLUE = complete"],
                             1):
        ws.cell(end + 3, c, text)
    layout += [("PEEL", end, "blank"), ("PEEL", end + 1, "totals"), ("PEEL", end + 2, "blank"),
               ("PEEL", end + 3, "key")]
    blocks_sheet(wb.create_sheet("Thematics"), "National thematic inspections",
                 [(VET, thematics[:2]), (FRAUD, [thematics[2]]), (CP, [thematics[3]])])
    closed = wb.create_sheet("Archive")
    archive_columns = [Column("Inspection", lambda i: i.finding.inspection.title, 30)] + columns
    table(closed, 1, archive_columns, archive)
    return Shape("combined-board-tracker", "A board tracker with several traits at once: 'PEEL' and 'Thematics' "
                 "sheets with title rows and inspection heading rows, long-hand types, RAG colours with a key and a "
                 "COUNTIF total under the table, everyday words, status sentences and text dates; closed items on "
                 "'Archive' with an inspection column.",
                 "Real registers combine these traits (every source in registers-evidence.md shows more than one).",
                 items, wb, layout=layout,
                 notes=["The PEEL sheet's key (GREEN = on track, BLUE = complete) is on that sheet; the Thematics "
                        "sheet uses words, so no key question arises there.",
                        "SPEC is silent on a sheet whose name and heading rows both could name the inspection. A "
                        "heading row is the nearer and more specific, so it wins: the child protection "
                        "recommendation on 'Thematics' counts under NCPI, not under the sheet name's group "
                        "(Other national thematic inspections)."])


def shape_overview_and_data():
    items = refs(standard_story())
    local = [i for i in on_register(items) if i.group == LOCAL_PEEL]
    national = [i for i in on_register(items) if i.group != LOCAL_PEEL]
    wb = new_workbook()
    overview = wb.active
    overview.title = "Overview"
    overview["A1"] = "Northmoor Police – HMICFRS findings overview"
    overview["A1"].font = TITLE
    overview["A3"], overview["B3"], overview["C3"] = "Sheet", "Live", "Closed"
    for c in "ABC":
        overview[f"{c}3"].font = BOLD
    lists = wb.create_sheet("Lists")
    lists["A1"], lists["B1"] = "Status list", "Type list"
    for n, word in enumerate(["Open", "Submitted for closure", "Closed by FLL", "Closed", "Superseded"], 2):
        lists.cell(n, 1, word)
    for n, word in enumerate(["Cause of concern", "Recommendation", "Area for improvement"], 2):
        lists.cell(n, 2, word)
    columns = tidy_columns()
    for n, (name, its) in enumerate([("Local PEEL", local), ("National", national)], 4):
        ws = wb.create_sheet(name)
        end = table(ws, 1, columns, its) - 1
        overview.cell(n, 1, name)
        live = f"=COUNTIF('{name}'!I2:I{end},\"Open\")+COUNTIF('{name}'!I2:I{end},\"Submitted for closure\")"
        overview.cell(n, 2, live)
        overview.cell(n, 3, f"=COUNTIF('{name}'!I2:I{end},\"Closed\")")
    return Shape("overview-and-data", "An overview sheet of COUNTIF figures and a lists sheet first; the items on "
                 "two data sheets, 'Local PEEL' and 'National'.",
                 "Board papers open with a summary table (the seed's table; City of London's counts by state) and "
                 "keep drop-down values on a lists sheet.", items, wb,
                 notes=["Overview and Lists have no register header and are not part of the register."])


def shape_heading_rows():
    items = refs([
        item("HMIC-C-20104"),
        item("HMIC-A-20101"),
        item("HMIC-A-20102", REQUESTED, REQUESTED),
        item("HMIC-A-20301", AWAITING, AWAITING),
        item("HMIC-A-20302"),
        item("HMIC-R-20304", OPEN, CLOSED),
        item("HMIC-R-20801"),
        item("HMIC-C-20802"),
        item("HMIC-R-21001", OPEN, None),
        portal_only("HMIC-R-20901"),
    ])
    blocks = [
        (f"{P21.title} – Causes of concern", [items[0]]),
        (f"{P21.title} – Areas for improvement", items[1:3]),
        (f"{P23.title} – Areas for improvement", items[3:5]),
        (f"{P23.title} – Recommendations", [items[5]]),
        (f"{VET.title} – Recommendations", [items[6]]),
        (f"{VET.title} – Causes of concern", [items[7]]),
        (f"{FRAUD.title} – Recommendations", [items[8]]),
    ]
    columns = [ref_col(), portal_col(), text_col("Improvement required"), force_lead_col(), delivery_col(),
               board_col(), status_col(), target_col()]
    wb = new_workbook()
    ws = wb.active
    ws.title = "Register"
    top = title_rows(ws, ["Northmoor Police – HMICFRS register", "As at 29 November 2024"], len(columns))
    header_row(ws, top, columns)
    row = top + 1
    layout = []
    for text, its in blocks:
        heading(ws, row, text, len(columns))
        layout.append(row)
        row += 1
        for it in its:
            item_row(ws, row, columns, it)
            row += 1
    return Shape("heading-rows", "No inspection or type column: a heading row merged across the table names the "
                 "inspection and the type of the items under it.",
                 "Force updates to audit committees list findings under each report's title (Northamptonshire "
                 "'HMIC Update' to its Independent Audit Committee; the seed's report).", items, wb,
                 keep_openpyxl_copy=True, layout=[("Register", r, "heading") for r in layout],
                 notes=[f"Heading rows {layout} are layout rows, not records."])


def shape_merged_inspection_type():
    items = refs([
        item("HMIC-A-20101"),
        item("HMIC-A-20102", REQUESTED, REQUESTED),
        item("HMIC-A-20103", CLOSED, CLOSED),
        item("HMIC-C-20104"),
        item("HMIC-A-20301", AWAITING, AWAITING),
        item("HMIC-A-20303"),
        item("HMIC-R-20304", OPEN, CLOSED),
        item("HMIC-R-20801"),
        item("HMIC-C-20802"),
        item("HMIC-R-21001", OPEN, None),
        portal_only("HMIC-R-20901"),
    ])
    columns = [Column("Inspection", lambda i: i.finding.inspection.title, 30), type_col(), ref_col(),
               portal_col(), text_col(), force_lead_col(), delivery_col(), status_col(), target_col()]
    wb = new_workbook()
    ws = wb.active
    ws.title = "Tracker"
    top = title_rows(ws, ["HMICFRS inspection tracker"], len(columns))
    header_row(ws, top, columns)
    row = top + 1
    regs = on_register(items)
    for it in regs:
        item_row(ws, row, columns, it)
        row += 1
    merge_runs(ws, regs, 1, lambda i: i.finding.inspection.title)
    merge_runs(ws, regs, 2, lambda i: (i.finding.inspection.title, i.type_cell))
    return Shape("merged-inspection-type", "Inspection and type merged down over their items: only the top cell "
                 "of each run holds the value.",
                 "Trackers in board papers group items under a merged report cell (Derbyshire FRS values and "
                 "culture action plan summary; PCC PEEL action plans).", items, wb, keep_openpyxl_copy=True,
                 notes=["Merged cells hold their value in every cell they cover (SPEC §8)."])


def merge_runs(ws, items, column, key):
    """Merges the cells of `column` down over runs of items with the same key, clearing all but the top cell."""
    start = 0
    for n in range(1, len(items) + 1):
        if n == len(items) or key(items[n]) != key(items[start]):
            if n - start > 1:
                for it in items[start + 1:n]:
                    ws.cell(it.row, column).value = None
                ws.merge_cells(start_row=items[start].row, start_column=column, end_row=items[n - 1].row,
                               end_column=column)
            start = n


def shape_totals_countif():
    items = refs(standard_story())
    wb = new_workbook()
    ws = wb.active
    ws.title = "Register"
    columns = tidy_columns()
    top = title_rows(ws, ["Northmoor Police – HMICFRS areas for improvement and recommendations"], len(columns))
    end = table(ws, top, columns, on_register(items))
    first, last = top + 1, end - 1
    ws.cell(end + 1, 8, "Total open").font = BOLD
    ws.cell(end + 1, 9, f'=COUNTIF(I{first}:I{last},"Open")')
    ws.cell(end + 2, 8, "Total submitted for closure").font = BOLD
    ws.cell(end + 2, 9, f'=COUNTIF(I{first}:I{last},"Submitted for closure")')
    ws.cell(end + 3, 8, "Total closed").font = BOLD
    ws.cell(end + 3, 9, f'=COUNTIF(I{first}:I{last},"Closed")')
    ws.cell(end + 4, 1, "Total").font = BOLD
    ws.cell(end + 4, 2, f"=COUNTA(B{first}:B{last})")
    ws.cell(end + 4, 9, f"=COUNTA(I{first}:I{last})")
    return Shape("totals-countif", "A blank row, then 'Total open' / 'Total closed' rows of COUNTIF formulas and a "
                 "'Total' row of COUNTA under the table.",
                 "Quarterly updates quote totals by state (City of London: '130 actions in progress, 27 awaiting "
                 "allocation, 20 have been closed and 17 pending sign off').", items, wb, keep_openpyxl_copy=True,
                 layout=[("Register", end, "blank")] + [("Register", end + k, "totals") for k in range(1, 5)],
                 notes=[f"Rows {end}–{end + 4} are a blank row and totals rows, not records. The openpyxl copy has "
                        "the formulas without cached results; LibreOffice's copy has the results."])


def shape_key_green_on_track():
    items = refs(standard_story())
    # This force's key: BLUE complete, GREEN on track, AMBER some risk, RED off track.
    colours = ["RED", "GREEN", "GREEN", "Closed by FLL", "AMBER", "GREEN", "BLUE", "AMBER", "GREEN", "RED"]
    states = [OPEN, OPEN, OPEN, AWAITING, OPEN, OPEN, CLOSED, OPEN, OPEN, OPEN]
    for it, colour, state in zip(on_register(items), colours, states):
        it.status, it.state = colour, state
    items[1].portal_state = OPEN
    wb = new_workbook()
    ws = wb.active
    ws.title = "Register"
    columns = tidy_columns()
    top = title_rows(ws, ["Northmoor Police – HMICFRS recommendations tracker"], len(columns))
    end = table(ws, top, columns, on_register(items))
    key = ["Key:", "BLUE = complete", "GREEN = on track", "AMBER = some risk to delivery", "RED = off track"]
    for c, text in enumerate(key, 1):
        cell = ws.cell(end + 1, c, text)
        if c > 1:
            cell.fill = PatternFill("solid", fgColor=RAG_FILL[text.split()[0]])
    return Shape("key-green-on-track", "Status as RAG colours with a key row under the table: BLUE = complete, "
                 "GREEN = on track.",
                 "Forces report HMICFRS progress as RAG (City of London: '16+ new areas marked as GREEN, and 10 left "
                 "as RED'); the blue-red-amber-green scheme (UK FRS National Operational Learning BRAG).", items,
                 wb, layout=[("Register", end + 1, "key")],
                 notes=["The key row says what GREEN and BLUE mean here; RED and AMBER are open everywhere. "
                            "GREEN = on track is open; BLUE = complete is closed."])


def shape_key_green_complete():
    items = refs(standard_story())
    colours = ["RED", "AMBER", "AMBER", "Closed by FLL", "AMBER", "RED", "GREEN", "AMBER", "AMBER", "RED"]
    for it, colour in zip(on_register(items), colours):
        it.status = colour
        if colour == "GREEN":
            it.state = CLOSED
    items[1].state = OPEN  # "Submitted for closure" written as AMBER: open on the register
    wb = new_workbook()
    ws = wb.active
    ws.title = "Actions"
    columns = tidy_columns()
    key_row = 2
    ws.cell(1, 1, "PEEL and thematic inspection recommendations – progress").font = TITLE
    for c, text in enumerate(["Key", "GREEN – complete", "AMBER – in progress", "RED – not started"], 1):
        ws.cell(key_row, c, text)
    table(ws, 4, columns, on_register(items))
    return Shape("key-green-complete", "RAG colours with the key above the table: GREEN – complete, AMBER – in "
                 "progress, RED – not started; no BLUE.",
                 "PCC and force action plans where green marks a completed action (Derbyshire FRS summary: 'Open - "
                 "Actions on going on track'; City of London: moving items 'into GREEN status' once evidenced).",
                 items, wb, layout=[("Actions", key_row, "key")],
                 notes=["Here GREEN means complete (closed): the opposite of key-green-on-track. The key sits above "
                        "the header row, under the title."])


def shape_colour_profile():
    items = refs(standard_story())
    colours = ["RED", "GREEN", "GREEN", "Closed by FLL", "AMBER", "GREEN", "BLUE", "AMBER", "GREEN", "RED"]
    states = [OPEN, OPEN, OPEN, AWAITING, OPEN, OPEN, CLOSED, OPEN, OPEN, OPEN]
    for it, colour, state in zip(on_register(items), colours, states):
        it.status, it.state = colour, state
    wb = new_workbook()
    ws = wb.active
    ws.title = "Register"
    table(ws, 1, tidy_columns(), on_register(items))
    return Shape("colour-profile", "RAG colours with no key on the sheet; the profile says GREEN is open and BLUE "
                 "closed.", "As key-green-on-track, for a force whose key lives in its guidance document.",
                 items, wb, profile=["states:", '  open: ["green"]', '  closed: ["blue"]'],
                 notes=["Without the profile lines GREEN and BLUE would be unrecognised (never guessed)."])


def shape_own_numbering():
    items = [
        item("HMIC-A-20101"), item("HMIC-A-20102", REQUESTED, REQUESTED), item("HMIC-A-20103", CLOSED, CLOSED),
        item("HMIC-C-20104"), item("HMIC-R-20105"),
        item("HMIC-A-20301", AWAITING, AWAITING), item("HMIC-A-20302"), item("HMIC-R-20304", OPEN, CLOSED),
        item("HMIC-R-20801"), item("HMIC-C-20802"),
        portal_only("HMIC-R-20901"),
    ]
    counters = {}
    for it in on_register(items):
        key = (it.finding.inspection, it.finding.kind)
        counters[key] = counters.get(key, 0) + 1
        it.ref = f"{TYPE_SHORT[it.finding.kind]} {counters[key]}"
    columns = [ref_col("Ref"), portal_col("HMICFRS Ref"), type_col(), insp_col("Report"), text_col(),
               force_lead_col(), delivery_col(), status_col(), target_col()]
    wb = new_workbook()
    ws = wb.active
    ws.title = "Register"
    table(ws, 1, columns, on_register(items))
    return Shape("own-numbering", "The report's own numbering as the Ref ('AFI 1', 'Rec 2', restarting per "
                 "inspection) beside a unique HMICFRS Ref column.",
                 "Derbyshire FRS action plan rows 'AFI 1 - The service should …', 'AFI 2 - …'; HMICFRS reports "
                 "number their AFIs and recommendations per report.", items, wb,
                 notes=["'AFI 1' appears under PEEL 2021/22 and PEEL 2023-25; the HMICFRS Ref tells them apart, so "
                        "there is no duplicate-reference."])


def refless_items():
    items = [
        item("HMIC-A-20101"),
        item("HMIC-A-20301", AWAITING, AWAITING),  # the same sentence as the row above, another inspection
        item("HMIC-A-20102", REQUESTED, REQUESTED),
        item("HMIC-C-20104"),
        item("HMIC-R-20304", OPEN, CLOSED),
        item("HMIC-R-20601", CLOSED, CLOSED, target=datetime.date(2023, 4, 30), target_meaning="2023-04-30"),
        item("HMIC-A-20701"),
        item("HMIC-R-20801"),
        item("HMIC-R-21001", OPEN, None),
        portal_only("HMIC-R-20901"),
    ]
    for it in items:
        it.inspection_text = it.finding.inspection.title
    return items


def refless_columns(with_empty_ref):
    columns = [Column("Inspection", lambda i: i.inspection_cell, 34), type_col(),
               text_col("Area for improvement / recommendation"), force_lead_col("Lead Officer"),
               delivery_col("Action Owner"), status_col(), target_col("Due Date")]
    if with_empty_ref:
        columns.insert(0, Column("Ref", lambda i: "", 8))
    return columns


def shape_no_reference_column():
    items = refless_items()
    wb = new_workbook()
    ws = wb.active
    ws.title = "AFIs and Recs"
    table(ws, 1, refless_columns(False), on_register(items))
    return Shape("no-reference-column", "No reference column at all: inspection, type, wording, leads, status.",
                 "PCC responses to HMICFRS reports list each recommendation's wording and the force's response, "
                 "without the portal's ids (Police Reform and Social Responsibility Act duty to publish comments "
                 "within 56 days; HMICFRS 'Powers' page).", items, wb, pairs_by_wording=True,
                 notes=["Pairs are by wording: the register's rows are named by sheet and row. The same AFI "
                        "sentence appears under PEEL 2021/22 and PEEL 2023–25 and pairs by its inspection."])


def shape_empty_ref_column():
    items = refless_items()
    wb = new_workbook()
    ws = wb.active
    ws.title = "AFIs and Recs"
    table(ws, 1, refless_columns(True), on_register(items))
    return Shape("empty-ref-column", "As no-reference-column, with a 'Ref' column left empty.",
                 "Registers tried by new users: with an empty Ref column the same register paired by wording.",
                 items, wb,
                 pairs_by_wording=True,
                 notes=["An empty Ref column gives no references: no duplicate-reference for the blank cells."])


def shape_two_row_header():
    items = refs(standard_story())
    wb = new_workbook()
    ws = wb.active
    ws.title = "Register"
    top_words = ["Ref", "HMICFRS", "Type", "Originating", "Description", "Force", "Delivery", "Governance",
                 "Status", "Target"]
    low_words = ["", "Ref", "", "Inspection", "", "Lead", "Lead", "Board", "", "Date"]
    columns = tidy_columns()
    ws.cell(1, 1, "Northmoor Police – HMICFRS register").font = TITLE
    for c, (top, low) in enumerate(zip(top_words, low_words), 1):
        for r, word in ((3, top), (4, low)):
            if word:
                cell = ws.cell(r, c, word)
                cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        ws.column_dimensions[get_column_letter(c)].width = columns[c - 1].width
    row = 5
    for it in on_register(items):
        item_row(ws, row, columns, it)
        row += 1
    return Shape("two-row-header", "The header over two rows: 'Force' above 'Lead', 'HMICFRS' above 'Ref', "
                 "'Target' above 'Date'.",
                 "Wrapped headers typed as two rows in board trackers ('Force' above 'Lead'), seen in registers "
                 "tried by new users.",
                 items, wb, notes=["Read as one header: 'Force Lead', 'HMICFRS Ref', 'Target Date'."])


def shape_action_sub_rows():
    items = refs(standard_story())
    owners = ["Supt R. Okafor", "DCI M. Hughes", "Ch Insp A. Lewis", "Head of Public Contact"]
    actions = ["Review the demand model and staffing against it", "Deliver training to all supervisors",
               "Audit a sample of cases and report to the Delivery and Assurance Group"]
    columns = [ref_col(), portal_col(), type_col(), insp_col(), text_col("Finding"), force_lead_col(),
               Column("Action", lambda i: "", 40), delivery_col("Action Owner"), status_col(), target_col()]
    wb = new_workbook()
    ws = wb.active
    ws.title = "Action plan"
    top = title_rows(ws, ["HMICFRS action plan – Northmoor Police"], len(columns))
    header_row(ws, top, columns)
    row = top + 1
    action_rows = []
    for n, it in enumerate(on_register(items)):
        it.delivery_lead = owners[n % len(owners)]
        item_row(ws, row, columns, it, skip=("Action Owner",))
        row += 1
        for k in range(2 if n % 2 == 0 else 1):
            ws.cell(row, 7, f"{n + 1}.{k + 1} {actions[(n + k) % len(actions)]}").alignment = WRAP
            ws.cell(row, 8, it.delivery_lead if k == 0 else owners[(n + 1) % len(owners)])
            action_rows.append(row)
            row += 1
    return Shape("action-sub-rows", "An action plan: each finding's row, then action rows under it carrying the "
                 "action and its owner; the finding row has no owner.",
                 "Derbyshire FRS action plan (findings with 'Sub actions'); PCC PEEL action plans (Wiltshire "
                 "'PEEL inspection action plan').", items, wb,
                 layout=[("Action plan", r, "action") for r in action_rows],
                 notes=[f"Rows {action_rows} are action rows, not records. The finding's delivery lead is the owner "
                        "of its first action, so no finding lacks a lead (a governance officer reads the owner off "
                        "the actions)."])


def shape_status_sentences():
    items = refs(standard_story())
    sentences = {
        0: ("In progress – revised call handling model out to consultation", OPEN),
        1: ("Submitted for closure on 01/02/2024", REQUESTED),
        2: ("Ongoing – see Delivery and Assurance Group minutes", OPEN),
        3: ("Closed by FLL 14/06/2024 – awaiting central sign-off", AWAITING),
        4: ("Open – new lead appointed 03/09/2024", OPEN),
        6: ("Completed – evidence submitted to HMICFRS 12/03/2024", CLOSED),
        9: ("Not started – awaiting national guidance", OPEN),
    }
    for n, it in enumerate(on_register(items)):
        if n in sentences:
            it.status, it.state = sentences[n]
    wb = new_workbook()
    ws = wb.active
    ws.title = "Register"
    table(ws, 1, tidy_columns(), on_register(items))
    return Shape("status-sentences", "Status cells written as sentences: 'Completed – evidence submitted to HMICFRS "
                 "12/03/2024', 'Submitted for closure on 01/02/2024'.",
                 "Committee minutes record status as sentences (City of London: a letter 'would be sent to all "
                 "Forces'; HMICFRS register: 'The status of this recommendation is currently being reviewed').",
                 items, wb,
                 notes=["Read by their leading words (SPEC §8). The longest leading phrase decides: 'Closed by FLL "
                        "14/06/2024 – awaiting central sign-off' is awaiting-central-sign-off ('closed by FLL'), not "
                        "closed ('closed'); a governance officer reads it so."])


def shape_everyday_words():
    items = refs(standard_story())
    words = {
        0: ("On track", OPEN), 1: ("Awaiting HMICFRS sign-off", AWAITING), 2: ("Partially complete", OPEN),
        3: ("Pending sign off", AWAITING), 4: ("Ongoing", OPEN), 6: ("Complete", CLOSED),
        7: ("Awaiting allocation", OPEN), 9: ("Not started", OPEN),
    }
    for n, it in enumerate(on_register(items)):
        if n in words:
            it.status, it.state = words[n]
    items[1].portal_state = AWAITING  # the FLL closed it; HMICFRS has not signed it off
    wb = new_workbook()
    ws = wb.active
    ws.title = "Register"
    table(ws, 1, tidy_columns(), on_register(items))
    return Shape("everyday-words", "Everyday status words: 'On track', 'Awaiting HMICFRS sign-off', 'Partially "
                 "complete', 'Pending sign off', 'Awaiting allocation'.",
                 "City of London: 'in progress', 'awaiting allocation', 'closed', 'pending sign off'; Derbyshire FRS: "
                 "'Open - Actions on going on track'.", items, wb,
                 notes=["'Partially complete' is open (work remains); 'Awaiting HMICFRS sign-off' and 'Pending sign "
                        "off' are awaiting-central-sign-off."])


def shape_long_hand_types():
    items = refs(standard_story())
    for it in on_register(items):
        it.type_text = {AFI: "Area for Improvement (AFI)", COC: "Cause of Concern (CoC)",
                        REC: "Recommendation (National)" if it.group == OTHER else "Recommendation (Force)"}[
            it.finding.kind]
    wb = new_workbook()
    ws = wb.active
    ws.title = "Register"
    table(ws, 1, tidy_columns(), on_register(items))
    return Shape("long-hand-types", "Types written long-hand with the abbreviation or scope in brackets: 'Area for "
                 "Improvement (AFI)', 'Recommendation (National)', 'Cause of Concern (CoC)'.",
                 "Registers tried by new users; HMICFRS's glossary ('cause of concern … will always be "
                 "accompanied by one or more "
                 "recommendations'); Northamptonshire 'Areas for Improvement (AFIs)'.", items, wb)


def shape_date_forms():
    items = refs(standard_story())
    dates = [
        ("March 2024", "2024-03-31"), ("Mar-24", "2024-03-31"), ("31st December 2024", "2024-12-31"),
        ("TBC", None), ("Q1 2024/25", "2024-06-30"), ("Q4 2024/25", "2025-03-31"), ("June 2025", "2025-06-30"),
        ("30/09/2024", "2024-09-30"), ("", None), ("30-Nov-2024", "2024-11-30"),
    ]
    for it, (text, meaning) in zip(on_register(items), dates):
        it.target, it.target_meaning = text, meaning
    wb = new_workbook()
    ws = wb.active
    ws.title = "Register"
    table(ws, 1, tidy_columns(), on_register(items))
    return Shape("date-forms", "Target dates typed as text: 'March 2024', 'Mar-24', '31st December 2024', "
                 "'Q1 2024/25', 'TBC', blank.",
                 "Committee papers give deadlines as months and quarters (City of London: 'close historic actions by "
                 "February 2024', 'from September 2019 to December 2019'; Derbyshire FRS '30 Sep 2023').", items, wb,
                 notes=["A month is its last day; a quarter of the police financial year its last day (Q1 2024/25 = "
                        "30/06/2024). A target equal to the as-of date (30-Nov-2024) is not overdue."])


def shape_recs_and_afis_sheet():
    items = refs(standard_story())
    old = refs([item("HMIC-A-20101"), item("HMIC-A-20102"), item("HMIC-C-20104", CLOSED, CLOSED)], "OLD-")
    wb = new_workbook()
    guide = wb.active
    guide.title = "Guidance"
    guide["A1"] = "How to update this register: change the Status column only; the Strategic Planning team moves " \
                  "closed items monthly."
    ws = wb.create_sheet("Recs & AFIs")
    table(ws, 1, tidy_columns(), on_register(items))
    stale = wb.create_sheet("Recs & AFIs (2023)")
    table(stale, 1, tidy_columns(), old)
    return Shape("recs-and-afis-sheet", "The register on a sheet named 'Recs & AFIs', chosen with --register-sheet; "
                 "last year's copy on 'Recs & AFIs (2023)' is not read.",
                 "Sheet names with '&' are common ('Recs & AFIs'); the name kept its XML entity and could not be "
                 "chosen.", items, wb,
                 register_sheets=["Recs & AFIs"],
                 notes=["--register-sheet narrows the register to the one sheet; the 2023 copy would otherwise add "
                        "three stale rows."])


def shape_portal_current_status():
    items = refs(standard_story())
    wb = new_workbook()
    ws = wb.active
    ws.title = "Register"
    table(ws, 1, tidy_columns(), on_register(items))
    return Shape("portal-current-status", "A tidy register; the portal export's columns are 'Current Status' and "
                 "'Finding Type'.",
                 "Portal exports seen with these headers; the portal side accepted fewer header names than the "
                 "register.",
                 items, wb, portal_headers=["Force", "Recommendation ID", "Report", "Finding Type",
                                            "Recommendation Text", "Current Status", "Date Closed"])


def shape_unreadable_value():
    items = refs(standard_story())
    regs = on_register(items)
    regs[0].status, regs[0].state = "With legal services", None
    regs[4].type_text, regs[4].kind = "Observation", None
    regs[7].target, regs[7].target_meaning = "After the restructure", "unreadable"
    wb = new_workbook()
    ws = wb.active
    ws.title = "Register"
    table(ws, 1, tidy_columns(), regs)
    return Shape("unreadable-value", "Values nobody can read: status 'With legal services', type 'Observation', "
                 "target date 'After the restructure'.",
                 "Free text typed into controlled columns, as in every hand-kept tracker.", items, wb,
                 notes=["Each is an unrecognised-value discrepancy (SPEC §4, §8). The item with an unreadable status "
                        "takes no part in status rules and is not counted; the one with an unreadable type is not "
                        "counted in the table; the unreadable date is no date (no overdue)."])


def shape_spreadsheetml_2003():
    items = refs([
        item("HMIC-A-20101"), item("HMIC-A-20102", REQUESTED, REQUESTED), item("HMIC-C-20104"),
        item("HMIC-A-20301", AWAITING, AWAITING), item("HMIC-R-20304", OPEN, CLOSED), item("HMIC-R-20801"),
        item("HMIC-C-20802"), item("HMIC-R-21001", OPEN, None), portal_only("HMIC-R-20901"),
    ])
    regs = on_register(items)

    def write(folder):
        write_spreadsheetml(os.path.join(folder, "register.xml"), regs)
        return "register.xml"

    return Shape("spreadsheetml-2003", "An Excel 2003 XML (SpreadsheetML) register on a sheet named 'Recs & AFIs', "
                 "its inspection merged down (ss:MergeDown) and a title row above the header.",
                 "Older force systems still export 'XML Spreadsheet 2003'; sheet names there kept '&#38;' too.",
                 items, write=write, register_sheets=["Recs & AFIs"],
                 notes=["Merged cells in SpreadsheetML leave the covered cells out of the row (ss:Index skips "
                        "them)."])


def xml_escape(text):
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))


def write_spreadsheetml(path, items):
    """A SpreadsheetML 2003 workbook as Excel writes it: a title row, a header row, the inspection merged down."""
    headers = ["Inspection", "Ref", "Portal Ref", "Type", "Description", "Force Lead", "Delivery Lead", "Status",
               "Target Date"]
    lines = ['<?xml version="1.0"?>', '<?mso-application progid="Excel.Sheet"?>',
             '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
             'xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" '
             'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">',
             ' <Styles>', '  <Style ss:ID="Default" ss:Name="Normal"><Alignment ss:Vertical="Bottom"/></Style>',
             '  <Style ss:ID="h"><Font ss:Bold="1"/></Style>',
             '  <Style ss:ID="d"><NumberFormat ss:Format="Short Date"/></Style>', ' </Styles>',
             ' <Worksheet ss:Name="Notes &amp; guidance">', '  <Table>',
             '   <Row><Cell><Data ss:Type="String">Register of HMICFRS findings: see the next sheet.</Data></Cell>'
             '</Row>', '  </Table>', ' </Worksheet>',
             f' <Worksheet ss:Name="{xml_escape("Recs & AFIs")}">', '  <Table>',
             '   <Row><Cell ss:MergeAcross="8" ss:StyleID="h"><Data ss:Type="String">'
             'Northmoor Police – HMICFRS recommendations &amp; AFIs</Data></Cell></Row>',
             '   <Row>' + "".join(f'<Cell ss:StyleID="h"><Data ss:Type="String">{xml_escape(h)}</Data></Cell>'
                                  for h in headers) + '</Row>']
    runs = []
    for it in items:
        if runs and runs[-1][0] == it.finding.inspection:
            runs[-1][1].append(it)
        else:
            runs.append((it.finding.inspection, [it]))
    row = 3
    for inspection, its in runs:
        for n, it in enumerate(its):
            cells = []
            if n == 0:
                merge = f' ss:MergeDown="{len(its) - 1}"' if len(its) > 1 else ""
                cells.append(f'<Cell{merge}><Data ss:Type="String">{xml_escape(inspection.title)}</Data></Cell>')
            index = "" if n == 0 else ' ss:Index="2"'
            values = [it.ref, it.pid, it.type_cell, it.text_cell, it.force_lead, it.delivery_lead, it.status]
            for k, value in enumerate(values):
                attr = index if k == 0 else ""
                cells.append(f'<Cell{attr}><Data ss:Type="String">{xml_escape(value)}</Data></Cell>')
            cells.append(f'<Cell ss:StyleID="d"><Data ss:Type="DateTime">{it.target.isoformat()}T00:00:00.000'
                         '</Data></Cell>')
            lines.append('   <Row>' + "".join(cells) + '</Row>')
            it.sheet, it.row = "Recs & AFIs", row
            row += 1
    lines += ['  </Table>', ' </Worksheet>', '</Workbook>', '']
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def shape_pcc_action_plan():
    items = [
        item("HMIC-C-20104"),
        item("HMIC-A-20301", AWAITING, AWAITING),
        item("HMIC-A-20302", CLOSED, CLOSED),
        item("HMIC-A-20303"),
        item("HMIC-R-20304", OPEN, CLOSED),
        item("HMIC-A-20101", CLOSED, CLOSED),
        item("HMIC-A-20102"),
        item("HMIC-R-20401"),
        portal_only("HMIC-R-20105"),
    ]
    rag = {OPEN: "AMBER", AWAITING: "Closed by FLL", CLOSED: "GREEN"}
    for it in items:
        it.status = rag.get(it.state, it.status)
        it.force_lead = "Deputy Chief Constable"
    items[0].status = "RED"
    blocks = [(P23.title, items[1:5]), (P21.title, [items[0], items[5], items[6]]), (SPOT.title, [items[7]])]
    columns = [Column("No.", lambda i: i.ref, 6), text_col("Area for improvement / recommendation"), type_col(),
               Column("Force response / actions", lambda i: "Action plan agreed at Force Performance Board", 40),
               force_lead_col("Chief Officer Lead"), delivery_col("Action Owner"), target_col("Completion date"),
               status_col("RAG"), Column("PCC comment", lambda i: "Scrutinised at Accountability Board", 30)]
    wb = new_workbook()
    ws = wb.active
    ws.title = "PEEL action plan"
    top = title_rows(ws, ["Office of the Police and Crime Commissioner for Northmoor",
                          "HMICFRS inspections – force action plan and PCC scrutiny"], len(columns))
    for c, text in enumerate(["Key:", "GREEN = complete", "AMBER = in progress", "RED = not started"], 1):
        ws.cell(top, c, text)
    header_row(ws, top + 2, columns)
    row = top + 3
    number = 0
    layout = [("PEEL action plan", top, "key")]
    for title, its in blocks:
        heading(ws, row, title, len(columns))
        layout.append(("PEEL action plan", row, "heading"))
        row += 1
        for it in its:
            number += 1
            it.ref = str(number)
            item_row(ws, row, columns, it)
            row += 1
    for it in items:
        it.ref = ""  # "No." is the plan's own counter, not a reference column
    return Shape("pcc-action-plan", "A PCC's action plan: OPCC title rows, a key row above the header, inspection "
                 "heading rows, a 'No.' counter, 'Type', 'RAG' and a 'PCC comment' column; no references.",
                 "PCC scrutiny of PEEL action plans (Wiltshire 'HMICFRS PEEL PCC - Progress to Date'; Staffordshire "
                 "'PEEL Governance report').", items, wb, pairs_by_wording=True, layout=layout,
                 notes=["'No.' is not a header the tool knows for a reference, so the plan has no reference column and "
                        "pairs by wording; the key row says GREEN = complete. 'Completion date' is read as the target "
                        "date, as a plan's completion date is; none is before the as-of date."])


def shape_public_register_states():
    items = refs(standard_story())
    words = {OPEN: "being-progressed", REQUESTED: "being-progressed", AWAITING: "Closed by FLL",
             CLOSED: "complete"}
    for it in on_register(items):
        it.status = words[it.state]
        if it.state == REQUESTED:
            it.state = OPEN
    items[0].status = "awaiting-review"
    portal_words = {OPEN: "being-progressed", REQUESTED: "being-progressed", AWAITING: "Awaiting central sign-off",
                    CLOSED: "complete"}
    wb = new_workbook()
    ws = wb.active
    ws.title = "Register"
    table(ws, 1, tidy_columns(), on_register(items))
    return Shape("public-register-states", "Statuses in HMICFRS's public recommendation register style: "
                 "'awaiting-review', 'being-progressed', 'complete', on both sides.",
                 "HMICFRS's recommendation pages (justiceinspectorates.gov.uk/hmicfrs/?recommendation-theme=…) give "
                 "each recommendation a state; SPEC §2.", items, wb,
                 portal_status=lambda i: portal_words[i.portal_state])


SHAPES = [shape_tidy_export, shape_sheet_per_inspection, shape_archive_sheet, shape_hidden_old_copy,
          shape_overview_and_data, shape_heading_rows, shape_merged_inspection_type, shape_totals_countif,
          shape_key_green_on_track, shape_key_green_complete, shape_colour_profile, shape_own_numbering,
          shape_no_reference_column, shape_empty_ref_column, shape_two_row_header, shape_action_sub_rows,
          shape_status_sentences, shape_everyday_words, shape_long_hand_types, shape_date_forms,
          shape_recs_and_afis_sheet, shape_portal_current_status, shape_unreadable_value, shape_spreadsheetml_2003,
          shape_pcc_action_plan, shape_public_register_states, shape_combined_board_tracker]


# ---------------------------------------------------------------------------------------------------------------
# The portal export and the expected result.

PORTAL_HEADERS = ["Force", "Recommendation ID", "Report", "Type", "Recommendation Text", "Status", "Date Closed"]


def portal_rows(shape):
    """The portal's rows for this shape's findings, in portal id order; returns (rows, items in that order)."""
    on_portal = sorted([i for i in shape.items if i.portal_state is not None], key=lambda i: i.pid)
    rows = []
    for it in on_portal:
        status = shape.portal_status(it) if shape.portal_status else (it.portal_status or PORTAL_WORD[it.portal_state])
        closed = "14/05/2024" if it.portal_state == CLOSED else ""
        rows.append([FORCE, it.pid, it.finding.inspection.title, TYPE_WORD[it.portal_kind or it.finding.kind],
                     it.finding.text, status, closed])
    return rows, on_portal


def status_class(register, portal):
    """SPEC §4's table."""
    r = OPEN if register in LIVE_ON_REGISTER else register
    p = OPEN if portal in (OPEN, REQUESTED) else portal
    return {
        (OPEN, AWAITING): "closed-in-error", (OPEN, CLOSED): "closed-in-error",
        (OPEN, NOT_APPLICABLE): "status-conflict",
        (AWAITING, OPEN): "awaiting-central-sign-off", (AWAITING, AWAITING): "awaiting-central-sign-off",
        (AWAITING, CLOSED): "register-out-of-date", (AWAITING, NOT_APPLICABLE): "status-conflict",
        (CLOSED, OPEN): "status-conflict", (CLOSED, AWAITING): "awaiting-central-sign-off",
        (NOT_APPLICABLE, OPEN): "status-conflict", (NOT_APPLICABLE, AWAITING): "status-conflict",
    }.get((r, p))


def register_side(it):
    entry = {"registerSheet": it.sheet, "registerRow": it.row}
    if it.ref:
        entry["registerRef"] = it.ref
    return entry


def expected(shape):
    """The pairs, discrepancies and summary SPEC gives for the meanings the shape's items carry."""
    pairs, found = [], []
    cells = {(g, t): {"register": 0, "notOnPortal": 0, "portal": 0, "awaitingCentralSignOff": 0}
             for g in GROUPS for t in TYPES}

    def add(kind, it=None, portal=None):
        entry = {"class": kind}
        if it is not None:
            entry.update(register_side(it))
        if portal is not None:
            entry["portalRef"] = portal.pid
        found.append(entry)

    for it in shape.items:
        paired = it.on_register and it.portal_state is not None
        if it.on_register:
            if paired:
                pairs.append({**register_side(it), "portalRef": it.pid})
                kind = status_class(it.state, it.portal_state) if it.state else None
                if kind:
                    add(kind, it, it)
                portal_kind = it.portal_kind or it.finding.kind
                if it.register_kind and it.register_kind != portal_kind:
                    add("type-mismatch", it, it)
            elif it.state in LIVE_ON_PORTAL:
                add("absent-from-portal", it)
            if it.register_kind is None:
                add("unrecognised-value", it)
            if it.state is None:
                add("unrecognised-value", it)
            if it.target_meaning == "unreadable":
                add("unrecognised-value", it)
            if it.state in LIVE_ON_REGISTER:
                if not it.force_lead or not it.delivery_lead:
                    add("missing-lead", it)
                if it.target_meaning not in (None, "unreadable") and it.target_meaning < AS_OF:
                    add("overdue", it)
                if it.register_kind:
                    cell = cells[(it.group, it.register_kind)]
                    cell["register"] += 1
                    if not paired or it.portal_state not in LIVE_ON_PORTAL:
                        cell["notOnPortal"] += 1
        elif it.portal_state in LIVE_ON_PORTAL:
            add("absent-from-register", None, it)
        if it.portal_state in LIVE_ON_PORTAL:
            kind = (it.register_kind or it.portal_kind or it.finding.kind) if it.on_register else (
                it.portal_kind or it.finding.kind)
            cell = cells[(it.group, kind)]
            cell["portal"] += 1
            if it.on_register and it.state and status_class(it.state, it.portal_state) == "awaiting-central-sign-off":
                cell["awaitingCentralSignOff"] += 1
    summary = {}
    for (g, t), counts in cells.items():
        if any(counts.values()):
            summary.setdefault(g, {})[t] = counts
    found.sort(key=lambda d: (d["class"], d.get("registerSheet", ""), d.get("registerRow", 0), d.get("portalRef", "")))
    pairs.sort(key=lambda d: d["portalRef"])
    portal_count = len([i for i in shape.items if i.portal_state is not None])
    return {
        "shape": shape.name,
        "looksLike": shape.summary,
        "options": {"asOf": AS_OF, "registerSheets": shape.register_sheets, "profile": shape.profile},
        "registerRecords": len(on_register(shape.items)),
        "portalRecords": portal_count,
        "pairs": pairs,
        "pairsByWording": shape.pairs_by_wording,
        "layoutRows": [{"registerSheet": sheet, "registerRow": row, "kind": kind} for sheet, row, kind in shape.layout],
        "discrepancies": found,
        "summary": summary,
    }


def expected_json(result):
    """expected.json with one line per pair, discrepancy and summary cell, so that a reviewer can read it."""
    def one(value):
        return json.dumps(value, ensure_ascii=False)

    lines = ["{"]
    for key in ("shape", "looksLike", "options", "registerRecords", "portalRecords", "pairsByWording"):
        lines.append(f' {one(key)}: {one(result[key])},')
    for key in ("layoutRows", "pairs", "discrepancies"):
        entries = [f"  {one(entry)}" for entry in result[key]]
        lines.append(f' {one(key)}: [' + ("\n" + ",\n".join(entries) + "\n ]," if entries else "],"))
    groups = []
    for group, types in result["summary"].items():
        cells = ",\n".join(f"   {one(t)}: {one(c)}" for t, c in types.items())
        groups.append(f"  {one(group)}: {{\n{cells}\n  }}")
    lines.append(' "summary": {\n' + ",\n".join(groups) + "\n }")
    lines.append("}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------------------------


def resave_with_libreoffice(sources, folder):
    """Converts every .xlsx in `sources` through LibreOffice into `folder`, in one run of soffice."""
    profile = tempfile.mkdtemp(prefix="make-shapes-lo-")
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "xlsx",
                        "--outdir", folder] + sources, check=True, stdout=subprocess.DEVNULL)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def pin_timestamps(path):
    """Rewrites a workbook with its document dates and zip entry times fixed, so that running the generator twice
    gives the same bytes. The parts themselves (shared strings, styles, merged ranges) stay as the office suite or
    openpyxl wrote them, but for the dates in docProps/core.xml."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path) as source:
        parts = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
            if name == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*", lambda m: m.group(1) + stamp, text)
                data = text.encode("utf-8")
            target.writestr(zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6]), data,
                            compress_type=zipfile.ZIP_DEFLATED)


def main():
    write_shapes(SHAPES, sys.argv[1] if len(sys.argv) > 1 else "Tests/Fixtures/RegisterShapes")


def write_shapes(makers, out):
    """Writes the shapes `makers` make into `out`: register, portal.csv, expected.json and shape.md each."""
    os.makedirs(out, exist_ok=True)
    authored = tempfile.mkdtemp(prefix="make-shapes-")
    converted = tempfile.mkdtemp(prefix="make-shapes-lo-out-")
    shapes = [make() for make in makers]
    to_convert = []
    for shape in shapes:
        folder = os.path.join(out, shape.name)
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        if shape.workbook is not None:
            path = os.path.join(authored, shape.name + ".xlsx")
            shape.workbook.save(path)
            to_convert.append(path)
            if shape.keep_openpyxl_copy:
                copy = os.path.join(folder, "register-openpyxl.xlsx")
                shutil.copy(path, copy)
                pin_timestamps(copy)
        else:
            shape.write(folder)
        rows, _ = portal_rows(shape)
        headers = shape.portal_headers or PORTAL_HEADERS
        with open(os.path.join(folder, "portal.csv"), "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(headers)
            writer.writerows(rows)
        with open(os.path.join(folder, "expected.json"), "w", encoding="utf-8") as f:
            f.write(expected_json(expected(shape)))
        with open(os.path.join(folder, "shape.md"), "w", encoding="utf-8") as f:
            f.write(f"# {shape.name}\n\n{shape.summary}\n\nEvidence: {shape.evidence}\n")
            for note in shape.notes:
                f.write(f"\n{note}\n")
    resave_with_libreoffice(to_convert, converted)
    for shape in shapes:
        if shape.workbook is not None:
            target = os.path.join(out, shape.name, "register.xlsx")
            shutil.move(os.path.join(converted, shape.name + ".xlsx"), target)
            pin_timestamps(target)
    shutil.rmtree(authored, ignore_errors=True)
    shutil.rmtree(converted, ignore_errors=True)
    print(f"wrote {len(shapes)} shapes into {out}")


if __name__ == "__main__":
    main()
