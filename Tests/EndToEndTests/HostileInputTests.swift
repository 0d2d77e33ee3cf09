import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Hostile, broken and odd input files, built by the tests themselves and given to the built binary both as the
/// register and as the portal: each is refused with status 65 or 66, a message naming the file and what is wrong,
/// within 1 GB, leaving no output file; or, where a file is legitimately accepted, handled correctly.
///
/// A run still going after a minute is killed, which fails its status check: a hang cannot pass or stall the
/// suite. How long refusals take is measured by Benchmarks/hostile.sh, on the files this suite keeps when
/// `HOSTILE_FILES` names a folder.
@Suite(.serialized) struct HostileInputTests {
    /// The most memory a refusal may take, per run. Peak resident memory depends on the input, not on the load of
    /// the machine, so it is checked here.
    static let maxPeakKB = 1 << 20
    /// Runs still going after this are killed: a hang guard, not a measure of speed.
    static let hangGuardSeconds = 60.0

    /// One hostile file and what its refusal must say.
    struct Case: CustomStringConvertible {
        var name: String
        var bytes: Data
        /// Fragments the message must contain (besides the file's path).
        var expected: [String]
        /// 65 (bad data) unless the file cannot be opened at all.
        var status: Int32 = 65
        var description: String { name }
    }

    // MARK: - Running the binary with its peak memory measured

    /// What one run of the binary did, with its peak resident memory.
    struct Measured {
        var status: Int32
        var stdout: String
        var stderr: String
        var peakKB: Int
        /// Killed by the hang guard.
        var killed: Bool
    }

    /// Runs the binary through posix_spawn, sampling its peak resident memory (VmHWM in /proc, a high-water mark,
    /// so a sample every 2 ms misses at most the growth of the last 2 ms) until it exits. (The child's ru_maxrss
    /// cannot serve: Linux carries the spawning test process's own high-water mark across exec.) A run still going
    /// after `hangGuardSeconds` is killed so that a hang cannot stall the suite.
    static func measure(_ arguments: [String]) throws -> Measured {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("hmic-hostile-\(UUID().uuidString)")
        let outPath = base.path + ".out"
        let errPath = base.path + ".err"
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([Paths.binary.path] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let start = Date()
        let spawned = posix_spawn(&pid, Paths.binary.path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        var status: Int32 = 0
        var killed = false
        var peakKB = 0
        let statusFile = "/proc/\(pid)/status"
        while true {
            if let kb = Self.highWaterMarkKB(statusFile) { peakKB = max(peakKB, kb) }
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r < 0 && errno != EINTR { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            if !killed && Date().timeIntervalSince(start) > hangGuardSeconds {
                kill(pid, SIGKILL)
                killed = true
            }
            usleep(2_000)
        }
        let exited = status & 0x7F == 0
        return Measured(
            status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F),
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data(), as: UTF8.self),
            peakKB: peakKB, killed: killed)
    }

    /// VmHWM from a /proc status file (read with read(2): /proc files report a size of zero to stat).
    static func highWaterMarkKB(_ path: String) -> Int? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 8192)
        let n = read(fd, &buffer, buffer.count)
        guard n > 0 else { return nil }
        let text = String(decoding: buffer[0..<n], as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Int(line.dropFirst(6).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
    }

    /// Runs `path` as the register (with the sample portal) and as the portal (with the sample register) and
    /// checks the promise: the status, a message naming the file and saying what is wrong, the memory, no output.
    static func expectRefused(_ c: Case, at path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for side in ["--register", "--portal"] {
            let out = try Paths.scratch()
            defer { try? FileManager.default.removeItem(at: out) }
            let workbook = out.appendingPathComponent("out.xlsx").path
            let other =
                side == "--register"
                ? ["--portal", Paths.sample("portal.csv")] : ["--register", Paths.sample("register.csv")]
            let result = try measure(
                ["reconcile", side, path] + other
                    + [
                        "--output", workbook, "--json", out.appendingPathComponent("out.json").path, "--as-of",
                        "2026-11-30",
                    ])
            let label = "\(c.name) as \(side.dropFirst(2))"
            #expect(
                result.status == c.status, "\(label): status \(result.status), stderr: \(result.stderr)",
                sourceLocation: sourceLocation)
            #expect(
                result.stderr.contains(path), "\(label): message does not name the file: \(result.stderr)",
                sourceLocation: sourceLocation)
            for fragment in c.expected {
                #expect(
                    result.stderr.contains(fragment), "\(label): '\(fragment)' not in: \(result.stderr)",
                    sourceLocation: sourceLocation)
            }
            #expect(
                !result.killed, "\(label): still running after \(Int(hangGuardSeconds)) s",
                sourceLocation: sourceLocation)
            #expect(
                result.peakKB < maxPeakKB, "\(label): peak memory \(result.peakKB) KB", sourceLocation: sourceLocation)
            let left = try FileManager.default.contentsOfDirectory(atPath: out.path)
            #expect(left.isEmpty, "\(label): left behind \(left)", sourceLocation: sourceLocation)
        }
    }

    /// Writes each case into a fresh folder and checks it; with `HOSTILE_FILES` set, also keeps a copy of each file
    /// in that folder for the benchmark to time.
    static func check(_ cases: [Case], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let dir = try Paths.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let keep = ProcessInfo.processInfo.environment["HOSTILE_FILES"].map { URL(fileURLWithPath: $0) }
        if let keep { try FileManager.default.createDirectory(at: keep, withIntermediateDirectories: true) }
        for c in cases {
            let path = dir.appendingPathComponent(c.name).path
            try c.bytes.write(to: URL(fileURLWithPath: path))
            if let keep { try c.bytes.write(to: keep.appendingPathComponent(c.name)) }
            try expectRefused(c, at: path, sourceLocation: sourceLocation)
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    // MARK: - Zip bombs and broken zips

    @Test func zipBombsAreRefused() throws {
        let size = 1 << 30
        var cases: [Case] = []
        // About 160:1 (fixed-Huffman copies of 258 bytes): a gibibyte of empty elements, or of blanks, in 6.5 MB.
        cases.append(
            Case(
                name: "bomb-ratio.xlsx",
                bytes: Zip.workbook(
                    replacing: Workbook.sheet,
                    with: .bomb(name: Workbook.sheet, prefix: Workbook.sheetPrefix, runLength: size, unit: "<x/>")),
                expected: ["xl/worksheets/sheet1.xml", "zip bomb"]))
        cases.append(
            Case(
                name: "bomb-blanks.xlsx",
                bytes: Zip.workbook(
                    replacing: Workbook.sheet,
                    with: .bomb(name: Workbook.sheet, prefix: Workbook.sheetPrefix, runLength: size)),
                expected: ["xl/worksheets/sheet1.xml", "will not be read"]))
        cases.append(
            Case(
                name: "bomb-shared-strings.xlsx",
                bytes: Zip.workbook(
                    replacing: Workbook.sharedStrings,
                    with: .bomb(
                        name: Workbook.sharedStrings, prefix: "<sst xmlns=\"\(Workbook.ns)\">", runLength: size,
                        unit: "<a/>")),
                expected: ["sharedStrings.xml", "zip bomb"]))
        cases.append(
            Case(
                name: "bomb-styles.xlsx",
                bytes: Zip.workbook(
                    replacing: "xl/styles.xml",
                    with: .bomb(
                        name: "xl/styles.xml", prefix: "<styleSheet xmlns=\"\(Workbook.ns)\"><cellXfs>",
                        runLength: size, unit: "<a/>")),
                expected: ["styles.xml", "zip bomb"]))
        // Twenty thousand entries: more than any workbook holds.
        var many = Workbook.parts.map { Zip.Entry(name: $0.0, stored: Data($0.1.utf8)) }
        for i in 0..<20_000 { many.append(Zip.Entry(name: "xl/media/image\(i).png", stored: Data())) }
        cases.append(Case(name: "bomb-entries.xlsx", bytes: Zip.archive(many), expected: ["entries"]))
        // Thousands of central-directory entries sharing one bomb's data (overlapping files).
        cases.append(
            Case(
                name: "bomb-overlapping.xlsx", bytes: Zip.overlapping(count: 9_000, runLength: size),
                expected: ["zip bomb"]))
        // Declared sizes that lie: 4 GiB declared for a bomb; 100 bytes declared for a gibibyte.
        var declaredHuge = Zip.Entry.bomb(
            name: Workbook.sheet, prefix: Workbook.sheetPrefix, runLength: size, unit: "<x/>")
        declaredHuge.declaredSize = 0xFFFF_FFFE
        cases.append(
            Case(
                name: "bomb-declared-huge.xlsx", bytes: Zip.workbook(replacing: Workbook.sheet, with: declaredHuge),
                expected: ["zip bomb"]))
        var undeclared = Zip.Entry.bomb(
            name: Workbook.sheet, prefix: Workbook.sheetPrefix, runLength: size, unit: "<x/>")
        undeclared.declaredSize = 100
        cases.append(
            Case(
                name: "bomb-undeclared.xlsx", bytes: Zip.workbook(replacing: Workbook.sheet, with: undeclared),
                expected: ["not a valid workbook", "xl/worksheets/sheet1.xml"]))
        // A data descriptor (flag bit 3) with zero sizes in the local header.
        var descriptor = Zip.Entry.bomb(
            name: Workbook.sheet, prefix: Workbook.sheetPrefix, runLength: size, unit: "<x/>")
        descriptor.flags |= 8
        descriptor.declaredSize = 0
        cases.append(
            Case(
                name: "bomb-data-descriptor.xlsx", bytes: Zip.workbook(replacing: Workbook.sheet, with: descriptor),
                expected: ["xl/worksheets/sheet1.xml"]))
        try Self.check(cases)
    }

    @Test func brokenZipsAreRefused() throws {
        let good = Zip.workbook()
        var cases: [Case] = []
        for fraction in [0.05, 0.5, 0.9] {
            cases.append(
                Case(
                    name: "truncated-\(Int(fraction * 100)).xlsx",
                    bytes: good.prefix(Int(Double(good.count) * fraction)),
                    expected: ["not a valid workbook"]))
        }
        cases.append(
            Case(name: "truncated-eocd.xlsx", bytes: good.prefix(good.count - 10), expected: ["not a valid workbook"]))
        cases.append(
            Case(
                name: "local-header-only.xlsx", bytes: Data([0x50, 0x4B, 0x03, 0x04]),
                expected: ["not a valid workbook"]))
        // Deflated sheet data overwritten in the middle.
        var corrupt = Zip.workbook(
            replacing: Workbook.sheet,
            with: .bomb(
                name: Workbook.sheet, prefix: Workbook.sheetPrefix, runLength: 4 << 20, suffix: Workbook.sheetSuffix))
        let at = corrupt.range(of: Data(Workbook.sheet.utf8))!.upperBound + 4000
        for i in at..<(at + 64) { corrupt[i] ^= 0x5A }
        cases.append(Case(name: "corrupt-deflate.xlsx", bytes: corrupt, expected: ["not a valid workbook"]))
        // A wrong checksum on a stored part.
        var crc = Zip.Entry(name: Workbook.sheet, stored: Data(Workbook.sheetXML.utf8))
        crc.crc ^= 0xFFFF
        cases.append(
            Case(
                name: "bad-crc.xlsx", bytes: Zip.workbook(replacing: Workbook.sheet, with: crc), expected: ["checksum"])
        )
        // An encrypted entry (traditional PKWARE encryption flag).
        var encrypted = Zip.Entry(name: Workbook.sheet, stored: Data(Workbook.sheetXML.utf8))
        encrypted.flags |= 1
        cases.append(
            Case(
                name: "encrypted-entry.xlsx", bytes: Zip.workbook(replacing: Workbook.sheet, with: encrypted),
                expected: ["encrypted"]))
        // An unknown compression method (LZMA, 14).
        var lzma = Zip.Entry(name: Workbook.sheet, stored: Data(Workbook.sheetXML.utf8))
        lzma.method = 14
        cases.append(
            Case(
                name: "lzma-entry.xlsx", bytes: Zip.workbook(replacing: Workbook.sheet, with: lzma),
                expected: ["compression"]))
        // Zips that are not workbooks.
        cases.append(
            Case(
                name: "hello.xlsx", bytes: Zip.archive([Zip.Entry(name: "hello.txt", stored: Data("hello".utf8))]),
                expected: ["no workbook part"]))
        cases.append(
            Case(
                name: "report.docx",
                bytes: Zip.archive([Zip.Entry(name: "word/document.xml", stored: Data("<w/>".utf8))]),
                expected: ["Word or PowerPoint"]))
        cases.append(
            Case(
                name: "sheet.ods",
                bytes: Zip.archive([
                    Zip.Entry(name: "mimetype", stored: Data("application/vnd.oasis.opendocument.spreadsheet".utf8)),
                    Zip.Entry(name: "content.xml", stored: Data("<x/>".utf8)),
                ]), expected: ["OpenDocument"]))
        cases.append(Case(name: "empty-zip.xlsx", bytes: Zip.archive([]), expected: ["not a valid workbook"]))
        // A workbook whose sheet part is missing, and one whose cell lies beyond Excel's grid.
        cases.append(
            Case(
                name: "missing-sheet.xlsx",
                bytes: Zip.archive(
                    Workbook.parts.filter { $0.0 != Workbook.sheet }
                        .map { Zip.Entry(name: $0.0, stored: Data($0.1.utf8)) }), expected: ["missing"]))
        cases.append(
            Case(
                name: "beyond-grid.xlsx",
                bytes: Zip.workbook(
                    replacing: Workbook.sheet,
                    with: Zip.Entry(
                        name: Workbook.sheet,
                        stored: Data(
                            (Workbook.sheetPrefix + "<row r=\"1048577\"><c><v>1</v></c></row>" + Workbook.sheetSuffix)
                                .utf8))),
                expected: ["last row"]))
        try Self.check(cases)
    }

    // MARK: - XML attacks in every part the reader parses

    static let laughs = """
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\
        <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\
        <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">\
        <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">\
        <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
        """

    /// DOCTYPEs that would expand, read a file, reach the network or block forever on /dev/zero if honoured.
    static let doctypes: [(String, String)] = [
        ("laughs", laughs),
        ("xxe-file", "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"),
        ("xxe-parameter", "<!DOCTYPE x [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/evil.dtd\"> %p;]>"),
        ("dtd-dev-zero", "<!DOCTYPE x SYSTEM \"file:///dev/zero\">"),
        ("doctype-plain", "<!DOCTYPE worksheet>"),
    ]

    @Test func xmlAttacksInEveryPartAreRefused() throws {
        var cases: [Case] = []
        for (part, xml) in Workbook.parts where part != "[Content_Types].xml" {
            for (kind, doctype) in Self.doctypes {
                // After the XML declaration, with an entity reference where the part allows text or an attribute.
                let body = xml.replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", with: "")
                let reference = kind == "laughs" ? ">&lol9;<" : kind == "xxe-file" ? ">&xxe;<" : ">R-1<"
                let attacked =
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + doctype
                    + body.replacingOccurrences(of: ">R-1<", with: reference)
                let name = "\(kind)-\(part.replacingOccurrences(of: "/", with: "_")).xlsx"
                cases.append(
                    Case(
                        name: name,
                        bytes: Zip.workbook(replacing: part, with: Zip.Entry(name: part, stored: Data(attacked.utf8))),
                        expected: ["DOCTYPE", part]))
            }
        }
        for (kind, doctype) in Self.doctypes {
            let xml = Workbook.spreadsheetML.replacingOccurrences(
                of: "<?xml version=\"1.0\"?>", with: "<?xml version=\"1.0\"?>" + doctype
            )
            .replacingOccurrences(
                of: ">R-1<", with: kind == "laughs" ? ">&lol9;<" : kind == "xxe-file" ? ">&xxe;<" : ">R-1<")
            cases.append(Case(name: "\(kind)-spreadsheetml.xml", bytes: Data(xml.utf8), expected: ["DOCTYPE"]))
        }
        try Self.check(cases)
    }

    @Test func malformedXMLIsRefused() throws {
        var cases: [Case] = []
        let sheet = Workbook.sheetXML
        cases.append(
            Case(
                name: "unclosed-sheet.xlsx",
                bytes: Zip.workbook(
                    replacing: Workbook.sheet,
                    with: Zip.Entry(name: Workbook.sheet, stored: Data(sheet.dropLast(30).utf8))),
                expected: ["xl/worksheets/sheet1.xml"]))
        cases.append(
            Case(
                name: "invalid-utf8-sheet.xlsx",
                bytes: Zip.workbook(
                    replacing: Workbook.sheet,
                    with: Zip.Entry(
                        name: Workbook.sheet,
                        stored: Data(sheet.utf8).replacing(Data("R-1".utf8), with: Data([0x52, 0xC3, 0x28, 0xFF])))),
                expected: ["xl/worksheets/sheet1.xml"]))
        cases.append(
            Case(
                name: "deep-nesting.xlsx",
                bytes: Zip.workbook(
                    replacing: Workbook.sheet,
                    with: Zip.Entry(
                        name: Workbook.sheet,
                        stored: Data((Workbook.sheetPrefix + String(repeating: "<x>", count: 100_000)).utf8))),
                expected: ["xl/worksheets/sheet1.xml"]))
        cases.append(
            Case(
                name: "truncated-spreadsheetml.xml", bytes: Data(Workbook.spreadsheetML.utf8).prefix(300),
                expected: ["not a valid workbook"]))
        cases.append(
            Case(
                name: "invalid-utf8-spreadsheetml.xml",
                bytes: Data(Workbook.spreadsheetML.utf8)
                    .replacing(Data("R-1".utf8), with: Data([0x52, 0xC3, 0x28, 0xFF])),
                expected: ["not a valid workbook"]))
        try Self.check(cases)
    }

    // MARK: - Not spreadsheets at all

    @Test func oleFilesEmptyFilesAndGarbageAreRefused() throws {
        let ole = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(repeating: 0, count: 4088)
        var rng = SplitMix64(seed: 0x5EED)
        let garbage = Data((0..<200_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
        let garbageNoNUL = Data((0..<200_000).map { _ in UInt8(truncatingIfNeeded: rng.next() % 255 + 1) })
        let cases: [Case] = [
            Case(
                name: "encrypted.xlsx", bytes: ole + Data("E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0".utf8),
                expected: ["password-protected", "encrypted"]),
            Case(
                name: "legacy.xls", bytes: ole + Data("W\0o\0r\0k\0b\0o\0o\0k\0".utf8),
                expected: ["legacy Excel 97-2003 .xls"]),
            // Excel 4 (BIFF4) and older files are not OLE files: binary records with zero bytes.
            Case(
                name: "biff4.xls",
                bytes: Data([0x09, 0x04, 0x06, 0x00, 0x00, 0x00, 0x10, 0x00]) + Data(repeating: 0, count: 100),
                expected: ["binary data"]),
            Case(name: "garbage.csv", bytes: garbage, expected: ["binary data"]),
            Case(name: "garbage-no-nul.csv", bytes: garbageNoNUL, expected: ["no header row"]),
            Case(name: "empty.csv", bytes: Data(), expected: ["no header row"]),
            Case(name: "empty.xlsx", bytes: Data(), expected: ["no header row"]),
            Case(name: "bom-only.csv", bytes: Data([0xEF, 0xBB, 0xBF]), expected: ["no header row"]),
            Case(name: "blank-lines.csv", bytes: Data("\r\n\r\n   \r\n".utf8), expected: ["no header row"]),
            // What Excel writes for a sheet whose only content is formatting: separators and nothing else.
            Case(name: "excel-empty.csv", bytes: Data(",,,\r\n,,,\r\n,,,\r\n".utf8), expected: ["no header row"]),
            Case(
                name: "excel-empty.xlsx",
                bytes: Zip.workbook(
                    replacing: Workbook.sheet,
                    with: Zip.Entry(
                        name: Workbook.sheet,
                        stored: Data((Workbook.sheetPrefix + Workbook.sheetSuffix).utf8))), expected: ["no header row"]),
            Case(
                name: "excel-empty.xml",
                bytes: Data(
                    (Workbook.spreadsheetML.components(separatedBy: "<Table>")[0]
                        + "<Table/></Worksheet></Workbook>").utf8), expected: ["no header row"]),
            Case(
                name: "headers-missing.csv", bytes: Data("Title of the register\r\nRef,Foo,Bar\r\n1,2,3\r\n".utf8),
                expected: ["Headers found", "'Foo'"]),
            Case(name: "utf16-odd.csv", bytes: Data([0xFF, 0xFE, 0x00, 0xD8, 0x41]), expected: ["no header row"]),
        ]
        // A folder and a missing file cannot be read at all.
        let dir = try Paths.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("folder.csv"), withIntermediateDirectories: true)
        try Self.expectRefused(
            Case(name: "folder.csv", bytes: Data(), expected: ["folder"], status: 66),
            at: dir.appendingPathComponent("folder.csv").path)
        try Self.expectRefused(
            Case(name: "missing.xlsx", bytes: Data(), expected: ["no such file"], status: 66),
            at: dir.appendingPathComponent("missing.xlsx").path)
        try Self.check(cases)
    }

    // MARK: - CSV at and beyond the limits

    @Test func oversizedAndMalformedCSVIsRefused() throws {
        let header = "Ref,Type,Status,Description\r\n"
        var cases: [Case] = []
        var huge = Data((header + "R-1,Recommendation,Open,").utf8)
        huge.append(Data(repeating: UInt8(ascii: "x"), count: 50 << 20))
        huge.append(Data("\r\n".utf8))
        cases.append(Case(name: "cell-50mb.csv", bytes: huge, expected: ["32767 characters", "line 2"]))
        var quoted = Data((header + "R-1,Recommendation,Open,\"").utf8)
        quoted.append(Data(repeating: UInt8(ascii: "y"), count: 50 << 20))
        quoted.append(Data("\"\r\n".utf8))
        cases.append(Case(name: "quoted-cell-50mb.csv", bytes: quoted, expected: ["32767 characters"]))
        cases.append(
            Case(
                name: "million-columns.csv",
                bytes: Data((header + "R-1" + String(repeating: ",x", count: 1_000_000) + "\r\n").utf8),
                expected: ["16384 fields", "line 2"]))
        cases.append(
            Case(
                name: "million-columns-header.csv",
                bytes: Data((String(repeating: "Ref,", count: 1_000_000) + "\r\n").utf8),
                expected: ["16384 fields", "line 1"]))
        cases.append(
            Case(
                name: "unbalanced-quote.csv",
                bytes: Data(
                    (header + "R-1,Recommendation,Open,\"never closed\r\nR-2,AFI,Open,x\r\n"
                        + String(repeating: "more text\r\n", count: 10_000)).utf8),
                expected: ["unbalanced quote", "line 2"]))
        cases.append(
            Case(
                name: "unbalanced-quote-header.csv", bytes: Data("\"Ref,Type,Status\r\nR-1,AFI,Open\r\n".utf8),
                expected: ["unbalanced quote", "line 1"]))
        cases.append(
            Case(
                name: "nul-late.csv",
                bytes: Data(
                    (header + String(repeating: "R-1,AFI,Open,text\r\n", count: 5000) + "R-2,AFI,Open,a\0b\r\n").utf8),
                expected: ["binary data", "line 5002"]))
        try Self.check(cases)
    }

    @Test func aHugeXLSXCellIsRefused() throws {
        // 50 MB in one cell, stored rather than deflated so that no zip limit trips first: more than the 32,767
        // characters a cell can hold. (The checksum is left at zero: the reader must stop long before the end.)
        let x = Data(repeating: UInt8(ascii: "x"), count: 50 << 20)
        var cell = Zip.Entry(name: Workbook.sheet, stored: Data())
        cell.data =
            Data(
                (Workbook.sheetPrefix
                    + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Ref</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>Type</t></is></c>"
                    + "<c r=\"C1\" t=\"inlineStr\"><is><t>Status</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>")
                    .utf8)
            + x + Data(("</t></is></c></row>" + Workbook.sheetSuffix).utf8)
        cell.declaredSize = UInt32(cell.data.count)
        var sst = Zip.Entry(name: Workbook.sharedStrings, stored: Data())
        sst.data =
            Data(
                "<sst xmlns=\"\(Workbook.ns)\"><si><t>Ref</t></si><si><t>Type</t></si><si><t>Status</t></si><si><t>"
                    .utf8)
            + x + Data("</t></si></sst>".utf8)
        sst.declaredSize = UInt32(sst.data.count)
        var value = Zip.Entry(name: Workbook.sheet, stored: Data())
        value.data = Data(
            (Workbook.sheetXML.replacingOccurrences(
                of: "<c r=\"C2\" s=\"0\" t=\"inlineStr\"><is><t>Open</t></is></c>", with: "<c r=\"D2\"><v>")).utf8)
        value.data =
            value.data.prefix(value.data.count - Workbook.sheetSuffix.utf8.count - 6) + x
            + Data(("</v></c></row>" + Workbook.sheetSuffix).utf8)
        value.declaredSize = UInt32(value.data.count)
        // 100,000 characters: under the markup limit, over a cell's.
        let long = String(repeating: "z", count: 100_000)
        let longCell = Zip.Entry(
            name: Workbook.sheet,
            stored: Data(Workbook.sheetXML.replacingOccurrences(of: ">R-1<", with: ">\(long)<").utf8))
        let longML = Workbook.spreadsheetML.replacingOccurrences(of: ">R-1<", with: ">\(long)<")
        var hugeML = Data(Workbook.spreadsheetML.components(separatedBy: "R-1")[0].utf8)
        hugeML.append(x)
        hugeML.append(Data(Workbook.spreadsheetML.components(separatedBy: "R-1")[1].utf8))
        try Self.check([
            Case(
                name: "cell-100k.xlsx", bytes: Zip.workbook(replacing: Workbook.sheet, with: longCell),
                expected: ["cell A2 holds 100000 characters", "32767"]),
            Case(
                name: "cell-100k.xml", bytes: Data(longML.utf8), expected: ["cell A2 holds 100000 characters", "32767"]),
            Case(name: "cell-50mb.xml", bytes: hugeML, expected: ["32767 characters"]),
            Case(
                name: "cell-50mb.xlsx", bytes: Zip.workbook(replacing: Workbook.sheet, with: cell),
                expected: ["32767 characters"]),
            Case(
                name: "shared-string-50mb.xlsx", bytes: Zip.workbook(replacing: Workbook.sharedStrings, with: sst),
                expected: ["32767 characters"]),
            Case(
                name: "value-50mb.xlsx", bytes: Zip.workbook(replacing: Workbook.sheet, with: value),
                expected: ["32767 characters"]),
        ])
    }

    // MARK: - Accepted, and handled correctly

    /// Text a spreadsheet would run as a formula if it were written as one.
    static let formulas = [
        "=cmd|' /C calc'!A0", "=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1:A2)",
        "\tTAB", "=1+1",
    ]

    @Test func formulaTextStaysText() throws {
        let dir = try Paths.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        var register = "Ref,Portal Ref,Type,Status,Description,Force Lead,Delivery Lead\r\n"
        var portal = "Recommendation ID,Type,Status,Recommendation Text\r\n"
        for (i, f) in Self.formulas.enumerated() {
            let quoted = "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            register += "\(quoted),P-\(i),Recommendation,Open,\(quoted),\(quoted),Supt B\r\n"
            portal += "\(quoted),Recommendation,Open,\(quoted)\r\n"
        }
        try register.write(to: dir.appendingPathComponent("register.csv"), atomically: true, encoding: .utf8)
        try portal.write(to: dir.appendingPathComponent("portal.csv"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out.xlsx").path
        let result = try Self.measure([
            "reconcile", "--register", dir.appendingPathComponent("register.csv").path,
            "--portal", dir.appendingPathComponent("portal.csv").path, "--output", out, "--json", "-", "--as-of",
            "2026-11-30",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        // The JSON holds each text exactly, as a JSON string.
        let doc = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let refs = Set(
            ((doc["discrepancies"] as? [[String: Any]]) ?? []).compactMap { $0["registerRef"] as? String }
                + ((doc["discrepancies"] as? [[String: Any]]) ?? []).compactMap { $0["portalRef"] as? String })
        for f in Self.formulas where f != "\tTAB" { #expect(refs.contains(f), "\(f) not in the JSON's references") }
        // The workbook holds them as strings, never as formulas.
        let listing = try runProgram(URL(fileURLWithPath: "/usr/bin/unzip"), ["-Z1", out]).stdout.split(separator: "\n")
        for part in listing where part.hasPrefix("xl/worksheets/") && part.hasSuffix(".xml") {
            let xml = try zipPart(out, String(part))
            #expect(!xml.contains("<f>") && !xml.contains("<f "), "\(part) holds a formula")
        }
        let strings = try workbookText(out)
        for f in ["=cmd|' /C calc'!A0", "+1+1", "@SUM(A1:A2)", "=1+1"] {
            #expect(strings.contains(">\(f)<"), "\(f) not a string")
        }
        #expect(
            strings.contains(">=HYPERLINK(\"http://evil.example\",\"x\")<")
                || strings.contains(">=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;)<"))
        // dump --format csv escapes them against formula injection.
        let dump = try run(["dump", dir.appendingPathComponent("register.csv").path, "--format", "csv"])
        #expect(dump.status == 0)
        #expect(dump.stdout.contains("\r\n'=cmd|' /C calc'!A0,P-0,"))
        #expect(dump.stdout.contains("'+1+1") && dump.stdout.contains("'-2+3") && dump.stdout.contains("'@SUM(A1:A2)"))
        #expect(dump.stdout.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""))
        for line in dump.stdout.split(separator: "\r\n") {
            for field in line.split(separator: ",") {
                let f = field.hasPrefix("\"") ? field.dropFirst() : field[...]
                #expect(!(f.first.map { "=+-@\t\r".contains($0) } ?? false), "unescaped field \(field)")
            }
        }
    }

    @Test func duplicateAndEmptyHeadersStillMap() throws {
        let dir = try Paths.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Two Ref columns (the first is used), two Status columns, empty headers between, a header row under a title.
        let register =
            "Force register,,,,,,\r\n,Ref,Ref,,Type,Status,Status,\r\n,R-1,X-1,,Recommendation,Open,Closed,\r\n,R-2,X-2,,AFI,Closed,Open,\r\n"
        let portal = "Ref,,Type,Type,Status,\r\nR-1,,Recommendation,AFI,Open,\r\nR-9,,AFI,Recommendation,Open,\r\n"
        try register.write(to: dir.appendingPathComponent("register.csv"), atomically: true, encoding: .utf8)
        try portal.write(to: dir.appendingPathComponent("portal.csv"), atomically: true, encoding: .utf8)
        let result = try Self.measure([
            "reconcile", "--register", dir.appendingPathComponent("register.csv").path,
            "--portal", dir.appendingPathComponent("portal.csv").path,
            "--output", dir.appendingPathComponent("out.xlsx").path, "--json", "-", "--as-of", "2026-11-30",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let doc = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let inputs = try #require(doc["inputs"] as? [String: [String: Any]])
        #expect(inputs["register"]?["headerRow"] as? Int == 2)
        #expect(inputs["register"]?["records"] as? Int == 2)
        #expect(inputs["portal"]?["records"] as? Int == 2)
        let matches = try #require(doc["matches"] as? [[String: Any]])
        #expect(matches.map { "\($0["registerRef"]!)=\($0["portalRef"]!)" } == ["R-1=R-1"])
        let classes = ((doc["discrepancies"] as? [[String: Any]]) ?? []).map {
            "\($0["class"]!) \($0["registerRef"] ?? "") \($0["portalRef"] ?? "")"
        }
        // The first Status column decides: R-2 is closed, so it is not absent from the portal; R-9 is.
        #expect(!classes.contains { $0.hasPrefix("absent-from-portal") })
        #expect(classes.contains { $0.hasPrefix("absent-from-register") && $0.contains("R-9") })
        #expect(!classes.contains { $0.hasPrefix("type-mismatch") })
    }

    @Test func invalidUTF8CSVIsReadAsWindows1252() throws {
        let dir = try Paths.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Not UTF-8: Excel's plain "CSV" on a UK machine, read as Windows-1252.
        var register = Data("Ref,Type,Status,Description\r\nR\u{E9}f-1,Recommendation,Open,\u{80}10 ".utf8)
        register = register.replacing(Data("\u{E9}".utf8), with: Data([0xE9])).replacing(
            Data("\u{80}".utf8), with: Data([0x80]))
        try register.write(to: dir.appendingPathComponent("register.csv"))
        let result = try Self.measure([
            "reconcile", "--register", dir.appendingPathComponent("register.csv").path,
            "--portal", Paths.sample("portal.csv"),
            "--output", dir.appendingPathComponent("out.xlsx").path, "--json", "-", "--as-of", "2026-11-30",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let doc = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let refs = ((doc["discrepancies"] as? [[String: Any]]) ?? []).compactMap { $0["registerRef"] as? String }
        #expect(refs.contains("Réf-1"))
        #expect(try workbookText(dir.appendingPathComponent("out.xlsx").path).contains("€10"))
    }

    @Test func partsTheReaderNeverOpensCannotHurt() throws {
        // [Content_Types].xml and docProps are never parsed: a bomb or a DOCTYPE there costs nothing.
        let dir = try Paths.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let types = Workbook.parts[0].1.replacingOccurrences(
            of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            with: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + Self.laughs)
        var entries = Workbook.parts.map {
            Zip.Entry(name: $0.0, stored: Data(($0.0 == "[Content_Types].xml" ? types : $0.1).utf8))
        }
        entries.append(.bomb(name: "docProps/app.xml", prefix: "<Properties>", runLength: 64 << 20))
        let path = dir.appendingPathComponent("unread-parts.xlsx").path
        try Zip.archive(entries).write(to: URL(fileURLWithPath: path))
        let result = try Self.measure([
            "reconcile", "--register", path, "--portal", path,
            "--output", dir.appendingPathComponent("out.xlsx").path, "--json", "-", "--as-of", "2026-11-30",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.killed && result.peakKB < Self.maxPeakKB, "peak memory \(result.peakKB) KB")
        let doc = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((doc["matches"] as? [[String: Any]])?.count == 1)
    }
}

// MARK: - A minimal workbook and a zip writer that can lie

/// A small valid workbook (one sheet whose header suits both sides) and a SpreadsheetML twin.
fileprivate enum Workbook {
    static let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let sheet = "xl/worksheets/sheet1.xml"
    static let sharedStrings = "xl/sharedStrings.xml"
    static let sheetPrefix = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"\(ns)\"><sheetData>"
    static let sheetSuffix = "</sheetData></worksheet>"
    static let sheetXML =
        sheetPrefix
        + "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c></row>"
        + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>R-1</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>Recommendation</t></is></c>"
        + "<c r=\"C2\" s=\"0\" t=\"inlineStr\"><is><t>Open</t></is></c></row>" + sheetSuffix

    /// Part name → XML, in the order they are zipped.
    static let parts: [(String, String)] = [
        (
            "[Content_Types].xml",
            """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/></Types>
            """
        ),
        (
            "_rels/.rels",
            """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """
        ),
        (
            "xl/workbook.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(ns)" xmlns:r="\(rel)"><sheets>\
            <sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>
            """
        ),
        (
            "xl/_rels/workbook.xml.rels",
            """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(rel)/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="\(rel)/sharedStrings" Target="sharedStrings.xml"/>\
            <Relationship Id="rId3" Type="\(rel)/styles" Target="styles.xml"/></Relationships>
            """
        ),
        (
            "xl/sharedStrings.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?><sst xmlns="\(ns)"><si><t>Ref</t></si><si><t>Type</t></si><si><t>Status</t></si></sst>
            """
        ),
        (
            "xl/styles.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="\(ns)"><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>
            """
        ),
        (sheet, sheetXML),
    ]

    static let spreadsheetML = """
        <?xml version="1.0"?>
        <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
         <Worksheet ss:Name="Data">
          <Table>
           <Row><Cell><Data ss:Type="String">Ref</Data></Cell><Cell><Data ss:Type="String">Type</Data></Cell><Cell><Data ss:Type="String">Status</Data></Cell></Row>
           <Row><Cell><Data ss:Type="String">R-1</Data></Cell><Cell><Data ss:Type="String">Recommendation</Data></Cell><Cell><Data ss:Type="String">Open</Data></Cell></Row>
          </Table>
         </Worksheet>
        </Workbook>
        """
}

/// Writes zip files byte by byte, so tests can make them lie: wrong sizes and checksums, flags, overlapping entries.
fileprivate enum Zip {
    /// One entry: its name, the bytes stored (already compressed for method 8) and what the headers claim.
    struct Entry {
        var name: String
        var data: Data
        var method: UInt16 = 0
        var flags: UInt16 = 0
        var crc: UInt32
        /// The uncompressed size the headers claim.
        var declaredSize: UInt32

        /// A stored (uncompressed) entry with true headers.
        init(name: String, stored: Data) {
            self.name = name
            data = stored
            crc = CRC32.of(stored)
            declaredSize = UInt32(stored.count)
        }

        /// A deflated entry: `prefix`, then `unit` repeated to `runLength` bytes, then `suffix`, in fixed-Huffman
        /// deflate at about 160:1; the checksum is left at zero (the reader must stop long before the end).
        static func bomb(name: String, prefix: String, runLength: Int, unit: String = " ", suffix: String = "") -> Entry
        {
            var e = Entry(name: name, stored: Data())
            e.data = Deflate.run(
                prefix: Array(prefix.utf8), unit: Array(unit.utf8), count: runLength, suffix: Array(suffix.utf8))
            e.method = 8
            e.crc = 0
            e.declaredSize = UInt32(truncatingIfNeeded: prefix.utf8.count + runLength + suffix.utf8.count)
            return e
        }
    }

    /// A valid workbook, with one part replaced.
    static func workbook(replacing part: String? = nil, with entry: Entry? = nil) -> Data {
        archive(
            Workbook.parts.map { name, xml in
                if name == part, let entry {
                    var e = entry
                    e.name = name
                    return e
                }
                return Entry(name: name, stored: Data(xml.utf8))
            })
    }

    /// The zip of `entries`: local headers and data, the central directory, the end record.
    static func archive(_ entries: [Entry]) -> Data {
        var out = Data()
        var central = Data()
        for e in entries {
            let offset = UInt32(out.count)
            out.append(localHeader(e))
            out.append(e.data)
            central.append(centralHeader(e, offset: offset))
        }
        let centralOffset = UInt32(out.count)
        out.append(central)
        out.append(end(count: entries.count, size: central.count, offset: centralOffset))
        return out
    }

    /// A workbook whose sheet part and `count` other entries all point at one bomb's data.
    static func overlapping(count: Int, runLength: Int) -> Data {
        var out = Data()
        var central = Data()
        var offsets: [String: UInt32] = [:]
        for (name, xml) in Workbook.parts where name != Workbook.sheet {
            let e = Entry(name: name, stored: Data(xml.utf8))
            offsets[name] = UInt32(out.count)
            out.append(localHeader(e))
            out.append(e.data)
            central.append(centralHeader(e, offset: offsets[name]!))
        }
        let kernel = Entry.bomb(name: Workbook.sheet, prefix: Workbook.sheetPrefix, runLength: runLength, unit: "<x/>")
        let kernelOffset = UInt32(out.count)
        out.append(localHeader(kernel))
        out.append(kernel.data)
        central.append(centralHeader(kernel, offset: kernelOffset))
        for i in 0..<count {
            var e = kernel
            e.name = "xl/worksheets/sheet\(i + 2).xml"
            central.append(centralHeader(e, offset: kernelOffset))
        }
        let centralOffset = UInt32(out.count)
        out.append(central)
        out.append(end(count: count + Workbook.parts.count, size: central.count, offset: centralOffset))
        return out
    }

    private static func localHeader(_ e: Entry) -> Data {
        var d = Data()
        d.le32(0x0403_4B50)
        d.le16(20)
        d.le16(e.flags)
        d.le16(e.method)
        d.le16(0)
        d.le16(0x21)
        let descriptor = e.flags & 8 != 0
        d.le32(descriptor ? 0 : e.crc)
        d.le32(descriptor ? 0 : UInt32(e.data.count))
        d.le32(descriptor ? 0 : e.declaredSize)
        d.le16(UInt16(e.name.utf8.count))
        d.le16(0)
        d.append(Data(e.name.utf8))
        return d
    }

    private static func centralHeader(_ e: Entry, offset: UInt32) -> Data {
        var d = Data()
        d.le32(0x0201_4B50)
        d.le16(20)
        d.le16(20)
        d.le16(e.flags)
        d.le16(e.method)
        d.le16(0)
        d.le16(0x21)
        d.le32(e.crc)
        d.le32(UInt32(e.data.count))
        d.le32(e.declaredSize)
        d.le16(UInt16(e.name.utf8.count))
        d.le16(0)
        d.le16(0)
        d.le16(0)
        d.le16(0)
        d.le32(0)
        d.le32(offset)
        d.append(Data(e.name.utf8))
        return d
    }

    private static func end(count: Int, size: Int, offset: UInt32) -> Data {
        var d = Data()
        d.le32(0x0605_4B50)
        d.le16(0)
        d.le16(0)
        d.le16(UInt16(truncatingIfNeeded: count))
        d.le16(UInt16(truncatingIfNeeded: count))
        d.le32(UInt32(size))
        d.le32(offset)
        d.le16(0)
        return d
    }
}

/// Fixed-Huffman deflate of literals around one long repetition of a unit of one to four bytes: each copy of 258
/// bytes costs 13 bits.
fileprivate enum Deflate {
    static func run(prefix: [UInt8], unit: [UInt8], count: Int, suffix: [UInt8]) -> Data {
        precondition((1...4).contains(unit.count))
        var w = BitWriter()
        w.bits(1, 1)  // final block
        w.bits(1, 2)  // fixed Huffman
        for b in prefix { w.literal(b) }
        var produced = 0
        while produced < min(count, unit.count) {
            w.literal(unit[produced])
            produced += 1
        }
        let distanceCode = UInt32(unit.count - 1)
        // Whole copies of 258 bytes, eight at a time as a 13-byte pattern once byte-aligned.
        while count - produced >= 258 && w.bitCount != 0 {
            w.copy258(distanceCode)
            produced += 258
        }
        if count - produced >= 258 * 8 {
            var pattern = BitWriter()
            for _ in 0..<8 { pattern.copy258(distanceCode) }
            let groups = (count - produced) / (258 * 8)
            w.bytes.reserveCapacity(w.bytes.count + groups * 13 + 64)
            for _ in 0..<groups { w.bytes.append(contentsOf: pattern.bytes) }
            produced += groups * 258 * 8
        }
        while count - produced >= 258 {
            w.copy258(distanceCode)
            produced += 258
        }
        while produced < count {
            w.literal(unit[produced % unit.count])
            produced += 1
        }
        for b in suffix { w.literal(b) }
        w.bits(0, 7)  // end of block (256)
        return w.finish()
    }

    struct BitWriter {
        var bytes: [UInt8] = []
        var current: UInt32 = 0
        var bitCount = 0

        mutating func bits(_ value: UInt32, _ n: Int) {
            for i in 0..<n {
                current |= ((value >> i) & 1) << bitCount
                bitCount += 1
                if bitCount == 8 {
                    bytes.append(UInt8(current))
                    current = 0
                    bitCount = 0
                }
            }
        }

        /// A Huffman code, most significant bit first.
        mutating func code(_ value: UInt32, _ n: Int) {
            for i in stride(from: n - 1, through: 0, by: -1) { bits((value >> i) & 1, 1) }
        }

        mutating func literal(_ b: UInt8) {
            if b < 144 { code(0x30 + UInt32(b), 8) } else { code(0x190 + UInt32(b) - 144, 9) }
        }

        /// Length 258 (symbol 285, code 11000101) at distances 1 to 4 (distance codes 0 to 3, five bits).
        mutating func copy258(_ distanceCode: UInt32) {
            code(0xC5, 8)
            code(distanceCode, 5)
        }

        mutating func finish() -> Data {
            if bitCount > 0 { bytes.append(UInt8(current)) }
            return Data(bytes)
        }
    }
}

/// CRC-32 (IEEE), as zip uses it.
fileprivate enum CRC32 {
    static let table: [UInt32] = (0..<256).map { i -> UInt32 in
        var c = UInt32(i)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func of(_ data: Data) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in data { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}

/// A seeded generator, so every run builds the same files.
fileprivate struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

fileprivate extension Data {
    mutating func le16(_ v: UInt16) {
        append(UInt8(v & 0xFF))
        append(UInt8(v >> 8))
    }
    mutating func le32(_ v: UInt32) {
        le16(UInt16(v & 0xFFFF))
        le16(UInt16(v >> 16))
    }

    /// The data with every occurrence of `target` replaced.
    func replacing(_ target: Data, with replacement: Data) -> Data {
        var out = Data()
        var rest = self[...]
        while let r = rest.range(of: target) {
            out.append(rest[rest.startIndex..<r.lowerBound])
            out.append(replacement)
            rest = rest[r.upperBound...]
        }
        out.append(rest)
        return out
    }
}

/// No data loss on output: the workbook appears whole or not at all even under SIGKILL, the next run clears what a
/// killed run left, and inputs are opened read-only and never changed.
@Suite(.serialized) struct OutputSafetyTests {
    /// Inputs large enough that writing the workbook takes a moment.
    static func largeInputs(in dir: URL, rows: Int) throws -> (String, String) {
        var register = "Ref,Portal Ref,Type,Inspection,Description,Force Lead,Delivery Lead,Status,Target Date\n"
        var portal = "Recommendation ID,Report,Type,Recommendation Text,Status\n"
        for i in 0..<rows {
            register +=
                "R\(i),P\(i),Recommendation,Fraud: time to choose,The force should improve item \(i),ACC A,Supt B,Open,30/11/2027\n"
            portal +=
                "P\(i),Fraud: time to choose,Recommendation,The force should improve item \(i),\(i % 3 == 0 ? "Closed" : "Open")\n"
        }
        let r = dir.appendingPathComponent("r.csv").path
        let p = dir.appendingPathComponent("p.csv").path
        try register.write(toFile: r, atomically: true, encoding: .utf8)
        try portal.write(toFile: p, atomically: true, encoding: .utf8)
        return (r, p)
    }

    /// True when `path` is a complete zip whose every part checks out.
    static func isCompleteZip(_ path: String) throws -> Bool {
        try runProgram(URL(fileURLWithPath: "/usr/bin/unzip"), ["-tqq", path]).status == 0
    }

    @Test func aKilledRunNeverLeavesAHalfWrittenWorkbookAndTheNextRunClearsUp() throws {
        let dir = try Paths.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (register, portal) = try Self.largeInputs(in: dir, rows: 30_000)
        let out = dir.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let board = out.appendingPathComponent("board.xlsx").path
        let json = out.appendingPathComponent("result.json").path
        // Kill as soon as the workbook is being written, then a few times at other moments of the run.
        for (attempt, delay) in [-1.0, 0.3, 0.9].enumerated() {
            let process = Process()
            process.executableURL = Paths.binary
            process.arguments = [
                "reconcile", "--register", register, "--portal", portal, "--output", board, "--json", json,
                "--as-of", "2026-11-30",
            ]
            process.standardError = FileHandle.nullDevice
            try process.run()
            let start = Date()
            while process.isRunning && Date().timeIntervalSince(start) < 60 {
                if delay >= 0 {
                    if Date().timeIntervalSince(start) >= delay { break }
                } else if stagedNames(in: out).contains(where: { $0.hasPrefix(".board.xlsx.") }) {
                    break
                }
                usleep(1_000)
            }
            let wasRunning = process.isRunning
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
            if wasRunning { #expect(process.terminationStatus == SIGKILL, "attempt \(attempt)") }
            // Whatever moment the kill came, the final names hold complete files or nothing.
            if names.contains("board.xlsx") {
                #expect(try Self.isCompleteZip(board), "attempt \(attempt): board.xlsx is damaged")
            }
            if names.contains("result.json") {
                #expect(
                    (try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json)))) != nil,
                    "attempt \(attempt): result.json is damaged")
            }
            if attempt == 0 && wasRunning {
                #expect(!names.contains("board.xlsx"), "the final name appeared before the workbook was complete")
                #expect(names.contains { $0.hasPrefix(".hmic-reconcile.") }, "no staging folder to clear: \(names)")
            }
        }
        // The next run in that folder removes the partial files the killed runs left and writes complete outputs.
        let next = try run([
            "reconcile", "--register", Paths.sample("register.csv"), "--portal", Paths.sample("portal.csv"),
            "--output", board, "--json", json, "--as-of", "2026-11-30", "-q",
        ])
        #expect(next.status == 0, "\(next.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(left == ["board.xlsx", "result.json"], "left behind: \(left)")
        #expect(try Self.isCompleteZip(board))
    }

    @Test func inputsAreOpenedReadOnlyAndNeverChanged() throws {
        let dir = try Paths.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["register.csv", "portal.csv", "register.xlsx", "portal.xlsx"] {
            try FileManager.default.copyItem(atPath: Paths.sample(name), toPath: dir.appendingPathComponent(name).path)
            chmod(dir.appendingPathComponent(name).path, 0o444)
        }
        func snapshot(_ name: String) throws -> (Data, Int, Int) {
            var st = stat()
            #expect(stat(dir.appendingPathComponent(name).path, &st) == 0)
            return (try Data(contentsOf: dir.appendingPathComponent(name)), st.st_mtim.tv_sec, st.st_mtim.tv_nsec)
        }
        let names = ["register.csv", "portal.csv", "register.xlsx", "portal.xlsx"]
        let before = try names.map(snapshot)
        usleep(20_000)  // so that a write would show in the modification time
        for (register, portal) in [("register.csv", "portal.csv"), ("register.xlsx", "portal.xlsx")] {
            let result = try run([
                "reconcile", "--register", dir.appendingPathComponent(register).path,
                "--portal", dir.appendingPathComponent(portal).path,
                "--output", dir.appendingPathComponent("out-\(register).xlsx").path, "--as-of", "2026-11-30", "-q",
            ])
            #expect(result.status == 0, "\(result.stderr)")
        }
        #expect(try run(["inspect", dir.appendingPathComponent("register.xlsx").path]).status == 0)
        #expect(try run(["dump", dir.appendingPathComponent("portal.csv").path, "--format", "csv"]).status == 0)
        let after = try names.map(snapshot)
        for (i, name) in names.enumerated() {
            #expect(before[i].0 == after[i].0, "\(name) changed")
            #expect(before[i].1 == after[i].1 && before[i].2 == after[i].2, "\(name)'s modification time changed")
        }
    }
}
