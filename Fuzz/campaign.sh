#!/bin/sh
# Runs every fuzz target one after another for SECONDS each (default 600) and prints one summary line each:
# Fuzz/campaign.sh [SECONDS]
set -u
here=$(cd "$(dirname "$0")" && pwd)
seconds=${1:-600}
failed=0
for target in csv sheetxml spreadsheetml xlsx; do
    "$here/run.sh" "$target" "$seconds" || failed=1
done
exit $failed
