import Reconciliation

/// The hard cases HMICFRS's own habits make, which a generator that never repeats a sentence cannot show:
/// - the same sentence in several inspections of one force (PEEL 2021/22 and PEEL 2023/24; a PEEL area for
///   improvement and a thematic's recommendation), often on one side only, where a matcher that trusts wording
///   pairs a register item with another inspection's portal item;
/// - PEEL titles written differently on the two sides ("PEEL 2021/22: An inspection of Cleveland Police" against
///   "PEEL 2021-22", "2021/22 PEEL");
/// - types that disagree because one side has it wrong (5 in 100 pairs rather than 3);
/// - portal references with characters nobody sees: a zero-width space, a right-to-left mark, a byte-order mark,
///   a non-breaking hyphen or space, full-width digits.
extension MessyBuilder {
    /// The share of findings that repeat an earlier finding's sentence under another inspection.
    static let sameSentenceShare = 0.2
    /// How many of one force's inspections carry one sentence, at most: HMICFRS repeats a phrase across a few
    /// inspections, not dozens (the matcher scores 8 candidates a record, so a sentence under more inspections
    /// than that could hide a record's counterpart among them).
    static let mostInspectionsPerSentence = 4

    /// A repeated sentence is on one side only half the time: the case where trusting the wording goes wrong.
    mutating func siblingRole() -> Role {
        let x = random.int(0...99)
        if x < 25 { return .registerOnly }
        if x < 50 { return .portalOnly }
        return chooseRole()
    }

    /// An inspection plainly different from each earlier finding's: half the time the first one's kind in another
    /// year (PEEL 2021/22 against PEEL 2023/24), otherwise another kind or another year.
    mutating func otherInspection(than holders: [Item]) -> (
        title: String, registerTitle: String, kind: Int, year: Int
    ) {
        let sameKind = random.chance(0.5)
        for attempt in 0... {
            let candidate = inspection(force: MessyDataset.force)
            let differsFromEach = holders.allSatisfy {
                candidate.kind != $0.inspectionKind || candidate.year != $0.inspectionYear
            }
            if differsFromEach && (!sameKind || attempt > 50 || candidate.kind == holders[0].inspectionKind) {
                return candidate
            }
        }
        fatalError("unreachable")
    }

    /// "PEEL 2021/22" as a register writes it: "PEEL 2021-22", "2021/22 PEEL", "PEEL 2021–22", "PEEL 2021/2022".
    mutating func peelRegisterTitle(year: Int) -> String {
        let short = "\(year % 100 + 1)"
        guard options.hardCases else { return "PEEL \(year)/\(short)" }
        switch random.int(0...4) {
        case 0: return "PEEL \(year)-\(short)"
        case 1: return "\(year)/\(short) PEEL"
        case 2: return "PEEL \(year)–\(short)"
        case 3: return "PEEL \(year)/\(year + 1)"
        default: return "PEEL \(year)/\(short)"
        }
    }

    /// The id with a character nobody sees pasted in, or its dashes and digits in other forms.
    mutating func invisiblyChanged(_ id: String) -> String {
        switch random.int(0...5) {
        case 0:
            var characters = Array(id)
            characters.insert("\u{200B}", at: random.int(1...max(1, characters.count - 1)))
            return String(characters)
        case 1: return "\u{200F}" + id
        case 2: return "\u{FEFF}" + id + "\u{00A0}"
        case 3: return id.replacingAll("-", with: "\u{2011}")
        case 4:
            return String(
                String.UnicodeScalarView(
                    id.unicodeScalars.map { ("0"..."9").contains($0) ? Unicode.Scalar($0.value + 0xFEE0)! : $0 }))
        default: return id + "\u{200E}"
        }
    }

    /// True when the register row should name its inspection: a finding whose sentence the force carries twice
    /// (with neither reference nor inspection nobody could tell the two apart, the tool included), and a wrong
    /// reference to a finding of another type (with no inspection the rules leave the wrong reference standing, a
    /// case the truth does not model).
    func keepsItsTitle(_ item: Item) -> Bool {
        item.sharesWording || (item.role == .wrongReference && item.portalType != item.type)
    }
}
