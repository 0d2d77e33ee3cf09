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

    /// Aligns, classifies and summarises two loaded sources. Pure computation: no I/O.
    public init(register: LoadedSource, portal: LoadedSource, asOf: CalendarDate, force: String?) {
        self.asOf = asOf
        self.force = force
        self.register = register
        self.portal = portal
        alignment = Matcher().align(register: register.records, portal: portal.records)
        (discrepancies, summary) = Self.classify(
            register: self.register.records, portal: self.portal.records,
            alignment: alignment, asOf: asOf)
    }

    /// The discrepancies of an alignment, in the board's order, and the board's table.
    public static func classify(
        register: [Record], portal: [Record], alignment: Alignment,
        asOf: CalendarDate
    ) -> (discrepancies: [Discrepancy], summary: Summary) {
        let discrepancies = Classifier(asOf: asOf).classify(register: register, portal: portal, alignment: alignment)
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
