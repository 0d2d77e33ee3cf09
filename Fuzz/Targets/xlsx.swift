// libFuzzer target: the XLSX reader end to end: minizip on arbitrary bytes, the zip-bomb limits, the package
// relationships, workbook, shared strings, styles and every worksheet. The input is written to a file in
// /dev/shm (minizip reads files), then opened as `XLSXDocument` with small zip limits so that the limit paths are
// reached by small inputs.
// Built into the Spreadsheet module's sources by Fuzz/build.sh, so it reaches internal types.
#if canImport(Glibc)
    import Glibc
#endif

private let path: String = {
    let dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
    return "\(dir)/hmic-fuzz-xlsx-\(getpid()).xlsx"
}()

private var smallLimits: ZipLimits = {
    var limits = ZipLimits()
    limits.maxPartBytes = 8 << 20
    limits.maxTotalBytes = 16 << 20
    limits.ratioGraceBytes = 64 << 10
    limits.maxEntries = 200
    return limits
}()

/// One fuzz input: written to a file and read as a workbook; only `HMICError` may escape.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSX(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let file = fopen(path, "wb") else { return 0 }
    if size > 0, let data { fwrite(data, 1, size, file) }
    fclose(file)
    do {
        let document = try XLSXDocument(path: path, limits: smallLimits)
        for index in document.sheets.indices.prefix(4) {
            try document.forEachRow(inSheet: index) { row in
                precondition(row.number >= 1 && row.number <= ExcelLimits.rows, "row \(row.number) outside the grid")
                precondition(row.cells.count <= ExcelLimits.columns, "\(row.cells.count) cells outside the grid")
            }
        }
    } catch let error as HMICError {
        precondition(
            error.code == .badData || error.code == .unreadable, "unexpected error code \(error.code): \(error)")
    } catch {
        preconditionFailure("unexpected error type: \(error)")
    }
    return 0
}
