#!/usr/bin/env bash
# The benchmark harness: hmic-reconcile and its peers side by side on generated register/portal pairs.
# Not a test and never run by CI. It builds release binaries under .build-bench/ (the product and
# Benchmarks/harness, a package of its own), compiles the libxlsxwriter micro-benchmark, installs
# pandas, python-calamine, fastexcel, datacompy and XlsxWriter from PyPI into a throw-away virtual
# environment under $BENCH_DIR, generates the data once, and prints a Markdown table of ratios.
# Quote the ratios, not the times: the machines are shared. See docs/performance.md.
#
#   Benchmarks/run.sh [SIZES...]      (default: 10000 200000 1000000)
#
#   BENCH_DIR=/tmp/hmic-bench   data, virtual environment, outputs, results.md and results-N.json
#   REPEAT=3                    runs per measurement, fastest kept (1 at a million records)
#   PEERS=0                     measure hmic-reconcile alone (no Python peers, no write micro-benchmarks)
#   SKIP_BUILD=1                use the binaries already built
#   ONLY=read-xlsx,dump-csv     only these measurements (also read-csv, stages, end-to-end, write); the others of
#                               the last results-N.json are kept
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8
exec python3 Benchmarks/bench.py "$@"
