import Foundation
import Reconciliation
import Spreadsheet

/// The update forms as leads returned them (rules §9), read by their content: renamed files, rows sorted or
/// deleted, extra columns, Excel or LibreOffice saves. A file that cannot be read as a form becomes a problem with
/// a message, never a failed run; an update is never dropped.
public struct ReturnedForms: Sendable {
    /// Every filled-in item row, in the order read (files by path, rows down the sheet).
    public var updates: [ItemUpdate] = []
    /// Files that were not read as forms, or were read with a note.
    public var problems: [FormProblem] = []
    /// The files read as forms.
    public var forms: [String] = []

    public init() {}

    /// Reads every form among `paths` (files, or folders whose spreadsheets are read). A path that does not exist
    /// is refused as a missing input.
    public static func read(paths: [String]) throws -> ReturnedForms {
        var forms = ReturnedForms()
        for file in try files(in: paths) { forms.readForm(file) }
        return forms
    }

    /// The files `paths` name, folders expanded to their files in name order, leaving out hidden files and the
    /// lock files Excel (`~$…`) and LibreOffice (`.~lock…`) leave beside an open file.
    static func files(in paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw HMICError(.unreadable, file: path, "no such file or folder of returned update forms")
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
            } catch {
                throw HMICError(.unreadable, file: path, "the folder of returned forms cannot be listed", cause: error)
            }
            for name in names where !name.hasPrefix(".") && !name.hasPrefix("~$") {
                files.append((path as NSString).appendingPathComponent(name))
            }
        }
        return files
    }

    /// Reads one file, adding its updates, or a problem saying why it is not read as a form. The file's content
    /// decides, not its name: a form renamed without its extension is still read.
    mutating func readForm(_ file: String) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue { return }
        do {
            if Self.isOpenDocument(file) {
                return problems.append(
                    FormProblem(
                        file: file,
                        message: "saved in OpenDocument format (.ods): open it in LibreOffice and save it as "
                            + "Excel 2007-365 (.xlsx), then run again"))
            }
            let format = try SpreadsheetFile.sniff(path: file)
            guard format != .csv || (file as NSString).pathExtension.lowercased() == "csv" else {
                return problems.append(FormProblem(file: file, message: "not a spreadsheet: skipped"))
            }
            let document = try SpreadsheetFile.open(path: file)
            var reader = FormReader(document: document)
            try reader.read()
            updates += reader.updates
            problems += reader.notes.map { FormProblem(file: file, message: $0) }
            if reader.isForm { forms.append(file) }
        } catch let error as HMICError {
            problems.append(FormProblem(file: file, message: "cannot be read: \(error.message)"))
        } catch {
            problems.append(FormProblem(file: file, message: "cannot be read: \(error)"))
        }
    }

    /// True for an OpenDocument file (a zip whose first entry, `mimetype`, names an OpenDocument type).
    static func isOpenDocument(_ file: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: file) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 128)) ?? Data()
        return head.starts(with: [0x50, 0x4B, 0x03, 0x04])
            && String(decoding: head, as: UTF8.self).contains("application/vnd.oasis.opendocument")
    }
}

/// Reads one opened file as an update form: who it is for and as at when (the Instructions sheet), and each
/// filled-in row of the Update sheet, columns found by title.
struct FormReader {
    let document: any SpreadsheetDocument
    private(set) var lead = ""
    private(set) var round: CalendarDate?
    private(set) var updates: [ItemUpdate] = []
    private(set) var notes: [String] = []
    private(set) var isForm = false

    init(document: any SpreadsheetDocument) {
        self.document = document
    }

    mutating func read() throws {
        let identityNote = try readIdentity()
        // Every sheet with the form's columns is read, not only "Update": rows someone copied onto a sheet of their
        // own are updates too.
        var sheetsRead: [String] = []
        for sheet in document.sheets.indices {
            var rows: [ItemUpdate] = []
            let missing = try TitledRows.read(
                document, sheet: sheet, required: [FormLayout.Item.id, FormLayout.Lead.position],
                wanted: FormLayout.columns.filter(\.board).map(\.title)
            ) { row in
                let update = makeUpdate(row)
                if !update.isEmpty { rows.append(update) }
            }
            guard let missing else { continue }
            sheetsRead.append(document.sheets[sheet].name)
            updates += rows
            if !missing.isEmpty {
                notes.append(
                    "sheet '\(document.sheets[sheet].name)' has lost its column(s) \(missing.joined(separator: ", "))")
            }
        }
        guard !sheetsRead.isEmpty else {
            return notes.append(
                "not an update form: no sheet has '\(FormLayout.Item.id)' and '\(FormLayout.Lead.position)' columns")
        }
        isForm = true
        if let identityNote { notes.append(identityNote) }
        if sheetsRead.count > 1 {
            notes.append("updates read from \(sheetsRead.count) sheets: \(sheetsRead.joined(separator: ", "))")
        }
        if updates.isEmpty { notes.append("no item has been filled in") }
    }

    /// The lead and the date from the Instructions sheet's identity block; a note when it is missing or not ours.
    private mutating func readIdentity() throws -> String? {
        guard let sheet = TitledRows.sheet(named: FormLayout.instructionsSheet, in: document) else {
            return "the Instructions sheet is missing, so the form's lead and date are unknown"
        }
        var marker = ""
        try document.forEachRow(inSheet: sheet) { row in
            guard let label = row.cells.first??.text, row.cells.count > 1, let value = row.cells[1] else { return }
            switch label.trimmingCharacters(in: .whitespaces) {
            case FormLayout.Label.form: marker = value.text
            case FormLayout.Label.lead: lead = value.text.trimmingCharacters(in: .whitespacesAndNewlines)
            case FormLayout.Label.round: round = DateText.date(from: value)
            default: break
            }
        }
        guard marker == FormLayout.formMarker else {
            lead = ""
            round = nil
            return "the Instructions sheet does not say it is an \(FormLayout.formMarker): lead and date unknown"
        }
        return nil
    }

    /// A row's cells as an update.
    private func makeUpdate(_ row: TitledRow) -> ItemUpdate {
        let expected = row.cell(FormLayout.Lead.expectedCompletion)
        let expectedDate = expected.flatMap(DateText.date(from:))
        return ItemUpdate(
            itemID: row.text(FormLayout.Item.id), reference: row.text(FormLayout.Item.reference), lead: lead,
            round: round, file: document.path, row: row.row.number, positionText: row.text(FormLayout.Lead.position),
            done: row.text(FormLayout.Lead.done), impact: row.text(FormLayout.Lead.impact),
            evidence: row.text(FormLayout.Lead.evidence), ongoing: row.text(FormLayout.Lead.ongoing),
            expectedCompletion: expectedDate,
            expectedCompletionText: expectedDate == nil ? row.text(FormLayout.Lead.expectedCompletion) : "",
            proposeClosureText: row.text(FormLayout.Lead.proposeClosure))
    }
}
