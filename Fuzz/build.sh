#!/bin/sh
# Builds one libFuzzer target (csv, sheetxml or spreadsheetml) into Fuzz/.build/TARGET, outside SwiftPM:
# the Spreadsheet library's sources and the target's entry point compiled as one module with
# -sanitize=fuzzer,address, so `swift build` never sees it.
set -eu
target=${1:?usage: Fuzz/build.sh csv|sheetxml|spreadsheetml|xlsx}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
entry="$here/Targets/$target.swift"
[ -f "$entry" ] || { echo "no such fuzz target: $target (see $here/Targets)" >&2; exit 64; }
mkdir -p "$here/.build"
# shellcheck disable=SC2046
swiftc -module-name Spreadsheet -parse-as-library -swift-version 5 \
    -sanitize=fuzzer,address -O -g \
    -I "$root/Sources/CLibXML2" -I "$root/Sources/CMinizip" -I "$root/Sources/CXLSXWriter" \
    $(pkg-config --cflags-only-I libxml-2.0 minizip xlsxwriter | sed 's/-I/-Xcc -I/g') \
    $(find "$root/Sources/Spreadsheet" -name '*.swift' | sort) "$entry" \
    -o "$here/.build/$target" 2>&1 | grep -v "Cannot export local symbol" >&2 || true
[ -x "$here/.build/$target" ] || { echo "building $target failed" >&2; exit 1; }
echo "$here/.build/$target"
