/// Scores how well a register record's wording matches a portal record's: description words weighted by
/// rarity, robust to typos and truncation, scaled by the inspection titles' agreement and the types'.
struct TextScorer {
    let corpus: TextCorpus

    /// The pair's score in 0…1: description × (0.7 + 0.3 × title) × (0.95 when the types differ).
    func score(register r: Int, portal p: Int) -> Double {
        let a = corpus.register[r], b = corpus.portal[p]
        let description = descriptionSimilarity(a, b)
        guard description > 0 else { return 0 }
        let title = titleSimilarity(a.title, b.title) ?? 1
        let typeFactor = (a.type != nil && b.type != nil && a.type != b.type) ? 0.95 : 1
        return description * (0.7 + 0.3 * title) * typeFactor
    }

    /// Weighted Dice similarity of the description words; where one side is shorter or marked as cut off, the
    /// better of that and its similarity to the other side's opening words.
    func descriptionSimilarity(_ a: TextCorpus.Features, _ b: TextCorpus.Features) -> Double {
        guard !a.words.isEmpty, !b.words.isEmpty else { return 0 }
        if a.words.count < b.words.count || (a.truncated && a.words.count <= b.words.count) {
            return compare(cut: a.words, whole: b.words, cutTruncated: a.truncated, wholeTruncated: b.truncated, tryPrefix: true)
        }
        let shorter = b.words.count < a.words.count || b.truncated
        return compare(cut: b.words, whole: a.words, cutTruncated: b.truncated, wholeTruncated: a.truncated, tryPrefix: shorter)
    }

    /// Weighted overlap of two titles relative to the shorter one; nil when either is missing.
    func titleSimilarity(_ a: [Int32], _ b: [Int32]) -> Double? {
        guard !a.isEmpty, !b.isEmpty else { return nil }
        let w = corpus.titleWeight
        var wa: Float = 0, wb: Float = 0, shared: Float = 0
        for x in a { wa += w[Int(x)] }
        for y in b {
            wb += w[Int(y)]
            if a.contains(y) { shared += w[Int(y)] }
        }
        let smaller = min(wa, wb)
        return smaller > 0 ? Double(min(shared / smaller, 1)) : nil
    }

    /// Weighted Dice over word bags, each word used once; unmatched words may still pair when one letter differs
    /// or two are swapped, and a cut-off last word pairs with a word it begins. With `tryPrefix`, also the Dice of
    /// `cut` against the first n words of `whole`, n within one of cut's length, as if `whole` had been cut there
    /// too (3 % less when `cut` carries no "…"); the better score is returned. One pass over the pair either way.
    func compare(cut: [Int32], whole: [Int32], cutTruncated: Bool, wholeTruncated: Bool, tryPrefix: Bool) -> Double {
        let w = corpus.weight
        let nc = cut.count, nw = whole.count
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: nc + nw) { buffer -> Double in
            buffer.initialize(repeating: 0)
            // Weight each cut word contributed, and each whole word's pair weight (0 when unmatched).
            let mc = UnsafeMutableBufferPointer(rebasing: buffer[0..<nc])
            let pair = UnsafeMutableBufferPointer(rebasing: buffer[nc...])
            var weightCut: Float = 0, weightWhole: Float = 0, matched: Float = 0
            for y in whole { weightWhole += w[Int(y)] }
            for i in 0..<nc {
                let x = cut[i], wx = w[Int(x)]
                weightCut += wx
                for j in 0..<nw where pair[j] == 0 && whole[j] == x {
                    mc[i] = 1
                    pair[j] = 2 * wx
                    matched += 2 * wx
                    break
                }
            }
            // Too little in common to be the same finding, even cut short.
            if matched < 0.5 * weightCut { return Double(matched / (weightCut + weightWhole)) }
            if matched < weightCut + weightWhole {
                for i in 0..<nc where mc[i] == 0 {
                    for j in 0..<nw where pair[j] == 0 && nearlyEqual(cut[i], whole[j]) {
                        mc[i] = 1
                        pair[j] = w[Int(cut[i])] + w[Int(whole[j])]
                        matched += pair[j]
                        break
                    }
                }
                if cutTruncated || tryPrefix, let last = cut.last, mc[nc - 1] == 0 {
                    for j in 0..<nw where pair[j] == 0 && begins(whole[j], with: last) {
                        mc[nc - 1] = 1
                        pair[j] = w[Int(last)] + w[Int(whole[j])]
                        matched += pair[j]
                        break
                    }
                }
                if wholeTruncated, let last = whole.last, pair[nw - 1] == 0 {
                    for i in 0..<nc where mc[i] == 0 && begins(cut[i], with: last) {
                        mc[i] = 1
                        pair[nw - 1] = w[Int(cut[i])] + w[Int(last)]
                        matched += pair[nw - 1]
                        break
                    }
                }
            }
            var best = Double(min(matched / (weightCut + weightWhole), 1))
            guard tryPrefix, best < 0.999 else { return best }
            let low = max(1, nc - 1), high = min(nw, nc + 1)
            guard low <= high else { return best }
            var prefixMatched: Float = 0, prefixWeight: Float = 0
            for j in 0..<high {
                prefixMatched += pair[j]
                prefixWeight += w[Int(whole[j])]
                if j + 1 >= low {
                    let s = Double(min(prefixMatched / (weightCut + prefixWeight), 1)) * (cutTruncated ? 1 : 0.97)
                    best = max(best, s)
                }
            }
            return best
        }
    }

    /// True when `word` starts with `start` (a word cut short), allowing one typo in a start of four letters or more.
    func begins(_ word: Int32, with start: Int32) -> Bool {
        let w = corpus.spellings[Int(word)], s = corpus.spellings[Int(start)]
        guard s.count < w.count else { return false }
        if w.starts(with: s) { return true }
        // A cut-off word that also has a typo: "investgi…" for "investigation".
        return s.count >= 4 && TextNormaliser.oneEditApart(s, Array(w.prefix(s.count)))
    }

    /// Damerau distance at most one: one letter changed, added, dropped, or two neighbours swapped. Words of
    /// four letters or more, without digits, so that short words and numbers are never confused.
    func nearlyEqual(_ x: Int32, _ y: Int32) -> Bool {
        let a = corpus.spellings[Int(x)], b = corpus.spellings[Int(y)]
        guard a.count >= 4, b.count >= 4, abs(a.count - b.count) <= 1,
              !a.contains(where: { $0 >= 0x30 && $0 <= 0x39 }), !b.contains(where: { $0 >= 0x30 && $0 <= 0x39 })
        else { return false }
        return TextNormaliser.oneEditApart(a, b)
    }
}
