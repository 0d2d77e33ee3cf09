#!/bin/sh
# Seeds a fuzz corpus folder with small real inputs: Fuzz/seed.sh TARGET FOLDER (files already there are kept).
set -eu
target=$1
corpus=$2
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
shared="$root/../shared/corpus"
[ -d "$shared" ] || shared=/work/shared/corpus
cp -n "$here"/Seeds/"$target"/* "$corpus"/ 2>/dev/null || true
case "$target" in
csv)
    head -c 4000 "$root/samples/register.csv" >"$corpus/seed-register.csv"
    head -c 4000 "$root/samples/portal.csv" >"$corpus/seed-portal.csv"
    if [ -d "$shared/csv" ]; then
        find "$shared/csv" -name '*.csv' -size -16k | head -n 60 | while read -r f; do
            cp -n "$f" "$corpus/seed-$(echo "$f" | md5sum | cut -c1-12).csv"
        done
    fi
    ;;
sheetxml)
    # A first byte chooses the chunk size; then a worksheet part from the samples and the shared corpus.
    for f in "$root/samples/register.xlsx" "$root/samples/portal.xlsx"; do
        { printf 'A'; unzip -p "$f" xl/worksheets/sheet1.xml | head -c 60000; } >"$corpus/seed-$(basename "$f").xml"
        { printf 'B'; unzip -p "$f" xl/sharedStrings.xml | head -c 60000; } >"$corpus/seed-sst-$(basename "$f").xml"
    done
    if [ -d "$shared/xlsx" ]; then
        find "$shared/xlsx" -name '*.xlsx' -size -64k | sort | head -n 40 | while read -r f; do
            name=$(echo "$f" | md5sum | cut -c1-12)
            { printf 'C'; unzip -p "$f" xl/worksheets/sheet1.xml 2>/dev/null | head -c 60000; } >"$corpus/seed-$name.xml" || true
            [ -s "$corpus/seed-$name.xml" ] || rm -f "$corpus/seed-$name.xml"
        done
    fi
    ;;
xlsx)
    cp -n "$root/samples/portal.xlsx" "$corpus/seed-portal.xlsx"
    if [ -d "$shared/xlsx" ]; then
        find "$shared/xlsx" -name '*.xlsx' -size -24k | sort | head -n 40 | while read -r f; do
            cp -n "$f" "$corpus/seed-$(echo "$f" | md5sum | cut -c1-12).xlsx"
        done
    fi
    ;;
spreadsheetml)
    if [ -d "$shared" ]; then
        grep -rl --include='*.xml' '<Workbook' "$shared" 2>/dev/null | head -n 20 | while read -r f; do
            { printf 'A'; head -c 60000 "$f"; } >"$corpus/seed-$(echo "$f" | md5sum | cut -c1-12).xml"
        done
    fi
    ;;
esac
