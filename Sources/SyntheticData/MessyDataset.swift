import Reconciliation
import Spreadsheet

/// What a generated data set should contain beyond the defaults.
public struct MessyOptions: Sendable {
    /// When false, the register carries no portal references at all: everything must pair by wording.
    public var references = true
    /// When true, the portal export also holds other forces' rows (a national export, read with `--force`).
    public var otherForces = true
    /// When true, the hard cases HMICFRS's own habits make: the same sentence in several inspections of the force,
    /// titles written differently on the two sides, types one side has wrong, and references with characters
    /// nobody sees (see `MessyHardCases.swift`). The register is then written in UTF-8, which can hold them.
    public var hardCases = true

    /// Portal references on part of the register, other forces in the portal export.
    public init() {}
}

/// Which register row truly belongs with which portal row, and which rows repeat a reference.
public struct MessyTruth: Sendable {
    /// A true pair by 1-based row, and why it should raise `needs-review` (empty when it should not).
    public struct Pair: Sendable {
        public var registerRow: Int
        public var portalRow: Int
        public var review: [ReviewReason]
    }

    public var pairs: [Pair] = []
    /// Register rows sharing one reference, in row order (the first takes part in matching).
    public var registerDuplicates: [[Int]] = []
    /// Portal rows sharing one id, in row order.
    public var portalDuplicates: [[Int]] = []
    /// How many findings of each kind were generated, for the report.
    public var scenarios: [String: Int] = [:]
}

/// A synthetic register and national portal export with the mess real ones have — title rows, reformatted,
/// missing, mistyped and wrong references, reworded, truncated, re-cased and misspelt text, duplicates, other
/// forces, every discrepancy class — and the ground truth to measure matching against.
public struct MessyDataset: Sendable {
    /// The force the register belongs to.
    public static let force = "Cleveland Police"
    /// The as-of date the truth is classified at.
    public static let asOf = CalendarDate(year: 2026, month: 11, day: 30)

    /// The register sheet, title rows and header included.
    public var registerRows: [[String]]
    /// The portal export, title rows and header included, with other forces' rows.
    public var portalRows: [[String]]
    public var truth: MessyTruth
    /// How the register's CSV bytes are encoded: Windows-1252, or UTF-8 when it holds characters that lacks.
    public var registerEncoding: MessyCSV.Encoding

    /// The register columns, in order.
    public static let registerHeader = [
        "Ref", "Portal Ref", "Type", "Originating Inspection",
        "Area for Improvement / Recommendation", "Status", "Force Lead", "Delivery Lead",
        "Governance Board", "Target Date",
    ]
    /// The portal export's columns, in order.
    public static let portalHeader = [
        "Force", "Recommendation ID", "Type", "Report Title", "Recommendation Text",
        "Status", "Date Closed",
    ]

    /// Generates about `size` findings of the force (and, in a national export, others'), the same for the same seed.
    public static func generate(seed: UInt64, size: Int, options: MessyOptions = MessyOptions()) -> MessyDataset {
        var builder = MessyBuilder(seed: seed, options: options)
        return builder.build(size: size)
    }
}

/// The generator's working state.
struct MessyBuilder {
    enum Role: String, CaseIterable {
        case reference, text, weak, ambiguous, wrongReference = "wrong-reference"
        case referenceNotFound = "reference-not-found", registerOnly = "register-only", portalOnly = "portal-only"
        case registerDuplicate = "register-duplicate", portalDuplicate = "portal-duplicate"
    }

    /// The parts a description is composed of, so a paraphrase can change some of them.
    struct Wording {
        var action: String, quality: String, activity: String, subject: String, place: String, purpose: String
        var followUp: String

        var core: String {
            "\(action) the \(quality) \(activity) of \(subject) \(place), \(purpose)"
                + (followUp.isEmpty ? "" : ", and \(followUp)")
        }
    }

    struct Item {
        var role: Role
        var id: String
        var ownRef: String
        var type: RecordType
        var title: String
        var registerTitle: String
        var wording: Wording
        var portalText: String
        var registerState: LifecycleState
        var portalState: LifecycleState
        var portalType: RecordType
        var statedReference = ""
        var registerText = ""
        /// The inspection's kind (one per way `inspection` writes a title, thematics alike) and year.
        var inspectionKind = 0
        var inspectionYear = 0
        /// Another finding of the force carries the same sentence under another inspection.
        var sharesWording = false
        /// The number of the first finding with this sentence (its own, unless it repeats an earlier one's).
        var firstWithSentence = 0
    }

    var random: SeededGenerator
    let options: MessyOptions
    var nextSequence = 1
    var usedIDs = Set<String>()

    init(seed: UInt64, options: MessyOptions) {
        random = SeededGenerator(seed: seed)
        self.options = options
    }

    /// The findings and their roles, then the two sheets' rows, then the truth about them.
    mutating func build(size: Int) -> MessyDataset {
        var items: [Item] = []
        items.reserveCapacity(size)
        // The findings carrying each repeated sentence, by the first one's number.
        var sameSentence: [Int: [Int]] = [:]
        for n in 0..<size {
            let first =
                options.hardCases && n >= 10 && random.chance(MessyBuilder.sameSentenceShare)
                ? items[random.int(0...(n - 1))].firstWithSentence : nil
            if let first, sameSentence[first, default: [first]].count < MessyBuilder.mostInspectionsPerSentence {
                let holders = sameSentence[first] ?? [first]
                for i in holders { items[i].sharesWording = true }
                items.append(
                    makeItem(number: n, role: siblingRole(), sameSentenceAs: holders.map { items[$0] }))
                items[n].firstWithSentence = first
                sameSentence[first] = holders + [n]
            } else {
                items.append(makeItem(number: n, role: chooseRole()))
            }
        }
        pointWrongReferences(&items)
        let (registerSpecs, portalSpecs) = rowOrders(items)
        let register = registerSheet(items, in: registerSpecs)
        let portal = portalSheet(items, in: portalSpecs)
        let truth = self.truth(
            items, registerRowOf: register.rowOf, portalRowOf: portal.rowOf, twinRowOf: portal.twinRowOf,
            untitledRows: register.untitledRows)
        return MessyDataset(
            registerRows: register.rows, portalRows: portal.rows, truth: truth,
            registerEncoding: options.hardCases ? .utf8WithBOM : .windows1252)
    }

    /// Wrong references point at a portal record nobody else names; when there are too few, the rest pair by text.
    mutating func pointWrongReferences(_ items: inout [Item]) {
        let targets = random.shuffled(items.indices.filter { items[$0].role == .portalOnly || items[$0].role == .text })
        var nextTarget = 0
        for i in items.indices where items[i].role == .wrongReference {
            if nextTarget < targets.count {
                items[i].statedReference = reformat(items[targets[nextTarget]].id, heavy: false)
                nextTarget += 1
            } else {
                items[i].role = .text
            }
        }
    }

    /// Which item each register and portal row shows, shuffled: duplicates add a copy, ambiguous findings a twin.
    mutating func rowOrders(_ items: [Item]) -> (register: [(item: Int, copy: Bool)], portal: [(item: Int, twin: Bool)])
    {
        var registerSpecs: [(item: Int, copy: Bool)] = []
        var portalSpecs: [(item: Int, twin: Bool)] = []
        for (i, item) in items.enumerated() {
            if item.role != .portalOnly { registerSpecs.append((i, false)) }
            if item.role == .registerDuplicate { registerSpecs.append((i, true)) }
            if item.role != .registerOnly { portalSpecs.append((i, false)) }
            if item.role == .ambiguous || item.role == .portalDuplicate { portalSpecs.append((i, true)) }
        }
        let register = random.shuffled(registerSpecs)
        return (register, random.shuffled(portalSpecs))
    }

    /// The register sheet under its title rows, and each item's 1-based rows on it.
    mutating func registerSheet(_ items: [Item], in specs: [(item: Int, copy: Bool)]) -> (
        rows: [[String]], rowOf: [Int: [Int]], untitledRows: Set<Int>
    ) {
        let registerTitles: [[String]] = [
            [
                "\(MessyDataset.force) – HMICFRS register of causes of concern, recommendations and areas for improvement"
            ],
            ["Extract for the Inspection and Audit Monitoring Board", "", "", "Owner: HMIC Governance Officer"],
            [],
        ]
        var registerRows = registerTitles + [MessyDataset.registerHeader]
        var registerRowOf: [Int: [Int]] = [:]
        var untitledRows = Set<Int>()
        for spec in specs {
            let row = registerRows.count + 1
            registerRowOf[spec.item, default: []].append(row)
            registerRows.append(registerRow(items[spec.item]))
            if registerRows[row - 1][3].isEmpty { untitledRows.insert(row) }
        }
        return (registerRows, registerRowOf, untitledRows)
    }

    /// The portal export: this force's rows among other forces' rows; each item's 1-based rows, and the row of an
    /// ambiguous finding's twin (a second record under a fresh id).
    mutating func portalSheet(_ items: [Item], in specs: [(item: Int, twin: Bool)])
        -> (rows: [[String]], rowOf: [Int: [Int]], twinRowOf: [Int: Int])
    {
        let portalTitles: [[String]] = [
            ["HMICFRS monitoring portal – national export"], ["Exported on 30/11/2026 06:00"],
        ]
        var portalRows = portalTitles + [MessyDataset.portalHeader]
        var portalRowOf: [Int: [Int]] = [:]
        var twinRowOf: [Int: Int] = [:]
        let othersPerOwn = options.otherForces ? 0.4 : 0
        for spec in specs {
            while random.chance(othersPerOwn / (1 + othersPerOwn)) {
                portalRows.append(otherForceRow(like: items[random.int(0...(items.count - 1))]))
            }
            let row = portalRows.count + 1
            var item = items[spec.item]
            if spec.twin && item.role == .ambiguous {
                item.id = freshID(for: item.title)
                twinRowOf[spec.item] = row
            } else {
                portalRowOf[spec.item, default: []].append(row)
            }
            portalRows.append(portalRow(item))
        }
        return (portalRows, portalRowOf, twinRowOf)
    }

    /// The true pairs in register row order, with the review each should raise; the rows repeating a reference;
    /// and how many findings took each role.
    ///
    /// A finding found only by its wording, whose register row names no inspection and whose types disagree, is
    /// no pair: rules §3 does not pair types that differ while the inspections do not clearly agree, and the truth
    /// is what the rules ask for. Its two records are counted, as the rules count them, absent from either side.
    func truth(
        _ items: [Item], registerRowOf: [Int: [Int]], portalRowOf: [Int: [Int]], twinRowOf: [Int: Int],
        untitledRows: Set<Int>
    ) -> MessyTruth {
        var truth = MessyTruth()
        for role in Role.allCases { truth.scenarios[role.rawValue] = items.filter { $0.role == role }.count }
        for (i, item) in items.enumerated() {
            let regRows = registerRowOf[i, default: []].sorted()
            let porRows = portalRowOf[i, default: []].sorted()
            if regRows.count > 1 { truth.registerDuplicates.append(regRows) }
            if porRows.count > 1 { truth.portalDuplicates.append(porRows) }
            guard let r = regRows.first, var p = porRows.first else { continue }
            let byWordingOnly = item.statedReference.isEmpty || item.role == .referenceNotFound
            if byWordingOnly && untitledRows.contains(r) && item.type != item.portalType {
                truth.scenarios["types differ, no inspection on the register", default: 0] += 1
                continue
            }
            var review: [ReviewReason] = []
            switch item.role {
            case .weak: review = [.weak]
            case .ambiguous:
                review = [.ambiguous]
                if let twin = twinRowOf[i], twin < p { p = twin }
            case .wrongReference: review = [.wrongReference]
            case .referenceNotFound: review = [.referenceNotFound]
            default: break
            }
            truth.pairs.append(MessyTruth.Pair(registerRow: r, portalRow: p, review: review))
        }
        truth.pairs.sort { $0.registerRow < $1.registerRow }
        return truth
    }

    mutating func chooseRole() -> Role {
        let x = Double(random.next() >> 11) / Double(1 << 53)
        let table: [(Role, Double)] =
            options.references
            ? [
                (.reference, 0.40), (.text, 0.35), (.weak, 0.025), (.ambiguous, 0.02), (.wrongReference, 0.02),
                (.referenceNotFound, 0.02), (.registerOnly, 0.06), (.portalOnly, 0.06), (.registerDuplicate, 0.015),
                (.portalDuplicate, 0.015),
            ]
            : [
                (.text, 0.79), (.weak, 0.025), (.ambiguous, 0.02), (.registerOnly, 0.06), (.portalOnly, 0.06),
                (.registerDuplicate, 0.015), (.portalDuplicate, 0.015),
            ]
        var sum = 0.0
        for (role, p) in table {
            sum += p
            if x < sum { return role }
        }
        return table[0].0
    }

    // MARK: Findings

    /// A finding in `role`; with `sameSentenceAs`, one worded as those earlier findings but from an inspection
    /// plainly different from each of theirs, usually of another type than the first.
    mutating func makeItem(number: Int, role: Role, sameSentenceAs holders: [Item] = []) -> Item {
        var type = random.pick([
            RecordType.recommendation, .recommendation, .recommendation, .areaForImprovement,
            .areaForImprovement, .causeOfConcern,
        ])
        var inspection = inspection(force: MessyDataset.force)
        var wording = Wording(
            action: random.pick(Phrasebook.actions), quality: random.pick(Phrasebook.qualities),
            activity: random.pick(Phrasebook.activities), subject: subject(),
            place: place(), purpose: purpose(), followUp: followUp())
        if let earlier = holders.first {
            wording = earlier.wording
            inspection = otherInspection(than: holders)
            if random.chance(0.7) { type = random.pick(RecordType.allCases.filter { $0 != earlier.type }) }
        }
        let (title, registerTitle) = (inspection.title, inspection.registerTitle)
        let (registerState, portalState) = states(for: role)
        var portalType = type
        if role != .registerOnly && role != .portalOnly && random.chance(options.hardCases ? 0.05 : 0.03) {
            portalType = random.pick(RecordType.allCases.filter { $0 != type })
        }
        var item = Item(
            role: role, id: freshID(for: title), ownRef: ownReference(number), type: type, title: title,
            registerTitle: registerTitle, wording: wording, portalText: "", registerState: registerState,
            portalState: portalState, portalType: portalType)
        item.inspectionKind = inspection.kind
        item.inspectionYear = inspection.year
        item.sharesWording = !holders.isEmpty
        item.firstWithSentence = number
        item.portalText = portalOpening() + " " + wording.core + "."
        switch role {
        case .reference, .registerDuplicate, .portalDuplicate:
            item.statedReference = options.references ? reformat(item.id, heavy: true) : ""
            item.registerText = random.chance(0.5) ? item.portalText : messy(item.wording, light: true)
        case .weak:
            item.registerText = paraphrase(item.wording)
        case .wrongReference, .ambiguous:
            item.registerText = messy(item.wording, light: true)
        case .referenceNotFound:
            item.statedReference = reformat(missingID(for: title), heavy: false)
            item.registerText = messy(item.wording, light: true)
        default:
            item.registerText = messy(item.wording, light: false)
        }
        return item
    }

    /// Of what: "repeat domestic abuse cases".
    mutating func subject() -> String {
        random.chance(0.5)
            ? "\(random.pick(Phrasebook.modifiers)) \(random.pick(Phrasebook.subjects))"
            : random.pick(Phrasebook.subjects)
    }

    /// And then: "publish the results to the chief officer group", in seven findings out of ten.
    mutating func followUp() -> String {
        random.chance(0.7) ? "\(random.pick(Phrasebook.followUps)) \(random.pick(Phrasebook.followUpObjects))" : ""
    }

    /// Where in the force: "within the vulnerability hub".
    mutating func place() -> String {
        "\(random.pick(Phrasebook.placePrepositions)) \(random.pick(Phrasebook.units))"
    }

    /// Why: "so that victims are kept informed" or "to reduce repeat victimisation".
    mutating func purpose() -> String {
        random.chance(0.6)
            ? "so that \(random.pick(Phrasebook.beneficiaries)) \(random.pick(Phrasebook.outcomes))"
            : random.pick(Phrasebook.aims)
    }

    /// Register and portal states that between them produce every status class.
    mutating func states(for role: Role) -> (LifecycleState, LifecycleState) {
        let live: [LifecycleState] = [.open, .open, .open, .closureRequested]
        switch role {
        case .registerOnly:
            return (random.chance(0.85) ? random.pick(live + [.awaitingCentralSignOff]) : .closed, .open)
        case .portalOnly:
            return (.open, random.chance(0.85) ? random.pick(live + [.awaitingCentralSignOff]) : .closed)
        default:
            let x = random.int(0...99)
            switch x {
            case 0..<66: return (random.pick(live), random.pick(live))
            case 66..<72: return (.closed, .closed)
            case 72..<77: return (random.pick(live), random.pick([.closed, .awaitingCentralSignOff]))
            case 77..<82:
                return random.pick([
                    (.open, .notApplicable), (.closed, .open), (.notApplicable, .open),
                    (.awaitingCentralSignOff, .notApplicable),
                ])
            case 82..<87: return (.awaitingCentralSignOff, .closed)
            case 87..<94:
                return random.pick([
                    (.awaitingCentralSignOff, .awaitingCentralSignOff),
                    (.closed, .awaitingCentralSignOff), (.awaitingCentralSignOff, .open),
                ])
            default:
                return random.pick([
                    (.notApplicable, .notApplicable), (.closed, .notApplicable), (.notApplicable, .closed),
                ])
            }
        }
    }

    /// A report title as the portal writes it and as the register tends to, its kind (thematics alike) and year.
    mutating func inspection(force: String) -> (title: String, registerTitle: String, kind: Int, year: Int) {
        let year = random.int(2014...2025)
        let topic = random.pick(Phrasebook.topics)
        let kind = random.int(0...7)
        switch kind {
        case 0:
            let span = "\(year)/\(year % 100 + 1)"
            return ("PEEL \(span): An inspection of \(force)", peelRegisterTitle(year: year), kind, year)
        case 1: return ("PEEL spotlight report: \(topic) (\(year))", "PEEL spotlight – \(topic) \(year)", kind, year)
        case 2:
            return (
                "National child protection inspection: \(force) (\(year))", "Child protection inspection \(year)",
                kind, year
            )
        case 3: return ("Crime data integrity inspection \(year): \(force)", "Crime data integrity \(year)", kind, year)
        case 4: return ("Victim service assessment \(year): \(force)", "Victim service assessment \(year)", kind, year)
        case 5: return ("Domestic abuse PEEL thematic \(year)", "DA PEEL thematic \(year)", kind, year)
        case 6:
            return (
                "\(capitalised(topic)): a national thematic inspection (\(year))",
                "\(capitalised(topic)) thematic \(year)", 6, year
            )
        default:
            return (
                "An inspection of the police response to \(topic) (\(year))", "Police response to \(topic) \(year)",
                6, year
            )
        }
    }

    /// A new portal id such as "CDI-2020-0042", never issued before.
    mutating func freshID(for title: String) -> String {
        let prefix =
            title.hasPrefix("PEEL")
            ? "PEEL"
            : title.hasPrefix("National child")
                ? "NCPI"
                : title.hasPrefix("Crime data")
                    ? "CDI" : title.hasPrefix("Victim") ? "VSA" : title.hasPrefix("Domestic") ? "DAT" : "NTI"
        let year = title.split(whereSeparator: { !$0.isNumber }).first { $0.count == 4 }.map(String.init) ?? "2020"
        while true {
            let sequence = nextSequence
            nextSequence += 1
            let digits = String(sequence)
            let id = "\(prefix)-\(year)-\(String(repeating: "0", count: max(0, 5 - digits.count)))\(digits)"
            if usedIDs.insert(id).inserted { return id }
        }
    }

    /// An id in the portal's format that the export does not hold (a mistyped reference).
    mutating func missingID(for title: String) -> String {
        let prefix = title.hasPrefix("PEEL") ? "PEEL" : "NTI"
        return "\(prefix)-1999-9\(random.int(1000...9999))"
    }

    /// The register's own reference: "CLE/0042".
    func ownReference(_ number: Int) -> String {
        let digits = String(number + 1)
        return "CLE/\(String(repeating: "0", count: max(0, 5 - digits.count)))\(digits)"
    }

    /// A portal id as a person retypes it: case, spaces, dashes, missing separators, dropped leading zeros, and
    /// with the hard cases, characters pasted in that nobody sees.
    mutating func reformat(_ id: String, heavy: Bool) -> String {
        guard heavy else { return id }
        let retyped = retype(id)
        return options.hardCases && random.chance(0.15) ? invisiblyChanged(retyped) : retyped
    }

    /// A portal id retyped by hand.
    mutating func retype(_ id: String) -> String {
        switch random.int(0...9) {
        case 0: return id.lowercased()
        case 1: return id.replacingAll("-", with: " ")
        case 2: return id.replacingAll("-", with: "")
        case 3: return id.replacingAll("-", with: "_")
        case 4: return id.replacingAll("-", with: "/")
        case 5: return " " + id.replacingAll("-", with: " - ") + " "
        case 6:
            // Leading zeros dropped: "PEEL-2021-00042" → "PEEL-2021-42".
            var parts = id.split(separator: "-").map(String.init)
            if let last = parts.last { parts[parts.count - 1] = String(last.drop { $0 == "0" }) }
            return parts.joined(separator: "-")
        case 7: return id.replacingAll("-", with: ".")
        default: return id
        }
    }

    // MARK: Wording

    mutating func portalOpening() -> String {
        switch random.int(0...9) {
        case 0, 1: return "By \(random.pick(Phrasebook.months)) \(random.int(2016...2026)), the force should"
        case 2: return "\(MessyDataset.force) should"
        default: return "The force should"
        }
    }

    mutating func registerOpening() -> String {
        switch random.int(0...9) {
        case 0, 1: return "Force to"
        case 2: return "The force to"
        case 3: return "By \(random.pick(Phrasebook.months)) \(random.int(2016...2026)), force to"
        case 4: return ""
        case 5: return "Cleveland should"
        case 6: return "The Force must"
        default: return "The force should"
        }
    }

    /// The wording as the register holds it: reworded opening, re-cased, cut short, misspelt, spaced out.
    mutating func messy(_ wording: Wording, light: Bool) -> String {
        let opening = registerOpening()
        var text = opening.isEmpty ? capitalised(wording.core) : opening + " " + wording.core
        if random.chance(0.5) { text += "." }
        if random.chance(light ? 0.2 : 0.5) { text = transpose(text, words: random.int(1...2)) }
        if random.chance(light ? 0.15 : 0.4) { text = truncate(text) }
        switch random.int(0...9) {
        case 0: text = text.uppercased()
        case 1: text = text.lowercased()
        case 2: text = titleCased(text)
        default: break
        }
        if random.chance(light ? 0.2 : 0.4) { text = spaceOut(text) }
        return text
    }

    /// The register's own summary of the finding: another quality and another purpose, the rest kept.
    mutating func paraphrase(_ wording: Wording) -> String {
        var w = wording
        w.quality = random.pick(Phrasebook.qualities.filter { $0 != wording.quality })
        while w.purpose == wording.purpose { w.purpose = purpose() }
        return registerOpening().isEmpty ? capitalised(w.core) : "Force to " + w.core
    }

    /// Swaps two neighbouring letters inside `words` words of five letters or more.
    mutating func transpose(_ text: String, words: Int) -> String {
        var parts = text.split(separator: " ", omittingEmptySubsequences: false).map { Array($0) }
        let long = parts.indices.filter { parts[$0].count >= 6 && parts[$0].allSatisfy(\.isLetter) }
        for index in random.shuffled(long).prefix(words) {
            let at = random.int(1...(parts[index].count - 3))
            parts[index].swapAt(at, at + 1)
        }
        return parts.map { String($0) }.joined(separator: " ")
    }

    /// Cuts the text at 55–85 % of its length, perhaps mid-word, marked with "…", "..." or nothing.
    mutating func truncate(_ text: String) -> String {
        let characters = Array(text)
        let keep = characters.count * random.int(55...85) / 100
        var cut = String(characters.prefix(keep))
        while cut.last == " " || cut.last == "," { cut.removeLast() }
        switch random.int(0...3) {
        case 0, 1: return cut + "…"
        case 2: return cut + "..."
        default: return cut
        }
    }

    /// Doubles some spaces, adds stray ones at the ends and before commas.
    mutating func spaceOut(_ text: String) -> String {
        var out = random.chance(0.5) ? " " : ""
        for character in text {
            if character == " " && random.chance(0.15) {
                out += "  "
            } else if character == "," && random.chance(0.5) {
                out += " ,"
            } else {
                out.append(character)
            }
        }
        return out + (random.chance(0.5) ? "  " : "")
    }

    func capitalised(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    func titleCased(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { capitalised(String($0)) }.joined(
            separator: " ")
    }

    // MARK: Cells

    mutating func spelling(of type: RecordType, portal: Bool) -> String {
        switch type {
        case .causeOfConcern:
            return portal ? "Cause of Concern" : random.pick(["Cause of concern", "CoC", "Causes of Concern"])
        case .recommendation:
            return portal ? "Recommendation" : random.pick(["Recommendation", "Rec", "R", "recommendation"])
        case .areaForImprovement:
            return portal
                ? "Area for Improvement"
                : random.pick(["AFI", "Area for improvement", "Areas for Improvement", "afi"])
        }
    }

    mutating func spelling(of state: LifecycleState, portal: Bool) -> String {
        let spellings: [String]
        switch state {
        case .open:
            spellings =
                portal
                ? ["Open", "In progress"] : ["Open", "In Progress", "Ongoing", "Amber", "Red", "Being progressed"]
        case .closureRequested:
            spellings =
                portal
                ? ["Submitted for closure"] : ["Submitted for closure", "Closure requested", "Awaiting FLL review"]
        case .awaitingCentralSignOff:
            spellings =
                portal
                ? ["Closed by FLL - awaiting central sign-off", "FLL closed"]
                : [
                    "Closed by FLL", "Awaiting central sign off", "FLL Closed – awaiting central sign-off",
                    "Pending sign-off",
                ]
        case .closed: spellings = portal ? ["Closed"] : ["Closed", "Complete", "Signed off", "Completed"]
        case .notApplicable:
            spellings = portal ? ["Withdrawn", "Superseded"] : ["White", "Not applicable", "Superseded", "Withdrawn"]
        }
        return random.pick(spellings)
    }

    mutating func date(after start: CalendarDate, days: ClosedRange<Int>) -> String {
        let day = CalendarDate(daysSinceEpoch: start.daysSinceEpoch + random.int(days))
        switch random.int(0...2) {
        case 0: return day.description
        case 1:
            let dd = day.day < 10 ? "0\(day.day)" : "\(day.day)"
            let mm = day.month < 10 ? "0\(day.month)" : "\(day.month)"
            return "\(dd)/\(mm)/\(day.year)"
        default: return "\(day.day)-\(Phrasebook.months[day.month - 1].prefix(3))-\(day.year)"
        }
    }

    mutating func registerRow(_ item: Item) -> [String] {
        let type =
            random.chance(0.01)
            ? random.pick(["Observation", "Finding", "Action"]) : spelling(of: item.type, portal: false)
        let status =
            random.chance(0.015)
            ? random.pick(["On hold", "TBC", "Paused", "Deferred"])
            : spelling(of: item.registerState, portal: false)
        var title: String
        switch random.int(0...9) {
        case 0...4: title = item.registerTitle
        case 5...7: title = item.title
        case 8: title = item.title.lowercased()
        default: title = ""
        }
        if options.hardCases && title.isEmpty && keepsItsTitle(item) { title = item.registerTitle }
        let forceLead = random.chance(0.03) ? "" : random.pick(Phrasebook.people)
        let deliveryLead = random.chance(0.03) ? "" : random.pick(Phrasebook.people)
        let target =
            random.chance(0.05)
            ? ""
            : date(after: MessyDataset.asOf, days: random.chance(0.15) ? -600 ... -1 : 1...700)
        let stated: String
        switch item.role {
        case .reference, .registerDuplicate, .portalDuplicate, .wrongReference, .referenceNotFound:
            stated = item.statedReference
        default: stated = ""
        }
        return [
            item.ownRef, stated, type, title, item.registerText, status, forceLead, deliveryLead,
            random.pick(Phrasebook.boards), target,
        ]
    }

    mutating func portalRow(_ item: Item) -> [String] {
        let type = random.chance(0.005) ? "Observation" : spelling(of: item.portalType, portal: true)
        let status = random.chance(0.01) ? "Under review by HMICFRS" : spelling(of: item.portalState, portal: true)
        let force = random.pick([
            MessyDataset.force, MessyDataset.force, MessyDataset.force, "Cleveland", "CLEVELAND POLICE",
        ])
        let closed = item.portalState == .closed ? date(after: MessyDataset.asOf, days: -900 ... -1) : ""
        return [force, item.id, type, item.title, item.portalText, status, closed]
    }

    /// Another force's row: often the same national recommendation, word for word.
    mutating func otherForceRow(like item: Item) -> [String] {
        let force = random.pick(Phrasebook.otherForces)
        let national = random.chance(0.5)
        let title =
            national ? item.title.replacingAll(MessyDataset.force, with: force) : inspection(force: force).title
        let text =
            national
            ? item.portalText.replacingAll(MessyDataset.force, with: force)
            : portalOpening() + " "
                + Wording(
                    action: random.pick(Phrasebook.actions), quality: random.pick(Phrasebook.qualities),
                    activity: random.pick(Phrasebook.activities), subject: subject(),
                    place: place(), purpose: purpose(), followUp: followUp()
                ).core + "."
        return [
            force, freshID(for: title), spelling(of: item.type, portal: true), title, text,
            spelling(of: random.pick([.open, .open, .closed, .awaitingCentralSignOff]), portal: true), "",
        ]
    }
}
