import Foundation
import Spreadsheet
import Testing

/// SHA-256 against the known answers of FIPS 180-4 and NIST's examples, at every padding boundary, and fed in
/// pieces that split blocks at awkward places. Expected digests are literals computed once with Python's hashlib.
@Suite struct SHA256Tests {
    static func digest(_ bytes: [UInt8]) -> String {
        var sha = SHA256Digest()
        sha.update(bytes)
        return sha.hexDigest()
    }

    /// The same bytes fed through the raw-memory entry point, in pieces that end at `cuts`.
    static func digest(_ bytes: [UInt8], cutAt cuts: [Int]) -> String {
        var sha = SHA256Digest()
        var start = 0
        bytes.withUnsafeBytes { raw in
            for end in cuts + [bytes.count] {
                sha.update(UnsafeRawBufferPointer(rebasing: raw[start..<end]))
                start = end
            }
        }
        return sha.hexDigest()
    }

    static let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    static let millionA = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"

    @Test func knownAnswersFromFIPS180() {
        #expect(Self.digest(Array("abc".utf8)) == Self.abc)
        #expect(Self.digest([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        // 448 bits: the padding no longer fits in the message's block.
        #expect(
            Self.digest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // 896 bits.
        let long =
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        #expect(Self.digest(Array(long.utf8)) == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        #expect(Self.digest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)) == Self.millionA)
    }

    /// Bytes `i * 7 + 3` for i in 0..<count: no two neighbours alike, so a byte out of place changes the digest.
    static func pattern(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
    }

    /// 55 bytes leave room for the length in the last block; 56 to 63 do not; 64 and 65 start a new block.
    static let boundaries: [(Int, String)] = [
        (55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b"),
        (56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27"),
        (63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055"),
        (64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241"),
        (65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e"),
    ]

    @Test(arguments: boundaries)
    func messagesAtThePaddingBoundaries(count: Int, expected: String) {
        let message = Self.pattern(count)
        #expect(Self.digest(message) == expected)
        // Split once at every place, and fed a byte at a time.
        for cut in 0...count {
            #expect(Self.digest(message, cutAt: [cut]) == expected, "cut at \(cut)")
        }
        #expect(Self.digest(message, cutAt: Array(1..<count)) == expected, "a byte at a time")
        // Through the sequence entry point, from storage that is not contiguous.
        var sha = SHA256Digest()
        sha.update(message.lazy.map { $0 })
        #expect(sha.hexDigest() == expected)
    }

    @Test func aLongMessageFedInAwkwardPiecesGivesTheSameDigest() {
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        // Pieces that end one short of a block, on one, one past one, in the middle, and empty pieces between.
        var cuts: [Int] = []
        var at = 0
        for step in [63, 1, 64, 65, 0, 127, 128, 129, 3, 0, 4096 + 17, 55, 9, 1 << 16] where at + step < million.count {
            at += step
            cuts.append(at)
        }
        #expect(Self.digest(million, cutAt: cuts) == Self.millionA)
        // The same pieces as arrays, through the sequence entry point.
        var sha = SHA256Digest()
        var start = 0
        for end in cuts + [million.count] {
            sha.update(Array(million[start..<end]))
            start = end
        }
        #expect(sha.hexDigest() == Self.millionA)
        // The 896-bit example cut inside its first block, across the block boundary and in its last bytes.
        let long = Array(
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
                .utf8)
        for cuts in [[1, 63], [63, 64, 65], [60, 70, 111], [0, 112], [37, 37, 100]] {
            #expect(
                Self.digest(long, cutAt: cuts) == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
                "\(cuts)")
        }
    }

    @Test func aFileHashesAsItsBytes() throws {
        let path = NSTemporaryDirectory() + "sha256-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Larger than the 1 MiB read, so the file is read in more than one piece.
        try Data(repeating: UInt8(ascii: "a"), count: 1_000_000 + (1 << 20)).write(to: URL(fileURLWithPath: path))
        #expect(try SHA256Digest.ofFile(path) == "b4516abe8192d6c60021ec3a8d0781c069578eddb10c9ee8e793a29f5d579a11")
        try Data("abc".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try SHA256Digest.ofFile(path) == Self.abc)
        let missing = try #require(throws: HMICError.self) { try SHA256Digest.ofFile(path + ".missing") }
        #expect(missing.code == .unreadable && missing.file == path + ".missing")
    }
}
