import Spreadsheet

/// The distinct texts of a source's repetitive columns (type, status, inspection, the two leads, the board, force,
/// PEEL area), each held once: a record holds their numbers, four bytes where a `String` is sixteen. A register
/// repeats a few dozen such values on every row; at a million records a side this is 176 MB fewer.
///
/// A loader appends to its pool while it reads and hands the pool out with its records; from then on the pool is
/// only read, which is what makes sharing it between threads safe. Numbers are not compared: once the table of
/// texts already seen is full, a new text is held again rather than looked for, so one text may have two numbers.
public final class TextPool: @unchecked Sendable {
    /// The columns whose texts a pool holds (the inspection group's only while loading, for the vocabulary's
    /// answer); each remembers its own last texts.
    enum Column: Int, CaseIterable {
        case type, status, inspection, forceLead, deliveryLead, governanceBoard, force, peelArea, group
    }

    // Touched up to eight times a row by the one thread that loads, then only read: no runtime exclusivity check.
    /// Number 0 is the empty text.
    @exclusivity(unchecked) private var texts: [String] = [""]
    @exclusivity(unchecked) private var numbers = StringKeyTable(capacity: 256)
    /// Per column, the last text of each length: a column's repeats are mostly the very same string (an XLSX
    /// file's shared strings, the CSV reader's repeated fields), found again without reading its bytes.
    @exclusivity(unchecked) private var recent = [RecentStrings](repeating: RecentStrings(), count: Column.allCases.count)
    /// The most texts looked for by their bytes; a column of distinct texts beyond it costs a `String` a row, as
    /// before, not a copy of its bytes in the table as well.
    static let indexedLimit = 1 << 16

    public init() {}

    /// The text numbered `number`.
    @inline(__always)
    subscript(number: UInt32) -> String { texts[Int(number)] }

    /// The number of `text` as it is, held from now on if it is new.
    func number(for text: String) -> UInt32 {
        if text.isEmpty { return 0 }
        let next = Int32(texts.count)
        // By bytes, not by `String` equality: a text is given back exactly as it was written.
        let number = text.withUTF8Bytes { bytes in
            numbers.count < Self.indexedLimit
                ? numbers.insertIfAbsent(bytes: bytes, next) ?? next
                : numbers.value(forBytes: bytes) ?? next
        }
        if number == next { texts.append(text) }
        return UInt32(number)
    }

    /// The number of a cell's text in `column` with white space trimmed from its ends: a repeat of the very same
    /// cell string is found by identity, without trimming or reading it.
    func number(forCell text: String, in column: Column) -> UInt32 {
        if let known = recent[column.rawValue].number(for: text) { return UInt32(known) }
        let number = number(for: text.trimmed)
        recent[column.rawValue].remember(text, Int32(number))
        return number
    }

    /// How many texts the pool holds, the empty one included.
    var count: Int { texts.count }
}
