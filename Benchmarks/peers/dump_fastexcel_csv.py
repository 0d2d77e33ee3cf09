"""fastexcel reading the first sheet of an XLSX into an Arrow table (every column as text), then pyarrow's CSV
writer writing it to OUT; prints `stage read` (the reading) and `stage dump` (reading and writing) in seconds."""
import sys, time
t, c = time.perf_counter(), time.process_time()
import fastexcel
import pyarrow.csv
table = fastexcel.read_excel(sys.argv[1]).load_sheet(0, header_row=None, dtypes="string").to_arrow()
print(f"stage read {time.perf_counter() - t:.4f} 0 {time.process_time() - c:.4f}")
pyarrow.csv.write_csv(table, sys.argv[2], write_options=pyarrow.csv.WriteOptions(include_header=False))
print("rows", table.num_rows)
print(f"stage dump {time.perf_counter() - t:.4f} 0 {time.process_time() - c:.4f}")
