import Foundation
import Logging
import Reconciliation
import Spreadsheet

/// `hmic-reconcile requests` (rules §9): one update form per delivery lead with their live items, written into a
/// folder for the governance officer to send out. Runs from cron like the monthly run, with the same exit statuses
/// and atomic writes.
public struct UpdateRequests {
    /// What the run reads and writes, as the command line gives it.
    public struct Options: Sendable {
        public var register: String
        /// The portal export, for each item's portal status; nil leaves that column empty.
        public var portal: String?
        public var force: String?
        public var asOf: CalendarDate
        public var outputDir: String
        /// Write only this lead's form.
        public var lead: String?
        /// The board's workbook of the previous round: each item's last update and the board's decision on it.
        public var previous: String?
        public var profile: String?
        public var registerSheets: [String]
        public var portalSheet: String?

        public init(
            register: String, portal: String? = nil, force: String? = nil, asOf: CalendarDate, outputDir: String,
            lead: String? = nil, previous: String? = nil, profile: String? = nil, registerSheets: [String] = [],
            portalSheet: String? = nil
        ) {
            self.register = register
            self.portal = portal
            self.force = force
            self.asOf = asOf
            self.outputDir = outputDir
            self.lead = lead
            self.previous = previous
            self.profile = profile
            self.registerSheets = registerSheets
            self.portalSheet = portalSheet
        }
    }

    /// A form written: whose, where, and how many items it lists.
    public struct WrittenForm: Sendable, Equatable {
        public var lead: String
        public var path: String
        public var items: Int
    }

    /// What the run wrote, for the summary line.
    public struct Outcome: Sendable, CustomStringConvertible {
        public var folder: String
        public var forms: [WrittenForm]

        /// `wrote 21 update forms (198 items) to DIR`.
        public var description: String {
            "wrote \(forms.count) update forms (\(forms.reduce(0) { $0 + $1.items }) items) to \(folder)"
        }
    }

    public let options: Options

    /// A run of `options`; a folder that is missing or read-only is refused when the first form is written
    /// (`.cannotCreate`), before any file appears.
    public init(_ options: Options) {
        self.options = options
    }

    /// The forms a run will write, each with its path: known before any is written, so that they can be checked
    /// against the inputs and staged.
    public struct Plan {
        let forms: [(form: RequestForm, path: String)]

        /// Where the forms go.
        public var paths: [String] { forms.map(\.path) }
    }

    /// Locks the output folder, reads the register (and the portal and the previous round, when given) and writes
    /// the forms.
    public func run(
        log: Logger = Logger(label: "hmic-reconcile", factory: { _ in SwiftLogNoOpLogHandler() })
    ) throws -> Outcome {
        let lock = try lockOutputFolder()
        let plan = try plan(log: log)
        return try write(plan, into: stageOutputs(plan, holding: lock), log: log)
    }

    /// Locks the output folder for the whole run, before anything is read: a second run writing to the same folder
    /// is refused here (`.busy`), and an empty `--output-dir` is a usage error.
    public func lockOutputFolder() throws -> FolderLock {
        try OutputCheck.refuseEmpty(options.outputDir, option: "--output-dir")
        return try FolderLock(options.outputDir, for: options.outputDir)
    }

    /// Reads the inputs and settles each lead's form and its file name; writes nothing.
    public func plan(
        log: Logger = Logger(label: "hmic-reconcile", factory: { _ in SwiftLogNoOpLogHandler() })
    ) throws -> Plan {
        try OutputCheck.refuseEmpty(options.outputDir, option: "--output-dir")
        let profile = try Profile.read(path: options.profile)
        let carried = try options.previous.map { try PreviousUpdates.read(path: $0) } ?? PreviousUpdates()
        let (register, _) = try MonthlyRun.read(
            .register, options.register,
            sheets: options.registerSheets.isEmpty ? profile.registerSheets : options.registerSheets, profile: profile,
            log: log, progress: nil)
        let (portalByRecord, forceName) = try portalCounterparts(of: register, profile: profile, log: log)
        var names = Set<String>()
        let ids = RoundItems.itemIDs(register.records)
        let plan = Plan(
            forms: try chosenLeads(RoundItems.byLead(register.records)).map { lead, indices in
                let items = indices.map {
                    Self.item(register.records[$0], id: ids[$0], portal: portalByRecord[$0], carried: carried)
                }
                let path = (options.outputDir as NSString).appendingPathComponent(
                    Self.fileName(lead: lead, asOf: options.asOf, taken: &names))
                let form = RequestForm(lead: lead, force: forceName, asOf: options.asOf, items: items)
                return (form, path)
            })
        try refuseOverwritingInputs(plan)
        return plan
    }

    /// Refuses a form that would overwrite an input (the register, the portal export, the previous workbook, the
    /// profile) or another form (`OutputCheck`).
    private func refuseOverwritingInputs(_ plan: Plan) throws {
        var inputs = [OutputCheck.NamedFile("the register", options.register)]
        if let portal = options.portal { inputs.append(.init("the portal export", portal)) }
        if let previous = options.previous { inputs.append(.init("the previous workbook", previous)) }
        if let profile = options.profile { inputs.append(.init("the profile", profile)) }
        try OutputCheck.refuseClashes(
            outputs: plan.forms.map { .init("the form for \($0.form.lead)", $0.path) }, inputs: inputs)
    }

    /// Makes the private staging folder the forms are first written into, locking the output folder unless `lock`
    /// (from `lockOutputFolder()`) already holds it.
    public func stageOutputs(_ plan: Plan, holding lock: FolderLock? = nil) throws -> StagedOutputs {
        try StagedOutputs(plan.paths, holding: lock.map { [$0] } ?? [])
    }

    /// Each register record's portal counterpart, read from `--portal` and paired as the month's run pairs them
    /// (none without one), and the force's name for the forms: the one asked for, the profile's, the one the portal
    /// export names, else "Force".
    private func portalCounterparts(of register: LoadedSource, profile: Profile, log: Logger) throws
        -> (byRecord: [Int: Record], force: String)
    {
        let force = options.force ?? profile.force
        guard let portalPath = options.portal else { return ([:], force ?? "Force") }
        let (portalRead, _) = try MonthlyRun.read(
            .portal, portalPath, sheets: [options.portalSheet ?? profile.portalSheet].compactMap { $0 },
            profile: profile,
            log: log,
            progress: nil)
        let result = Reconciliation(
            register: register, portal: try portalRead.filtered(toForce: force), asOf: options.asOf, force: force)
        var byRecord: [Int: Record] = [:]
        for match in result.alignment.matches { byRecord[match.register] = result.portal.records[match.portal] }
        return (byRecord, BoardWorkbook.forceName(of: result))
    }

    /// Writes each planned form into `outputs` (from `stageOutputs`), then moves them all into place together.
    public func write(
        _ plan: Plan, into outputs: StagedOutputs,
        log: Logger = Logger(label: "hmic-reconcile", factory: { _ in SwiftLogNoOpLogHandler() })
    ) throws -> Outcome {
        var written: [WrittenForm] = []
        for (form, path) in plan.forms {
            try form.write(to: path, stagedAt: outputs.stagedPath(for: path))
            log.info("\(form.lead): \(form.items.count) items, \(path)")
            written.append(WrittenForm(lead: form.lead, path: path, items: form.items.count))
        }
        try outputs.commit()
        return Outcome(folder: options.outputDir, forms: written)
    }

    /// Every lead's group, or only the one `--lead` names.
    private func chosenLeads(_ groups: [(lead: String, items: [Int])]) throws -> [(lead: String, items: [Int])] {
        guard let wanted = options.lead else { return groups }
        let chosen = groups.filter { RoundItems.sameLead($0.lead, wanted) }
        guard chosen.isEmpty else { return chosen }
        throw HMICError(
            .usage, file: options.register,
            "no live items have the lead '\(wanted)'; the leads are: "
                + groups.map(\.lead).joined(separator: "; "))
    }

    /// A register record as its lead's form shows it.
    static func item(_ record: Record, id: String, portal: Record?, carried: PreviousUpdates) -> RequestItem {
        RequestItem(
            id: id, reference: record.reference,
            portalReference: portal?.reference ?? record.portalReference, inspection: record.inspection,
            type: record.type.map(BoardWorkbook.typeLabel) ?? record.typeText, finding: record.description,
            targetDate: record.targetDate, registerStatus: record.statusText, portalStatus: portal?.statusText ?? "",
            lastUpdate: carried.lastUpdate(of: id))
    }

    /// `update-request-det-supt-h-achterberg-2026-11-30.xlsx`: the lead's name folded to ASCII letters, digits
    /// and dashes (nothing a file system or a mail gateway objects to), then the date; `-2`, `-3` … when two
    /// leads fold to the same name.
    static func fileName(lead: String, asOf: CalendarDate, taken: inout Set<String>) -> String {
        let folded = lead.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en"))
        var slug = ""
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        slug = String(slug.prefix(60))
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.isEmpty { slug = "lead" }
        var name = "update-request-\(slug)-\(asOf).xlsx"
        var n = 2
        while !taken.insert(name.lowercased()).inserted {
            name = "update-request-\(slug)-\(n)-\(asOf).xlsx"
            n += 1
        }
        return name
    }
}
