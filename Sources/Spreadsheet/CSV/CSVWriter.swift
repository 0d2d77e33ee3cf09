import Foundation

/// Writes CSV text that spreadsheets read back as the same strings and never run as formulas.
public enum CSVWriter {
    /// One field: a value starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` (OWASP CSV injection),
    /// and a value holding the delimiter, a quote, CR or LF is quoted with its quotes doubled (RFC 4180).
    public static func field(_ value: String, delimiter: Character = ",") -> String {
        var text = value
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        let needsQuotes = text.unicodeScalars.contains { scalar in
            scalar == "\"" || scalar == "\r" || scalar == "\n" || Character(scalar) == delimiter
        }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record: the fields escaped, joined by `delimiter` and ended with CRLF as RFC 4180 asks.
    public static func line(_ fields: [String], delimiter: Character = ",") -> String {
        fields.map { field($0, delimiter: delimiter) }.joined(separator: String(delimiter)) + "\r\n"
    }
}
