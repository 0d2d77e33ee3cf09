/// The text stage's scores, open to measurement: how a register record's wording scores against given portal
/// records and against the candidates the index would offer it. Used to report score margins on generated data;
/// the command itself never needs it.
public struct TextProbe: Sendable {
    private let scorer: TextScorer
    private let index: TextIndex
    private let settings: TextMatchSettings

    /// Normalises and indexes both sides as the matcher would, with every portal record free.
    public init(register: [Record], portal: [Record], settings: TextMatchSettings = TextMatchSettings()) {
        var reading = TextReading(register: register, portal: portal)
        index = TextIndex(
            reading: reading, portalKeep: Array(portal.indices),
            indexed: Array(repeating: true, count: portal.count), lookups: Array(register.indices),
            postingsCap: settings.postingsCap, budget: settings.postingsBudget)
        scorer = TextScorer(
            corpus: TextCorpus(
                reading: &reading, register: register, portal: portal,
                scored: Array(repeating: true, count: register.count + portal.count)))
        self.settings = settings
    }

    /// The score of one pair, 0…1, whether or not its inspections or types contradict it.
    public func score(register: Int, portal: Int) -> Double {
        scorer.score(register: register, portal: portal)
    }

    /// How alike the pair's descriptions alone are, 0…1: what decides whether a matched pair is weak.
    public func wording(register: Int, portal: Int) -> Double {
        scorer.wording(register: register, portal: portal)
    }

    /// The portal records the index offers for a register record that the matcher could pair with it (none whose
    /// inspections or types contradict it), with their scores, best first.
    public func candidates(register: Int) -> [(portal: Int, score: Double)] {
        let allowed = Array(repeating: true, count: index.recordCount)
        let words = scorer.corpus.words(scorer.corpus.register(register))
        guard !words.isEmpty else { return [] }
        let found = index.candidates(for: words, allowed: allowed, limit: settings.candidates)
        let enough = (found.first?.votes ?? 0) / 4
        return found.filter {
            $0.votes >= enough && scorer.contradiction(register: register, portal: Int($0.record)) == nil
        }
        .map { (Int($0.record), score(register: register, portal: Int($0.record))) }
        .sorted { $0.score > $1.score }
    }
}
