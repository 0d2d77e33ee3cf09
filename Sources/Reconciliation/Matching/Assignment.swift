/// Greedy one-to-one assignment of scored pairs by descending score (then register index, then portal index),
/// flagging pairs whose wording is weak and pairs with a close runner-up on either side.
struct Assignment {
    /// One scored pair.
    struct Edge: Sendable {
        /// What ranks the pair: the wording scaled by the titles' agreement.
        var score: Double
        /// The descriptions' similarity alone: what decides whether the pair is weak (rules §3).
        var wording: Double
        var register: Int
        var portal: Int
    }

    /// The pairs chosen, in the order they were chosen.
    private(set) var matches: [Match] = []

    init(edges: [Edge], settings: TextMatchSettings) {
        let edges = edges.sorted { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.register != b.register { return a.register < b.register }
            return a.portal < b.portal
        }
        var portalOf: [Int: Int] = [:]
        var registerOf: [Int: Int] = [:]
        var chosen: [Edge] = []
        for edge in edges where portalOf[edge.register] == nil && registerOf[edge.portal] == nil {
            portalOf[edge.register] = edge.portal
            registerOf[edge.portal] = edge.register
            chosen.append(edge)
        }
        // Edges are sorted best first, so each record's alternatives come out in order.
        var byRegister: [Int: [Edge]] = [:]
        var byPortal: [Int: [Edge]] = [:]
        for edge in edges {
            if portalOf[edge.register] != nil { byRegister[edge.register, default: []].append(edge) }
            if registerOf[edge.portal] != nil { byPortal[edge.portal, default: []].append(edge) }
        }
        let scoreOfRegister = Dictionary(uniqueKeysWithValues: chosen.map { ($0.register, $0.score) })
        let scoreOfPortal = Dictionary(uniqueKeysWithValues: chosen.map { ($0.portal, $0.score) })
        let margin = settings.ambiguityMargin
        for edge in chosen {
            var match = Match(
                register: edge.register, portal: edge.portal, method: .text, score: Self.rounded(edge.score))
            // Runner-up portal record: the best other one, reported; ambiguous when it is close and not clearly
            // another register record's.
            let others = byRegister[edge.register, default: []].filter { $0.portal != edge.portal }
            if let best = others.first {
                match.runnerUp = best.portal
                match.runnerUpScore = Self.rounded(best.score)
            }
            if let rival = others.first(where: { other in
                other.score >= edge.score - margin
                    && (scoreOfPortal[other.portal].map { $0 < other.score + margin } ?? true)
            }) {
                match.runnerUp = rival.portal
                match.runnerUpScore = Self.rounded(rival.score)
                match.review.append(.ambiguous)
            } else if let rival = byPortal[edge.portal, default: []].first(where: { other in
                other.register != edge.register && other.score >= edge.score - margin
                    && (scoreOfRegister[other.register].map { $0 < other.score + margin } ?? true)
            }) {
                match.rivalRegister = rival.register
                match.review.append(.ambiguous)
            }
            // Weak by its wording, not by the score: titles that agree are no reason to trust wording that does
            // not (rules §3), and titles that only partly agree do not make wording that agrees weak.
            if edge.wording < settings.weak { match.review.append(.weak) }
            matches.append(match)
        }
    }

    /// A score to three decimals, as it is reported.
    static func rounded(_ score: Double) -> Double { (score * 1000).rounded() / 1000 }
}
