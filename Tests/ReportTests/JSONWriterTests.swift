import Foundation
import Spreadsheet
import Testing

@testable import Report

@Suite struct JSONWriterTests {
    private func written(_ body: (inout JSONWriter) throws -> Void) throws -> String {
        var json = JSONWriter(output: ByteOutput())
        try body(&json)
        try json.finish()
        return String(decoding: json.output.pending, as: UTF8.self)
    }

    @Test func keysKeepTheirOrderAndValuesAreWrittenAsJSON() throws {
        let text = try written { json in
            try json.beginObject()
            try json.key("b")
            try json.int(1)
            try json.key("a")
            try json.string("quote \" backslash \\ newline \n tab \t bell \u{07} £")
            try json.key("n")
            try json.string(nil as String?)
            try json.key("x")
            try json.double(1)
            try json.key("y")
            try json.double(0.25)
            try json.key("z")
            try json.double(.nan)
            try json.key("m")
            try json.int(Int.min)
            try json.key("list")
            try json.beginArray()
            try json.bool(true)
            try json.int(nil as Int?)
            json.endArray()
            json.endObject()
        }
        #expect(
            text == """
                {
                  "b": 1,
                  "a": "quote \\" backslash \\\\ newline \\n tab \\t bell \\u0007 £",
                  "n": null,
                  "x": 1.0,
                  "y": 0.25,
                  "z": null,
                  "m": -9223372036854775808,
                  "list": [
                    true,
                    null
                  ]
                }

                """)
        let parsed = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(parsed["a"] as? String == "quote \" backslash \\ newline \n tab \t bell \u{07} £")
    }

    @Test func aKeyThatIsDataIsEscapedAndASchemaKeyIsWrittenAsIs() throws {
        let text = try written { json in
            try json.beginObject()
            try json.key(named: "a \"quoted\" name")
            try json.int(1)
            try json.key("plain")
            try json.int(2)
            json.endObject()
        }
        #expect(text == "{\n  \"a \\\"quoted\\\" name\": 1,\n  \"plain\": 2\n}\n")
    }

    @Test func emptyContainersStayOnTheirLine() throws {
        let text = try written { json in
            try json.beginObject()
            try json.key("a")
            try json.beginArray()
            try json.int(1)
            try json.int(2)
            json.endArray()
            try json.key("e")
            try json.beginObject()
            json.endObject()
            try json.key("l")
            try json.beginArray()
            json.endArray()
            json.endObject()
        }
        #expect(text == "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"e\": {},\n  \"l\": []\n}\n")
    }

    @Test func stringsEscapeControlsAndLineSeparatorsByTheirBytes() throws {
        var out = ByteOutput()
        JSONText.appendString("\u{1}x\u{1F}\u{8}\u{C}\r\u{2028}é\u{2029}€\u{2027}", to: &out)
        #expect(String(decoding: out.pending, as: UTF8.self) == #""\u0001x\u001f\b\f\r\u2028é\u2029€\#u{2027}""#)
        // The String form gives the same text.
        var text = ""
        JSONText.appendString("a\"b\\c\n\u{1}", to: &text)
        #expect(text == #""a\"b\\c\n\u0001""#)
    }

    @Test func escapesAreFoundWhereverTheyFallInAnEightByteWord() {
        /// The escaping by scalars, as JSON defines it.
        func expected(_ s: String) -> String {
            var out = "\""
            for u in s.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                default:
                    if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                        let hex = String(u.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(u)
                    }
                }
            }
            return out + "\""
        }
        // Besides what JSON escapes: text whose bytes look like it to a hasty test, such as other characters
        // starting with 0xE2 (an en dash, the euro sign, U+2027 and U+2030 either side of the two separators).
        let base = "abcdefghijklmnopqrstuvwxyz0123456789"
        for special in [
            "\"", "\\", "\n", "\u{1}", "\u{1F}", " ", "\u{7F}", "\u{2028}", "\u{2029}", "\u{2013}", "\u{20AC}", "é",
            "\u{2027}", "\u{2030}",
        ] {
            for place in 0...base.count {
                var text = base
                text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: place))
                var out = ByteOutput()
                JSONText.appendString(text, to: &out)
                #expect(
                    String(decoding: out.pending, as: UTF8.self) == expected(text),
                    "\(special.unicodeScalars.map(\.value)) at \(place)")
                // The `String` form, which copies text needing no escape whole, gives the same.
                var string = "["
                JSONText.appendString(text, to: &string)
                #expect(string == "[" + expected(text), "\(special.unicodeScalars.map(\.value)) at \(place)")
            }
        }
    }

    @Test func decimalsAreWrittenWithoutStrings() {
        var out = ByteOutput()
        for value in [0, 7, -7, 10, 1_000_000, Int.max, Int.min] {
            if !out.pending.isEmpty { out.append(UInt8(ascii: " ")) }
            out.append(decimal: value)
        }
        #expect(String(decoding: out.pending, as: UTF8.self) == "0 7 -7 10 1000000 \(Int.max) \(Int.min)")
    }
}
