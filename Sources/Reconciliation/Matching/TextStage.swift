import Spreadsheet

/// Rules §3 step 2: pairs the records the references left, by wording, one-to-one.
///
/// Every record is read, since a word's weight depends on how often all the records use it, but only the records
/// the text stage can pair are scored and indexed: those left unmatched, and reference pairs whose two descriptions
/// read differently (the only ones whose reference can be in doubt).
struct TextStage {
    let scorer: TextScorer
    let settings: TextMatchSettings
    private let index: TextIndex
    /// Register records paired by reference with a portal record whose description reads differently.
    private let wordedDifferently: [Bool]

    /// Reads both sides, given the reference step's pairs, the register records it left and the free portal
    /// records.
    init(
        register: [Record], portal: [Record], references: ReferenceStep, portalFree: [Bool],
        settings: TextMatchSettings
    ) {
        var partner = [Int](repeating: -1, count: portal.count)
        for pair in references.matches { partner[pair.portal] = pair.register }
        var reading = TextReading(register: register, portal: portal, partner: partner)
        var scoredRegister = [Bool](repeating: false, count: register.count)
        var scoredPortal = portalFree
        for r in references.unmatched { scoredRegister[r] = true }
        var differing = [Bool](repeating: false, count: register.count)
        for pair in references.matches where !reading.sameWords(pair.register, register.count + pair.portal) {
            differing[pair.register] = true
            scoredRegister[pair.register] = true
            scoredPortal[pair.portal] = true
        }
        wordedDifferently = differing
        index = TextIndex(
            reading: reading, portalKeep: references.portalKeep, indexed: scoredPortal,
            lookups: register.indices.filter { scoredRegister[$0] }, postingsCap: settings.postingsCap,
            budget: settings.postingsBudget)
        scorer = TextScorer(
            corpus: TextCorpus(
                reading: &reading, register: register, portal: portal,
                scored: scoredRegister + scoredPortal))
        self.settings = settings
    }

    /// True when a free portal record's wording clearly matches a reference pair's register record while the
    /// referenced record's wording does not: the reference should not be trusted. A pair whose descriptions read
    /// the same scores at least 0.7 (its wording 1, times at least 0.7 for the titles), so
    /// it is never in doubt.
    func isSuspectReference(_ match: Match, free: [Bool]) -> Bool {
        guard wordedDifferently[match.register] else { return false }
        let words = scorer.corpus.words(scorer.corpus.register(match.register))
        guard !words.isEmpty, scorer.corpus.portal(match.portal).count > 0 else { return false }
        let stated = scorer.score(register: match.register, portal: match.portal)
        guard stated < settings.suspectReferenceBelow else { return false }
        var best: Double?
        for candidate in index.candidates(for: words, allowed: free, limit: settings.candidates)
        where scorer.contradiction(register: match.register, portal: Int(candidate.record)) == nil {
            let s = scorer.score(register: match.register, portal: Int(candidate.record))
            if s > (best ?? -1) { best = s }
        }
        guard let best, best >= settings.clearTextMatch, best - stated >= settings.clearTextLead else { return false }
        return true
    }

    /// A pair worded closely enough to be matched, but contradicted by its inspections or types.
    struct Rejection: Sendable {
        var register: Int
        var portal: Int
        var wording: Double
        var reason: Contradiction
    }

    /// Pairs the register records `registers` with free portal records by wording (see `Assignment`), and lists
    /// the pairs worded closely enough that only a contradiction kept them apart.
    func assign(registers: [Int], portalFree: [Bool]) -> (matches: [Match], rejections: [Rejection]) {
        let scored = scoredCandidates(registers: registers, portalFree: portalFree)
        return (
            Assignment(edges: scored.flatMap(\.edges), settings: settings).matches,
            scored.flatMap(\.rejections)
        )
    }

    /// Each register record's candidates that score at least the acceptance, scored in consecutive chunks on
    /// every core, in register order; a contradicted candidate is no edge, but a rejection when its wording alone
    /// reaches the acceptance.
    private func scoredCandidates(registers: [Int], portalFree: [Bool])
        -> [(edges: [Assignment.Edge], rejections: [Rejection])]
    {
        let index = self.index
        let scorer = self.scorer
        let settings = self.settings
        let chunkCount = max(1, min(16, registers.count / 2000))
        let ranges = (0..<chunkCount).map {
            registers.count * $0 / chunkCount..<registers.count * ($0 + 1) / chunkCount
        }
        return Spreadsheet.parallelMap(chunkCount) { chunk -> (edges: [Assignment.Edge], rejections: [Rejection]) in
            var edges: [Assignment.Edge] = []
            var rejections: [Rejection] = []
            for r in registers[ranges[chunk]] {
                let words = scorer.corpus.words(scorer.corpus.register(r))
                guard !words.isEmpty else { continue }
                let candidates = index.candidates(for: words, allowed: portalFree, limit: settings.candidates)
                let enough = (candidates.first?.votes ?? 0) / 4
                for candidate in candidates where candidate.votes >= enough {
                    let p = Int(candidate.record)
                    if let reason = scorer.contradiction(register: r, portal: p) {
                        let wording = scorer.wording(register: r, portal: p)
                        if wording >= settings.acceptance {
                            rejections.append(.init(register: r, portal: p, wording: wording, reason: reason))
                        }
                        continue
                    }
                    let (s, wording) = scorer.scored(register: r, portal: p)
                    if s >= settings.acceptance {
                        edges.append(.init(score: s, wording: wording, register: r, portal: p))
                    }
                }
            }
            return (edges, rejections)
        }
    }
}
