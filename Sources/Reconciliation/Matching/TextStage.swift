/// SPEC §3 step 2: pairs the records the references left, by wording, one-to-one.
///
/// Every record is read, since a word's weight depends on how often all the records use it, but only the records
/// the text stage can pair are scored and indexed: those left unmatched, and reference pairs whose two descriptions
/// read differently (the only ones whose reference can be in doubt).
struct TextStage {
    let scorer: TextScorer
    let settings: TextMatchSettings
    private let index: TextIndex
    private var scratch: TextIndex.Scratch
    /// Register records paired by reference with a portal record whose description reads differently.
    private let wordedDifferently: [Bool]

    /// Reads both sides, given the pairs the references made (and which of them share their descriptions), the
    /// register records left and the free portal records (`portalKeep`: the portal records taking part, ascending).
    init(register: [Record], portal: [Record], portalKeep: [Int], referencePairs: [Match], sharing: SharedDescriptions,
         unmatched: [Int], portalFree: [Bool], settings: TextMatchSettings) {
        let reading = TextReading(register: register, portal: portal, sharing: sharing)
        var scoredRegister = [Bool](repeating: false, count: register.count), scoredPortal = portalFree
        for r in unmatched { scoredRegister[r] = true }
        var differing = [Bool](repeating: false, count: register.count)
        for pair in referencePairs where !reading.sameWords(pair.register, register.count + pair.portal) {
            differing[pair.register] = true
            scoredRegister[pair.register] = true
            scoredPortal[pair.portal] = true
        }
        wordedDifferently = differing
        // The corpus and the index only read the reading: one is built on each core.
        let (corpus, index) = inParallel({
            var copy = reading
            return TextCorpus(reading: &copy, register: register, portal: portal, scoredRegister: scoredRegister,
                              scoredPortal: scoredPortal)
        }, {
            TextIndex(reading: reading, portalKeep: portalKeep, indexed: scoredPortal,
                      lookups: register.indices.filter { scoredRegister[$0] }, postingsCap: settings.postingsCap,
                      budget: settings.postingsBudget)
        })
        scorer = TextScorer(corpus: corpus)
        self.index = index
        scratch = index.makeScratch()
        self.settings = settings
    }

    /// True when a free portal record's wording clearly matches a reference pair's register record while the
    /// referenced record's wording does not: the reference should not be trusted. A pair whose descriptions read
    /// the same scores at least 0.665 (its wording 1, times at least 0.7 for the titles and 0.95 for the types), so
    /// it is never in doubt.
    mutating func isSuspectReference(_ match: Match, free: [Bool]) -> Bool {
        guard wordedDifferently[match.register] else { return false }
        let words = scorer.corpus.words(scorer.corpus.register(match.register))
        guard !words.isEmpty, scorer.corpus.portal(match.portal).count > 0 else { return false }
        let stated = scorer.score(register: match.register, portal: match.portal)
        guard stated < settings.suspectReferenceBelow else { return false }
        var best: Double?
        for candidate in index.candidates(for: words, allowed: free, limit: settings.candidates, scratch: &scratch) {
            let s = scorer.score(register: match.register, portal: Int(candidate.record))
            if s > (best ?? -1) { best = s }
        }
        guard let best, best >= settings.clearTextMatch, best - stated >= settings.clearTextLead else { return false }
        return true
    }

    /// One scored pair.
    private struct Edge {
        var score: Double
        var register: Int32
        var portal: Int32
    }

    /// Greedy one-to-one assignment by descending score (then register index, then portal index), flagging weak
    /// pairs and pairs with a close runner-up on either side.
    mutating func assign(registers: [Int], portalFree: [Bool]) -> [Match] {
        // Candidates and scores, in chunks on every core; the chunks are joined in order, then sorted.
        let index = self.index, scorer = self.scorer, settings = self.settings
        let chunkCount = max(1, min(16, registers.count / 2000))
        let ranges = consecutiveRanges(registers.count, pieces: chunkCount)
        let chunks = parallelMap(chunkCount) { chunk -> [Edge] in
            var scratch = index.makeScratch()
            var edges: [Edge] = []
            for r in registers[ranges[chunk]] {
                let words = scorer.corpus.words(scorer.corpus.register(r))
                guard !words.isEmpty else { continue }
                let candidates = index.candidates(for: words, allowed: portalFree, limit: settings.candidates, scratch: &scratch)
                let enough = (candidates.first?.votes ?? 0) / 4
                for candidate in candidates where candidate.votes >= enough {
                    let s = scorer.score(register: r, portal: Int(candidate.record))
                    if s >= settings.acceptance { edges.append(Edge(score: s, register: Int32(r), portal: candidate.record)) }
                }
            }
            return edges
        }
        var edges = chunks.flatMap { $0 }
        edges.sort { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.register != b.register { return a.register < b.register }
            return a.portal < b.portal
        }

        var portalOf: [Int32: Int32] = [:], registerOf: [Int32: Int32] = [:]
        var scoreOfRegister: [Int32: Double] = [:], scoreOfPortal: [Int32: Double] = [:]
        var chosen: [Edge] = []
        for edge in edges where portalOf[edge.register] == nil && registerOf[edge.portal] == nil {
            portalOf[edge.register] = edge.portal
            registerOf[edge.portal] = edge.register
            scoreOfRegister[edge.register] = edge.score
            scoreOfPortal[edge.portal] = edge.score
            chosen.append(edge)
        }

        // Edges are sorted best first, so each record's alternatives come out in order.
        var byRegister: [Int32: [Edge]] = [:], byPortal: [Int32: [Edge]] = [:]
        for edge in edges {
            if portalOf[edge.register] != nil { byRegister[edge.register, default: []].append(edge) }
            if registerOf[edge.portal] != nil { byPortal[edge.portal, default: []].append(edge) }
        }

        let margin = settings.ambiguityMargin
        var matches: [Match] = []
        matches.reserveCapacity(chosen.count)
        for edge in chosen {
            var match = Match(register: Int(edge.register), portal: Int(edge.portal), method: .text,
                              score: (edge.score * 1000).rounded() / 1000)
            // Runner-up portal record: the best other one, reported; ambiguous when it is close and not clearly
            // another register record's.
            let others = byRegister[edge.register, default: []].filter { $0.portal != edge.portal }
            if let best = others.first {
                match.runnerUp = Int(best.portal)
                match.runnerUpScore = (best.score * 1000).rounded() / 1000
            }
            if let rival = others.first(where: { other in
                other.score >= edge.score - margin
                    && (scoreOfPortal[other.portal].map { $0 < other.score + margin } ?? true)
            }) {
                match.runnerUp = Int(rival.portal)
                match.runnerUpScore = (rival.score * 1000).rounded() / 1000
                match.review.append(.ambiguous)
            } else if let rival = byPortal[edge.portal, default: []].first(where: { other in
                other.register != edge.register && other.score >= edge.score - margin
                    && (scoreOfRegister[other.register].map { $0 < other.score + margin } ?? true)
            }) {
                match.rivalRegister = Int(rival.register)
                match.review.append(.ambiguous)
            }
            if edge.score < settings.weak { match.review.append(.weak) }
            matches.append(match)
        }
        return matches
    }
}
