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

    /// The id each register record keeps from round to round, in register order: "ITM-" and eight hex digits of a
    /// hash of its identity (rules §4: its normalised reference; for a reference that several rows repeat, or a
    /// record without one, its inspection, type and wording). The register alone decides it, so that a form sent
    /// with or without the portal export names its items the same way, and sorting, inserting or deleting register
    /// rows changes no id.
    public static func itemIDs(_ register: [Record]) -> [String] {
        let noPortal = Alignment(matches: [], registerOnly: [], portalOnly: [], duplicates: [], setAside: [:])
        let identities = RecordIdentities(register: register, portal: [], alignment: noPortal)
        return register.indices.map { index in
            let hex = String(mixedHash(identities.registerIdentity(index)) >> 32, radix: 16, uppercase: true)
            return "ITM-" + String(repeating: "0", count: 8 - hex.count) + hex
        }
    }

    /// FNV-1a of `text`, its bits then spread by SplitMix64's finaliser: references that differ in one character
    /// ("NMP-0150", "NMP-0154") would otherwise share most of their hash and give ids a reader could confuse.
    static func mixedHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
        hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
        return hash ^ (hash >> 31)
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
