"""python-calamine reading the first sheet of an XLSX into Python values; prints `stage read SECONDS`."""
import sys, time
t, c = time.perf_counter(), time.process_time()
from python_calamine import CalamineWorkbook
rows = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python(skip_empty_area=False)
cells = sum(1 for r in rows for c in r if c != "")
print("rows", len(rows), "cells", cells)
print(f"stage read {time.perf_counter() - t:.4f} 0 {time.process_time() - c:.4f}")
