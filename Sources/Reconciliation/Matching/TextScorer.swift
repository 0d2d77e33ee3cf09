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

    /// Weighted Dice similarity of the description words; where one side is shorter (cut off), also against the
    /// other side's opening words, and the better of the two.
    func descriptionSimilarity(_ a: TextCorpus.Features, _ b: TextCorpus.Features) -> Double {
        guard !a.words.isEmpty, !b.words.isEmpty else { return 0 }
        var best = dice(a.words[...], b.words[...], prefixA: a.truncated, prefixB: b.truncated)
        if best >= 0.999 { return best }
        if a.words.count < b.words.count || (a.truncated && a.words.count <= b.words.count) {
            best = max(best, prefixSimilarity(cut: a, whole: b, cutIsRegister: true))
        } else if b.words.count < a.words.count || b.truncated {
            best = max(best, prefixSimilarity(cut: b, whole: a, cutIsRegister: false))
        }
        return best
    }

    /// The shorter side against the longer side's opening words, as if it had been cut off there: the best of
    /// three cut points around its length. A last word of one or two letters is a stub and left out; without a
    /// "…" the score gives up 3 %.
    func prefixSimilarity(cut: TextCorpus.Features, whole: TextCorpus.Features, cutIsRegister: Bool) -> Double {
        var words = cut.words[...]
        if words.count > 3, let last = words.last, corpus.spellings[Int(last)].count <= 2 { words = words.dropLast() }
        var best = 0.0
        for n in (words.count - 1)...(words.count + 1) where n >= 1 && n <= whole.words.count {
            let other = whole.words.prefix(n)
            let s = cutIsRegister ? dice(words, other, prefixA: true, prefixB: false) : dice(other, words, prefixA: false, prefixB: true)
            best = max(best, s)
        }
        return best * (cut.truncated ? 1 : 0.97)
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
    /// or two are swapped, and a cut-off last word pairs with any word it begins.
    func dice(_ a: ArraySlice<Int32>, _ b: ArraySlice<Int32>, prefixA: Bool, prefixB: Bool) -> Double {
        let w = corpus.weight
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: a.count + b.count) { flags -> Double in
            flags.initialize(repeating: false)
            let ma = UnsafeMutableBufferPointer(rebasing: flags[0..<a.count])
            let mb = UnsafeMutableBufferPointer(rebasing: flags[a.count...])
            var total: Float = 0, matched: Float = 0
            for y in b { total += w[Int(y)] }
            for (i, x) in a.enumerated() {
                let wx = w[Int(x)]
                total += wx
                var j = 0
                for y in b {
                    if !mb[j] && y == x {
                        ma[i] = true
                        mb[j] = true
                        matched += 2 * wx
                        break
                    }
                    j += 1
                }
            }
            guard total > 0 else { return 0 }
            if matched / total < 0.25 { return Double(matched / total) }
            if matched < total {
                // Typos: one edit or one swap apart.
                for (i, x) in a.enumerated() where !ma[i] {
                    var j = 0
                    for y in b {
                        if !mb[j] && nearlyEqual(x, y) {
                            ma[i] = true
                            mb[j] = true
                            matched += w[Int(x)] + w[Int(y)]
                            break
                        }
                        j += 1
                    }
                }
                // Truncation mid-word: the last word of a cut side begins a word of the other.
                if prefixA, let last = a.last, !ma[a.count - 1] {
                    var j = 0
                    for y in b {
                        if !mb[j] && begins(y, with: last) {
                            ma[a.count - 1] = true
                            mb[j] = true
                            matched += w[Int(last)] + w[Int(y)]
                            break
                        }
                        j += 1
                    }
                }
                if prefixB, let last = b.last, !mb[b.count - 1] {
                    for (i, x) in a.enumerated() where !ma[i] && begins(x, with: last) {
                        ma[i] = true
                        mb[b.count - 1] = true
                        matched += w[Int(x)] + w[Int(last)]
                        break
                    }
                }
            }
            return Double(min(matched / total, 1))
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
