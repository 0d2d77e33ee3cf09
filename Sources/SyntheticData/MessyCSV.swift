import Reconciliation
import Spreadsheet

/// CSV files as forces' systems export them: the register in Windows-1252, the portal in UTF-8 with a BOM.
public enum MessyCSV {
    /// How the bytes of a file are encoded.
    public enum Encoding: Sendable {
        case utf8WithBOM
        case windows1252
    }

    /// The rows as CSV bytes; characters Windows-1252 lacks become "?".
    public static func bytes(_ rows: [[String]], encoding: Encoding) -> [UInt8] {
        var out: [UInt8] = encoding == .utf8WithBOM ? [0xEF, 0xBB, 0xBF] : []
        out.reserveCapacity(rows.count * 200)
        for row in rows {
            let line = CSVWriter.line(row)
            switch encoding {
            case .utf8WithBOM: out.append(contentsOf: line.utf8)
            case .windows1252:
                for scalar in line.unicodeScalars {
                    if scalar.value < 0x80 || (0xA0...0xFF).contains(scalar.value) {
                        out.append(UInt8(scalar.value))
                    } else {
                        out.append(windows1252[scalar.value] ?? 0x3F)
                    }
                }
            }
        }
        return out
    }

    /// The characters Windows-1252 places at 0x80–0x9F.
    static let windows1252: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]
}
