/// Scores how well a register record's wording matches a portal record's: description words weighted by
/// rarity, robust to typos and truncation, scaled by the inspection titles' agreement; and says when the pair's
/// inspections or types contradict it, whatever its wording.
struct TextScorer: Sendable {
    let corpus: TextCorpus

    /// The pair's score in 0…1: description × (0.7 + 0.3 × title). Titles that name clearly the same inspection
    /// agree fully, however differently they are written ("PEEL 2021-22" and "PEEL 2021/22: An inspection of
    /// Cleveland Police"). Types play no part: types that differ are a `contradiction` unless the inspections
    /// clearly agree, and then a type-mismatch to report rather than evidence against the pair.
    func score(register r: Int, portal p: Int) -> Double {
        scored(register: r, portal: p).score
    }

    /// The pair's score together with the wording's part of it, the description similarity: the score ranks
    /// candidates, where titles help tell them apart; the wording alone says whether a person should check the pair.
    func scored(register r: Int, portal p: Int) -> (score: Double, wording: Double) {
        let a = corpus.register(r)
        let b = corpus.portal(p)
        let description = descriptionSimilarity(a, b)
        guard description > 0 else { return (0, 0) }
        let sameInspection = corpus.inspections[Int(a.inspection)].clearlyAgrees(
            with: corpus.inspections[Int(b.inspection)])
        let title = sameInspection ? 1 : titleSimilarity(a.titleRange, b.titleRange) ?? 1
        return (description * (0.7 + 0.3 * title), description)
    }

    /// Why the pair may not be paired however alike its wording (rules §3), or nil: inspections that plainly
    /// differ, or types that differ while the inspections do not clearly agree. Two comparisons of keys read once
    /// per title, so it costs next to nothing beside the score.
    func contradiction(register r: Int, portal p: Int) -> Contradiction? {
        let a = corpus.register(r)
        let b = corpus.portal(p)
        // Read in place, not copied out of the array: a key holds a list and a set whose copies would be counted.
        let (x, y) = (Int(a.inspection), Int(b.inspection))
        if corpus.inspections[x].plainlyDiffers(from: corpus.inspections[y]) { return .differentInspection }
        if let ta = a.type, let tb = b.type, ta != tb, !corpus.inspections[x].clearlyAgrees(with: corpus.inspections[y])
        {
            return .differentType
        }
        return nil
    }

    /// How alike the two descriptions alone are, 0…1.
    func wording(register r: Int, portal p: Int) -> Double {
        descriptionSimilarity(corpus.register(r), corpus.portal(p))
    }

    /// Weighted Dice similarity of the description words; where one side is shorter or marked as cut off, the
    /// better of that and its similarity to the other side's opening words.
    func descriptionSimilarity(_ a: TextCorpus.Text, _ b: TextCorpus.Text) -> Double {
        guard a.count > 0, b.count > 0 else { return 0 }
        if a.count < b.count || (a.truncated && a.count <= b.count) {
            return compare(
                cut: a.range, whole: b.range, cutTruncated: a.truncated, wholeTruncated: b.truncated, tryPrefix: true)
        }
        let shorter = b.count < a.count || b.truncated
        return compare(
            cut: b.range, whole: a.range, cutTruncated: b.truncated, wholeTruncated: a.truncated, tryPrefix: shorter)
    }

    /// Weighted overlap of two titles relative to the shorter one; nil when either is missing. A short word of
    /// one title that spells the initials of neighbouring words of the other ("DA" for "domestic abuse") counts
    /// as both.
    func titleSimilarity(_ ra: Range<Int>, _ rb: Range<Int>) -> Double? {
        guard !ra.isEmpty, !rb.isEmpty else { return nil }
        let a = corpus.titleWords[ra]
        let b = corpus.titleWords[rb]
        let w = corpus.titleWeight
        // Whether each word of either title found its partner.
        var matchedA = [Bool](repeating: false, count: a.count)
        var matchedB = [Bool](repeating: false, count: b.count)
        var wa: Float = 0
        var wb: Float = 0
        var sharedA: Float = 0
        var sharedB: Float = 0
        for (i, x) in zip(a.indices, a) {
            wa += w[Int(x)]
            if let j = b.firstIndex(of: x) {
                sharedA += w[Int(x)]
                matchedA[i - a.startIndex] = true
                matchedB[j - b.startIndex] = true
            }
        }
        for (j, y) in zip(b.indices, b) {
            wb += w[Int(y)]
            if matchedB[j - b.startIndex] { sharedB += w[Int(y)] }
        }
        // Acronyms either way round.
        for (i, x) in zip(a.indices, a) where !matchedA[i - a.startIndex] {
            guard let run = initialsRun(of: x, in: b) else { continue }
            sharedA += w[Int(x)]
            for k in run { sharedB += w[Int(b[k])] }
        }
        for (j, y) in zip(b.indices, b) where !matchedB[j - b.startIndex] {
            guard let run = initialsRun(of: y, in: a) else { continue }
            sharedB += w[Int(y)]
            for k in run { sharedA += w[Int(a[k])] }
        }
        guard wa > 0, wb > 0 else { return nil }
        return Double(min(max(sharedA / wa, sharedB / wb), 1))
    }

    /// Where `acronym` (two to five letters) spells the first letters of neighbouring words of `title`.
    func initialsRun(of acronym: Int32, in title: ArraySlice<Int32>) -> Range<Int>? {
        let letters = corpus.spellings[Int(acronym)]
        guard letters.count >= 2, letters.count <= 5, title.count >= letters.count,
            letters.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A })
        else { return nil }
        for start in title.startIndex...(title.endIndex - letters.count) {
            var all = true
            for k in 0..<letters.count where corpus.spellings[Int(title[start + k])].first != letters[k] {
                all = false
                break
            }
            if all { return start..<(start + letters.count) }
        }
        return nil
    }

    /// Weighted Dice over word bags, each word used once; unmatched words may still pair: a cut-off last word with
    /// a word it begins, then words one letter or one swap apart. With `tryPrefix`, also the Dice of
    /// `cut` against the first n words of `whole`, n within one of cut's length, as if `whole` had been cut there
    /// too (3 % less when `cut` carries no "…"); the better score is returned.
    func compare(
        cut cutRange: Range<Int>, whole wholeRange: Range<Int>, cutTruncated: Bool, wholeTruncated: Bool,
        tryPrefix: Bool
    ) -> Double {
        var pairing = WordPairing(cut: Array(corpus.tokens[cutRange]), whole: Array(corpus.tokens[wholeRange]))
        let (cut, whole) = (pairing.cut, pairing.whole)
        // Same stems, the same spelling first: "coordinated" pairs with "coordinated" before "coordinate", so that a
        // misspelt "corodinate" still finds "coordinate".
        pairing.pair { i, j in cut[i].stem == whole[j].stem && cut[i].surface == whole[j].surface }
        pairing.pair { i, j in cut[i].stem == whole[j].stem }
        // Too little in common to be the same finding, even cut short, and even if every word seen only once or
        // twice (a likely typo) found its partner.
        if pairing.matched < 0.5 * pairing.weightCut {
            var rare: Float = 0
            for i in cut.indices where !pairing.cutPaired[i] && cut[i].weight >= corpus.rareWeight {
                rare += 2 * cut[i].weight
            }
            if pairing.matched + rare < 0.5 * pairing.weightCut {
                return Double(pairing.matched / (pairing.weightCut + pairing.weightWhole))
            }
        }
        if pairing.matched < pairing.weightCut + pairing.weightWhole {
            // A cut-off last word first: in text cut short, "victi" is "victimisation" where the cut fell, not a
            // typo of "victim" further on, which the prefix score would not see.
            if cutTruncated || tryPrefix {
                let last = cut.count - 1
                pairing.pair(only: last) { _, j in
                    whole[j].length > cut[last].length && begins(whole[j].surface, with: cut[last].surface)
                }
            }
            if wholeTruncated {
                let last = whole.count - 1
                pairing.pair(onlyWhole: last) { i, _ in
                    cut[i].length > whole[last].length && begins(cut[i].surface, with: whole[last].surface)
                }
            }
            pairing.pair { i, j in
                cut[i].length >= 4 && !cut[i].hasDigit && abs(Int(whole[j].length) - Int(cut[i].length)) <= 1
                    && spellingsNearlyEqual(cut[i].surface, whole[j].surface)
            }
        }
        let best = Double(min(pairing.matched / (pairing.weightCut + pairing.weightWhole), 1))
        guard tryPrefix, best < 0.999 else { return best }
        return max(best, pairing.bestPrefixScore(cutTruncated: cutTruncated))
    }

    /// True when the spelling `word` starts with the spelling `start` (a word cut short), allowing one typo in a
    /// start of four letters or more.
    func begins(_ word: Int32, with start: Int32) -> Bool {
        let w = corpus.spellings[Int(word)]
        let s = corpus.spellings[Int(start)]
        guard s.count < w.count else { return false }
        if w.starts(with: s) { return true }
        // A cut-off word that also has a typo: "investgi…" for "investigation".
        return s.count >= 4 && TextNormaliser.oneEditApart(s, Array(w.prefix(s.count)))
    }

    /// Damerau distance at most one between two interned words as written: one letter changed, added, dropped, or
    /// two neighbours swapped. Words of four letters or more, without digits, so that short words and numbers are
    /// never confused.
    func spellingsNearlyEqual(_ x: Int32, _ y: Int32) -> Bool {
        let a = corpus.spellings[Int(x)]
        let b = corpus.spellings[Int(y)]
        guard a.count >= 4, b.count >= 4, abs(a.count - b.count) <= 1,
            !a.contains(where: { $0 >= 0x30 && $0 <= 0x39 }), !b.contains(where: { $0 >= 0x30 && $0 <= 0x39 })
        else { return false }
        return TextNormaliser.oneEditApart(a, b)
    }
}

/// The words of two descriptions as they are paired, each word once.
private struct WordPairing {
    let cut: [TextCorpus.Token]
    let whole: [TextCorpus.Token]
    /// Whether each cut word found a partner, and each whole word's pair weight (0 when unmatched).
    private(set) var cutPaired: [Bool]
    private(set) var pairWeight: [Float]
    private(set) var matched: Float = 0
    private(set) var weightCut: Float = 0
    let weightWhole: Float

    init(cut: [TextCorpus.Token], whole: [TextCorpus.Token]) {
        self.cut = cut
        self.whole = whole
        cutPaired = Array(repeating: false, count: cut.count)
        pairWeight = Array(repeating: 0, count: whole.count)
        var weight: Float = 0
        for token in whole { weight += token.weight }
        weightWhole = weight
        for token in cut { weightCut += token.weight }
    }

    /// Pairs each unpaired cut word (or only `only`) with the first unpaired whole word (or only `onlyWhole`) that
    /// `accepts` it.
    mutating func pair(only: Int? = nil, onlyWhole: Int? = nil, _ accepts: (Int, Int) -> Bool) {
        for i in only.map({ [$0] }) ?? Array(cut.indices) where !cutPaired[i] {
            for j in onlyWhole.map({ [$0] }) ?? Array(whole.indices) where pairWeight[j] == 0 && accepts(i, j) {
                cutPaired[i] = true
                pairWeight[j] = cut[i].weight + whole[j].weight
                matched += pairWeight[j]
                break
            }
        }
    }

    /// The best Dice of the cut words against the first n whole words, n within one of the cut's length; a stub
    /// of up to four letters that found nothing where the text was cut ("to improve the qau") is left out.
    func bestPrefixScore(cutTruncated: Bool) -> Double {
        var weightCut = weightCut
        let nc = cut.count
        let nw = whole.count
        if !cutPaired[nc - 1], nc > 1, cut[nc - 1].length <= 4 { weightCut -= cut[nc - 1].weight }
        let low = max(1, nc - 1)
        let high = min(nw, nc + 1)
        var best = 0.0
        var prefixMatched: Float = 0
        var prefixWeight: Float = 0
        for j in 0..<high {
            prefixMatched += pairWeight[j]
            prefixWeight += whole[j].weight
            if j + 1 >= low {
                best = max(best, Double(min(prefixMatched / (weightCut + prefixWeight), 1)) * (cutTruncated ? 1 : 0.97))
            }
        }
        return best
    }
}
