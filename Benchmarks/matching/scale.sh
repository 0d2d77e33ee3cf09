#!/usr/bin/env bash
# Scale benchmark for matching (rules §3): registers and national portal exports with no references at all, so
# every pair must be found by wording. For each size it times the whole command (CSV in, workbook and JSON out)
# under GNU time for wall clock, CPU and peak memory, then the matcher alone, and prints a Markdown table.
#
#   Benchmarks/matching/scale.sh                 # sizes 10500 31500 105000 findings (about 10k, 30k, 100k records a side)
#   SIZES="10500 105000" Benchmarks/matching/scale.sh
#
# Needs GNU time (Debian package `time`). Quote ratios, not single times: the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=${SIZES:-"10500 31500 105000"}
work=${WORK:-/tmp/hmic-matching-bench}
mkdir -p "$work"
swift build -c release >/dev/null

field() { grep -F "$1" "$2" | head -1 | sed 's/.*: //'; }
seconds() { awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }' <<<"$1"; }

echo "| findings | register records | portal records (force) | wall s | user+sys s | peak RSS MB | matching s |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for n in $sizes; do
    dir="$work/$n"
    .build/release/make-messy --size "$n" --no-references --out "$dir" >/dev/null
    /usr/bin/time -v .build/release/hmic-reconcile reconcile --register "$dir/register.csv" --portal "$dir/portal.csv" \
        --force Cleveland --as-of 2026-11-30 --output "$dir/out.xlsx" --json "$dir/out.json" 2>"$dir/time.txt" || true
    wall=$(seconds "$(field 'Elapsed (wall clock)' "$dir/time.txt")")
    cpu=$(awk -v u="$(field 'User time' "$dir/time.txt")" -v s="$(field 'System time' "$dir/time.txt")" 'BEGIN { print u + s }')
    rss=$(awk -v k="$(field 'Maximum resident' "$dir/time.txt")" 'BEGIN { printf "%.0f", k / 1024 }')
    eval=$(.build/release/make-messy --evaluate "$n" --no-references)
    records=$(sed -n 's/.*: \([0-9]*\) register records, \([0-9]*\) portal records.*/\1 \2/p' <<<"$eval")
    matching=$(sed -n 's/^Matching took \([0-9.]*\) s.*/\1/p' <<<"$eval")
    echo "| $n | ${records% *} | ${records#* } | $wall | $cpu | $rss | $matching |"
done
