#!/usr/bin/env python3
"""The benchmark harness: hmic-reconcile against its peers, side by side in one run, on generated register/portal
pairs. Not a test and never run by CI. See docs/performance.md.

    Benchmarks/run.sh [SIZES...]          (default: 10000 200000 1000000)

Environment: BENCH_DIR (default /tmp/hmic-bench) holds the data, the throw-away virtual environment and the
results; REPEAT (default 3, 1 for a million records) is how many times each measurement runs, the fastest kept;
ONLY (say `ONLY=read-xlsx,dump-csv`) runs only the measurements named below and keeps the others of the last
results-N.json.

For every size it measures, each as a separate process under GNU time (wall seconds, CPU seconds, peak RSS):
  read-xlsx   the XLSX reader alone (hmic-bench read), python-calamine, fastexcel
  read-csv    the CSV reader alone (hmic-bench read), pandas read_csv(dtype=str)
  dump-csv    the release binary's `dump --format csv` of the XLSX register into a file; python-calamine to_python
              then Python's csv module writing the rows; fastexcel to_arrow then pyarrow's CSV writer
  stages      hmic-bench stages: read, load records, match, classify, hash, write workbook, each timed in-process
  end-to-end  the release binary, XLSX in and the full workbook out (and CSV in); the pandas + datacompy +
              XlsxWriter pipeline
  write       the product's cells written by libxlsxwriter alone (C) and by Python XlsxWriter
Ratios are printed as peer / ours for time (above 1: we are faster) and ours / peer for memory.
"""
import json
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.environ.get("BENCH_DIR", "/tmp/hmic-bench")
DATA = os.path.join(WORK, "data")
VENV = os.path.join(WORK, "venv")
PY = os.path.join(VENV, "bin", "python")
PEERS = os.path.join(ROOT, "Benchmarks", "peers")
PRODUCT = os.path.join(ROOT, ".build-bench", "release", "hmic-reconcile")
HARNESS = os.path.join(ROOT, ".build-bench", "harness", "release", "hmic-bench")
LXW = os.path.join(WORK, "lxw-bench")
AS_OF = "2026-11-30"
REGISTER_TITLE_ROWS = 2


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def sh(cmd, **kw):
    log("+", " ".join(cmd))
    subprocess.run(cmd, check=True, **kw)


def measure(name, cmd, repeat, stdout_path=None, fresh=()):
    """Runs `cmd` `repeat` times under GNU time; keeps the run with the least wall time. With `stdout_path`, the
    command's standard output goes to that file instead of a pipe the harness reads. The files in `fresh` are
    removed before each run: the monthly run writes a new workbook, and one already at its name is read first (what
    the board typed into it is carried), which is a rerun's cost, not a month's."""
    best = None
    for _ in range(repeat):
        for path in fresh:
            if os.path.exists(path):
                os.remove(path)
        tf = os.path.join(WORK, "time.txt")
        start = time.perf_counter()
        sink = open(stdout_path, "wb") if stdout_path else None
        try:
            proc = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", tf] + cmd,
                                  stdout=sink or subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        finally:
            if sink:
                sink.close()
        wall = time.perf_counter() - start
        proc.stdout = proc.stdout or ""
        if proc.returncode not in (0, 1):
            log(f"{name} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
            return None
        with open(tf) as f:
            e, u, s, m = f.read().split()[-4:]
        found = re.findall(r"^stage (\S+) ([0-9.]+)(?: ([0-9]+))?(?: ([0-9.]+))?", proc.stdout, re.M)
        stages = {k: float(w) for k, w, _, _ in found}
        peaks = {k: int(p) for k, _, p, _ in found if p}
        stage_cpu = {k: float(c) for k, _, _, c in found if c}
        run = {"name": name, "wall": wall, "cpu": float(u) + float(s), "rss_kb": int(m), "stages": stages,
               "stage_peaks_kb": peaks, "stage_cpu": stage_cpu, "out": proc.stdout.strip().splitlines()[:3]}
        if best is None or run["wall"] < best["wall"]:
            best = run
    log(f"  {name}: {best['wall']:.2f}s wall, {best['cpu']:.2f}s cpu, {best['rss_kb'] / 1024:.0f} MB  {best['stages']}")
    return best


def build():
    sh(["swift", "build", "-c", "release", "--package-path", ROOT, "--scratch-path", os.path.join(ROOT, ".build-bench"),
        "--product", "hmic-reconcile"])
    sh(["swift", "build", "-c", "release", "--package-path", os.path.join(ROOT, "Benchmarks", "harness"),
        "--scratch-path", os.path.join(ROOT, ".build-bench", "harness")])
    sh(["cc", "-O2", "-o", LXW, os.path.join(PEERS, "lxw-bench.c"), "-lxlsxwriter"])


def venv():
    if not os.path.exists(PY):
        sh([sys.executable, "-m", "venv", VENV])
    sh([os.path.join(VENV, "bin", "pip"), "install", "--quiet", "pandas", "python-calamine", "fastexcel", "pyarrow",
        "datacompy", "xlsxwriter"])


def data(n):
    if not all(os.path.exists(os.path.join(DATA, f"{side}-{n}.{ext}")) for side in ("register", "portal") for ext in ("csv", "xlsx")):
        sh([sys.executable, os.path.join(ROOT, "Benchmarks", "generate.py"), str(n), DATA])


def wanted(group):
    """True when `ONLY` is unset or names `group` (read-xlsx, dump-csv, read-csv, stages, end-to-end, write)."""
    only = [g for g in os.environ.get("ONLY", "").split(",") if g]
    return not only or group in only


def run_size(n, repeat, peers=True):
    reg_x, por_x = f"{DATA}/register-{n}.xlsx", f"{DATA}/portal-{n}.xlsx"
    reg_c, por_c = f"{DATA}/register-{n}.csv", f"{DATA}/portal-{n}.csv"
    out = os.path.join(WORK, f"out-{n}")
    os.makedirs(out, exist_ok=True)
    r = {}
    log(f"== {n} records")
    if wanted("read-xlsx"):
        r["ours.read.xlsx"] = measure("ours read xlsx", [HARNESS, "read", reg_x], repeat)
        if peers:
            r["calamine.read.xlsx"] = measure("python-calamine read xlsx", [PY, f"{PEERS}/read_calamine.py", reg_x], repeat)
            r["fastexcel.read.xlsx"] = measure("fastexcel read xlsx", [PY, f"{PEERS}/read_fastexcel.py", reg_x], repeat)
    if wanted("dump-csv"):
        r["ours.dump.csv"] = measure("ours dump csv", [PRODUCT, "dump", reg_x, "--format", "csv"], repeat,
                                     stdout_path=f"{out}/dump-ours.csv")
        if peers:
            r["calamine.dump.csv"] = measure("python-calamine + csv dump", [PY, f"{PEERS}/dump_calamine_csv.py", reg_x,
                                                                            f"{out}/dump-calamine.csv"], repeat)
            r["fastexcel.dump.csv"] = measure("fastexcel + pyarrow dump", [PY, f"{PEERS}/dump_fastexcel_csv.py", reg_x,
                                                                           f"{out}/dump-fastexcel.csv"], repeat)
    if wanted("read-csv"):
        r["ours.read.csv"] = measure("ours read csv", [HARNESS, "read", reg_c], repeat)
        if peers:
            r["pandas.read.csv"] = measure("pandas read_csv", [PY, f"{PEERS}/read_pandas_csv.py", reg_c,
                                                               str(REGISTER_TITLE_ROWS)], repeat)
    if wanted("stages"):
        r["ours.stages"] = measure("ours stages", [HARNESS, "stages", reg_x, por_x, f"{out}/stages.xlsx"], repeat)
    if wanted("end-to-end"):
        r["ours.e2e.xlsx"] = measure("ours end to end xlsx", [PRODUCT, "reconcile", "--register", reg_x, "--portal", por_x,
                                      "--output", f"{out}/board.xlsx", "--as-of", AS_OF, "--quiet"], repeat,
                                     fresh=[f"{out}/board.xlsx"])
        r["ours.e2e.csv"] = measure("ours end to end csv", [PRODUCT, "reconcile", "--register", reg_c, "--portal", por_c,
                                     "--output", f"{out}/board-csv.xlsx", "--as-of", AS_OF, "--quiet"], repeat,
                                    fresh=[f"{out}/board-csv.xlsx"])
        if peers:
            r["pandas.e2e"] = measure("pandas+datacompy+XlsxWriter", [PY, f"{PEERS}/pipeline_pandas.py", reg_x, por_x,
                                                                      f"{out}/pandas.xlsx"], repeat)
    r["meta"] = {"records": n}
    if not peers or not wanted("write") or not os.path.exists(f"{out}/board.xlsx"):
        return r
    # The same cells the product wrote, written by libxlsxwriter alone and by Python XlsxWriter.
    cells = f"{out}/cells.tsv"
    subprocess.run([HARNESS, "cells", f"{out}/board.xlsx", cells], check=True, stdout=subprocess.DEVNULL)
    max_row = 0
    with open(cells) as f:
        for line in f:
            if not line.startswith("sheet"):
                row = int(line.split("\t", 2)[1])
                max_row = max(max_row, row)
    constant = "1" if max_row > 100_000 else "0"
    r["lxw.write"] = measure("libxlsxwriter alone", [LXW, cells, f"{out}/lxw.xlsx", constant], repeat)
    r["xlsxwriter.write"] = measure("Python XlsxWriter", [PY, f"{PEERS}/write_xlsxwriter.py", cells, f"{out}/py.xlsx", constant], repeat)
    r["meta"] = {"records": n, "cells_written": sum(1 for _ in open(cells)) , "constant_memory": constant == "1",
                 "xlsx_mb": {"register": os.path.getsize(reg_x) / 1e6, "portal": os.path.getsize(por_x) / 1e6},
                 "csv_mb": {"register": os.path.getsize(reg_c) / 1e6, "portal": os.path.getsize(por_c) / 1e6}}
    return r


def table(n, r):
    def get(key, field="wall"):
        return (r.get(key) or {}).get(field)

    def stage(key, name, cpu=False):
        return ((r.get(key) or {}).get("stage_cpu" if cpu else "stages") or {}).get(name)

    lines = [f"### {n:,} records", "", "| measure | ours | peer | ratio | target | holds |", "|---|---|---|---|---|---|"]

    def row(label, ours, peer, ratio, target, ok):
        f = lambda v, unit: "–" if v is None else (f"{v:.2f} {unit}" if unit == "s" else f"{v / 1024:.0f} MB")
        lines.append(f"| {label} | {ours} | {peer} | {'–' if ratio is None else f'{ratio:.2f}'} | {target} | "
                     f"{'–' if ok is None else ('yes' if ok else 'no')} |")

    def ratio(a, b):
        return None if a is None or b is None or b == 0 else a / b

    def cmp(label, ours_key, peer_key, field, target, want, ours_stage=None, peer_stage=None, cpu=False):
        o = stage(ours_key, ours_stage, cpu) if ours_stage else get(ours_key, field)
        p = stage(peer_key, peer_stage, cpu) if peer_stage else get(peer_key, field)
        if p is None:
            return  # peers not measured at this size
        rt = ratio(p, o) if field != "rss_kb" else ratio(o, p)
        ok = None if rt is None or not target else (rt >= want if field != "rss_kb" else rt <= want)
        unit = "s" if field != "rss_kb" else "kb"
        fmt = (lambda v: "–" if v is None else f"{v:.2f} s") if unit == "s" else (lambda v: "–" if v is None else f"{v / 1024:.0f} MB")
        lines.append(f"| {label} | {fmt(o)} | {fmt(p)} | {'–' if rt is None else f'{rt:.2f}'} | {target} | "
                     f"{'–' if ok is None else ('yes' if ok else 'no')} |")

    cmp("end to end, XLSX in: pandas pipeline ÷ ours (wall)", "ours.e2e.xlsx", "pandas.e2e", "wall", "≥ 4", 4)
    cmp("end to end, XLSX in: pandas pipeline ÷ ours (CPU)", "ours.e2e.xlsx", "pandas.e2e", "cpu", "", 0)
    cmp("end to end: ours ÷ pandas pipeline (peak RSS)", "ours.e2e.xlsx", "pandas.e2e", "rss_kb", "≤ 0.3", 0.3)
    cmp("read XLSX: python-calamine ÷ ours (in-process)", "ours.read.xlsx", "calamine.read.xlsx", "stage", "≥ 1.5", 1.5, "read", "read")
    cmp("read XLSX: fastexcel ÷ ours (in-process)", "ours.read.xlsx", "fastexcel.read.xlsx", "stage", "≥ 1", 1.0, "read", "read")
    cmp("read XLSX: python-calamine ÷ ours (in-process CPU)", "ours.read.xlsx", "calamine.read.xlsx", "stage", "", 0, "read", "read", True)
    cmp("read XLSX: fastexcel ÷ ours (in-process CPU)", "ours.read.xlsx", "fastexcel.read.xlsx", "stage", "", 0, "read", "read", True)
    cmp("read XLSX: python-calamine ÷ ours (process wall)", "ours.read.xlsx", "calamine.read.xlsx", "wall", "", 0)
    cmp("read XLSX: fastexcel ÷ ours (process wall)", "ours.read.xlsx", "fastexcel.read.xlsx", "wall", "", 0)
    cmp("read XLSX: ours ÷ python-calamine (peak RSS)", "ours.read.xlsx", "calamine.read.xlsx", "rss_kb", "", 99)
    cmp("dump CSV: python-calamine to_python ÷ ours dump (process wall)", "ours.dump.csv", "calamine.read.xlsx", "wall", "≥ 1.5", 1.5)
    cmp("dump CSV: python-calamine to_python ÷ ours dump (CPU)", "ours.dump.csv", "calamine.read.xlsx", "cpu", "", 0)
    cmp("dump CSV: python-calamine to_python + csv ÷ ours dump (process wall)", "ours.dump.csv", "calamine.dump.csv", "wall", "≥ 1.5", 1.5)
    cmp("dump CSV: python-calamine to_python + csv ÷ ours dump (CPU)", "ours.dump.csv", "calamine.dump.csv", "cpu", "", 0)
    cmp("dump CSV: fastexcel to_arrow + pyarrow CSV ÷ ours dump (process wall)", "ours.dump.csv", "fastexcel.dump.csv", "wall", "", 0)
    cmp("dump CSV: fastexcel to_arrow + pyarrow CSV ÷ ours dump (CPU)", "ours.dump.csv", "fastexcel.dump.csv", "cpu", "", 0)
    cmp("dump CSV: ours ÷ python-calamine + csv (peak RSS)", "ours.dump.csv", "calamine.dump.csv", "rss_kb", "", 99)
    o, p = get("ours.dump.csv"), get("ours.read.xlsx")
    if o is not None and p is not None:
        lines.append(f"| dump CSV ÷ read XLSX, ours (process wall) | {o:.2f} s | {p:.2f} s | {o / p:.2f} | – | – |")
    cmp("read CSV: pandas ÷ ours (in-process)", "ours.read.csv", "pandas.read.csv", "stage", "≥ 2", 2.0, "read", "read")
    cmp("read CSV: pandas ÷ ours (process wall)", "ours.read.csv", "pandas.read.csv", "wall", "", 0)
    cmp("read CSV: pandas ÷ ours (in-process CPU)", "ours.read.csv", "pandas.read.csv", "stage", "", 0, "read", "read", True)
    cmp("write: XlsxWriter ÷ ours (in-process wall)", "ours.stages", "xlsxwriter.write", "stage", "≥ 4", 4.0, "write", "write")
    cmp("write: XlsxWriter ÷ ours (in-process CPU)", "ours.stages", "xlsxwriter.write", "stage", "", 0, "write", "write", True)
    for cpu in (False, True):
        o, p = stage("ours.stages", "write", cpu), stage("lxw.write", "write", cpu)
        if p is None:
            continue
        rt = ratio(o, p)
        lines.append(f"| write: ours ÷ libxlsxwriter alone ({'CPU' if cpu else 'wall'}) | {o and f'{o:.2f} s'} | {p and f'{p:.2f} s'} | "
                     f"{'–' if rt is None else f'{rt:.2f}'} | – | – |")
    st = (r.get("ours.stages") or {}).get("stages") or {}
    if st:
        share = (st.get("load", 0) + st.get("match", 0) + st.get("classify", 0)) / st["total"] if st.get("total") else None
        lines.append(f"| load + match + classify ÷ stages total | {sum(st.get(k, 0) for k in ('load', 'match', 'classify')):.2f} s | "
                     f"{st.get('total', 0):.2f} s | {share:.3f} | – | – |")
        lines.append("")
        sc = r["ours.stages"].get("stage_cpu") or {}
        lines.append("Stages (hmic-bench, one process; wall seconds, CPU seconds, peak RSS when the stage ends): "
                     + ", ".join(f"{k} {v:.2f} s / {sc.get(k, 0):.2f} s CPU ({(r['ours.stages']['stage_peaks_kb'].get(k, 0)) / 1024:.0f} MB)"
                                 for k, v in st.items()))
    e2e = r.get("ours.e2e.xlsx")
    e2c = r.get("ours.e2e.csv")
    # The floors that hold at any size the harness runs: a whole run at the national scale, memory at a million.
    if n <= 10_000:
        for key, label in (("ours.e2e.xlsx", "XLSX in"), ("ours.e2e.csv", "CSV in")):
            wall = get(key)
            if wall is not None:
                row(f"whole run at {n:,} records, {label} (wall)", f"{wall:.2f} s", "–", None, "< 0.5 s", wall < 0.5)
    if n >= 1_000_000:
        for key, label in (("ours.e2e.xlsx", "XLSX in"), ("ours.e2e.csv", "CSV in")):
            peak = get(key, "rss_kb")
            if peak is not None:
                row(f"peak memory at {n:,} records a side, {label}", f"{peak / 1024:.0f} MiB", "–", None, "< 1,536 MiB",
                    peak / 1024 < 1536)
    if e2e:
        lines.append("")
        lines.append(f"End to end (release binary): XLSX in {e2e['wall']:.2f} s wall, {e2e['cpu']:.2f} s CPU, "
                     f"{e2e['rss_kb'] / 1024:.0f} MB peak" + (f"; CSV in {e2c['wall']:.2f} s wall, {e2c['rss_kb'] / 1024:.0f} MB peak" if e2c else ""))
    lines.append("")
    return "\n".join(lines)


def report_only():
    """Rebuilds results.md from the results-N.json files of earlier runs (`bench.py report`)."""
    results = {}
    for name in os.listdir(WORK):
        m = re.fullmatch(r"results-(\d+)\.json", name)
        if m:
            with open(os.path.join(WORK, name)) as f:
                results[int(m.group(1))] = json.load(f)
    return results


def main():
    if sys.argv[1:] == ["report"]:
        write_report(report_only())
        return
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 200_000, 1_000_000]
    os.makedirs(DATA, exist_ok=True)
    if os.environ.get("SKIP_BUILD") != "1":
        build()
    if os.environ.get("PEERS", "1") != "0":
        venv()
    results = {}
    for n in sizes:
        data(n)
        repeat = int(os.environ.get("REPEAT", "1" if n >= 1_000_000 else "3"))
        results[n] = run_size(n, repeat, peers=os.environ.get("PEERS", "1") != "0")
        path = os.path.join(WORK, f"results-{n}.json")
        if os.environ.get("ONLY") and os.path.exists(path):
            # A run of some measurements updates theirs in the last results and keeps the others.
            with open(path) as f:
                last = json.load(f)
            results[n] = {**last, **results[n], "meta": last.get("meta", results[n]["meta"])}
        with open(path, "w") as f:
            json.dump(results[n], f, indent=1)
    write_report(results)


def write_report(results):
    sizes = sorted(results)
    report = ["## Results", "", f"Machine: {machine()}", ""]
    for n in sizes:
        report.append(table(n, results[n]))
    if 200_000 in results and 1_000_000 in results:
        a, b = results[200_000].get("ours.e2e.xlsx"), results[1_000_000].get("ours.e2e.xlsx")
        if a and b:
            report.append(f"Growth from 200,000 to 1,000,000 records, end to end: {b['wall'] / a['wall']:.2f}× (target ≤ about 6×)\n")
    text = "\n".join(report)
    with open(os.path.join(WORK, "results.md"), "w") as f:
        f.write(text)
    print(text)


def machine():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except Exception:
        pass
    load = os.getloadavg()[0]
    return f"{cpu}, {os.cpu_count()} cores, load average {load:.1f} at the end of the run"


if __name__ == "__main__":
    main()
