/// Every record's description words, read once, and how often each word is used: what the word weights need from
/// all the records, though only the records left to the text stage are scored.
///
/// Words are numbered in order of first use, reading the register's records and then the portal's, first to last
/// (a description's words as kept, each followed by its stem, then the title's stems), so that the index meets them
/// in the same order whichever records are scored.
struct TextReading {
    /// Where a record's words lie in `surfaces`.
    struct Span {
        var start: Int
        var count: Int
        /// The description ended with "…" or "...", or with a stub cut where a word began.
        var truncated: Bool
        var range: Range<Int> { start..<(start + count) }
    }

    private var normaliser = TextNormaliser()
    /// The normaliser's id of each word in use.
    private var rawOf: [Int32] = []
    /// Per normaliser id, its number as a word in use, or -1 (stop words, openings, words not yet used).
    private var numberOfRaw: [Int32] = []
    /// The stem of each word in use (a word in use too), -1 until the word is used as written.
    private(set) var stemOf: [Int32] = []
    /// Description words as written, record after record; a portal record sharing its partner's words has none of
    /// its own.
    private(set) var surfaces: [Int32] = []
    /// Register record r is `spans[r]`, portal record p is `spans[registerCount + p]`.
    private(set) var spans: [Span] = []
    /// Per stem: how many descriptions use it, and how many titles.
    private(set) var frequency: [Int32] = []
    private(set) var titleFrequency: [Int32] = []
    /// Per stem, the last record (as numbered in `spans`) whose description counted it: a record counts it once.
    private var lastCountedBy: [Int32] = []
    let registerCount: Int
    /// The stems of each title read, each once, in order of first appearance, and the number of its inspection in
    /// `inspections`: a register repeats a few titles, so each is read once.
    private var titles: [String: (stems: [Int32], inspection: Int32)] = [:]
    /// Every distinct title's inspection (family and years), in order of first appearance.
    private(set) var inspections: [InspectionKey] = []

    /// How many words are in use.
    var vocabularySize: Int { rawOf.count }
    /// The spelling of a word in use.
    func spelling(_ word: Int32) -> [UInt8] { normaliser.table.spellings[Int(rawOf[Int(word)])] }
    /// The stems of a record's description words, in order (record numbered as in `spans`).
    func stem(at position: Int) -> Int32 { stemOf[Int(surfaces[position])] }

    /// Reads both sides, register first. `partner[p]` is the register record portal record p is paired with by
    /// reference, or -1 (no partners when empty): a portal description written byte for byte as its partner's is
    /// not read again but shares the partner's words.
    init(register: [Record], portal: [Record], partner: [Int] = []) {
        registerCount = register.count
        spans.reserveCapacity(register.count + portal.count)
        // By index, not by element: a record copied out of the array is a retain and a release of every field.
        for r in register.indices { read(register[r].description, title: register[r].inspection) }
        for p in portal.indices {
            let r = p < partner.count ? partner[p] : -1
            if r >= 0, Self.sameBytes(portal[p].description, register[r].description) {
                add(spans[r], title: portal[p].inspection)
            } else {
                read(portal[p].description, title: portal[p].inspection)
            }
        }
    }

    /// True when two texts are the same bytes (`==` would also take texts that are only canonically equivalent,
    /// whose words can differ in length).
    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && Array(a.utf8) == Array(b.utf8)
    }

    /// Reads a record's description, numbering its words, and adds the record.
    private mutating func read(_ description: String, title: String) {
        var raw: [Int32] = []
        let truncated = normaliser.description(description, into: &raw)
        let start = surfaces.count
        for id in raw { surfaces.append(use(id)) }
        add(Span(start: start, count: surfaces.count - start, truncated: truncated), title: title)
    }

    /// Adds a record whose description reads as the words of `span`, counting each of their stems once, then its
    /// title's stems once each.
    private mutating func add(_ span: Span, title: String) {
        let serial = Int32(spans.count)
        for position in span.range {
            let stem = Int(stem(at: position))
            if lastCountedBy[stem] != serial {
                lastCountedBy[stem] = serial
                frequency[stem] += 1
            }
        }
        spans.append(span)
        for stem in titleStems(title) { titleFrequency[Int(stem)] += 1 }
    }

    /// The distinct stems of a title, in order of first appearance.
    mutating func titleStems(_ title: String) -> [Int32] { read(title: title).stems }

    /// The distinct stems of a title, and the number of its inspection in `inspections`, read once per title.
    mutating func read(title: String) -> (stems: [Int32], inspection: Int32) {
        if let known = titles[title] { return known }
        var raw: [Int32] = []
        normaliser.title(title, into: &raw)
        var stems: [Int32] = []
        for id in raw {
            let stem = stemOf[Int(use(id))]
            if !stems.contains(stem) { stems.append(stem) }
        }
        let read = (stems, Int32(inspections.count))
        inspections.append(InspectionKey(title: title))
        titles[title] = read
        return read
    }

    /// True when two records' descriptions read as the same words, cut short alike.
    func sameWords(_ a: Int, _ b: Int) -> Bool {
        let x = spans[a]
        let y = spans[b]
        return x.truncated == y.truncated && surfaces[x.range] == surfaces[y.range]
    }

    /// The number of a normaliser word in use, given with its stem's when first used.
    private mutating func use(_ raw: Int32) -> Int32 {
        let word = number(raw)
        if stemOf[Int(word)] < 0 { stemOf[Int(word)] = number(normaliser.stem(of: raw)) }
        return word
    }

    /// The number of a normaliser word, given when first asked for.
    private mutating func number(_ raw: Int32) -> Int32 {
        if numberOfRaw.count <= Int(raw) {
            numberOfRaw += repeatElement(-1, count: Int(raw) + 1 - numberOfRaw.count)
        }
        if numberOfRaw[Int(raw)] >= 0 { return numberOfRaw[Int(raw)] }
        let word = Int32(rawOf.count)
        numberOfRaw[Int(raw)] = word
        rawOf.append(raw)
        stemOf.append(-1)
        frequency.append(0)
        titleFrequency.append(0)
        lastCountedBy.append(-1)
        return word
    }
}
