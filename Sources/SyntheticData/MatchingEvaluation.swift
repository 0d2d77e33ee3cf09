import Reconciliation
import Spreadsheet

/// Precision and recall of one kind of result against the truth.
public struct Rate: Sendable {
    /// How many the truth holds.
    public var truth: Int
    /// How many were found.
    public var found: Int
    /// How many found are in the truth.
    public var correct: Int

    /// A rate from its three counts.
    public init(truth: Int = 0, found: Int = 0, correct: Int = 0) {
        self.truth = truth
        self.found = found
        self.correct = correct
    }

    /// correct / found; 1 when nothing was found.
    public var precision: Double { found == 0 ? 1 : Double(correct) / Double(found) }
    /// correct / truth; 1 when the truth holds none.
    public var recall: Double { truth == 0 ? 1 : Double(correct) / Double(truth) }
}

/// How well matching and classification did on a generated data set.
public struct MatchingQuality: Sendable {
    public var registerRecords = 0
    public var portalRecords = 0
    /// Portal rows read before keeping the force's.
    public var portalRowsRead = 0
    /// All pairs, by register and portal row.
    public var matches = Rate()
    /// Pairs whose truth is a text pair (the register gives no usable reference).
    public var textMatches = Rate()
    /// Discrepancies per class, compared by id.
    public var classes: [DiscrepancyClass: Rate] = [:]
    /// Seconds spent aligning (the matcher alone).
    public var matchingSeconds = 0.0
    /// Scores the matcher gave to the truth's pairs that should be reviewed as weak, lowest first.
    public var weakScores: [Double] = []
    /// The first few errors of each class (ten missed, ten spurious), one line each, to see what went wrong.
    public var errors: [String] = []
}

/// Runs a generated data set through the product's own path — CSV bytes, reader, loader, force filter, matcher,
/// classifier — and compares the outcome with the truth classified the same way.
public enum MatchingEvaluation {
    /// Reads the generated register (Windows-1252 CSV, or UTF-8 with the hard cases) and portal (UTF-8 CSV, national) as the command would.
    public static func load(_ dataset: MessyDataset) throws -> (register: LoadedSource, portal: LoadedSource) {
        let registerDocument = try CSVDocument(
            path: "register.csv", bytes: MessyCSV.bytes(dataset.registerRows, encoding: dataset.registerEncoding))
        let portalDocument = try CSVDocument(
            path: "portal.csv", bytes: MessyCSV.bytes(dataset.portalRows, encoding: .utf8WithBOM))
        let register = try RecordLoader.load(.register, from: registerDocument, sheetName: nil, profile: .standard)
        let portal = try RecordLoader.load(.portal, from: portalDocument, sheetName: nil, profile: .standard)
        return (register, try portal.filtered(toForce: "Cleveland"))
    }

    /// Measures matching and per-class precision and recall.
    public static func evaluate(_ dataset: MessyDataset, matcher: Matcher = Matcher()) throws -> MatchingQuality {
        let (register, portal) = try load(dataset)
        let clock = ContinuousClock()
        var alignment: Alignment?
        let elapsed = clock.measure {
            alignment = matcher.align(register: register.records, portal: portal.records)
        }
        let found = alignment!
        let truth = truthAlignment(dataset.truth, register: register.records, portal: portal.records)
        let classifier = Classifier(asOf: MessyDataset.asOf)
        let foundDiscrepancies = classifier.classify(
            register: register.records, portal: portal.records, alignment: found)
        let truthDiscrepancies = classifier.classify(
            register: register.records, portal: portal.records, alignment: truth)

        var quality = MatchingQuality()
        quality.registerRecords = register.records.count
        quality.portalRecords = portal.records.count
        quality.portalRowsRead = portal.rowsRead
        quality.matchingSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18

        let reg = register.records
        let por = portal.records
        func key(_ m: Match) -> Int64 { Int64(reg[m.register].row) << 32 | Int64(por[m.portal].row) }
        let truthPairs = Set(truth.matches.map(key))
        let foundPairs = Set(found.matches.map(key))
        quality.matches = Rate(
            truth: truthPairs.count, found: foundPairs.count, correct: foundPairs.intersection(truthPairs).count)
        let textTruth = Set(
            truth.matches.filter { reg[$0.register].portalReference.isEmpty || !$0.review.isEmpty }.map(key))
        let textRegisters = Set(textTruth.map { $0 >> 32 })
        let textFound = foundPairs.filter { textRegisters.contains($0 >> 32) }
        quality.textMatches = Rate(
            truth: textTruth.count, found: textFound.count, correct: textFound.intersection(textTruth).count)

        let foundByRegister = Dictionary(uniqueKeysWithValues: found.matches.map { ($0.register, $0) })
        quality.weakScores = truth.matches.filter { $0.review == [.weak] }
            .map { foundByRegister[$0.register].map { $0.method == .text ? $0.score : 1 } ?? 0 }.sorted()
        for kind in DiscrepancyClass.allCases {
            let t = multiset(truthDiscrepancies.filter { $0.kind == kind }.map(\.id))
            let f = multiset(foundDiscrepancies.filter { $0.kind == kind }.map(\.id))
            let correct = f.reduce(0) { $0 + min($1.value, t[$1.key] ?? 0) }
            quality.classes[kind] = Rate(truth: t.values.reduce(0, +), found: f.values.reduce(0, +), correct: correct)
            let before = quality.errors.count
            for d in truthDiscrepancies where d.kind == kind && f[d.id] == nil && quality.errors.count < before + 10 {
                quality.errors.append(
                    "missed \(kind.rawValue) register row \(d.registerRow.map(String.init) ?? "-") "
                        + "portal row \(d.portalRow.map(String.init) ?? "-"): \(d.detail)")
            }
            for d in foundDiscrepancies where d.kind == kind && t[d.id] == nil && quality.errors.count < before + 20 {
                quality.errors.append(
                    "spurious \(kind.rawValue) register row \(d.registerRow.map(String.init) ?? "-") "
                        + "portal row \(d.portalRow.map(String.init) ?? "-"): \(d.detail)")
            }
        }
        return quality
    }

    private static func multiset(_ ids: [String]) -> [String: Int] {
        ids.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    /// The alignment the truth describes, over the records as loaded.
    public static func truthAlignment(_ truth: MessyTruth, register: [Record], portal: [Record]) -> Alignment {
        let registerIndex = Dictionary(uniqueKeysWithValues: register.enumerated().map { ($1.row, $0) })
        let portalIndex = Dictionary(uniqueKeysWithValues: portal.enumerated().map { ($1.row, $0) })
        var setAside: [Source: [Int: String]] = [.register: [:], .portal: [:]]
        var duplicates: [DuplicateGroup] = []
        for (source, groups, index, records) in [
            (Source.register, truth.registerDuplicates, registerIndex, register),
            (Source.portal, truth.portalDuplicates, portalIndex, portal),
        ] {
            for rows in groups {
                let members = rows.compactMap { index[$0] }
                guard members.count > 1 else { continue }
                duplicates.append(
                    DuplicateGroup(source: source, reference: records[members[0]].reference, records: members))
                for member in members.dropFirst() { setAside[source]![member] = "duplicate" }
            }
        }
        var matches: [Match] = []
        for pair in truth.pairs {
            guard let r = registerIndex[pair.registerRow], let p = portalIndex[pair.portalRow] else { continue }
            var match = Match(register: r, portal: p, method: pair.review.isEmpty ? .reference : .text, score: 1)
            match.review = pair.review
            matches.append(match)
        }
        let matchedRegister = Set(matches.map(\.register))
        let matchedPortal = Set(matches.map(\.portal))
        return Alignment(
            matches: matches,
            registerOnly: register.indices.filter { !matchedRegister.contains($0) && setAside[.register]![$0] == nil },
            portalOnly: portal.indices.filter { !matchedPortal.contains($0) && setAside[.portal]![$0] == nil },
            duplicates: duplicates, setAside: setAside)
    }
}

/// How far apart the scores of true pairs and of wrong pairs lie: the room the thresholds have.
public struct ScoreMargins: Sendable {
    /// Scores of true pairs that should be trusted (every true pair but the weak ones), lowest first.
    public var strong: [Double] = []
    /// Scores of true pairs whose register summary says two parts differently, lowest first.
    public var weak: [Double] = []
    /// The wording alone (description similarity, what the weak flag reads) of the same two sets, lowest first.
    public var strongWording: [Double] = []
    public var weakWording: [Double] = []
    /// For each register record, the best score of a candidate that is not its counterpart, lowest first.
    public var wrong: [Double] = []
    /// The same, for register records that have no counterpart: a score here at or above acceptance is a false match.
    public var wrongUnpaired: [Double] = []
    /// For register records with a counterpart: its score less the best wrong candidate's, lowest first.
    public var lead: [Double] = []
    /// True pairs whose portal record the index did not offer.
    public var notOffered = 0
    /// The highest-scoring wrong candidates and the lowest-scoring weak pairs: score, register text, portal text.
    public var examples: [(kind: String, score: Double, register: String, portal: String)] = []

    /// The value below which the given share of `values` lies (values sorted).
    public static func quantile(_ values: [Double], _ share: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        return values[min(values.count - 1, max(0, Int((Double(values.count) * share).rounded(.down))))]
    }
}

extension MatchingEvaluation {
    /// Scores every true pair and each register record's best wrong candidate, as the text stage would see them.
    public static func margins(_ dataset: MessyDataset, settings: TextMatchSettings = TextMatchSettings()) throws
        -> ScoreMargins
    {
        let (register, portal) = try load(dataset)
        let reg = register.records
        let por = portal.records
        let probe = TextProbe(register: reg, portal: por, settings: settings)
        let registerIndex = Dictionary(uniqueKeysWithValues: reg.enumerated().map { ($1.row, $0) })
        let portalIndex = Dictionary(uniqueKeysWithValues: por.enumerated().map { ($1.row, $0) })
        var partner: [Int: Int] = [:]
        var margins = ScoreMargins()
        // Twins and second rows of a duplicated reference have a right answer as good as the truth's: leave them out.
        var twinned = Set(dataset.truth.registerDuplicates.flatMap { $0.dropFirst() }.compactMap { registerIndex[$0] })
        for pair in dataset.truth.pairs {
            guard let r = registerIndex[pair.registerRow], let p = portalIndex[pair.portalRow] else { continue }
            partner[r] = p
            if pair.review.contains(.ambiguous) { twinned.insert(r) }
            let s = probe.score(register: r, portal: p)
            if pair.review == [.weak] {
                margins.weak.append(s)
                margins.weakWording.append(probe.wording(register: r, portal: p))
            } else {
                margins.strong.append(s)
                margins.strongWording.append(probe.wording(register: r, portal: p))
            }
            margins.examples.append(
                (
                    pair.review == [.weak] ? "weak" : "true", s, reg[r].inspection + " | " + reg[r].description,
                    por[p].inspection + " | " + por[p].description
                ))
        }
        for r in reg.indices where !twinned.contains(r) {
            let candidates = probe.candidates(register: r)
            let counterpart = partner[r]
            if let counterpart, !candidates.contains(where: { $0.portal == counterpart }) { margins.notOffered += 1 }
            let sameText = counterpart.map { por[$0].description }
            if let best = candidates.first(where: { $0.portal != counterpart && por[$0.portal].description != sameText }
            ) {
                margins.wrong.append(best.score)
                if let counterpart {
                    margins.lead.append(probe.score(register: r, portal: counterpart) - best.score)
                } else {
                    margins.wrongUnpaired.append(best.score)
                }
                margins.examples.append(
                    (
                        "wrong", best.score, reg[r].inspection + " | " + reg[r].description,
                        por[best.portal].inspection + " | " + por[best.portal].description
                    ))
            }
        }
        margins.strong.sort()
        margins.weak.sort()
        margins.strongWording.sort()
        margins.weakWording.sort()
        margins.wrong.sort()
        margins.wrongUnpaired.sort()
        margins.lead.sort()
        return margins
    }
}
