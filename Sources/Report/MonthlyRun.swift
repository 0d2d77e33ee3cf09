import Foundation
import Logging
import Reconciliation
import Spreadsheet

/// The monthly run: reads the register and the portal export, keeps the force's portal rows, reconciles them,
/// carries the previous run forward and writes the board's workbook and, on request, the JSON result.
///
/// The command line builds the options from its arguments and maps a thrown `HMICError` to an exit status;
/// tests call the same run in-process.
public struct MonthlyRun {
    /// Where the workbook goes.
    public enum Output: Sendable, Equatable {
        /// This file.
        case file(String)
        /// `reconciliation-YYYY-MM-DD.xlsx` in this folder, named after the as-of date; the newest earlier
        /// workbook there is the previous run unless one is named.
        case folder(String)
    }

    /// Where the JSON result goes.
    public enum JSONDestination: Sendable, Equatable {
        case file(String)
        case standardOutput
    }

    /// What the run reads and writes, as the command line gives it.
    public struct Options: Sendable {
        public var register: String
        public var portal: String
        public var output: Output
        /// The register's sheets; none: the profile's, else every visible sheet with a header row.
        public var registerSheets: [String]
        /// The portal export's sheet; nil: the profile's, else the first with a header row.
        public var portalSheet: String?
        /// Keep this force's rows of a national portal export; nil: the profile's force, if it names one.
        public var force: String?
        /// The date the figures are as at; nil: today.
        public var asOf: CalendarDate?
        /// The workbook of an earlier run to carry forward.
        public var previous: String?
        /// A YAML profile adding header names, spellings and group rules.
        public var profile: String?
        public var json: JSONDestination?
        /// The command line as the Run sheet records it.
        public var arguments: [String]
        /// Returned update forms, files or folders of them (rules §9); empty for a run without an update round.
        public var updates: [String] = []
        /// Accept a previous workbook whose Run sheet names another force (`--previous-of-another-force`).
        public var previousOfAnotherForce = false

        public init(
            register: String, portal: String, output: Output, registerSheets: [String] = [],
            portalSheet: String? = nil, force: String? = nil, asOf: CalendarDate? = nil, previous: String? = nil,
            profile: String? = nil, json: JSONDestination? = nil, arguments: [String] = []
        ) {
            self.register = register
            self.portal = portal
            self.output = output
            self.registerSheets = registerSheets
            self.portalSheet = portalSheet
            self.force = force
            self.asOf = asOf
            self.previous = previous
            self.profile = profile
            self.json = json
            self.arguments = arguments
        }
    }

    /// What the run wrote and found: what the summary line and the exit status need.
    public struct Outcome: Sendable, CustomStringConvertible {
        public var workbook: String
        public var json: JSONDestination?
        /// The previous run carried forward, if any.
        public var previous: String?
        public var registerRecords: Int
        /// The force's portal records, after the force filter.
        public var portalRecords: Int
        public var matched: Int
        public var discrepancies: Int
        /// Discrepancies per severity, as the Summary sheet counts them.
        public var severityLine: String
        /// The highest severity found; nil when there is nothing to report.
        public var highestSeverity: Severity?
        /// "18 of 21 forms returned, …" (`UpdateRound.headline`) for a run with returned forms; nil without.
        public var updateRound: String?
        /// On a rerun for the same month, the files the board's columns came from; empty otherwise.
        public var boardSources: [String] = []

        /// `wrote FILE: 226 register and 209 portal records, 209 matched, 41 discrepancies (…)`, and on a rerun
        /// `; board columns from FILE, …`.
        public var description: String {
            "wrote \(workbook): \(registerRecords) register and \(portalRecords) portal records, "
                + "\(matched) matched, \(discrepancies) discrepancies (\(severityLine))"
                + (boardSources.isEmpty ? "" : "; board columns from \(boardSources.joined(separator: ", "))")
        }
    }

    public let options: Options
    public let asOf: CalendarDate
    /// Where the workbook is written.
    public let workbookPath: String
    /// The folder the workbook goes in.
    public let outputFolder: String

    /// Settles the as-of date and the workbook's path, and refuses at once an output that would overwrite an
    /// input or go in a folder that is missing or read-only: nothing is read before those are known to be fine.
    public init(_ options: Options) throws {
        try Self.refuseEmptyOutputs(options)
        self.options = options
        asOf = options.asOf ?? Self.today()
        switch options.output {
        case .file(let path): workbookPath = path
        case .folder(let folder):
            workbookPath = (folder as NSString).appendingPathComponent("reconciliation-\(asOf).xlsx")
        }
        let folder = (workbookPath as NSString).deletingLastPathComponent
        outputFolder = folder.isEmpty ? "." : folder
        try refuseOverwritingInputs()
        try checkOutputFolder()
    }

    /// The files the run writes: the workbook, and the JSON result when it goes to a file.
    public var outputFiles: [String] {
        guard case .file(let json)? = options.json else { return [workbookPath] }
        return [workbookPath, json]
    }

    /// Locks the output folders and makes the private staging folders the outputs are first written into: a
    /// second run writing to the same folder is refused here (`.busy`), before anything is read.
    public func stageOutputs() throws -> StagedOutputs {
        try StagedOutputs(outputFiles)
    }

    /// Carries out the run, logging what it reads and matches to `log` and how far reading has got to `progress`.
    public func run(
        log: Logger = Logger(label: "hmic-reconcile", factory: { _ in SwiftLogNoOpLogHandler() }),
        progress: (any ReadingProgress)? = nil
    ) throws -> Outcome {
        try run(into: stageOutputs(), log: log, progress: progress)
    }

    /// Carries out the run, writing its outputs through `outputs` (from `stageOutputs()`).
    public func run(
        into outputs: StagedOutputs,
        log: Logger = Logger(label: "hmic-reconcile", factory: { _ in SwiftLogNoOpLogHandler() }),
        progress: (any ReadingProgress)? = nil
    ) throws -> Outcome {
        let profile = try Profile.read(path: options.profile)
        let previousPath =
            options.previous
            ?? {
                guard case .folder(let folder) = options.output else { return nil }
                return PreviousRun.newestEarlierWorkbook(in: folder, before: asOf)
            }()
        if let previousPath { log.info("previous run: \(previousPath)") }
        let previousRun = try previousPath.map { try PreviousRun.read(path: $0) }
        // Taken before the workbook is read: if the board saves it before this run is done, the run must not replace it.
        let replacedVersion = FileVersion(workbookPath)
        // Copies of the board's that are passed over are warnings on the Run sheet too.
        var passedOver: [String] = []
        let sameMonth = try sameMonthWorkbooks(log: log, passedOver: &passedOver)
        let force = options.force ?? profile.force

        let (register, registerFacts) = try Self.read(
            .register, options.register,
            sheets: options.registerSheets.isEmpty ? profile.registerSheets : options.registerSheets,
            profile: profile, log: log, progress: progress)
        let (portalRead, portalFacts) = try Self.read(
            .portal, options.portal, sheets: [options.portalSheet ?? profile.portalSheet].compactMap { $0 },
            profile: profile, log: log, progress: progress)
        let portal = try portalRead.filtered(toForce: force)
        if let force { log.info("portal: \(portal.records.count) records of force \(force)") }

        let result = Reconciliation(register: register, portal: portal, asOf: asOf, force: force)
        log.info(
            "matched \(result.alignment.matches.count) pairs; \(result.alignment.registerOnly.count) register and \(result.alignment.portalOnly.count) portal records unmatched"
        )
        for notice in result.notices { log.warning("\(options.register): \(notice)") }
        let profileFacts = try options.profile.map { InputFacts(path: $0, sha256: try SHA256Digest.ofFile($0)) }
        let forceName = BoardWorkbook.forceName(of: result)
        let ours = try sameForce(previous: previousRun, sameMonth: sameMonth, force: forceName, log: log)
        let previousMonth = previousWithCopies(previousRun, log: log, passedOver: &passedOver).filter {
            $0.path == previousRun?.path || !$0.isOfAnotherForce(than: forceName)
        }
        let updates = try UpdateRoundInput(forms: options.updates, previous: previousRun, sameMonth: ours)
            .round(for: result, log: log)
        try refuseDroppingClosureDecisions(of: ours.first { $0.path == workbookPath }, round: updates?.round)
        var book = BoardWorkbook(
            result: result, register: registerFacts, portal: portalFacts, arguments: options.arguments,
            previous: previousRun, profile: profileFacts)
        book.updateRound = updates?.round
        book.updateForms = updates?.forms ?? []
        book.board = boardColumns(
            previousMonth: previousMonth, sameMonth: ours, passedOver: passedOver, book: book, log: log)
        try write(
            book,
            json: {
                try JSONReport.write(
                    result, register: registerFacts, portal: portalFacts, updateRound: book.updateRound, to: &$0)
            },
            into: outputs, replacing: replacedVersion)
        var outcome = Outcome(
            workbook: workbookPath, json: options.json, previous: previousPath,
            registerRecords: result.register.records.count, portalRecords: result.portal.records.count,
            matched: result.alignment.matches.count, discrepancies: result.discrepancies.count,
            severityLine: result.summary.severityLine, highestSeverity: result.highestSeverity)
        if let round = book.updateRound, round.hasReturns { outcome.updateRound = round.headline }
        if book.board.namesSources { outcome.boardSources = book.board.sources }
        return outcome
    }

    /// On a rerun for the same month, the workbook this run replaces and the board's copies of it, newest first.
    private func sameMonthWorkbooks(log: Logger, passedOver: inout [String]) throws -> [PreviousRun] {
        var copies = false
        if case .folder = options.output { copies = true }
        return try SameMonthWorkbooks.read(
            replacing: workbookPath, asOf: asOf, copies: copies, log: log, passedOver: &passedOver)
    }

    /// The previous workbook and, for an `--output-dir` run, the board's copies of it beside it, newest first.
    private func previousWithCopies(_ previous: PreviousRun?, log: Logger, passedOver: inout [String])
        -> [PreviousRun]
    {
        guard let previous else { return [] }
        guard case .folder = options.output else { return [previous] }
        return SameMonthWorkbooks.withCopies(of: previous, log: log, passedOver: &passedOver)
    }

    /// This month's workbooks of `force`; refuses a previous workbook of another force (its findings would read as
    /// resolved here, its figures would enter the trend) unless the options accept it, and always refuses to replace
    /// another force's workbook of the same date.
    private func sameForce(previous: PreviousRun?, sameMonth: [PreviousRun], force: String, log: Logger) throws
        -> [PreviousRun]
    {
        if let previous, previous.isOfAnotherForce(than: force) {
            guard options.previousOfAnotherForce else {
                throw HMICError(
                    .badData, file: previous.path,
                    "the previous workbook is of \(previous.force ?? "another force"), and this run is of \(force); "
                        + "give the workbook of an earlier run for \(force), or add --previous-of-another-force "
                        + "if that is what is meant")
            }
            log.warning(
                "\(previous.path): a workbook of \(previous.force ?? "another force") is the previous run, as asked")
        }
        if let replaced = sameMonth.first(where: { $0.path == workbookPath }), replaced.isOfAnotherForce(than: force) {
            throw HMICError(
                .badData, file: workbookPath,
                "this run of \(force) would replace a workbook of \(replaced.force ?? "another force") for the same "
                    + "date, and what its board typed would be lost; write this run to another file or folder")
        }
        return sameMonth.filter { !$0.isOfAnotherForce(than: force) }
    }

    /// Refuses to replace `replaced` (the workbook of this date at the output's name) when the board decided on a
    /// closure candidate there that is none in this `round` (a rerun without the month's `--updates`): the decision
    /// and its notes have nowhere to go, and would be lost.
    private func refuseDroppingClosureDecisions(of replaced: PreviousRun?, round: UpdateRound?) throws {
        guard let replaced else { return }
        let decided = try PreviousUpdates.read(replaced).decisions.keys
        let shown = Set(round?.candidates.map(\.update.itemID) ?? [])
        let dropped = decided.filter { !shown.contains($0) }.sorted()
        guard !dropped.isEmpty else { return }
        throw HMICError(
            .badData, file: workbookPath, sheet: BoardWorkbook.SheetName.closureCandidates,
            "this run would replace this workbook, and the board's decisions on "
                + (dropped.count == 1 ? "the closure candidate " : "\(dropped.count) closure candidates ")
                + dropped.joined(separator: ", ") + " would be lost: "
                + (dropped.count == 1 ? "it is not one" : "they are not ones") + " in this run. Give the same "
                + "--updates as the run that wrote it, or rename it, and run again")
    }

    /// The board's columns this run carries, from the previous workbook and this month's; each warning is logged,
    /// those of the copies `passedOver` first.
    private func boardColumns(
        previousMonth: [PreviousRun], sameMonth: [PreviousRun], passedOver: [String], book: BoardWorkbook,
        log: Logger
    ) -> BoardColumns {
        var board = BoardColumns(
            previousMonth: previousMonth, sameMonth: sameMonth,
            current: Set(book.result.discrepancies.lazy.map(\.id)))
        board.warnings = passedOver + board.warnings
        for warning in board.warnings { log.warning("\(warning)") }
        return board
    }

    /// Writes the workbook and the JSON result into their staging folders, then moves both into place together:
    /// both land, or neither does. JSON for standard output follows once the files are in place. The workbook at
    /// `workbookPath` must still be `replaced`, the one whose board columns were read; else nothing is moved.
    private func write(
        _ book: BoardWorkbook, json: (inout ByteOutput) throws -> Void, into outputs: StagedOutputs,
        replacing replaced: FileVersion?
    ) throws {
        try book.write(to: workbookPath, stagedAt: outputs.stagedPath(for: workbookPath))
        if case .file(let path)? = options.json {
            try AtomicFile.writeNew(at: outputs.stagedPath(for: path), name: path, json)
        }
        guard FileVersion(workbookPath) == replaced else {
            throw HMICError(
                .busy, file: workbookPath,
                "the workbook was saved while this run was going (someone working in it?); it is left as it is, so "
                    + "nothing typed into it is lost: run again to carry what was typed")
        }
        try outputs.commit()
        if case .standardOutput? = options.json { try StandardOutput.write(json) }
    }

    /// Reads one side, logs what was found and hashes its file.
    static func read(
        _ source: Source, _ path: String, sheets: [String], profile: Profile, log: Logger,
        progress: (any ReadingProgress)?
    ) throws -> (LoadedSource, InputFacts) {
        let document = try SpreadsheetFile.open(path: path)
        let loaded: LoadedSource
        do {
            defer { progress?.finished(source) }
            loaded = try RecordLoader.load(
                source, from: document, sheetNames: sheets, profile: profile,
                progress: progress.map { progress in { progress.rowsRead($0, of: source) } })
        }
        log.info(
            "\(source.noun): \(loaded.records.count) records from \(path), sheet '\(loaded.sheet)', header on row \(loaded.headerRow)"
        )
        for left in loaded.sheetsLeftOut { log.info("\(source.noun): sheet '\(left.name)' not read: \(left.reason)") }
        for warning in loaded.warnings { log.warning("\(path): \(warning)") }
        return (loaded, InputFacts(path: path, sha256: try SHA256Digest.ofFile(path)))
    }

    /// Refuses outputs that would overwrite an input (register, portal, previous workbook, profile, a returned
    /// update form) or each other, however the paths are written (`OutputCheck`). A missing folder or file of
    /// returned forms is refused as a missing input.
    private func refuseOverwritingInputs() throws {
        var inputs = [
            OutputCheck.NamedFile("the register", options.register), .init("the portal export", options.portal),
        ]
        let previous = options.previous ?? implicitPrevious
        if let previous { inputs.append(.init("the previous workbook", previous)) }
        if case .folder = options.output {
            // The board's copies beside this month's workbook and the previous one are read too (their dates are not
            // known until they are opened, so every `.xlsx` file there counts).
            let known = ([workbookPath] + (previous.map { [$0] } ?? [])).map(FileIdentity.init)
            let copies = known.map(\.realPath).flatMap { SameMonthWorkbooks.candidates(beside: $0, asOf: nil) }
            for copy in Set(copies).sorted() where !known.contains(where: { $0.isSameFile(as: FileIdentity(copy)) }) {
                inputs.append(.init("a workbook the run reads as the board's copy", copy))
            }
        }
        if let profile = options.profile { inputs.append(.init("the profile", profile)) }
        inputs += try ReturnedForms.files(in: options.updates).map { .init("a returned update form", $0) }
        var outputs = [OutputCheck.NamedFile("the workbook", workbookPath)]
        if case .file(let json)? = options.json { outputs.append(.init("the JSON result", json)) }
        try OutputCheck.refuseClashes(outputs: outputs, inputs: inputs)
    }

    /// The workbook an `--output-dir` run without `--previous` carries forward: the newest earlier one there.
    private var implicitPrevious: String? {
        guard case .folder(let folder) = options.output else { return nil }
        return PreviousRun.newestEarlierWorkbook(in: folder, before: asOf)
    }

    /// Refuses an empty output path: `--output-dir ''` must not mean the current folder.
    private static func refuseEmptyOutputs(_ options: Options) throws {
        switch options.output {
        case .file(let path): try OutputCheck.refuseEmpty(path, option: "--output")
        case .folder(let folder): try OutputCheck.refuseEmpty(folder, option: "--output-dir")
        }
        if case .file(let json)? = options.json { try OutputCheck.refuseEmpty(json, option: "--json") }
    }

    /// Refuses at once an output folder (the workbook's, and the JSON result's) that is missing or read-only.
    private func checkOutputFolder() throws {
        var folders = [(outputFolder, workbookPath)]
        if case .file(let json)? = options.json {
            let folder = (json as NSString).deletingLastPathComponent
            folders.append((folder.isEmpty ? "." : folder, json))
        }
        for (folder, file) in folders {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw HMICError(.cannotCreate, file: file, "the folder '\(folder)' does not exist")
            }
            guard FileManager.default.isWritableFile(atPath: folder) else {
                throw HMICError(.cannotCreate, file: file, "the folder '\(folder)' cannot be written to")
            }
            guard !(FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) && isDirectory.boolValue)
            else {
                throw HMICError(.cannotCreate, file: file, "is a folder; give a file name")
            }
        }
    }

    /// Today's date in the machine's time zone: what the officer means by "as at today".
    public static func today() -> CalendarDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)
    }
}

/// Told how far the reading of each input has got, for a progress line on a terminal.
public protocol ReadingProgress {
    /// `rows` rows of `source` have been read so far.
    func rowsRead(_ rows: Int, of source: Source)
    /// The reading of `source` has ended, done or failed.
    func finished(_ source: Source)
}
