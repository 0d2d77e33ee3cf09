import Testing

@testable import Spreadsheet

/// The byte helpers the readers and writers share.
@Suite struct ByteSearchTests {
    @Test func eightBytesComeFirstLowestWithZerosPastTheEnd() {
        for length in 0...20 {
            let bytes = (0..<length).map { UInt8(0x30 + $0) }
            bytes.withUnsafeBufferPointer { buffer in
                for start in 0...(length + 9) {
                    // Byte by byte, as the eight bytes are defined.
                    var expected: UInt64 = 0
                    for k in 0..<8 where start + k < length { expected |= UInt64(bytes[start + k]) << UInt64(k * 8) }
                    #expect(buffer.eightBytes(at: start) == expected, "length \(length), from \(start)")
                }
            }
        }
    }

    @Test func asciiIsToldByEveryByteWhereverTheOtherLies() {
        for count in 0...20 {
            let ascii = [UInt8](repeating: 0x41, count: count)
            #expect(ascii.withUnsafeBufferPointer(\.isASCII), "\(count) ASCII bytes")
            for position in 0..<count {
                var bytes = ascii
                bytes[position] = 0xC3
                #expect(!bytes.withUnsafeBufferPointer(\.isASCII), "a non-ASCII byte at \(position) of \(count)")
            }
        }
    }
}
