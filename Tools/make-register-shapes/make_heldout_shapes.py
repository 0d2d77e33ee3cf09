#!/usr/bin/python3
"""Writes the held-out register shapes: six registers authored after the reader was built, never used to change it,
so that they stay an independent check of what the tool reads off a register (docs/registers.md, "Held-out shapes").

    /usr/bin/python3 Tools/make-register-shapes/make_heldout_shapes.py [OUTPUT_DIR]

OUTPUT_DIR defaults to Tests/Fixtures/RegisterShapesHeldOut. It uses make_shapes.py's findings, writers and
expectation rules (SPEC §4 status table and classes, §5 summary) and its LibreOffice re-save, so the files are made
the same way and deterministically. Each item below says by hand what a governance officer reads off its cells: the
state behind the status cell, the date behind the target cell, whether the finding is on the portal and in which state.
expected.json is worked out from those readings, never by running hmic-reconcile.
"""

import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from make_shapes import (  # noqa: E402
    AWAITING, BOLD, CDI23, CLOSED, CP, DA, FRAUD, OPEN, P21, P23, REQUESTED, VET, WRAP, Column, Shape, board_col,
    delivery_col, force_lead_col, header_row, heading, insp_col, item, item_row, new_workbook, on_register,
    portal_col, portal_only, ref_col, refs, status_col, table, target_col, text_col, title_rows, tidy_columns,
    type_col, write_shapes)

D = datetime.date


def set_extra(it, **values):
    """Cells a shape writes beyond the usual fields (RAG, % complete, date closed, notes…)."""
    for name, value in values.items():
        setattr(it, name, value)
    return it


def extra_col(header, name, width=14):
    return Column(header, lambda i: getattr(i, name, None), width)


# ---------------------------------------------------------------------------------------------------------------


def shape_rag_beside_status():
    items = refs([
        set_extra(item("HMIC-A-20101", status="In progress", force_lead="T/ACC J. Patel"), rag="AMBER", pct=0.4),
        set_extra(item("HMIC-A-20102", REQUESTED, REQUESTED, status="Submitted for closure",
                       force_lead="T/ACC J. Patel", target=D(2024, 12, 31), target_meaning="2024-12-31"),
                  rag="GREEN", pct=1.0),
        set_extra(item("HMIC-C-20104", status="In progress", force_lead="Ch Supt L. Byrne",
                       target=D(2024, 9, 30), target_meaning="2024-09-30"), rag="RED", pct=0.2),
        set_extra(item("HMIC-A-20301", AWAITING, AWAITING, status="Closed by FLL", force_lead="T/ACC J. Patel"),
                  rag="BLUE", pct=1.0, closed=D(2024, 10, 14)),
        set_extra(item("HMIC-R-20304", OPEN, CLOSED, status="In progress", force_lead="Ch Supt L. Byrne"),
                  rag="AMBER", pct=0.6),
        set_extra(item("HMIC-R-20501", status="Not started", force_lead=""), rag="RED", pct=0.0),
        set_extra(item("HMIC-R-20601", CLOSED, CLOSED, status="Closed", force_lead="Det Supt K. Mills",
                       target=D(2023, 4, 30), target_meaning="2023-04-30"), rag="BLUE", pct=1.0,
                  closed=D(2024, 5, 14)),
        set_extra(item("HMIC-A-20701", status="In progress", force_lead="Det Supt K. Mills"), rag="GREEN", pct=0.75),
        set_extra(item("HMIC-R-20801", status="In progress", force_lead="DCC S. Ward"), rag="GREEN", pct=0.5),
        set_extra(item("HMIC-R-21001", OPEN, None, status="Not started", force_lead="DCC S. Ward"), rag="AMBER",
                  pct=0.0),
        portal_only("HMIC-R-20901"),
        portal_only("HMIC-A-20103", CLOSED),
    ])
    owners = ["Supt R. Okafor", "Insp R. Shah", "DCI M. Hughes", "Supt R. Okafor", "Ch Insp A. Lewis",
              "DCI M. Hughes", "Insp R. Shah", "Head of Crime Registrar Unit", "Head of Professional Standards",
              "DI P. Evans"]
    for it, owner in zip(on_register(items), owners):
        it.delivery_lead = owner
    columns = [ref_col(), portal_col("HMICFRS Ref"), insp_col("Inspection"), type_col(), text_col("Recommendation"),
               force_lead_col("Lead officer"), delivery_col("Action owner"), status_col(), extra_col("RAG", "rag", 8),
               extra_col("% Complete", "pct", 10), target_col("Target date"), extra_col("Date closed", "closed")]
    wb = new_workbook()
    ws = wb.active
    ws.title = "Tracker"
    top = title_rows(ws, ["Northmoor Police – HMICFRS recommendations and AFIs tracker",
                          "Position at 22 November 2024"], len(columns))
    table(ws, top, columns, on_register(items))
    for it in on_register(items):
        ws.cell(it.row, 10).number_format = "0%"
    return Shape("rag-beside-status",
                 "A tracker with a 'Status' column in words and a 'RAG' column beside it (delivery confidence, "
                 "RED/AMBER/GREEN/BLUE, no key on the sheet), a '% Complete' column, 'Lead officer' with rank and name, "
                 "'Action owner' and a 'Date closed' column.",
                 "Reading Borough Council's audit recommendations tracker (a RAG rating derived from a percentage "
                 "complete, beside the recommendation's state); Nottinghamshire Police Authority Audit and Inspection "
                 "Report (actions 'reviewed and updated in line with the RAG'); City of London HMICFRS Inspection "
                 "Update 2018 (a recommendation 'rated as a RED risk, not GREEN').", items, wb,
                 notes=["Judgement where SPEC is silent: 'Status' and 'RAG' are both status header names. A governance "
                        "officer reads the lifecycle off 'Status' and takes 'RAG' as a delivery rating beside it, so "
                        "the RAG colours are not statuses and GREEN/BLUE raise no unrecognised-value.",
                        "'Lead officer' is the Force lead ('T/ACC J. Patel'), 'Action owner' the delivery lead. "
                        "HMIC-R-20501 has no Lead officer: missing-lead. HMIC-C-20104's target 30/09/2024 is overdue."])


def shape_subtotals_per_inspection():
    p21 = [
        set_extra(item("HMIC-A-20101"), notes=(
            "Update 14/10/2024: the revised call handling model went to consultation in August; abandonment was "
            "3.1% in September against 8.4% in March.\nSubmitted for closure on 12/09/2024 but returned by the FLL "
            "for evidence that performance is sustained; to be resubmitted after the December figures.\nRisk: "
            "recruitment of call handlers behind plan (12 of 20 posts filled).")),
        set_extra(item("HMIC-A-20102", REQUESTED, REQUESTED), notes=(
            "Closure evidence (supervision audit, July 2024) sent to the FLL on 01/11/2024.")),
        set_extra(item("HMIC-C-20104", target=D(2024, 10, 31), target_meaning="2024-10-31"), notes=(
            "Backlog 412 devices at 31/10/2024 (from 1,030 in January). Target date missed; extension to be "
            "requested at the December board. Closed? Not yet: two outsourcing contracts still to be let.")),
    ]
    p23 = [
        set_extra(item("HMIC-A-20301", AWAITING, AWAITING), notes="FLL closed 20/09/2024; awaiting HMICFRS."),
        item("HMIC-A-20303"),
        set_extra(item("HMIC-R-20304", OPEN, CLOSED), notes=(
            "The portal shows this recommendation as closed; the force has not asked for closure. Raised with the "
            "FLL on 18/11/2024.")),
    ]
    vet = [item("HMIC-R-20801"), item("HMIC-C-20802", REQUESTED, REQUESTED)]
    fraud = [item("HMIC-R-21001", OPEN, None)]
    cp = [item("HMIC-R-20601", CLOSED, CLOSED, target=D(2023, 4, 30), target_meaning="2023-04-30")]
    items = refs(p21 + p23 + vet + fraud + cp + [portal_only("HMIC-R-20901"), portal_only("HMIC-A-20103", CLOSED)])
    columns = [ref_col(), portal_col("HMIC Portal ID"), type_col(), text_col("Improvement required"),
               force_lead_col(), delivery_col(), board_col(), status_col(), target_col(),
               extra_col("Progress commentary", "notes", 60)]
    wb = new_workbook()
    ws = wb.active
    ws.title = "HMICFRS register"
    top = title_rows(ws, ["Northmoor Police – register of HMICFRS findings",
                          "For the Inspection and Audit Monitoring Board, 28 November 2024"], len(columns))
    header_row(ws, top, columns)
    row = top + 1
    layout = []
    for inspection, its in [(P21, p21), (P23, p23), (VET, vet), (FRAUD, fraud), (CP, cp)]:
        heading(ws, row, inspection.title, len(columns))
        layout.append((ws.title, row, "heading"))
        row += 1
        first = row
        for it in its:
            item_row(ws, row, columns, it)
            row += 1
        ws.cell(row, 1, "Sub-total").font = BOLD
        ws.cell(row, 8, f"=COUNTA(H{first}:H{row - 1})").font = BOLD
        layout.append((ws.title, row, "totals"))
        row += 1
    layout.append((ws.title, row, "blank"))
    ws.cell(row + 1, 1, "Grand total").font = BOLD
    ws.cell(row + 1, 8, f"=COUNTA(B{top + 1}:B{row - 1})").font = BOLD
    layout.append((ws.title, row + 1, "totals"))
    return Shape("subtotals-per-inspection",
                 "One sheet, several inspections: each inspection's title merged across the table as a heading row, its "
                 "findings under it, then a 'Sub-total' row (a COUNTA under Status); a 'Grand total' at the foot; a "
                 "'Progress commentary' column of long, multi-line notes that quote dates and status words.",
                 "North Devon Council's audit recommendation tracker (findings set out in tables by category, each "
                 "counted); City of London Quarterly HMICFRS Inspections Update (counts per report); the seed's "
                 "register ('details of the improvement required, the originating inspection').", items, wb,
                 layout=layout,
                 notes=["No inspection column: each heading row names the inspection of the rows under it. 'Sub-total' "
                        "(hyphenated, as people type it) and 'Grand total' rows are totals rows, not records.",
                        "'Progress commentary' is not the status: the status is the 'Status' column; words in the "
                        "notes ('Submitted for closure on 12/09/2024 but returned', 'Closed? Not yet') change nothing.",
                        "HMIC-C-20104's target 31/10/2024 is overdue."])


def shape_table_per_inspection():
    p21 = [item("HMIC-A-20101"), item("HMIC-A-20102", REQUESTED, REQUESTED), item("HMIC-C-20104"),
           item("HMIC-R-20105", CLOSED, CLOSED, target=D(2023, 3, 31), target_meaning="2023-03-31")]
    p23 = [item("HMIC-A-20301", AWAITING, AWAITING), item("HMIC-A-20302"), item("HMIC-R-20304", OPEN, CLOSED)]
    da = [item("HMIC-R-20501")]
    cdi = [item("HMIC-A-20701"), item("HMIC-A-20702", OPEN, None)]
    items = refs(p21 + p23 + da + cdi + [portal_only("HMIC-A-20303")])
    columns = [ref_col(), portal_col(), type_col(), text_col(), force_lead_col(), delivery_col(), status_col(),
               target_col()]
    wb = new_workbook()
    ws = wb.active
    ws.title = "Findings by inspection"
    ws.cell(1, 1, "Northmoor Police – HMICFRS findings by inspection").font = BOLD
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    row = 3
    layout = []
    for n, (inspection, its) in enumerate([(P21, p21), (P23, p23), (DA, da), (CDI23, cdi)]):
        if n > 0:
            layout.append((ws.title, row - 1, "blank"))
            layout.append((ws.title, row, "heading"))
        heading(ws, row, inspection.title, len(columns))
        row = table(ws, row + 1, columns, its) + 1
    return Shape("table-per-inspection",
                 "One sheet holding a table per inspection: the inspection's title merged across, the header row "
                 "repeated under it, its findings, a blank row, the next inspection; a sheet title and a blank row "
                 "above the first table. No inspection column.",
                 "Durham Police and Crime Panel, 'HMICFRS Inspection Reports' (the Commissioner's comments set out "
                 "report by report); Scottish Police Authority, 'HMICS improvement plans progress summary' (open "
                 "recommendations tracked under each report).", items, wb, layout=layout,
                 notes=["The title just above the first header (row 3) names the first table's inspection; the sheet "
                        "title on row 1 names none. Repeated header rows are not records (not listed as layout rows "
                        "here: SPEC gives their kind no name on the Run sheet)."])


def shape_hidden_columns():
    items = refs([
        set_extra(item("HMIC-A-20101"), old="Open"),
        set_extra(item("HMIC-A-20102", REQUESTED, REQUESTED, status="Submitted for closure"), old="Open"),
        set_extra(item("HMIC-C-20104"), old="Open"),
        set_extra(item("HMIC-A-20301", AWAITING, AWAITING, status="Closed by FLL"), old="Submitted for closure"),
        set_extra(item("HMIC-R-20304", OPEN, CLOSED), old="Open"),
        set_extra(item("HMIC-R-20501"), old="Open"),
        set_extra(item("HMIC-R-20601", CLOSED, CLOSED, target=D(2023, 4, 30), target_meaning="2023-04-30"),
                  old="Submitted for closure"),
        set_extra(item("HMIC-A-20701"), old="Open"),
        set_extra(item("HMIC-R-20801"), old="Open"),
        set_extra(item("HMIC-R-21001", OPEN, None), old="Open"),
        portal_only("HMIC-R-20901"),
        portal_only("HMIC-A-20103", CLOSED),
    ])
    base = tidy_columns()
    columns = base[:8] + [extra_col("Status", "old", 16), status_col("Current Status"), base[9],
                          Column("Lookup", lambda i: None, 10)]
    wb = new_workbook()
    ws = wb.active
    ws.title = "Register"
    end = table(ws, 1, columns, on_register(items))
    for row in range(2, end):
        ws.cell(row, 12, f'=B{row}&"|"&J{row}')
    for letter in ("I", "L"):
        ws.column_dimensions[letter].hidden = True
    return Shape("hidden-columns",
                 "A tidy register whose keeper hid two columns rather than delete them: last month's 'Status' "
                 "(hidden, left of the visible 'Current Status') and a 'Lookup' helper of formulas; saved by "
                 "LibreOffice as .xlsx.",
                 "North Devon Council's audit recommendation tracker (the same tracker updated for each meeting, "
                 "'Table D be updated for the next meeting'); Reading Borough Council's tracker (completed "
                 "recommendations 'removed from the next report'): one working file, edited between boards.", items,
                 wb,
                 notes=["Judgement where SPEC is silent: what a person reads off the sheet is what it shows. Column I "
                        "('Status', last month's) is hidden, so the status is the visible 'Current Status'; read from "
                        "the hidden column, HMIC-R-20601 would be 'Submitted for closure' against a closed portal "
                        "record (closed-in-error) and HMIC-A-20301 closure-requested.",
                        "'Lookup' (hidden) holds formulas joining Portal Ref and Current Status; it names no field."])


def shape_week_commencing_dates():
    items = refs([
        item("HMIC-A-20101", status="Ongoing", target="w/c 04/03/2024", target_meaning="2024-03-04"),
        item("HMIC-A-20102", REQUESTED, REQUESTED, status="Submitted for closure", target="End of Q2 2024/25",
             target_meaning="2024-09-30"),
        item("HMIC-C-20104", status="Ongoing", target="End of Q4 2024/25", target_meaning="2025-03-31"),
        item("HMIC-A-20301", AWAITING, AWAITING, status="FLL closed", target="Sept 2024",
             target_meaning="2024-09-30"),
        item("HMIC-R-20304", OPEN, CLOSED, status="Ongoing", target="31.03.2025", target_meaning="2025-03-31"),
        item("HMIC-R-20501", status="Ongoing", target="Sept 2024", target_meaning="2024-09-30"),
        item("HMIC-R-20601", CLOSED, CLOSED, status="Complete", target="End of Q1 2023/24",
             target_meaning="2023-06-30"),
        item("HMIC-A-20701", status="Ongoing", target="Dec 24", target_meaning="2024-12-31"),
        item("HMIC-R-20801", status="Ongoing", target="End of Q3", target_meaning="unreadable"),
        item("HMIC-R-21001", OPEN, None, status="Not started", target="w/c 02/12/2024", target_meaning="2024-12-02"),
        portal_only("HMIC-R-20901"),
        portal_only("HMIC-A-20103", CLOSED),
    ])
    leads = ["ACC D. Reid", "ACC D. Reid", "Ch Supt L. Byrne", "ACC D. Reid", "Ch Supt L. Byrne", "ACC D. Reid",
             "Det Ch Supt H. Cole", "Det Ch Supt H. Cole", "DCC S. Ward", "DCC S. Ward"]
    for it, lead in zip(on_register(items), leads):
        it.force_lead = lead
    columns = [ref_col(), portal_col("HMICFRS Ref"), type_col(), insp_col("Inspection"), text_col(),
               force_lead_col("Lead officer"), delivery_col("Action owner"), status_col("Progress"),
               target_col("Target date")]
    wb = new_workbook()
    ws = wb.active
    ws.title = "Action tracker"
    top = title_rows(ws, ["HMICFRS action tracker – Northmoor Police"], len(columns))
    table(ws, top, columns, on_register(items))
    return Shape("week-commencing-dates",
                 "Target dates as people plan them: 'w/c 04/03/2024', 'End of Q2 2024/25', 'End of Q3' (no year), "
                 "'31.03.2025', 'Sept 2024', 'Dec 24'; the status column headed 'Progress'; 'Lead officer' with rank "
                 "and name.",
                 "City of London Police, HMICFRS Update 2018 (a report 'due to be published in the week commencing 5 "
                 "February 2018'; recommendations not 'meeting target dates'); North Devon Council's tracker (time "
                 "extensions requested); Scottish Police Authority HMICS progress summary ('anticipating timescales "
                 "for completion').", items, wb,
                 notes=["What a governance officer reads: 'w/c 04/03/2024' is the week starting 04/03/2024 (overdue; "
                        "'w/c 02/12/2024' is after the as-of date, whichever day of that week is taken); 'End of Q2 "
                        "2024/25' is 30/09/2024 (police financial year, as 'Q2 2024/25'); '31.03.2025' is 31/03/2025; "
                        "'Sept 2024' 30/09/2024; 'Dec 24' December 2024 (not overdue on any reading).",
                        "Judgement: 'End of Q3' names no year, so no date can be read: unrecognised-value, as SPEC §8 "
                        "treats an unreadable date ('end of spring'), and no overdue."])


def shape_closed_sheet_date_closed():
    live = [
        item("HMIC-A-20101", status="Open"),
        item("HMIC-A-20102", REQUESTED, REQUESTED, status="Proposed for closure"),
        item("HMIC-C-20104", status="Open"),
        item("HMIC-A-20302", status="Open", delivery_lead=""),
        item("HMIC-R-20304", OPEN, CLOSED, status="Open"),
        item("HMIC-R-20501", status="Open"),
        item("HMIC-R-20801", status="Open"),
        item("HMIC-R-21001", OPEN, None, status="Open"),
    ]
    closed = [
        set_extra(item("HMIC-R-20601", CLOSED, CLOSED, status="Closed"), closed=D(2024, 5, 14),
                  evidence="Referral audit (March 2024) and training records accepted by the FLL."),
        set_extra(item("HMIC-A-20103", CLOSED, CLOSED, status="Signed off"), closed=D(2023, 11, 2),
                  evidence="Equality data dashboard in use since October 2023; minutes of the People Board."),
        set_extra(item("HMIC-R-20105", CLOSED, OPEN, status="Closed"), closed=D(2024, 2, 28),
                  evidence="Closed by the Crime and Justice Board on 28/02/2024; not yet submitted to the FLL."),
        set_extra(item("HMIC-A-20301", AWAITING, AWAITING, status="Closed – awaiting HMICFRS sign off"),
                  closed=D(2024, 9, 20), evidence="FLL closed 20/09/2024; central sign-off awaited."),
        set_extra(item("HMIC-A-20701", CLOSED, AWAITING, status="Complete"), closed=D(2024, 8, 30),
                  evidence="Crime recording audit, August 2024: 96% compliance at first contact."),
    ]
    items = refs(live + closed + [portal_only("HMIC-R-20901")], "IP/")
    leads = {"HMIC-A-20101": "ACC D. Reid", "HMIC-A-20102": "ACC D. Reid", "HMIC-C-20104": "Ch Supt L. Byrne",
             "HMIC-A-20302": "ACC D. Reid", "HMIC-R-20304": "Ch Supt L. Byrne", "HMIC-R-20501": "Det Ch Supt H. Cole",
             "HMIC-R-20801": "DCC S. Ward", "HMIC-R-21001": "DCC S. Ward"}
    for it in live:
        it.force_lead = leads[it.pid]
    for it in closed:
        it.force_lead, it.delivery_lead = "Det Ch Supt H. Cole", ""
    wb = new_workbook()
    guide = wb.active
    guide.title = "Instructions"
    for n, line in enumerate([
            "How to use this plan",
            "Update the Status column before each Inspection and Audit Monitoring Board.",
            "When the FLL has closed an action, move its row to the 'Closed' sheet and fill in Date closed and the "
            "closure evidence.",
            "Status words: Open, Proposed for closure, Closed, Signed off."], 1):
        guide.cell(n, 1, line).alignment = WRAP
    ws = wb.create_sheet("Open actions")
    live_columns = [ref_col(), portal_col("HMICFRS Ref"), insp_col("Report"), type_col(), text_col("Recommendation"),
                    force_lead_col("Lead officer"), delivery_col("Action owner"), board_col("Board"), status_col(),
                    target_col("Target date"), extra_col("Date closed", "closed")]
    top = title_rows(ws, ["Northmoor Police – HMICFRS improvement plan: open actions"], len(live_columns))
    table(ws, top, live_columns, live)
    done = wb.create_sheet("Closed")
    closed_columns = [ref_col(), portal_col("HMICFRS Ref"), insp_col("Report"), type_col(), text_col("Recommendation"),
                      force_lead_col("Lead officer"), status_col(), extra_col("Date closed", "closed"),
                      extra_col("Closure evidence", "evidence", 50)]
    top = title_rows(done, ["Northmoor Police – HMICFRS improvement plan: closed actions"], len(closed_columns))
    table(done, top, closed_columns, closed)
    return Shape("closed-sheet-date-closed",
                 "An improvement plan over three sheets: 'Instructions' (text), 'Open actions' (with an empty 'Date "
                 "closed' column) and 'Closed' (its own columns: 'Date closed' and 'Closure evidence', no target "
                 "date and no action owner); references 'IP/001'…; 'Proposed for closure', 'Signed off', 'Closed – "
                 "awaiting HMICFRS sign off'.",
                 "North Yorkshire PFCC and Chief Constable internal audit follow-up ('Appendix C: Actions completed' "
                 "kept apart from the open actions); North Devon Council's tracker ('Table B (recommendations "
                 "completed since the last meeting)'); Reading Borough Council (completed recommendations 'removed "
                 "from the next report').", items, wb,
                 notes=["Both sheets name the register's columns, so both are read; 'Instructions' is not. The Closed "
                        "sheet's items need no delivery lead (none is live).",
                        "HMIC-R-20105 is closed on the register but open on the portal: status-conflict. HMIC-A-20701 is "
                        "complete on the register and awaiting central sign-off on the portal. 'Closed – awaiting "
                        "HMICFRS sign off' is read as awaiting central sign-off; either reading gives the same class.",
                        "HMIC-A-20302 has no action owner: missing-lead."])


HELD_OUT = [shape_rag_beside_status, shape_subtotals_per_inspection, shape_table_per_inspection, shape_hidden_columns,
            shape_week_commencing_dates, shape_closed_sheet_date_closed]

if __name__ == "__main__":
    write_shapes(HELD_OUT, sys.argv[1] if len(sys.argv) > 1 else "Tests/Fixtures/RegisterShapesHeldOut")
