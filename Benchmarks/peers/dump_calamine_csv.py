"""python-calamine reading the first sheet of an XLSX into Python values (`to_python`), then Python's csv module
writing them to OUT; prints `stage read` (the reading) and `stage dump` (reading and writing) in seconds."""
import sys, time
t, c = time.perf_counter(), time.process_time()
import csv
from python_calamine import CalamineWorkbook
rows = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python(skip_empty_area=False)
print(f"stage read {time.perf_counter() - t:.4f} 0 {time.process_time() - c:.4f}")
with open(sys.argv[2], "w", newline="", encoding="utf-8") as f:
    csv.writer(f).writerows(rows)
print("rows", len(rows))
print(f"stage dump {time.perf_counter() - t:.4f} 0 {time.process_time() - c:.4f}")
