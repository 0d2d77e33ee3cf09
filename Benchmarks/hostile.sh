#!/usr/bin/env bash
# Times the refusal of every hostile file and reports the slowest and the largest: the figures in
# docs/robustness.md. The files are the ones Tests/EndToEndTests/HostileInputTests.swift builds (that suite keeps a
# copy of each when HOSTILE_FILES names a folder); each is given to the binary once as --register (with the sample
# portal) and once as --portal (with the sample register), under /usr/bin/time for wall time and peak resident
# memory. Not a test and never run by CI: the tests check what each refusal says and that it stays under 1 GB; how
# long it takes depends on the machine, so it is measured here. Quote the figures with the build and the load.
#
#   Benchmarks/hostile.sh
#
#   BENCH_DIR=/tmp/hmic-hostile-bench   the files, the per-run figures (runs.tsv) and the table (hostile.md)
#   BINARY=path                         the binary to time (default: the release build in .build-bench/)
#   REPEAT=1                            runs per file and side, fastest kept
#   SKIP_BUILD=1                        use the binaries and test build already there
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8
ROOT=$(pwd)
WORK=${BENCH_DIR:-/tmp/hmic-hostile-bench}
BINARY=${BINARY:-$ROOT/.build-bench/release/hmic-reconcile}
mkdir -p "$WORK"

if [ -z "${SKIP_BUILD:-}" ]; then
    swift build -c release --scratch-path "$ROOT/.build-bench" --product hmic-reconcile
    swift build --build-tests
fi

# 1. The files, as the hostile suite builds them (the suite must pass: a file it does not refuse is not timed).
rm -rf "$WORK/files"
if ! HOSTILE_FILES="$WORK/files" swift test --skip-build --filter EndToEndTests.HostileInputTests >"$WORK/tests.log" 2>&1; then
    echo "the hostile-input suite failed; see $WORK/tests.log" >&2
    exit 1
fi

# 2. Each file on each side, timed.
python3 - "$BINARY" "$WORK" "$ROOT/samples" "${REPEAT:-1}" <<'PY'
import os, subprocess, sys, tempfile
binary, work, samples, repeat = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
files = sorted(os.listdir(os.path.join(work, "files")))
# The promise checked per run: a refusal (65 or 66) within 10 s and 1 GB.
MAX_SECONDS, MAX_MB = 10.0, 1024

def run(path, side):
    other = ["--portal", os.path.join(samples, "portal.csv")] if side == "register" else ["--register", os.path.join(samples, "register.csv")]
    best = None
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as out:
            figures = os.path.join(out, "time")
            subprocess.run(["/usr/bin/time", "-o", figures, "-f", "%e %M", binary, "reconcile", f"--{side}", path, *other,
                            "--output", os.path.join(out, "out.xlsx"), "--json", os.path.join(out, "out.json"),
                            "--as-of", "2026-11-30", "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            lines = open(figures).read().split("\n")
            # GNU time writes "Command exited with non-zero status N" before the figures.
            status = int(lines[0].rsplit(" ", 1)[1]) if lines[0].startswith("Command exited") else 0
            seconds, kb = lines[-2].split() if lines[-1] == "" else lines[-1].split()
            left = sorted(set(os.listdir(out)) - {"time"})
        result = (float(seconds), int(kb), status, left)
        if best is None or result[0] < best[0]:
            best = result
    return best

rows, problems = [], []
with open(os.path.join(work, "runs.tsv"), "w") as tsv:
    tsv.write("file\tside\tstatus\tseconds\tpeak_kb\n")
    for name in files:
        for side in ("register", "portal"):
            seconds, kb, status, left = run(os.path.join(work, "files", name), side)
            tsv.write(f"{name}\t{side}\t{status}\t{seconds:.2f}\t{kb}\n")
            if status not in (65, 66) or seconds > MAX_SECONDS or kb > MAX_MB * 1024 or left:
                problems.append(f"{name} as {side}: status {status}, {seconds:.2f} s, {kb // 1024} MB, left {left}")
            rows.append((seconds, kb, status, name, side))
        tsv.flush()

slowest = max(rows)
largest = max(rows, key=lambda r: r[1])
table = ["| file | status | seconds (worse side) | peak MB (worse side) |", "|---|---|---|---|"]
for name in files:
    mine = [r for r in rows if r[3] == name]
    statuses = "/".join(sorted({str(r[2]) for r in mine}))
    table.append(f"| `{name}` | {statuses} | {max(r[0] for r in mine):.2f} | {max(r[1] for r in mine) // 1024} |")
summary = (f"{len(rows)} runs ({len(files)} files, each as register and as portal), {os.path.basename(binary)} at {binary}: "
           f"slowest {slowest[0]:.2f} s ({slowest[3]} as {slowest[4]}); largest peak {largest[1] // 1024} MB "
           f"({largest[3]} as {largest[4]}); promise per run: refused within {MAX_SECONDS:.0f} s and {MAX_MB} MB")
with open(os.path.join(work, "hostile.md"), "w") as md:
    md.write(summary + "\n\n" + "\n".join(table) + "\n")
print("\n".join(table))
print()
print(summary)
if problems:
    print("\nOutside the promise:\n" + "\n".join(problems))
    sys.exit(1)
PY
