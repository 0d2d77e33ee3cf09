import Testing

@testable import Report

/// The wrapped-line count behind row heights, against the character-level count it replaced.
@Suite struct RowHeightTests {
    /// The earlier count: paragraphs by Character, words by space, widths per Unicode scalar.
    static func reference(_ text: String, width: Double, bold: Bool) -> Int {
        let capacity = max(3, width - 0.6) / (bold ? 1.08 : 1.0)
        var total = 0
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var lines = 1
            var used = 0.0
            for word in paragraph.split(separator: " ") {
                var length = 0.0
                for scalar in word.unicodeScalars {
                    switch scalar {
                    case "i", "j", "l", "f", "t", "r", "I", ",", ".", ";", ":", "'", "!", "|": length += 0.5
                    case "m", "w": length += 1.4
                    case "M", "W": length += 1.5
                    case "a"..."z": length += 0.88
                    case "A"..."Z": length += 1.1
                    case "-", "(", ")", "/", "–": length += 0.65
                    default: length += 1.0
                    }
                }
                if used == 0 {
                    used = length
                } else if used + 0.45 + length <= capacity {
                    used += 0.45 + length
                } else {
                    lines += 1
                    used = length
                }
                while used > capacity {
                    lines += 1
                    used -= capacity
                }
            }
            total += lines
        }
        return max(1, total)
    }

    static let samples = [
        "", "a", " ", "  leading and trailing  ", "\n", "a\n", "\nb", "a\n\nb",
        "The force should improve how it investigates crime and how it safeguards vulnerable people",
        "Improve – with an en dash – the response (call handling / contact) to the public; now!",
        "Supercalifragilisticexpialidocious-and-then-some-more-text-without-spaces-at-all-WWWWWWMMMM",
        "Café résumé naïve – ünïcödé wörds, 日本語のテキスト, emoji 👮‍♀️ and more",
        "Line one\nLine two is a good deal longer than the first and wraps\n\nLine four",
        String(repeating: "word ", count: 200),
    ]

    @Test(arguments: samples)
    func byteCountMatchesTheCharacterCount(_ text: String) {
        for width in [5.0, 9, 14, 16, 24, 36, 40, 48, 110] {
            for bold in [false, true] {
                #expect(
                    TableWriter.lines(text, width: width, bold: bold) == Self.reference(text, width: width, bold: bold),
                    "width \(width) bold \(bold)")
            }
        }
    }

    @Test func bridgedAndSubstringTextCountsTheSame() {
        let text = Substring("xx The force should improve how it investigates crime").dropFirst(3)
        #expect(
            TableWriter.lines(String(text), width: 14, bold: false)
                == Self.reference(String(text), width: 14, bold: false))
    }
}
