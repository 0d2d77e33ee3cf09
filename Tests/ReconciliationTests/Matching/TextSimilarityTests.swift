import Testing
@testable import Reconciliation

@Suite struct TextSimilarityTests {
    static let original = "The force should develop the risk-based engagement of rural crime in the resolution centre, to make best use of available resources."

    /// The score of one register wording against the original among the background findings.
    func score(_ registerText: String, _ portalText: String = original, registerTitle: String? = nil) -> Double {
        let (bgRegister, bgPortal) = Fixture.backgroundPairs(from: 10)
        let r = [Fixture.register(2, registerText, inspection: registerTitle ?? "PEEL 2021/22: An inspection of Cleveland Police")] + bgRegister
        let p = [Fixture.portal(2, portalText)] + bgPortal
        return TextScorer(corpus: TextCorpus(register: r, portal: p)).score(register: 0, portal: 0)
    }

    @Test func identicalWordingScoresOne() {
        #expect(score(Self.original) > 0.999)
    }

    @Test func truncationWithEllipsisStillScoresHigh() {
        #expect(score("The force should develop the risk-based engagement of rural crime in the reso…") >= 0.85)
        #expect(score("The force should develop the risk-based engagement of rural crime in the resl…") >= 0.85)
        #expect(score("The force should develop the risk-based engagement of rural crime in the resolution...") >= 0.85)
    }

    @Test func truncationMidWordWithoutMarkStillScoresHigh() {
        #expect(score("The force should develop the risk-based engagement of rural crime in the resolu") >= 0.8)
    }

    @Test func recasingChangesNothing() {
        #expect(score(Self.original.uppercased()) > 0.999)
        #expect(score(Self.original.lowercased()) > 0.999)
    }

    @Test func rewordedOpeningsChangeNothing() {
        let body = "develop the risk-based engagement of rural crime in the resolution centre, to make best use of available resources."
        for opening in ["Force to", "The force to", "Cleveland Police should", "By March 2022, force to", "The Force must",
                        "Chief constables should", "Cleveland should", "The force needs to"] {
            #expect(score(opening + " " + body) > 0.999, "\(opening)")
        }
        #expect(score("Develop the risk-based engagement of rural crime in the resolution centre, to make best use of available resources by March 2023") > 0.999)
    }

    @Test func transposedLettersScoreHigh() {
        #expect(score("The force should devleop the risk-based engagmeent of rural crime in the resolution centre, to make best use of available resources.") >= 0.95)
        #expect(score("The force sohuld develop the risk-based engagement of rural crime in the resolution centre, to make best use of available resources.") >= 0.95)
    }

    @Test func extraSpacesChangeNothing() {
        #expect(score("  The  force should develop the risk-based   engagement of rural crime in the resolution centre , to make best use of available resources.  ") > 0.999)
    }

    @Test func unrelatedWordingScoresLow() {
        #expect(score(Fixture.background[0]) < 0.4)
    }

    @Test func numbersAreNeverTypos() {
        let corpus = TextCorpus(register: [Fixture.register(2, "2021 abcd")], portal: [Fixture.portal(2, "2012 abdc")])
        let scorer = TextScorer(corpus: corpus)
        let words = corpus.register[0].words + corpus.portal[0].words
        #expect(!scorer.nearlyEqual(words[0], words[2]))
        #expect(scorer.nearlyEqual(words[1], words[3]))
    }

    @Test func stockOpeningsAreStripped() {
        #expect(TextNormaliser.description("By 31 March 2022, the force should ensure that officers attend").words == ["ensure", "officers", "attend"])
        #expect(TextNormaliser.description("Force to ensure officers attend by the end of March 2023").words == ["ensure", "officers", "attend"])
        #expect(TextNormaliser.description("Ensure that all officers should attend").words == ["ensure", "all", "officers", "attend"])
        #expect(TextNormaliser.description("Cut off here…").truncated)
        #expect(TextNormaliser.description("Cut off here...").truncated)
        #expect(!TextNormaliser.description("Not cut off.").truncated)
    }
}
