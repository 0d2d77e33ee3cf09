import CXLSXWriter
import Foundation

/// What File ▸ Info shows for a written workbook. `created` is pinned so that the same content gives the same bytes.
public struct DocumentProperties: Hashable, Sendable {
    public var title: String
    public var subject: String
    public var author: String
    public var company: String
    public var comments: String
    /// Recorded as midnight UTC of this day; never the clock time of the run.
    public var created: CalendarDate

    /// Properties for a workbook; empty strings are left out of the file.
    public init(
        title: String = "", subject: String = "", author: String = "", company: String = "",
        comments: String = "", created: CalendarDate
    ) {
        self.title = title
        self.subject = subject
        self.author = author
        self.company = company
        self.comments = comments
        self.created = created
    }
}

/// Writes one XLSX workbook through libxlsxwriter: add sheets, write them, then `close()` to produce the file.
///
/// Sheets added with `streamed: true` have their cells encoded and deflated by this library while they are
/// written (on every core); at `close()` libxlsxwriter writes the package with those sheets empty (the "frame"),
/// and `PackageSplicer` copies it into the final file with the rows in place.
///
/// The file appears only when `close()` succeeds: the workbook is assembled in a private staging folder beside
/// `path` (`StagingFolder`) and renamed over it, so a failed run never leaves a half-written file or damages the one
/// there, and a link planted at a temporary name is never followed. A writer given a `stagedAt` path finishes there
/// instead, for a caller that moves several outputs into place together (`StagedOutputs`). A writer that is never
/// closed writes nothing. Not thread-safe: use one writer from one thread.
public final class WorkbookWriter {
    /// The output path as the caller gave it, used in every error.
    public let path: String
    /// True when rows are flushed to disk as they are finished: rows must then be written in ascending order.
    public let constantMemory: Bool

    let workbook: UnsafeMutablePointer<lxw_workbook>
    /// Where `close()` leaves the finished workbook: `stagedAt`, or a file in this writer's own staging folder,
    /// which `close()` then moves to `path`.
    let destination: String
    /// The staging folder this writer made for itself when not given `stagedAt`; removed when the writer goes.
    private let ownStaging: StagingFolder?
    /// Where the finished file is assembled before it is renamed to `destination`: beside it, in the staging folder.
    let temporaryPath: String
    /// Where libxlsxwriter writes the package before the streamed sheets' rows are spliced in.
    let framePath: String
    /// The streamed sheets: worksheet part name and the sheet's row stream.
    private var streamed: [(part: String, stream: SheetDataStream)] = []
    private var worksheetCount = 0
    /// The streamed sheets' deflaters, grouped so that only the sheet being written holds chunks.
    private let deflaters = DeflaterGroup()
    private var formats: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]
    /// Lower-cased names of the sheets added so far: Excel compares sheet names without case.
    private(set) var sheetNames: Set<String> = []
    /// C strings handed to libxlsxwriter that must outlive the calls (chart names, validation lists, properties).
    private var retained: [UnsafeMutablePointer<CChar>] = []
    private(set) var isClosed = false

    /// Starts a workbook that `close()` will write to `path`, or leave at `stagedAt` (a path in a staging folder)
    /// for the caller to move to `path`. Fails with `.cannotCreate` when the directory does not exist or cannot be
    /// written, or `path` is a directory.
    public init(path: String, properties: DocumentProperties, constantMemory: Bool = false, stagedAt: String? = nil)
        throws
    {
        self.path = path
        self.constantMemory = constantMemory
        // libxlsxwriter prints numbers with %.16G, which follows LC_NUMERIC: a comma-decimal locale would
        // write "0,5" into the XML. The setting is process-wide; nothing in this tool wants another.
        setlocale(LC_NUMERIC, "C")

        guard !path.isEmpty else { throw HMICError(.cannotCreate, file: path, "the output path is empty") }
        guard !path.utf8.contains(0) else {
            throw HMICError(.cannotCreate, file: path, "the output path contains a NUL character")
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw HMICError(.cannotCreate, file: path, "the directory '\(directory)' does not exist")
        }
        guard access(directory, W_OK | X_OK) == 0 else {
            throw HMICError(
                .cannotCreate, file: path, "the directory '\(directory)' cannot be written to; check its permissions")
        }
        guard !base.isEmpty,
            !(FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue)
        else {
            throw HMICError(
                .cannotCreate, file: path, "the output path is a directory; give a file name ending in .xlsx")
        }
        if let stagedAt {
            ownStaging = nil
            destination = stagedAt
        } else {
            let staging = try StagingFolder(in: directory, for: path)
            ownStaging = staging
            destination = staging.file(named: base)
        }
        temporaryPath = AtomicFile.partialPath(for: destination)
        framePath = AtomicFile.partialPath(for: destination, step: "frame")

        var options = lxw_workbook_options()
        options.constant_memory = constantMemory ? 1 : 0
        options.use_zip64 = 0
        // libxlsxwriter's own scratch files follow TMPDIR too; it keeps a copy of the string.
        let spoolFolder = strdup(TemporarySpool.folder)!
        defer { free(spoolFolder) }
        options.tmpdir = spoolFolder
        guard let workbook = workbook_new_opt(framePath, &options) else {
            throw HMICError(.cannotCreate, file: path, "libxlsxwriter could not start a workbook (out of memory?)")
        }
        self.workbook = workbook

        var props = lxw_doc_properties()
        props.title = retain(properties.title)
        props.subject = retain(properties.subject)
        props.author = retain(properties.author)
        props.company = retain(properties.company)
        props.comments = retain(properties.comments)
        // 0 means "now" to libxlsxwriter, so the epoch itself is nudged by a second.
        props.created = time_t(max(properties.created.daysSinceEpoch * 86_400, 1))
        let error = workbook_set_properties(workbook, &props)
        if error != LXW_NO_ERROR {
            lxw_workbook_free(workbook)
            freeRetained()
            throw HMICError(
                Self.code(of: error), file: path, "cannot set the document properties: \(Self.describe(error))",
                cause: SystemCallError(call: "workbook_set_properties", code: Int32(error.rawValue), errno: nil))
        }
    }

    deinit {
        if !isClosed { lxw_workbook_free(workbook) }
        freeRetained()
    }

    /// Adds a worksheet named `name`, which must be a valid Excel sheet name (see `checkSheetName`). A `streamed`
    /// sheet takes rows in ascending order only and no merged cells, and writes its cells many times faster.
    public func addSheet(named name: String, streamed: Bool = false) throws -> SheetWriter {
        try checkOpen(sheet: name)
        if let problem = Self.sheetNameProblem(name) {
            throw HMICError(.badData, file: path, sheet: name, "invalid sheet name: \(problem)")
        }
        guard !sheetNames.contains(name.lowercased()) else {
            throw HMICError(
                .badData, file: path, sheet: name, "there is already a sheet with this name (Excel ignores case)")
        }
        let sheet: UnsafeMutablePointer<lxw_worksheet>? = name.withCString { cName in
            let error = workbook_validate_sheet_name(workbook, cName)
            return error == LXW_NO_ERROR ? workbook_add_worksheet(workbook, cName) : nil
        }
        guard let sheet else {
            let error = name.withCString { workbook_validate_sheet_name(workbook, $0) }
            throw HMICError(
                Self.code(of: error), file: path, sheet: name, "cannot add the sheet: \(Self.describe(error))",
                cause: SystemCallError(call: "workbook_validate_sheet_name", code: Int32(error.rawValue), errno: nil))
        }
        sheetNames.insert(name.lowercased())
        worksheetCount += 1
        let stream = streamed ? SheetDataStream(deflater: try ChunkedDeflater(path: path, group: deflaters)) : nil
        let writer = SheetWriter(workbook: self, sheet: sheet, name: name, stream: stream)
        // libxlsxwriter names worksheet parts by their position among the worksheets.
        if let stream { self.streamed.append(("xl/worksheets/sheet\(worksheetCount).xml", stream)) }
        return writer
    }

    /// Writes the workbook to `path`. Afterwards the writer and its sheets accept nothing more.
    /// Fails with `.cannotCreate` when the file cannot be created and `.ioFailure` for other write failures.
    public func close() throws {
        try checkOpen(sheet: nil)
        isClosed = true
        // Done or failed, nothing of this writer's own staging folder outlives the close.
        defer { ownStaging?.remove() }
        var rows: [PackageSplicer.SheetRows] = []
        do {
            for (part, stream) in streamed {
                let deflated = try stream.finish()
                guard stream.lastRow >= 0 else { continue }
                let dimension =
                    cellReference(row: stream.firstRow + 1, column: stream.firstColumn) + ":"
                    + cellReference(row: stream.lastRow + 1, column: stream.lastColumn)
                rows.append(PackageSplicer.SheetRows(part: part, rows: deflated, dimension: dimension))
            }
        } catch {
            lxw_workbook_free(workbook)
            freeRetained()
            throw error
        }
        errno = 0
        // workbook_close frees the workbook whatever it returns.
        let error = workbook_close(workbook)
        let closeFailure = SystemCallError(call: "workbook_close", code: Int32(error.rawValue))
        freeRetained()
        guard error == LXW_NO_ERROR else {
            unlink(framePath)
            let code: HMICError.Code = error == LXW_ERROR_CREATING_XLSX_FILE ? .cannotCreate : .ioFailure
            let errnoText = closeFailure.reason.map { " (\($0))" } ?? ""
            throw HMICError(
                code, file: path, "cannot write the workbook: \(Self.describe(error))\(errnoText)", cause: closeFailure)
        }
        if rows.isEmpty {
            guard rename(framePath, temporaryPath) == 0 else {
                let cause = SystemCallError(call: "rename")
                unlink(framePath)
                throw HMICError(
                    .cannotCreate, file: path, "cannot put the workbook in place: \(cause.reason ?? "unknown reason")",
                    cause: cause)
            }
        } else {
            defer { unlink(framePath) }
            do {
                try PackageSplicer.splice(frame: framePath, into: temporaryPath, sheets: rows, path: path)
            } catch {
                unlink(temporaryPath)
                throw error
            }
        }
        guard rename(temporaryPath, destination) == 0 else {
            let cause = SystemCallError(call: "rename")
            unlink(temporaryPath)
            throw HMICError(
                .cannotCreate, file: path, "cannot put the workbook in place: \(cause.reason ?? "unknown reason")",
                cause: cause)
        }
        if ownStaging != nil { try StagingFolder.install(destination, at: path) }
    }

    /// Nil when `name` can name a sheet; otherwise why not. Excel's rules: 1 to 31 characters, none of
    /// `[ ] : * ? / \`, not starting or ending with an apostrophe.
    public static func sheetNameProblem(_ name: String) -> String? {
        if name.isEmpty { return "a sheet name cannot be empty" }
        if name.utf16.count > 31 { return "'\(name)' is longer than 31 characters" }
        if let bad = name.first(where: { "[]:*?/\\".contains($0) }) {
            return "'\(name)' contains '\(bad)'; sheet names cannot contain [ ] : * ? / \\"
        }
        if name.hasPrefix("'") || name.hasSuffix("'") { return "'\(name)' starts or ends with an apostrophe" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 }) { return "'\(name)' contains a control character" }
        return nil
    }

    /// Turns any text into a valid sheet name: forbidden characters become `_`, the result is cut to 31
    /// characters and stripped of edge apostrophes; an empty result becomes `fallback`.
    public static func sanitizedSheetName(_ text: String, fallback: String = "Sheet") -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append("[]:*?/\\".unicodeScalars.contains(scalar) || scalar.value < 0x20 ? "_" : scalar)
        }
        var name = String(scalars)
        while name.utf16.count > 31 { name.removeLast() }
        while name.hasPrefix("'") { name.removeFirst() }
        while name.hasSuffix("'") { name.removeLast() }
        return name.isEmpty ? fallback : name
    }

    // MARK: - Internals shared with SheetWriter

    /// The cached libxlsxwriter format for `style`; nil (the default format) for nil or plain.
    func format(for style: CellStyle?, sheet: String, row: Int?, column: Int?) throws -> UnsafeMutablePointer<
        lxw_format
    >? {
        guard let style, style != .plain else { return nil }
        if let cached = formats[style] { return cached }
        if let problem = style.problem {
            throw HMICError(
                .badData, file: path, sheet: sheet, row: row, column: column, "invalid cell style: \(problem)")
        }
        guard let format = workbook_add_format(workbook) else {
            throw HMICError(
                .ioFailure, file: path, sheet: sheet, row: row, column: column, "out of memory adding a cell format")
        }
        if style.bold { format_set_bold(format) }
        if style.italic { format_set_italic(format) }
        if let size = style.fontSize { format_set_font_size(format, size) }
        if let color = style.fontColor { format_set_font_color(format, Self.color(color)) }
        if let color = style.fillColor {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, Self.color(color))
        }
        if style.wrap { format_set_text_wrap(format) }
        switch style.horizontal {
        case .general: break
        case .left: format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
        }
        switch style.vertical {
        case .bottom: break
        case .top: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        }
        if style.border == .thin { format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue)) }
        if let code = style.numberFormat { format_set_num_format(format, code) }
        if style.indent > 0 { format_set_indent(format, UInt8(style.indent)) }
        if !style.locked { format_set_unlocked(format) }
        formats[style] = format
        return format
    }

    /// A copy of `text` that lives until the workbook is closed; nil for empty text, which libxlsxwriter
    /// must never receive where it expects a name.
    func retain(_ text: String) -> UnsafeMutablePointer<CChar>? {
        guard !text.isEmpty, let copy = strdup(text) else { return nil }
        retained.append(copy)
        return copy
    }

    func checkOpen(sheet: String?) throws {
        if isClosed {
            throw HMICError(.internalError, file: path, sheet: sheet, "the workbook has already been closed")
        }
    }

    private func freeRetained() {
        for pointer in retained { free(pointer) }
        retained.removeAll()
    }

    /// libxlsxwriter reads 0x000000 as "no colour", so black is passed as its own constant.
    static func color(_ rgb: UInt32) -> lxw_color_t {
        rgb == 0 ? lxw_color_t(LXW_COLOR_BLACK.rawValue) : lxw_color_t(rgb)
    }

    /// libxlsxwriter's own words for `error`.
    static func describe(_ error: lxw_error) -> String {
        guard let text = lxw_strerror(error) else { return "libxlsxwriter error \(error.rawValue)" }
        return String(cString: text)
    }

    /// Resource failures are input/output failures; anything else is content the library refused.
    static func code(of error: lxw_error) -> HMICError.Code {
        switch error {
        case LXW_ERROR_CREATING_XLSX_FILE: return .cannotCreate
        case LXW_ERROR_MEMORY_MALLOC_FAILED, LXW_ERROR_CREATING_TMPFILE, LXW_ERROR_READING_TMPFILE,
            LXW_ERROR_ZIP_FILE_OPERATION, LXW_ERROR_ZIP_PARAMETER_ERROR, LXW_ERROR_ZIP_BAD_ZIP_FILE,
            LXW_ERROR_ZIP_INTERNAL_ERROR, LXW_ERROR_ZIP_FILE_ADD, LXW_ERROR_ZIP_CLOSE:
            return .ioFailure
        default: return .badData
        }
    }
}
