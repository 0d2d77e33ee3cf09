import Spreadsheet

/// A finished reconciliation: both sources as read, how they align, what differs, and the board's table.
public struct Reconciliation: Sendable {
    public var asOf: CalendarDate
    public var force: String?
    public var register: LoadedSource
    public var portal: LoadedSource
    public var alignment: Alignment
    public var discrepancies: [Discrepancy]
    public var summary: Summary
    /// What the officer should know about the run as a whole, said once on standard error and on the Run sheet.
    public var notices: [String] = []

    /// Aligns, classifies and summarises two loaded sources. Pure computation: no I/O.
    public init(register: LoadedSource, portal: LoadedSource, asOf: CalendarDate, force: String?) {
        self.asOf = asOf
        self.force = force
        self.register = register
        self.portal = portal
        alignment = Matcher().align(register: register.records, portal: portal.records)
        let identities = RecordIdentities(register: register.records, portal: portal.records, alignment: alignment)
        (discrepancies, summary) = Self.classify(
            register: self.register.records, portal: self.portal.records,
            alignment: alignment, asOf: asOf, identities: identities)
        if identities.registerHasNoUsableReferences { notices.append(Self.noUsableReferences) }
        if register.sheetsRead.count > 1 { discrepancies = Self.namingSheets(discrepancies, of: register.records) }
    }

    /// A register read from several sheets: each discrepancy's detail names the register row's sheet, since a row
    /// number alone (`registerRow` in the JSON result) no longer says where the row is.
    static func namingSheets(_ discrepancies: [Discrepancy], of records: [Record]) -> [Discrepancy] {
        discrepancies.map { discrepancy in
            guard let index = discrepancy.register, records.indices.contains(index) else { return discrepancy }
            var named = discrepancy
            let place = "register sheet '\(records[index].sheet)', row \(records[index].row)"
            named.detail = discrepancy.detail.isEmpty ? place : "\(discrepancy.detail) (\(place))"
            return named
        }
    }

    /// The notice for a register whose rows carry no reference of their own.
    public static let noUsableReferences =
        "The register has no usable references of its own (none, or each repeated on several rows): its records are "
        + "known by their portal counterpart's id, or else by inspection, type and wording, so that inserting, "
        + "deleting or sorting rows keeps every discrepancy id; give each row a reference of its own to be sure"

    /// The discrepancies of an alignment, in the board's order, and the board's table.
    public static func classify(
        register: [Record], portal: [Record], alignment: Alignment,
        asOf: CalendarDate, identities: RecordIdentities? = nil
    ) -> (discrepancies: [Discrepancy], summary: Summary) {
        let discrepancies = Classifier(asOf: asOf).classify(
            register: register, portal: portal, alignment: alignment,
            identities: identities ?? RecordIdentities(register: register, portal: portal, alignment: alignment))
        return (
            discrepancies,
            Summary(register: register, portal: portal, alignment: alignment, discrepancies: discrepancies)
        )
    }

    /// The highest severity found, or nil when there is nothing to report.
    public var highestSeverity: Severity? {
        discrepancies.map(\.severity).min()
    }
}
