import Spreadsheet

/// Writes a JSON document value by value, indented by two spaces a level, with object keys in the order they are
/// written. Nothing is held but the output's current block, so a result of a million matches costs no more memory
/// than one of ten.
public struct JSONWriter {
    public var output: ByteOutput
    /// Per open container, innermost last: whether it has a member yet.
    private var hasMembers: [Bool] = []
    /// True between a key and its value.
    private var afterKey = false

    public init(output: ByteOutput) {
        self.output = output
    }

    public mutating func beginObject() throws { try open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() throws { try open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Starts an object member named in the source (a schema key, which needs no escape): its value comes next.
    public mutating func key(_ name: StaticString) throws {
        try startValue()
        output.append(UInt8(ascii: "\""))
        output.append(name)
        output.append("\": ")
        afterKey = true
    }

    /// Starts an object member whose name is data (escaped as a JSON string): its value comes next.
    public mutating func key(named name: String) throws {
        try startValue()
        JSONText.appendString(name, to: &output)
        output.append(": ")
        afterKey = true
    }

    public mutating func string(_ value: String) throws {
        try startValue()
        JSONText.appendString(value, to: &output)
    }

    /// The value, or `null` when there is none.
    public mutating func string(_ value: String?) throws {
        if let value { try string(value) } else { try null() }
    }

    public mutating func int(_ value: Int) throws {
        try startValue()
        output.append(decimal: value)
    }

    /// The value, or `null` when there is none.
    public mutating func int(_ value: Int?) throws {
        if let value { try int(value) } else { try null() }
    }

    /// A whole number is written with ".0", so a reader sees a real; a value that is not finite becomes `null`.
    public mutating func double(_ value: Double) throws {
        try startValue()
        if !value.isFinite {
            output.append("null")
        } else if value == value.rounded() && abs(value) < 1e15 {
            output.append(decimal: Int(value))
            output.append(".0")
        } else {
            output.append(contentsOf: String(value))
        }
    }

    public mutating func bool(_ value: Bool) throws {
        try startValue()
        output.append(value ? "true" : "false")
    }

    public mutating func null() throws {
        try startValue()
        output.append("null")
    }

    /// Ends the document with a line break and writes out what is left.
    public mutating func finish() throws {
        precondition(hasMembers.isEmpty, "a JSON container is still open")
        output.append(UInt8(ascii: "\n"))
        try output.flush()
    }

    private mutating func open(_ bracket: UInt8) throws {
        try startValue()
        output.append(bracket)
        hasMembers.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        let hadMembers = hasMembers.removeLast()
        if hadMembers { newline() }
        output.append(bracket)
    }

    /// Puts the comma and line break a value needs where it stands, and writes out a full block.
    private mutating func startValue() throws {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = hasMembers.indices.last else { return }
        if hasMembers[last] { output.append(UInt8(ascii: ",")) }
        hasMembers[last] = true
        newline()
        try output.flushIfFull()
    }

    private mutating func newline() {
        output.append(UInt8(ascii: "\n"))
        for _ in 0..<hasMembers.count { output.append("  ") }
    }
}
