"""pandas read_csv(dtype=str) reading a CSV (title rows above the header skipped); prints `stage read SECONDS`."""
import sys, time
import pandas as pd
t, c = time.perf_counter(), time.process_time()
skip = int(sys.argv[2]) if len(sys.argv) > 2 else 0
frame = pd.read_csv(sys.argv[1], dtype=str, skiprows=skip)
print("rows", len(frame), "columns", len(frame.columns))
print(f"stage read {time.perf_counter() - t:.4f} 0 {time.process_time() - c:.4f}")
