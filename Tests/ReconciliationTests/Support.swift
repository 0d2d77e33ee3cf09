import Reconciliation
import Spreadsheet

/// Builds a loaded source from text rows, the first being the header, as a sheet would deliver them.
func loaded(_ source: Source, _ table: [[String]], startRow: Int = 1, profile: Profile = .standard) throws
    -> LoadedSource
{
    var loader = RecordLoader(source: source, path: "\(source.noun).csv", sheet: source.noun, profile: profile)
    for (i, cells) in table.enumerated() {
        try loader.add(Row(number: startRow + i, cells: cells.map { $0.isEmpty ? nil : .string($0) }))
    }
    return try loader.finish()
}

let registerHeader = [
    "Ref", "Portal Ref", "Type", "Inspection", "Description", "Force Lead", "Delivery Lead", "Status", "Target Date",
]
let portalHeader = ["Recommendation ID", "Report", "Type", "Recommendation Text", "Status"]

/// A register row with sensible defaults.
func reg(
    _ ref: String, portal: String, type: String = "Recommendation", inspection: String = "Fraud: Time to choose",
    status: String = "Open", forceLead: String = "ACC Smith", deliveryLead: String = "Supt Jones", target: String = ""
) -> [String] {
    [ref, portal, type, inspection, "The force should do \(ref)", forceLead, deliveryLead, status, target]
}

/// A portal row with sensible defaults.
func por(
    _ id: String, type: String = "Recommendation", report: String = "Fraud: Time to choose", status: String = "Open"
) -> [String] {
    [id, report, type, "The force should do \(id)", status]
}

/// Runs the whole pipeline on two small tables.
func reconcile(
    register: [[String]], portal: [[String]], asOf: CalendarDate = CalendarDate(year: 2026, month: 11, day: 30)
) throws -> Reconciliation {
    Reconciliation(
        register: try loaded(.register, [registerHeader] + register),
        portal: try loaded(.portal, [portalHeader] + portal), asOf: asOf, force: nil)
}
