import Testing

@testable import Spreadsheet

@Suite struct TextBytesTests {
    @Test func textsComeBackAsWritten() {
        let store = TextBytes()
        let texts = ["", "a", "Review the custody process.", "café — “quoted”", String(repeating: "x", count: 1000)]
        let spans = texts.map { store.append($0) }
        #expect(spans[0] == .empty)
        for (text, span) in zip(texts, spans) {
            #expect(store.string(span) == text)
            #expect(span.byteCount == text.utf8.count)
            #expect(Array(store.bytes(span)) == Array(text.utf8))
        }
    }

    @Test func aTextThatDoesNotFitStartsTheNextBlockAndLeavesTheOthersWhereTheyWere() {
        let store = TextBytes()
        let half = TextBytes.blockSize / 2 + 1
        let a = String(repeating: "a", count: half)
        let b = String(repeating: "b", count: half)
        let c = "c"
        let spans = [store.append(a), store.append(b), store.append(c)]
        #expect(store.blocks.count == 2)
        #expect(store.string(spans[0]) == a && store.string(spans[1]) == b && store.string(spans[2]) == c)
    }

    @Test func aTextLongerThanABlockLiesApart() throws {
        let store = TextBytes()
        let before = store.append("before")
        let long = String(repeating: "long ", count: TextBytes.blockSize / 5 + 1)
        let span = store.append(long)
        #expect(store.separate.count == 1)
        #expect(store.string(span) == long && store.string(before) == "before")
        #expect(span.byteCount == long.utf8.count && store.bytes(span).count == long.utf8.count)
        // Past 16 MiB the span's count saturates; the bytes keep their own.
        let huge = [UInt8](repeating: 0x41, count: 1 << 24 + 3)
        let hugeSpan = huge.withUnsafeBufferPointer { store.append($0) }
        #expect(hugeSpan.byteCount == 1 << 24 - 1 && store.bytes(hugeSpan).count == huge.count)
        #expect(store.string(span) == long)
    }

    @Test func flagsKeepTheirText() throws {
        let store = TextBytes()
        _ = store.append("first")
        let span = store.append("  padded text ")
        #expect(store.string(span) == "  padded text ")
        #expect(span.flagged.isFlagged && !span.isFlagged && span.flagged.unflagged == span)
        #expect(span.flagged.byteCount == span.byteCount)
        #expect(TextSpan.empty.flagged == .empty)
    }
}
