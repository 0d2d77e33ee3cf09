// libFuzzer target: the worksheet XML parser (SheetHandler on the hardened SAX layer), plus the other XLSX
// part handlers (shared strings, styles, workbook, relationships) on the same bytes.
// Built into the Spreadsheet module's sources by Fuzz/build.sh, so it reaches internal types.

/// Feeds `bytes` to the SAX parser in chunks whose size the input's first byte chooses, so that chunk
/// boundaries fall everywhere (the readers stream parts 256 KiB at a time from the zip).
private func feed(_ bytes: [UInt8], chunk: Int) -> ((UnsafeRawBufferPointer) throws -> Void) throws -> Void {
    return { consume in
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = min(chunk, raw.count - offset)
                try consume(UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + n)]))
                offset += n
            }
        }
    }
}

/// Runs `handler` over `bytes`; only `HMICError` and the handlers' own markers may escape.
private func parse(_ bytes: [UInt8], _ handler: SAXHandler, chunk: Int) {
    do {
        try SAXParser.parse(
            file: "fuzz.xlsx", part: "xl/worksheets/sheet1.xml", handler: handler, feed: feed(bytes, chunk: chunk))
    } catch let error as HMICError {
        precondition(error.code == .badData || error.code == .ioFailure, "unexpected error code \(error.code)")
    } catch is SharedStringsHandler.TooMany {
    } catch {
        preconditionFailure("unexpected error type: \(error)")
    }
}

/// One fuzz input: the bytes as a worksheet part (rows checked against Excel's grid), then as the other parts.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSheetXML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard size > 0, let data else { return 0 }
    let chunk = Int(data[0] % 64) + 1
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let strings: SharedStrings = ["zero", "one", "", "three"]
    let styles: [NumberKind] = [.number, .date, .duration]
    for date1904 in [false, true] {
        var rows = 0
        let sheet = SheetHandler(
            file: "fuzz.xlsx", sheet: "Data", sharedStrings: strings, styles: styles, date1904: date1904
        ) { row in
            precondition(row.number >= 1 && row.number <= ExcelLimits.rows, "row \(row.number) outside the grid")
            precondition(row.cells.count <= ExcelLimits.columns, "\(row.cells.count) cells outside the grid")
            precondition(row.cells.contains { $0 != nil }, "an empty row was delivered")
            rows += 1
        }
        parse(bytes, sheet, chunk: date1904 ? 1 << 18 : chunk)
        sheet.finish()
        _ = rows
    }
    parse(bytes, SharedStringsHandler(), chunk: chunk)
    parse(bytes, StylesHandler(), chunk: chunk)
    parse(bytes, WorkbookHandler(), chunk: chunk)
    let rels = RelationshipsHandler()
    parse(bytes, rels, chunk: chunk)
    for r in rels.relationships { _ = PartName.resolve(r.target, from: "xl/workbook.xml") }
    return 0
}
