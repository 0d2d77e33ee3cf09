import Foundation
import Spreadsheet

/// Which register items go on the update round's forms, to whom, and under what id.
public enum RoundItems {
    /// The name of the form for records that name neither a delivery lead nor a Force lead.
    public static let unassigned = "unassigned"

    /// Who answers for a record: its delivery lead, else its Force lead (rules §9), else "unassigned".
    public static func lead(of record: Record) -> String {
        let delivery = record.deliveryLead.trimmingCharacters(in: .whitespacesAndNewlines)
        if !delivery.isEmpty { return delivery }
        let force = record.forceLead.trimmingCharacters(in: .whitespacesAndNewlines)
        return force.isEmpty ? unassigned : force
    }

    /// True when two lead names are the same person however they are spaced or capitalised.
    public static func sameLead(_ a: String, _ b: String) -> Bool {
        leadKey(a) == leadKey(b)
    }

    /// A lead's name folded for comparing: lower case, runs of spaces as one.
    static func leadKey(_ name: String) -> String {
        name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// True for a record a lead still has to deliver: live on the register, or of a status the tool cannot read
    /// (better asked about than forgotten).
    public static func isOnForms(_ record: Record) -> Bool {
        record.state?.isLiveOnRegister ?? true
    }

    /// The id an item keeps from round to round: "ITM-" and eight hex digits of a hash of its register reference
    /// (or, without one, its portal reference, or else its inspection, type and wording), so that sorting,
    /// inserting or deleting register rows changes no id.
    public static func itemID(of record: Record) -> String {
        let identity: String
        if !record.reference.isEmpty {
            identity = "ref|" + Words.referenceKey(record.reference)
        } else if !record.portalReference.isEmpty {
            identity = "portal|" + Words.referenceKey(record.portalReference)
        } else {
            identity = ["text", record.inspection, record.typeText, record.description]
                .map { $0.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") }
                .joined(separator: "|")
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in identity.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        let hex = String(hash >> 32, radix: 16, uppercase: true)
        return "ITM-" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// The register's records on the forms, by lead, leads in alphabetical order and each lead's items in
    /// register order: indexes into `register`.
    public static func byLead(_ register: [Record]) -> [(lead: String, items: [Int])] {
        var groups: [String: (lead: String, items: [Int])] = [:]
        for index in register.indices where isOnForms(register[index]) {
            let lead = lead(of: register[index])
            groups[leadKey(lead), default: (lead, [])].items.append(index)
        }
        return groups.values.sorted { leadKey($0.lead) < leadKey($1.lead) }
    }
}
