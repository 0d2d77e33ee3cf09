import Foundation

/// Opens spreadsheet files of any supported format, choosing the reader by the file's first bytes.
public enum SpreadsheetFile {
    /// Tells the format from content: a zip is XLSX, an XML document with a `Workbook` root is SpreadsheetML,
    /// an OLE compound file is refused with advice, anything else is read as CSV.
    public static func sniff(path: String) throws -> SpreadsheetFormat {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw HMICError(
                .unreadable, file: path,
                FileManager.default.fileExists(atPath: path)
                    ? "the file cannot be opened for reading; check its permissions"
                    : "no such file")
        }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 4096)) ?? Data())
        return try sniff(head: head, path: path)
    }

    /// Tells the format from the first bytes of a file.
    public static func sniff(head: [UInt8], path: String) throws -> SpreadsheetFormat {
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .xlsx }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw HMICError(
                .badData, file: path,
                "this is an OLE compound file: either a password-protected (encrypted) workbook or a legacy Excel 97-2003 .xls file. "
                    + "Open it in Excel, remove the password if there is one, and save it as an Excel Workbook (.xlsx)")
        }
        if isSpreadsheetML(head) { return .spreadsheetML }
        return .csv
    }

    /// Opens `path` with the reader its content calls for.
    public static func open(path: String) throws -> any SpreadsheetDocument {
        switch try sniff(path: path) {
        case .csv: return try CSVDocument(path: path)
        case .xlsx: return try XLSXDocument(path: path)
        case .spreadsheetML: return try SpreadsheetMLDocument(path: path)
        }
    }

    /// True for XML whose root element is `Workbook` (Excel 2003 XML), looked for in the first bytes.
    static func isSpreadsheetML(_ head: [UInt8]) -> Bool {
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard
            let text = String(bytes: bytes.prefix(4096), encoding: .utf8)
                ?? String(bytes: bytes.prefix(4000), encoding: .isoLatin1),
            text.drop(while: { $0.isWhitespace }).hasPrefix("<")
        else { return false }
        // Skip the XML declaration, processing instructions and comments; the first element decides.
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            let after = rest[rest.index(after: open)...]
            if after.hasPrefix("?") || after.hasPrefix("!") {
                guard let close = after.firstIndex(of: ">") else { return false }
                rest = after[after.index(after: close)...]
                continue
            }
            let name = after.prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" }
            let local = name.split(separator: ":").last ?? ""
            return local == "Workbook"
        }
        return false
    }
}
