"""fastexcel reading the first sheet of an XLSX into an Arrow table; prints `stage read SECONDS`."""
import sys, time
t, c = time.perf_counter(), time.process_time()
import fastexcel
sheet = fastexcel.read_excel(sys.argv[1]).load_sheet(0, header_row=None, dtypes="string")
table = sheet.to_arrow()
print("rows", table.num_rows, "columns", table.num_columns)
print(f"stage read {time.perf_counter() - t:.4f} 0 {time.process_time() - c:.4f}")
