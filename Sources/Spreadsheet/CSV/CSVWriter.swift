import Foundation

/// Writes CSV text that spreadsheets read back as the same strings and never run as formulas.
public enum CSVWriter {
    /// One field: a value starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` (OWASP CSV injection),
    /// and a value holding a comma, a quote, CR or LF is quoted with its quotes doubled (RFC 4180). Worked on the
    /// UTF-8 bytes, so that every quote is doubled, a quote followed by a combining mark too.
    public static func field(_ value: String) -> String {
        var out = ByteBuffer(capacity: value.utf8.count + 3)
        defer { out.deallocate() }
        appendField(value, to: &out)
        return String(decoding: UnsafeBufferPointer(start: out.base, count: out.count), as: UTF8.self)
    }

    /// `field(_:)` appended to `out` as bytes.
    static func appendField(_ text: String, to out: inout ByteBuffer) {
        text.withUTF8Bytes { bytes in
            guard let first = bytes.first else { return }
            let needsQuotes = bytes.contains { $0 == 0x22 || $0 == 0x2C || $0 == 0x0D || $0 == 0x0A }
            let formula =
                first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 || first == 0x09 || first == 0x0D
            if needsQuotes { out.append(0x22) }
            if formula { out.append(0x27) }
            if needsQuotes {
                for byte in bytes {
                    out.append(byte)
                    if byte == 0x22 { out.append(0x22) }
                }
                out.append(0x22)
            } else {
                out.append(bytes)
            }
        }
    }

    /// One record: the fields escaped, joined by `delimiter` and ended with CRLF as RFC 4180 asks.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }
}
