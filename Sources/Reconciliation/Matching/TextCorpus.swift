/// The words of both sides, normalised once per record and interned, with how many records use each word.
struct TextCorpus {
    /// A record's matching text: description words in order, title words (unique), type.
    struct Features {
        var words: [Int32]
        /// The description ended with "…" or "...".
        var truncated: Bool
        var title: [Int32]
        var type: RecordType?
    }

    private(set) var spellings: [[UInt8]] = []
    /// Weight of a word in descriptions: rarer words weigh more.
    private(set) var weight: [Float] = []
    /// Weight of a word in titles, from how many titles use it.
    private(set) var titleWeight: [Float] = []
    private(set) var register: [Features] = []
    private(set) var portal: [Features] = []

    init(register registerRecords: [Record], portal portalRecords: [Record]) {
        var ids: [String: Int32] = [:]
        ids.reserveCapacity(4096)
        var frequency: [Int32] = [], titleFrequency: [Int32] = []
        var lastSeen: [Int32] = [], lastSeenTitle: [Int32] = []
        var serial: Int32 = 0

        func intern(_ word: String) -> Int32 {
            if let id = ids[word] { return id }
            let id = Int32(spellings.count)
            ids[word] = id
            spellings.append(Array(word.utf8))
            frequency.append(0)
            titleFrequency.append(0)
            lastSeen.append(-1)
            lastSeenTitle.append(-1)
            return id
        }
        func features(_ record: Record) -> Features {
            serial += 1
            var (descriptionWords, truncated) = TextNormaliser.description(record.description)
            // A stub of one or two letters left where the text was cut ("so that t") says nothing.
            if descriptionWords.count > 3, let last = descriptionWords.last, last.utf8.count <= 2,
               !last.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                descriptionWords.removeLast()
                truncated = true
            }
            var words: [Int32] = []
            words.reserveCapacity(descriptionWords.count)
            for word in descriptionWords {
                let id = intern(word)
                words.append(id)
                if lastSeen[Int(id)] != serial {
                    lastSeen[Int(id)] = serial
                    frequency[Int(id)] += 1
                }
            }
            var title: [Int32] = []
            for word in TextNormaliser.title(record.inspection) {
                let id = intern(word)
                if lastSeenTitle[Int(id)] != serial {
                    lastSeenTitle[Int(id)] = serial
                    titleFrequency[Int(id)] += 1
                    title.append(id)
                }
            }
            return Features(words: words, truncated: truncated, title: title, type: record.type)
        }

        self.register = registerRecords.map(features)
        self.portal = portalRecords.map(features)
        let total = Float(max(registerRecords.count + portalRecords.count, 1))
        weight = frequency.map { Self.idf(total, $0) }
        titleWeight = titleFrequency.map { Self.idf(total, $0) }
    }

    /// log(1 + N / df), with df floored at 2 so that one-off spellings (typos) do not dominate.
    private static func idf(_ total: Float, _ frequency: Int32) -> Float {
        (1 + total / Float(max(frequency, 2))).logarithm
    }
}

extension Float {
    /// Natural logarithm without Foundation.
    var logarithm: Float {
        // ln(x) = 2 artanh((x-1)/(x+1)), after scaling x into [1, 2) by powers of two.
        guard self > 0 else { return 0 }
        let exponent = Float(self.exponent)
        let m = self.significand
        let y = (m - 1) / (m + 1), y2 = y * y
        var term = y, sum: Float = 0
        for k in stride(from: 1, through: 15, by: 2) {
            sum += term / Float(k)
            term *= y2
        }
        return 2 * sum + exponent * 0.693_147_18
    }
}
