import SyntheticData
import Testing

@testable import Reconciliation

@Suite struct TextSimilarityTests {
    static let original =
        "The force should develop the risk-based engagement of rural crime in the resolution centre, to make best use of available resources."

    /// The score of one register wording against the original among the background findings.
    func score(_ registerText: String, _ portalText: String = original, registerTitle: String? = nil) -> Double {
        let (bgRegister, bgPortal) = Fixture.backgroundPairs(from: 10)
        let r =
            [
                Fixture.register(
                    2, registerText, inspection: registerTitle ?? "PEEL 2021/22: An inspection of Cleveland Police")
            ] + bgRegister
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

    /// A text cut short where its last word began ("victi") pairs that stub with the word it begins, not with a
    /// word one letter from it later on ("victim"), which the prefix score would not see.
    @Test func aCutOffLastWordIsTheWordItBeginsBeforeItIsATypo() {
        let portal =
            "The force should update the active assessment of adolescent to parent violence at the control room, to "
            + "reduce repeat victimisation, and report on the rate of victim withdrawal."
        let cut =
            "Cleveland should update the active assessment of adolescent to parent violence at the control room, "
            + "to reduce repeat victi"
        #expect(score(cut, portal) >= 0.95)
    }

    @Test func recasingChangesNothing() {
        #expect(score(Self.original.uppercased()) > 0.999)
        #expect(score(Self.original.lowercased()) > 0.999)
    }

    @Test func rewordedOpeningsChangeNothing() {
        let body =
            "develop the risk-based engagement of rural crime in the resolution centre, to make best use of available resources."
        for opening in [
            "Force to", "The force to", "Cleveland Police should", "By March 2022, force to", "The Force must",
            "Chief constables should", "Cleveland should", "The force needs to",
        ] {
            #expect(score(opening + " " + body) > 0.999, "\(opening)")
        }
        #expect(
            score(
                "Develop the risk-based engagement of rural crime in the resolution centre, to make best use of available resources by March 2023"
            ) > 0.999)
    }

    @Test func transposedLettersScoreHigh() {
        #expect(
            score(
                "The force should devleop the risk-based engagmeent of rural crime in the resolution centre, to make best use of available resources."
            ) >= 0.95)
        #expect(
            score(
                "The force sohuld develop the risk-based engagement of rural crime in the resolution centre, to make best use of available resources."
            ) >= 0.95)
    }

    @Test func extraSpacesChangeNothing() {
        #expect(
            score(
                "  The  force should develop the risk-based   engagement of rural crime in the resolution centre , to make best use of available resources.  "
            ) > 0.999)
    }

    @Test func unrelatedWordingScoresLow() {
        #expect(score(Fixture.background[0]) < 0.4)
    }

    @Test func numbersAreNeverTypos() {
        let corpus = TextCorpus(register: [Fixture.register(2, "2021 abcd")], portal: [Fixture.portal(2, "2012 abdc")])
        let scorer = TextScorer(corpus: corpus)
        // Tokens are numbered across both sides: the register's two words, then the portal's.
        #expect(corpus.register(0).range == 0..<2 && corpus.portal(0).range == 2..<4)
        let surfaces = corpus.tokens.map(\.surface)
        #expect(!scorer.spellingsNearlyEqual(surfaces[0], surfaces[2]))
        #expect(scorer.spellingsNearlyEqual(surfaces[1], surfaces[3]))
    }

    @Test func oneEditApartIsADamerauDistanceOfOne() {
        // Every pair of words of three to six letters over a small alphabet, so that most pairs are near one
        // another, against the optimal-string-alignment distance worked out in full.
        func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
            var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
            for i in 0...a.count { d[i][0] = i }
            for j in 0...b.count { d[0][j] = j }
            for i in 1...a.count {
                for j in 1...b.count {
                    d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                        d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                    }
                }
            }
            return d[a.count][b.count]
        }
        var g = SeededGenerator(seed: 0x0E1)
        let words = (0..<400).map { _ in
            (0..<Int.random(in: 3...6, using: &g)).map { _ in UInt8(0x61 + Int.random(in: 0..<3, using: &g)) }
        }
        for a in words {
            for b in words {
                let expected = a.count >= 4 && b.count >= 4 && distance(a, b) <= 1
                #expect(
                    TextNormaliser.oneEditApart(a, b) == expected,
                    "\(String(decoding: a, as: UTF8.self)) \(String(decoding: b, as: UTF8.self))")
            }
        }
        // A word and the start of a longer one.
        #expect(TextNormaliser.oneEditApart(Array("investgi".utf8), Array("investigation".utf8.prefix(8))))
    }

    @Test func anEllipsisIsFoundBeforeClosingSpacesAndQuotes() {
        for text in [
            "Cut off here\u{2026}", "Cut off here...", "Cut off here\u{2026}\u{201D} ", "here...)\u{A0}\"\r\n",
            "\u{2026}", "...", "....", "here \u{2026}\t",
        ] {
            #expect(TextNormaliser.endsWithEllipsis(text), "\(text.debugDescription)")
        }
        // Two dots, a dot after the mark, a mark before a letter, a space between dots, "‥", "¦" and "ĝ".
        for text in [
            "", "here..", "here\u{2026}.", "here\u{2026}x", "here. ..", "here\u{2025}", "here\u{A6}",
            "here\u{11D}", "here\u{2026}\u{2019}",
        ] {
            #expect(!TextNormaliser.endsWithEllipsis(text), "\(text.debugDescription)")
        }
    }

    /// The words the normaliser keeps of a description, and whether it was cut short.
    func normalised(_ text: String) -> (words: [String], truncated: Bool) {
        var normaliser = TextNormaliser()
        var ids: [Int32] = []
        let truncated = normaliser.description(text, into: &ids)
        return (ids.map { String(decoding: normaliser.table.spellings[Int($0)], as: UTF8.self) }, truncated)
    }

    @Test func stockOpeningsAreStripped() {
        #expect(
            normalised("By 31 March 2022, the force should ensure that officers attend").words == [
                "ensure", "officers", "attend",
            ])
        #expect(
            normalised("Force to ensure officers attend by the end of March 2023").words == [
                "ensure", "officers", "attend",
            ])
        #expect(normalised("Ensure that all officers should attend").words == ["ensure", "all", "officers", "attend"])
        #expect(
            normalised("Review the Force's officers' CAFÉ ‘meetings’").words == [
                "review", "forces", "officers", "café", "meetings",
            ])
        #expect(normalised("Cut off here…").truncated)
        #expect(normalised("Cut off here...").truncated)
        #expect(!normalised("Not cut off.").truncated)
        #expect(normalised("Review the victims service so that victims receive so tha").words.last == "receive")
        #expect(normalised("Review the victims service so that victims receive t").truncated)
    }

    @Test func pluralsAndEndingsShareAStem() {
        for (a, b) in [
            ("reports", "report"), ("recording", "record"), ("recorded", "record"), ("planning", "plan"),
            ("policies", "policy"), ("services", "service"), ("assesses", "assess"), ("processes", "process"),
        ] {
            #expect(TextNormaliser.stem(Array(a.utf8)) == TextNormaliser.stem(Array(b.utf8)), "\(a) / \(b)")
        }
        #expect(TextNormaliser.stem(Array("2021".utf8)) == Array("2021".utf8))
        #expect(TextNormaliser.stem(Array("status".utf8)) != TextNormaliser.stem(Array("stat".utf8)))
    }

    @Test func inflectionsScoreAsTheSameWords() {
        #expect(
            score(
                "The force should develop the risk-based engagements of rural crimes in the resolution centre, to make best use of available resource."
            ) > 0.999)
    }

    @Test func aMisspeltWordFindsItsPartnerWhenItsStemIsShared() {
        // "corodinate" must pair with "coordinate", not lose it to "coordinated" (the same stem).
        #expect(
            score(
                "The force should corodinate the coordinated training of repeat victims in the control room.",
                "The force should coordinate the coordinated training of repeat victims in the control room.") >= 0.95)
    }

    @Test func anAcronymInOneTitleMatchesTheWordsItStandsFor() {
        let r = [Fixture.register(2, Self.original, inspection: "DA PEEL thematic 2020")]
        let p = [Fixture.portal(2, Self.original, inspection: "Domestic abuse PEEL thematic 2020")]
        let scorer = TextScorer(corpus: TextCorpus(register: r, portal: p))
        #expect(scorer.score(register: 0, portal: 0) > 0.999)
        let other = [Fixture.portal(2, Self.original, inspection: "Crime data integrity inspection 2020")]
        #expect(TextScorer(corpus: TextCorpus(register: r, portal: other)).score(register: 0, portal: 0) < 0.95)
    }

    @Test func aSharedStockPhraseCountsLessThanSharedSubstance() {
        // Background findings that all end with the same stock phrase teach the corpus it is one.
        let stock = "in line with the authorised professional practice."
        let background = Fixture.background.map { $0.dropLast() + ", " + stock }
        let r =
            [
                Fixture.register(
                    2, "The force should audit the timely triage of knife crime in the custody suites, " + stock),
                Fixture.register(
                    3,
                    "The force should audit the timely triage of knife crime in the custody suites, so that victims are kept informed."
                ),
            ]
            + background.enumerated().map { Fixture.register(10 + $0.offset, String($0.element)) }
        let p =
            [
                Fixture.portal(
                    2, "The force should review the regular vetting of road policing at the training school, " + stock),
                Fixture.portal(
                    3,
                    "The force should audit the robust triage of knife crime in the custody suites, to cut avoidable demand."
                ),
            ]
            + background.enumerated().map { Fixture.portal(10 + $0.offset, String($0.element)) }
        let scorer = TextScorer(corpus: TextCorpus(register: r, portal: p))
        // Sharing only the stock phrase is far from a match, and well below sharing the substance, reworded.
        let stockOnly = scorer.score(register: 0, portal: 0)
        let substance = scorer.score(register: 1, portal: 1)
        #expect(stockOnly < 0.3, "\(stockOnly)")
        #expect(substance > stockOnly + 0.1, "\(substance) against \(stockOnly)")
    }

    @Test func aCutOffStubIsNotHeldAgainstThePair() {
        #expect(
            score(
                "The force should develop the risk-based engagement of rural crime in the resolution centre, to mkae bte"
            ) >= 0.88)
        #expect(
            score("The force should develop the risk-based engagement of rural crime in the resolution centre, so tha")
                >= 0.88)
    }
}
