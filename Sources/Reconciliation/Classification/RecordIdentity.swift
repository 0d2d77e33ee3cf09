/// What makes a record the same record next month (rules §4), which is what a discrepancy's id is made from: the
/// record's own reference, normalised; for a record without one (or with a placeholder such as "TBC"), its portal counterpart's id, or else its
/// inspection (family and years), type and wording. Never its row, so that inserting, deleting or sorting rows
/// changes no id and the board's decisions, owners and notes stay with their finding.
///
/// A register reference that several rows repeat ("AFI 1" restarting under each inspection) tells none of them
/// apart, so each such row adds what a reference-less row is known by: "AFI1|PEEL-2021-0042".
public struct RecordIdentities: Sendable {
    /// The identities of records without a reference that is theirs alone, by index; the others are read from the
    /// reference when asked, as before.
    private var registerDerived: [Int: String] = [:]
    private var portalDerived: [Int: String] = [:]
    private let register: [Record]
    private let portal: [Record]
    /// How many register records have a reference no other register row repeats.
    public private(set) var registerReferencesOfTheirOwn = 0

    public init(register: [Record], portal: [Record], alignment: Alignment) {
        self.register = register
        self.portal = portal
        var inspections: [String: String] = [:]
        portalDerived = Self.derived(portal, except: [:], inspections: &inspections)
        let (repeated, ownCount) = Self.repeatedReferences(register)
        registerReferencesOfTheirOwn = ownCount
        let repeatedSet = Set(repeated)
        var counterpart: [Int: String] = [:]
        var shared: [Int: String] = [:]
        for match in alignment.matches {
            let r = match.register
            if register[r].ownReference.isEmpty {
                counterpart[r] = portalIdentity(match.portal)
            } else if !repeatedSet.isEmpty, repeatedSet.contains(r) {
                shared[r] = Words.referenceKey(register[r].reference) + "|" + portalIdentity(match.portal)
            }
        }
        for r in repeated where shared[r] == nil {
            shared[r] =
                Words.referenceKey(register[r].reference) + "|"
                + Self.wordingKey(register[r], inspections: &inspections)
        }
        registerDerived = Self.derived(register, except: counterpart, inspections: &inspections).merging(shared) {
            own, _ in own
        }
    }

    /// The register records whose reference another register row repeats, and how many references are on one row
    /// only: one pass, one look-up per record.
    private static func repeatedReferences(_ register: [Record]) -> (repeated: [Int], ownCount: Int) {
        var firstOf: [String: Int] = [:]
        firstOf.reserveCapacity(register.count)
        var later: [Int] = []
        var firstsRepeated = Set<Int>()
        for index in register.indices where !register[index].ownReference.isEmpty {
            let key = Words.referenceKey(register[index].reference)
            if let first = firstOf[key] {
                later.append(index)
                firstsRepeated.insert(first)
            } else {
                firstOf[key] = index
            }
        }
        return ((later + firstsRepeated).sorted(), firstOf.count - firstsRepeated.count)
    }

    /// True when no register record has a reference of its own: every record is known by its portal counterpart
    /// or its wording, which the run should say.
    public var registerHasNoUsableReferences: Bool { !register.isEmpty && registerReferencesOfTheirOwn == 0 }

    /// A register record's identity.
    func registerIdentity(_ r: Int) -> String { registerDerived[r] ?? Words.referenceKey(register[r].reference) }

    /// A portal record's identity.
    func portalIdentity(_ p: Int) -> String { portalDerived[p] ?? Words.referenceKey(portal[p].reference) }

    /// Identities of the records without a reference of their own: `known`'s where it has one, else the wording
    /// key. Records alike in inspection, type and wording are numbered in row order ("#2"): nothing else tells
    /// them apart.
    private static func derived(
        _ records: [Record], except known: [Int: String], inspections: inout [String: String]
    ) -> [Int: String] {
        var identities = known
        var seen: [String: Int] = [:]
        for index in records.indices where records[index].ownReference.isEmpty && known[index] == nil {
            let key = wordingKey(records[index], inspections: &inspections)
            let count = seen[key, default: 0] + 1
            seen[key] = count
            identities[index] = count == 1 ? key : "\(key)#\(count)"
        }
        return identities
    }

    /// "~peel 2021-2022|areaForImprovement|the force should review its understanding of demand": the record's
    /// inspection, type and wording, each normalised (case, spacing and punctuation ignored), each title read once
    /// into `inspections`. The "~" keeps it apart from any reference.
    static func wordingKey(_ record: Record, inspections: inout [String: String]) -> String {
        let type = record.type?.rawValue ?? Words.vocabularyKey(record.typeText)
        let inspection =
            inspections[record.inspection]
            ?? {
                let normalised = InspectionKey(title: record.inspection).normalised
                inspections[record.inspection] = normalised
                return normalised
            }()
        return "~" + inspection + "|" + type + "|" + Words.split(record.description).joined(separator: " ")
    }
}
