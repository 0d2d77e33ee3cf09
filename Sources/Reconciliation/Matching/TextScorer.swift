/// Scores how well a register record's wording matches a portal record's: description words weighted by
/// rarity, robust to typos and truncation, scaled by the inspection titles' agreement and the types'.
struct TextScorer {
    let corpus: TextCorpus

    /// The pair's score in 0…1: description × (0.7 + 0.3 × title) × (0.95 when the types differ).
    func score(register r: Int, portal p: Int) -> Double {
        let a = corpus.register(r), b = corpus.portal(p)
        let description = descriptionSimilarity(a, b)
        guard description > 0 else { return 0 }
        let title = titleSimilarity(a.titleRange, b.titleRange) ?? 1
        let typeFactor = (a.type != nil && b.type != nil && a.type != b.type) ? 0.95 : 1
        return description * (0.7 + 0.3 * title) * typeFactor
    }

    /// Weighted Dice similarity of the description words; where one side is shorter or marked as cut off, the
    /// better of that and its similarity to the other side's opening words.
    func descriptionSimilarity(_ a: TextCorpus.Text, _ b: TextCorpus.Text) -> Double {
        guard a.count > 0, b.count > 0 else { return 0 }
        if a.count < b.count || (a.truncated && a.count <= b.count) {
            return compare(cut: a.range, whole: b.range, cutTruncated: a.truncated, wholeTruncated: b.truncated, tryPrefix: true)
        }
        let shorter = b.count < a.count || b.truncated
        return compare(cut: b.range, whole: a.range, cutTruncated: b.truncated, wholeTruncated: a.truncated, tryPrefix: shorter)
    }

    /// Weighted overlap of two titles relative to the shorter one; nil when either is missing. A short word of
    /// one title that spells the initials of neighbouring words of the other ("DA" for "domestic abuse") counts
    /// as both.
    func titleSimilarity(_ ra: Range<Int>, _ rb: Range<Int>) -> Double? {
        guard !ra.isEmpty, !rb.isEmpty else { return nil }
        let a = corpus.titleWords[ra], b = corpus.titleWords[rb]
        let w = corpus.titleWeight
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: a.count + b.count) { matched -> Double? in
            matched.initialize(repeating: false)
            let offsetB = a.count
            var wa: Float = 0, wb: Float = 0, sharedA: Float = 0, sharedB: Float = 0
            for (i, x) in zip(a.indices, a) {
                wa += w[Int(x)]
                if let j = b.firstIndex(of: x) {
                    sharedA += w[Int(x)]
                    matched[i - a.startIndex] = true
                    matched[offsetB + j - b.startIndex] = true
                }
            }
            for (j, y) in zip(b.indices, b) {
                wb += w[Int(y)]
                if matched[offsetB + j - b.startIndex] { sharedB += w[Int(y)] }
            }
            // Acronyms either way round.
            for (i, x) in zip(a.indices, a) where !matched[i - a.startIndex] {
                guard let run = initialsRun(of: x, in: b) else { continue }
                sharedA += w[Int(x)]
                for k in run { sharedB += w[Int(b[k])] }
            }
            for (j, y) in zip(b.indices, b) where !matched[offsetB + j - b.startIndex] {
                guard let run = initialsRun(of: y, in: a) else { continue }
                sharedB += w[Int(y)]
                for k in run { sharedA += w[Int(a[k])] }
            }
            guard wa > 0, wb > 0 else { return nil }
            return Double(min(max(sharedA / wa, sharedB / wb), 1))
        }
    }

    /// Where `acronym` (two to five letters) spells the first letters of neighbouring words of `title`.
    func initialsRun(of acronym: Int32, in title: ArraySlice<Int32>) -> Range<Int>? {
        let letters = corpus.spellings[Int(acronym)]
        guard letters.count >= 2, letters.count <= 5, title.count >= letters.count,
              letters.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return nil }
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

    /// Weighted Dice over word bags, each word used once; unmatched words may still pair when one letter differs
    /// or two are swapped, and a cut-off last word pairs with a word it begins. With `tryPrefix`, also the Dice of
    /// `cut` against the first n words of `whole`, n within one of cut's length, as if `whole` had been cut there
    /// too (3 % less when `cut` carries no "…"); the better score is returned. One pass over the pair either way.
    func compare(cut cutRange: Range<Int>, whole wholeRange: Range<Int>, cutTruncated: Bool, wholeTruncated: Bool,
                 tryPrefix: Bool) -> Double {
        let nc = cutRange.count, nw = wholeRange.count
        return corpus.tokens.withUnsafeBufferPointer { tokens in
        withUnsafeTemporaryAllocation(of: Float.self, capacity: nc + nw) { buffer -> Double in
            buffer.initialize(repeating: 0)
            let cutTokens = UnsafeBufferPointer(rebasing: tokens[cutRange]), wholeTokens = UnsafeBufferPointer(rebasing: tokens[wholeRange])
            // Whether each cut word found a partner (1), and each whole word's pair weight (0 when unmatched).
            let mc = UnsafeMutableBufferPointer(rebasing: buffer[0..<nc])
            let pair = UnsafeMutableBufferPointer(rebasing: buffer[nc...])
            var weightCut: Float = 0, weightWhole: Float = 0, matched: Float = 0
            // One bit per stem of the whole side (by its low six bits): a cut word whose bit is not set has no
            // partner among the same stems, and is not looked for.
            var wholeStems: UInt64 = 0
            for j in 0..<nw {
                weightWhole += wholeTokens[j].weight
                wholeStems |= 1 << UInt64(wholeTokens[j].stem & 63)
            }
            for i in 0..<nc { weightCut += cutTokens[i].weight }
            // Same stems, the same spelling first: "coordinated" pairs with "coordinated" before "coordinate", so
            // that a misspelt "corodinate" still finds "coordinate".
            for pass in 0..<2 {
                let sameSpelling = pass == 0
                for i in 0..<nc where mc[i] == 0 && wholeStems & (1 << UInt64(cutTokens[i].stem & 63)) != 0 {
                    let x = cutTokens[i].stem, sx = cutTokens[i].surface
                    for j in 0..<nw where pair[j] == 0 && wholeTokens[j].stem == x
                        && (!sameSpelling || wholeTokens[j].surface == sx) {
                        mc[i] = 1
                        pair[j] = cutTokens[i].weight + wholeTokens[j].weight
                        matched += pair[j]
                        break
                    }
                }
            }
            // Too little in common to be the same finding, even cut short, and even if every word seen only once or
            // twice (a likely typo) found its partner.
            if matched < 0.5 * weightCut {
                var rare: Float = 0
                for i in 0..<nc where mc[i] == 0 && cutTokens[i].weight >= corpus.rareWeight { rare += 2 * cutTokens[i].weight }
                if matched + rare < 0.5 * weightCut { return Double(matched / (weightCut + weightWhole)) }
            }
            if matched < weightCut + weightWhole {
                for i in 0..<nc where mc[i] == 0 && cutTokens[i].length >= 4 && !cutTokens[i].hasDigit {
                    let length = Int(cutTokens[i].length)
                    for j in 0..<nw where pair[j] == 0 && abs(Int(wholeTokens[j].length) - length) <= 1
                        && nearlyEqual(cutRange.lowerBound + i, wholeRange.lowerBound + j) {
                        mc[i] = 1
                        pair[j] = cutTokens[i].weight + wholeTokens[j].weight
                        matched += pair[j]
                        break
                    }
                }
                if cutTruncated || tryPrefix, mc[nc - 1] == 0 {
                    for j in 0..<nw where pair[j] == 0 && wholeTokens[j].length > cutTokens[nc - 1].length
                        && begins(wholeRange.lowerBound + j, with: cutRange.upperBound - 1) {
                        mc[nc - 1] = 1
                        pair[j] = cutTokens[nc - 1].weight + wholeTokens[j].weight
                        matched += pair[j]
                        break
                    }
                }
                if wholeTruncated, pair[nw - 1] == 0 {
                    for i in 0..<nc where mc[i] == 0 && cutTokens[i].length > wholeTokens[nw - 1].length
                        && begins(cutRange.lowerBound + i, with: wholeRange.upperBound - 1) {
                        mc[i] = 1
                        pair[nw - 1] = cutTokens[i].weight + wholeTokens[nw - 1].weight
                        matched += pair[nw - 1]
                        break
                    }
                }
            }
            var best = Double(min(matched / (weightCut + weightWhole), 1))
            guard tryPrefix, best < 0.999 else { return best }
            // A stub of up to four letters that found nothing where the text was cut ("to improve the qau") is
            // left out of the comparison with the other side's opening words.
            if mc[nc - 1] == 0, nc > 1, cutTokens[nc - 1].length <= 4 {
                weightCut -= cutTokens[nc - 1].weight
            }
            let low = max(1, nc - 1), high = min(nw, nc + 1)
            guard low <= high else { return best }
            var prefixMatched: Float = 0, prefixWeight: Float = 0
            for j in 0..<high {
                prefixMatched += pair[j]
                prefixWeight += wholeTokens[j].weight
                if j + 1 >= low {
                    let s = Double(min(prefixMatched / (weightCut + prefixWeight), 1)) * (cutTruncated ? 1 : 0.97)
                    best = max(best, s)
                }
            }
            return best
        }
        }
    }

    /// True when the word at token `word` starts with the word at token `start` as written (a word cut short),
    /// allowing one typo in a start of four letters or more.
    func begins(_ word: Int, with start: Int) -> Bool {
        let w = corpus.spellings[Int(corpus.tokens[word].surface)], s = corpus.spellings[Int(corpus.tokens[start].surface)]
        guard s.count < w.count else { return false }
        if w.starts(with: s) { return true }
        // A cut-off word that also has a typo: "investgi…" for "investigation".
        guard s.count >= 4 else { return false }
        return s.withUnsafeBufferPointer { s in
            w.withUnsafeBufferPointer { w in TextNormaliser.oneEditApart(s, UnsafeBufferPointer(rebasing: w.prefix(s.count))) }
        }
    }

    /// Damerau distance at most one between the words at two tokens as written: one letter changed, added,
    /// dropped, or two neighbours swapped. Words of four letters or more, without digits, so that short words and
    /// numbers are never confused.
    func nearlyEqual(_ x: Int, _ y: Int) -> Bool {
        spellingsNearlyEqual(corpus.tokens[x].surface, corpus.tokens[y].surface)
    }

    /// The same test on two interned words.
    func spellingsNearlyEqual(_ x: Int32, _ y: Int32) -> Bool {
        let a = corpus.spellings[Int(x)], b = corpus.spellings[Int(y)]
        guard a.count >= 4, b.count >= 4, abs(a.count - b.count) <= 1,
              !a.contains(where: { $0 >= 0x30 && $0 <= 0x39 }), !b.contains(where: { $0 >= 0x30 && $0 <= 0x39 })
        else { return false }
        return TextNormaliser.oneEditApart(a, b)
    }
}
