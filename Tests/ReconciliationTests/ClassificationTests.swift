import Spreadsheet
import SyntheticData
import Testing

@testable import Reconciliation

@Suite struct StatusRulesTests {
    /// Rules §4's table, transcribed: rows register, columns portal (open, closure-requested, ACSO, closed, n/a).
    static let table: [LifecycleState: [DiscrepancyClass?]] = [
        .open: [nil, nil, .closedInError, .closedInError, .statusConflict],
        .closureRequested: [nil, nil, .closedInError, .closedInError, .statusConflict],
        .awaitingCentralSignOff: [
            .awaitingCentralSignOff, .awaitingCentralSignOff, .awaitingCentralSignOff, .registerOutOfDate,
            .statusConflict,
        ],
        .closed: [.statusConflict, .statusConflict, .awaitingCentralSignOff, nil, nil],
        .notApplicable: [.statusConflict, .statusConflict, .statusConflict, nil, nil],
    ]

    @Test func everyCellOfTheTable() {
        for register in LifecycleState.allCases {
            for (column, portal) in LifecycleState.allCases.enumerated() {
                #expect(
                    StatusRules.classify(register: register, portal: portal) == Self.table[register]![column],
                    "register \(register.rawValue) × portal \(portal.rawValue)")
            }
        }
    }
}

@Suite struct ClassifierTests {
    func classes(_ r: Reconciliation) -> [String] { r.discrepancies.map(\.kind.rawValue) }

    @Test func idsStayWhatEarlierRunsWrote() {
        // A board's notes are carried from last month's workbook by id: the id of a class on given references must
        // never change. FNV-1a of "class|register key|portal key|qualifier", high 32 bits, as computed apart.
        #expect(Discrepancy.makeID(.absentFromPortal, registerKey: "R1", portalKey: nil) == "AFP-092E4F41")
        #expect(
            Discrepancy.makeID(.unrecognisedValue, registerKey: "NMP12", portalKey: "@7", qualifier: "status")
                == "UNV-E2BB4C63")
        #expect(
            Discrepancy.makeID(.awaitingCentralSignOff, registerKey: "R\u{C9}F1", portalKey: "P0001") == "ACS-86268296")
    }

    @Test func agreeingPairsRaiseNothing() throws {
        let r = try reconcile(register: [reg("R1", portal: "P1")], portal: [por("P1")])
        #expect(r.discrepancies.isEmpty)
        #expect(r.alignment.matches.count == 1)
    }

    @Test func referencesMatchAfterNormalising() throws {
        let r = try reconcile(
            register: [reg("R1", portal: "hmic r 10234"), reg("R2", portal: "HMIC.R/10235")],
            portal: [por("HMIC-R-10234"), por("HMICR10235")])
        #expect(r.alignment.matches.count == 2)
        #expect(r.discrepancies.isEmpty)
    }

    @Test func absentOnEitherSide() throws {
        let r = try reconcile(
            register: [
                reg("R1", portal: ""), reg("R2", portal: "P9", status: "Closed"),
                reg("R3", portal: "P8", status: "FLL closed"),
            ],
            portal: [por("P2"), por("P3", status: "Closed")])
        #expect(classes(r) == ["absent-from-portal", "absent-from-portal", "absent-from-register"])
        #expect(r.discrepancies[0].registerRef == "R1" && r.discrepancies[0].registerRow == 2)
        #expect(r.discrepancies[1].registerRef == "R3")
        #expect(
            r.discrepancies[2].portalRef == "P2" && r.discrepancies[2].portalRow == 2
                && r.discrepancies[2].registerRef == nil)
    }

    @Test func statusClassesFromTheTable() throws {
        let r = try reconcile(
            register: [
                reg("R1", portal: "P1"), reg("R2", portal: "P2", status: "Awaiting central sign-off"),
                reg("R3", portal: "P3", status: "Closed by FLL"), reg("R4", portal: "P4", status: "Superseded"),
            ],
            portal: [
                por("P1", status: "Closed"), por("P2", status: "Closed"),
                por("P3", status: "Awaiting central sign-off"), por("P4", status: "Open"),
            ])
        #expect(
            classes(r) == ["closed-in-error", "status-conflict", "register-out-of-date", "awaiting-central-sign-off"])
        #expect(r.discrepancies.map(\.severity) == [.high, .medium, .medium, .info])
    }

    @Test func duplicatesRaiseOnceAndTakeNoPartInMatching() throws {
        // Duplicates are judged on what matching uses, the portal reference: rows 2 and 3 are one finding copied
        // (shown under its own reference), row 4 repeats "R1" but its portal reference is its own.
        let r = try reconcile(
            register: [reg("R1", portal: "P1"), reg("r-1", portal: "P1"), reg("R1", portal: "P3")],
            portal: [por("P1"), por("P2"), por("P2"), por("P3", status: "Closed")])
        let dups = r.discrepancies.filter { $0.kind == .duplicateReference }
        #expect(dups.count == 2)
        #expect(dups.map { $0.registerRef ?? "" }.sorted() == ["", "R1"])
        #expect(dups.map { $0.portalRef ?? "" }.sorted() == ["", "P2"])
        #expect(r.alignment.matches.count == 2)
        #expect(r.alignment.setAside[.register]?.count == 1)
        #expect(r.alignment.setAside[.portal]?.count == 1)
        // P2's first row is live and unclaimed: absent from the register. P3 is closed: nothing.
        #expect(r.discrepancies.filter { $0.kind == .absentFromRegister }.map(\.portalRef) == ["P2"])
    }

    @Test func twoRegisterRowsNamingOnePortalRecord() throws {
        let r = try reconcile(register: [reg("R1", portal: "P1"), reg("R2", portal: "p 1")], portal: [por("P1")])
        let dup = try #require(r.discrepancies.first { $0.kind == .duplicateReference })
        #expect(dup.detail.contains("rows 2, 3"))
        #expect(r.alignment.matches.count == 1)
    }

    @Test func typeMismatchLeadsAndOverdue() throws {
        let r = try reconcile(
            register: [
                reg("R1", portal: "P1", type: "AFI", deliveryLead: "", target: "29/11/2026"),
                reg("R2", portal: "P2", forceLead: "", target: "30/11/2026"),
            ],
            portal: [por("P1"), por("P2")])
        #expect(classes(r) == ["type-mismatch", "missing-lead", "missing-lead", "overdue"])
        #expect(r.discrepancies[3].registerRef == "R1")
        #expect(r.discrepancies[3].detail.contains("1 day"))
    }

    @Test func unrecognisedValuesTakeNoPartInStatusRules() throws {
        let r = try reconcile(
            register: [reg("R1", portal: "P1", status: "Green"), reg("R2", portal: "P2", type: "Observation")],
            portal: [por("P1", status: "Closed"), por("P2", status: "Nonsense")])
        #expect(classes(r) == ["unrecognised-value", "unrecognised-value", "unrecognised-value"])
        #expect(Set(r.discrepancies.map(\.id)).count == 3)
    }

    @Test func idsAreStableAndDistinct() throws {
        let a = try reconcile(
            register: [reg("R1", portal: "P1"), reg("R2", portal: "")], portal: [por("P1", status: "Closed")])
        // Next month: other rows, other order, same references.
        let b = try reconcile(
            register: [reg("X9", portal: "P7"), reg("R2", portal: ""), reg("R1", portal: "P1")],
            portal: [por("P7"), por("P1", status: "Closed")])
        #expect(a.discrepancies.map(\.id) == b.discrepancies.map(\.id))
        #expect(a.discrepancies.allSatisfy { $0.id.count == 12 })
    }

    @Test func orderIsSeverityThenClassThenReference() throws {
        let r = try reconcile(
            register: [
                reg("R10", portal: ""), reg("R2", portal: ""), reg("R3", portal: "P3", deliveryLead: ""),
                reg("R4", portal: "P4"),
            ],
            portal: [por("P3"), por("P4", status: "Closed")])
        #expect(
            r.discrepancies.map { "\($0.kind.rawValue):\($0.registerRef ?? "")" }
                == ["absent-from-portal:R2", "absent-from-portal:R10", "closed-in-error:R4", "missing-lead:R3"])
    }

    @Test func referencesAlikeInTheirFirstBytesSortByTheWholeKey() throws {
        // Found in different parts of the classifier's work: the sort keys' first eight bytes tie, and each part's
        // buffer of keys must give back the rest.
        let references = [
            "PEEL-2021-R-10", "PEEL-2021-R-9", "PEEL-2021-R-100", "PEEL-2021-R-09", "PEEL-2021-R-1",
            "PEEL-2021-R-11", "PEEL-2021-Q-5", "PEEL-2021-R-010",
        ]
        let r = try reconcile(register: references.map { reg($0, portal: "") }, portal: [])
        #expect(
            r.discrepancies.filter { $0.kind == .absentFromPortal }.map { $0.registerRef ?? "" }
                == [
                    "PEEL-2021-Q-5", "PEEL-2021-R-1", "PEEL-2021-R-9", "PEEL-2021-R-09", "PEEL-2021-R-10",
                    "PEEL-2021-R-010",
                    "PEEL-2021-R-11", "PEEL-2021-R-100",
                ])
    }

    @Test func aRepeatedDetailIsWrittenOnceAndEachKeepsItsOwnWords() throws {
        // Details are remembered by what they are made of: two spellings of one state, or two target dates, must
        // each keep their own words, and a repeat must read as the first. The classifier cuts the pairs and the
        // register's records into four parts each, which remember apart: the rows that share come first, so that
        // they fall in one part.
        let agreeing = (8...16).map { reg("R\($0)", portal: "P\($0)") }
        let register =
            [
                reg("R4", portal: "", target: "2026-10-31"), reg("R5", portal: "", target: "2026-10-30"),
                reg("R6", portal: "", target: "2026-10-31"), reg("R1", portal: "P1", status: "Closed by FLL"),
                reg("R2", portal: "P2", status: "FLL closed"), reg("R3", portal: "P3", status: "Closed by FLL"),
                reg("R7", portal: "", status: "Submitted for closure"),
            ] + agreeing
        let portal = [por("P1"), por("P2"), por("P3")] + (8...16).map { por("P\($0)") }
        let r = try reconcile(register: register, portal: portal)
        func details(_ kind: DiscrepancyClass) -> [String: String] {
            Dictionary(
                uniqueKeysWithValues: r.discrepancies.filter { $0.kind == kind }.map {
                    ($0.registerRef ?? "", $0.detail)
                })
        }
        let signOff = details(.awaitingCentralSignOff)
        #expect(
            signOff["R1"] == "Register status 'Closed by FLL' (awaiting-central-sign-off); portal status 'Open' (open)")
        #expect(
            signOff["R2"] == "Register status 'FLL closed' (awaiting-central-sign-off); portal status 'Open' (open)")
        #expect(signOff["R3"] == signOff["R1"])
        let overdue = details(.overdue)
        #expect(overdue["R4"] == "Target date 2026-10-31 passed 30 days before 2026-11-30")
        #expect(overdue["R5"] == "Target date 2026-10-30 passed 31 days before 2026-11-30")
        #expect(overdue["R6"] == overdue["R4"])
        let absent = details(.absentFromPortal)
        #expect(absent["R4"] == "Status 'Open' (open); the register gives no portal reference")
        #expect(
            absent["R7"] == "Status 'Submitted for closure' (closure-requested); the register gives no portal reference"
        )
    }

    @Test func eachPairsDetailNamesItsOwnStatusSpelling() {
        // Three spellings of one state, each pair's detail quoting its own register status as written.
        let statuses =
            ["Closed by FLL", "FLL closed", "Closed by FLL - awaiting central sign off"]
            + Array(repeating: "Open", count: 9)
        let register = statuses.indices.map {
            Fixture.record(
                .register, row: $0 + 2, ref: "R\($0)", portalRef: "P\($0)", status: statuses[$0],
                description: "Finding \($0)")
        }
        let portal = statuses.indices.map {
            Fixture.record(.portal, row: $0 + 2, ref: "P\($0)", description: "Finding \($0)")
        }
        let alignment = Alignment(
            matches: statuses.indices.map { Match(register: $0, portal: $0, method: .reference, score: 1) },
            registerOnly: [], portalOnly: [], duplicates: [], setAside: [:])
        let found = Classifier(asOf: CalendarDate(year: 2026, month: 11, day: 30))
            .classify(register: register, portal: portal, alignment: alignment)
        #expect(
            found.filter { $0.kind == .awaitingCentralSignOff }.map(\.detail)
                == statuses.prefix(3).map {
                    "Register status '\($0)' (awaiting-central-sign-off); portal status 'Open' (open)"
                })
    }

    /// The id is the class's letters and the high half of FNV-1a over the class and keys: pinned, since board
    /// decisions are carried by it from month to month.
    @Test func discrepancyIDsArePinned() {
        #expect(
            Discrepancy.makeID(.absentFromPortal, registerKey: "R1", portalKey: nil) == "AFP-"
                + Self.fnvHigh("absent-from-portal|R1||"))
        #expect(
            Discrepancy.makeID(.unrecognisedValue, registerKey: nil, portalKey: "P2", qualifier: "type")
                == "UNV-" + Self.fnvHigh("unrecognised-value||P2|type"))
        #expect(
            Discrepancy.makeID(.overdue, registerKey: "R1", portalKey: nil)
                != Discrepancy.makeID(.overdue, registerKey: "R2", portalKey: nil))
        #expect(Discrepancy.makeID(.overdue, registerKey: "", portalKey: nil).count == 12)
    }

    /// The high 32 bits of FNV-1a 64, as eight upper-case hex digits, written out the long way.
    static func fnvHigh(_ text: String) -> String {
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        let digits = Array("0123456789ABCDEF")
        return String((0..<8).map { digits[Int((hash >> UInt64(60 - 4 * $0)) & 0xF)] })
    }
}

@Suite struct SummaryTests {
    @Test func countsFollowSection5() throws {
        let r = try reconcile(
            register: [
                reg("R1", portal: "P1", type: "CoC", inspection: "PEEL 2019 integrated inspection"),
                reg("R2", portal: "P2", type: "CoC", inspection: "PEEL 2019 integrated inspection"),
                reg("R3", portal: "", type: "CoC", inspection: "State of Policing national overview"),
                reg(
                    "R4", portal: "P4", type: "CoC", inspection: "PEEL 2019 integrated inspection",
                    status: "Closed by FLL"),
                reg("R5", portal: "P5", status: "Closed"),
            ],
            portal: [
                por("P1", type: "Cause of concern"), por("P2", type: "Cause of concern", status: "Closed"),
                por("P4", type: "Cause of concern", status: "Awaiting central sign-off"),
                por("P5", status: "Closed"), por("P6", type: "AFI", report: "Crime Data Integrity 2020"),
            ])
        let s = r.summary
        let local = s.counts(.localPEEL, .causeOfConcern)
        #expect([local.register, local.notOnPortal, local.portal, local.awaitingCentralSignOff] == [2, 1, 2, 1])
        let other = s.counts(.otherNational, .causeOfConcern)
        #expect([other.register, other.notOnPortal, other.portal] == [1, 1, 0])
        // A portal-only record takes its group and type from the portal.
        #expect(s.counts(.cdi, .areaForImprovement).portal == 1)
        #expect(s.total(.causeOfConcern).register == 3)
        #expect(s.total(.causeOfConcern).notOnPortal == 2)
        #expect(s.total(.causeOfConcern).portal == 2)
        #expect(s.discrepancyCounts[.closedInError] == 1)
        #expect(s.discrepancyCounts[.absentFromRegister] == 1)
        #expect(s.footnotes.contains { $0.contains("1 cause of concern closed by the FLL") })
        for severity in Severity.allCases {
            #expect(s.count(of: severity) == r.discrepancies.filter { $0.severity == severity }.count)
        }
        #expect(s.severityLine == Severity.allCases.map { "\(s.count(of: $0)) \($0.rawValue)" }.joined(separator: ", "))
        #expect(s.count(of: .high) == 3)  // closed in error, absent from the portal, absent from the register
    }

    @Test func totalsAlwaysSumTheRows() throws {
        var register: [[String]] = []
        var portal: [[String]] = []
        let titles = ["PEEL 2019", "PEEL spotlight", "PEEL domestic abuse", "NCPI", "CDI", "Fraud"]
        let statuses = ["Open", "Closed", "FLL closed", "Withdrawn", "Submitted for closure"]
        for i in 0..<200 {
            register.append(
                reg(
                    "R\(i)", portal: i % 7 == 0 ? "" : "P\(i)", type: ["CoC", "Rec", "AFI"][i % 3],
                    inspection: titles[i % 6], status: statuses[i % 5]))
            if i % 11 != 0 {
                portal.append(por("P\(i)", type: ["AFI", "Rec", "CoC"][i % 3], status: statuses[(i / 5) % 5]))
            }
        }
        let s = try reconcile(register: register, portal: portal).summary
        for type in RecordType.allCases {
            let rows = InspectionGroup.allCases.map { s.counts($0, type) }
            #expect(s.total(type).register == rows.map(\.register).reduce(0, +))
            #expect(s.total(type).portal == rows.map(\.portal).reduce(0, +))
            #expect(rows.allSatisfy { $0.notOnPortal <= $0.register && $0.awaitingCentralSignOff <= $0.portal })
        }
    }
}

@Suite struct NaturalOrderTests {
    @Test func referencesSortAsAPersonExpects() {
        let sorted = ["R10", "r2", "R2a", "NMP-0010", "NMP-9", "NMP-09", "", "AFI-1"].sorted {
            NaturalOrder.less(NaturalOrder.key($0), NaturalOrder.key($1))
        }
        #expect(sorted == ["", "AFI-1", "NMP-9", "NMP-09", "NMP-0010", "r2", "R2a", "R10"])
    }
}

@Suite struct ClassifierOrderTests {
    @Test func boardOrderIsTheDeclarationOrder() {
        for (position, kind) in DiscrepancyClass.allCases.enumerated() { #expect(kind.boardOrder == position) }
        for (position, severity) in Severity.allCases.enumerated() { #expect(severity.rank == position) }
    }

    @Test func sortKeysOrderAsWalkingBothTextsWould() {
        // Every pair of a few thousand references, letters, separators, digits with leading zeros, long numbers and
        // non-ASCII: the keys' byte order must be the order of the character-by-character comparison below.
        var generator = SeededGenerator(seed: 5)
        let pieces = [
            "R", "r", "-", "0", "00", "7", "07", "10", "9", "123456789012", "0000123456789012", "é", "É", "a", "/", " ",
        ]
        var texts = ["", "R10", "r2", "NMP-0010", "NMP-9", "NMP-09", "0", "00", "R7a", "R07", "ÉCOLE-3", "école-3"]
        for _ in 0..<300 {
            texts.append(
                (0..<Int.random(in: 1...5, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                    .joined())
        }
        for a in texts {
            for b in texts {
                #expect(
                    NaturalOrder.less(NaturalOrder.key(a), NaturalOrder.key(b)) == Self.walkingLess(a, b), "\(a) < \(b)"
                )
            }
        }
        #expect(texts.allSatisfy { NaturalOrder.key($0) == NaturalOrder.key($0.uppercased()) })
    }

    /// The order by definition: lower-cased, runs of digits compared by numeric value, then by length.
    private static func walkingLess(_ x: String, _ y: String) -> Bool {
        let a = Array(x.lowercased().utf8)
        let b = Array(y.lowercased().utf8)
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            if isDigit(a[i]) && isDigit(b[j]) {
                let si = i
                let sj = j
                while i < a.count && isDigit(a[i]) { i += 1 }
                while j < b.count && isDigit(b[j]) { j += 1 }
                var zi = si
                var zj = sj
                while zi < i - 1 && a[zi] == 0x30 { zi += 1 }
                while zj < j - 1 && b[zj] == 0x30 { zj += 1 }
                if i - zi != j - zj { return i - zi < j - zj }
                if !a[zi..<i].elementsEqual(b[zj..<j]) { return a[zi..<i].lexicographicallyPrecedes(b[zj..<j]) }
                if i - si != j - sj { return i - si < j - sj }
                continue
            }
            if a[i] != b[j] { return a[i] < b[j] }
            i += 1
            j += 1
        }
        return i == a.count && j < b.count
    }
}
