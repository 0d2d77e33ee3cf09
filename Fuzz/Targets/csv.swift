// libFuzzer target: the CSV reader (encoding detection, separator sniffing, RFC 4180 parsing, limits).
// Built into the Spreadsheet module's sources by Fuzz/build.sh, so it reaches internal types.

/// Small limits so that the limit paths are reached by small inputs as well as the parsing paths.
private let smallLimits = CSVLimits(maxFieldsPerRecord: 64, maxRecords: 256, maxFieldLength: 128)

/// One fuzz input: read as a CSV file with Excel's limits and with small ones; only `HMICError` may escape.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    for limits in [CSVLimits.excel, smallLimits] {
        do {
            let document = try CSVDocument(path: "fuzz.csv", bytes: bytes, limits: limits)
            var rows = 0
            var lastLine = 0
            try document.forEachRow(inSheet: 0) { row in
                precondition(row.number > lastLine, "record lines must increase")
                precondition(row.cells.count <= limits.maxFieldsPerRecord, "field cap not applied")
                precondition(row.cells.contains { $0 != nil }, "a blank record was delivered")
                for case .string(let s)? in row.cells {
                    precondition(s.utf16.count <= limits.maxFieldLength, "field-length cap not applied")
                }
                lastLine = row.number
                rows += 1
            }
            precondition(rows <= limits.maxRecords, "record cap not applied")
        } catch let error as HMICError {
            precondition(error.code == .badData, "unexpected error code \(error.code)")
            precondition(!error.description.isEmpty)
        } catch {
            preconditionFailure("unexpected error type: \(error)")
        }
    }
    return 0
}
