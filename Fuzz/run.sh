#!/bin/sh
# Runs one libFuzzer target for a set time on one core: Fuzz/run.sh TARGET SECONDS
#   TARGET is csv, sheetxml or spreadsheetml. The corpus grows in Fuzz/corpus/TARGET (seeded from samples/ and
#   the shared test corpus); crashes land in Fuzz/artifacts/TARGET/ and each must become a regression test in
#   Tests/SpreadsheetTests/FuzzRegressionTests.swift. The last lines printed give executions and the crash count.
set -eu
target=${1:?usage: Fuzz/run.sh csv|sheetxml|spreadsheetml SECONDS}
seconds=${2:?usage: Fuzz/run.sh TARGET SECONDS}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
binary=$("$here/build.sh" "$target" | tail -n 1)
corpus="$here/corpus/$target"
artifacts="$here/artifacts/$target"
mkdir -p "$corpus" "$artifacts"
"$here/seed.sh" "$target" "$corpus"
log="$here/artifacts/$target.log"
# With -jobs, libFuzzer runs its worker as a child that logs to fuzz-0.log in the working directory.
cd "$artifacts"
rm -f fuzz-0.log
set +e
# -rss_limit_mb: a reader that needs more than 1 GB for a small input is a bug as well.
ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 "$binary" "$corpus" \
    -max_total_time="$seconds" -jobs=1 -workers=1 -max_len=65536 -timeout=10 -rss_limit_mb=1024 \
    -dict="$here/Targets/xml.dict" -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1
status=$?
set -e
crashes=$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
[ -f fuzz-0.log ] && mv fuzz-0.log "$here/artifacts/$target.worker.log" && cat "$here/artifacts/$target.worker.log" >>"$log"
runs=$(grep -E '^stat::number_of_executed_units' "$log" | tail -n 1 | awk '{print $2}')
echo "target=$target seconds=$seconds executions=${runs:-unknown} crashes=$crashes status=$status corpus=$(ls "$corpus" | wc -l) log=$log"
[ "$crashes" -eq 0 ]
