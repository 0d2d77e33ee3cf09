"""Python XlsxWriter writing the cells of a `hmic-bench cells` dump (the same cells the product wrote), no formats;
prints `stage write SECONDS`, reading the dump not counted."""
import sys, time
import xlsxwriter
names, cells = [], []
with open(sys.argv[1], encoding="utf-8", newline="\n") as f:
    for line in f:
        parts = line.rstrip("\n").split("\t", 4)
        if parts[0] == "sheet":
            names.append(parts[2].encode().decode("unicode_escape") if "\\" in parts[2] else parts[2])
            continue
        s, r, c, kind, value = parts
        if kind == "s":
            if "\\" in value:
                value = value.replace("\\\\", "\0").replace("\\t", "\t").replace("\\n", "\n").replace("\\r", "\r").replace("\0", "\\")
        else:
            value = float(value)
        cells.append((int(s), int(r), int(c), kind, value))
t, c = time.perf_counter(), time.process_time()
book = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": sys.argv[3] == "1"})
sheets = [book.add_worksheet(n) for n in names]
for s, r, c, kind, value in cells:
    if kind == "s":
        sheets[s].write_string(r, c, value)
    else:
        sheets[s].write_number(r, c, value)
book.close()
print("cells", len(cells))
print(f"stage write {time.perf_counter() - t:.4f} 0 {time.process_time() - c:.4f}")
