// libFuzzer target: the Excel 2003 XML (SpreadsheetML) reader: format sniffing, the sheet-list pass and the
// row pass of every sheet found, on the hardened SAX layer.
// Built into the Spreadsheet module's sources by Fuzz/build.sh, so it reaches internal types.

/// Runs `handler` over `bytes` in chunks of `chunk` bytes; only `HMICError` may escape.
private func parse(_ bytes: [UInt8], _ handler: SAXHandler, chunk: Int) -> Bool {
    do {
        try SAXParser.parse(file: "fuzz.xml", part: nil, handler: handler) { consume in
            try bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = min(chunk, raw.count - offset)
                    try consume(UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + n)]))
                    offset += n
                }
            }
        }
        return true
    } catch let error as HMICError {
        precondition(error.code == .badData || error.code == .ioFailure, "unexpected error code \(error.code)")
        return false
    } catch {
        preconditionFailure("unexpected error type: \(error)")
    }
}

/// One fuzz input: sniffed, then read as SpreadsheetML the way `SpreadsheetMLDocument` reads a file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSpreadsheetML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard size > 0, let data else { return 0 }
    let chunk = Int(data[0] % 64) + 1
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    _ = SpreadsheetFile.isSpreadsheetML(bytes)
    _ = try? SpreadsheetFile.sniff(head: Array(bytes.prefix(4096)), path: "fuzz.xml")
    let sheets = SpreadsheetMLSheetsHandler()
    guard parse(bytes, sheets, chunk: chunk) || !sheets.sheets.isEmpty else { return 0 }
    for index in 0..<min(sheets.sheets.count, 4) {
        var last = 0
        let rows = SpreadsheetMLRowsHandler(file: "fuzz.xml", sheetIndex: index, sheetName: sheets.sheets[index].name) {
            row in
            precondition(row.number > last, "row numbers must increase")
            precondition(row.number <= ExcelLimits.rows, "row \(row.number) outside the grid")
            precondition(row.cells.count <= ExcelLimits.columns, "\(row.cells.count) cells outside the grid")
            last = row.number
        }
        _ = parse(bytes, rows, chunk: chunk)
    }
    return 0
}
