import Foundation
import Reconciliation
import Spreadsheet

/// The twelve question areas of the PEEL Assessment Framework (the seed's appendix B), and how a register's
/// "PEEL question" cell is read as one of them.
public enum PEELFramework {
    /// One question area: its number, the question as HMICFRS asks it, and words that name it in a register.
    public struct Area: Sendable {
        public var number: Int
        public var question: String
        /// Whether HMICFRS grades the area (9 and 10 are ungraded).
        public var graded: Bool
        /// Lower-case phrases that name the area in a register's PEEL column.
        var phrases: [String]
    }

    /// The twelve areas, in the framework's order.
    public static let areas: [Area] = [
        Area(
            number: 1, question: "How good is the force's service for victims of crime?", graded: true,
            phrases: ["victim", "service for victims"]),
        Area(
            number: 2,
            question:
                "How good is the force at engaging with the people it serves and treating them fairly, appropriately and respectfully?",
            graded: true,
            phrases: ["engag", "treating", "fair", "respect", "stop and search", "use of force", "legitimacy"]),
        Area(
            number: 3,
            question:
                "How good is the force at preventing and deterring crime, anti-social behaviour and vulnerability?",
            graded: true, phrases: ["prevent", "deter", "anti-social", "antisocial", "asb"]),
        Area(
            number: 4, question: "How good is the force at responding to the public?", graded: true,
            phrases: ["respond", "response", "call handling", "contact"]),
        Area(
            number: 5, question: "How good is the force at investigating crime?", graded: true,
            phrases: ["investigat"]),
        Area(
            number: 6, question: "How good is the force at protecting vulnerable people?", graded: true,
            phrases: ["protecting vulnerable", "vulnerable people", "safeguard"]),
        Area(
            number: 7, question: "How good is the force at managing offenders and suspects?", graded: true,
            phrases: ["offender", "suspect"]),
        Area(
            number: 8, question: "How good is the force at disrupting serious and organised crime?", graded: true,
            phrases: ["serious and organised", "organised crime", "soc"]),
        Area(
            number: 9,
            question: "How good is the force at meeting the requirements of the Strategic Policing Requirement (SPR)?",
            graded: false, phrases: ["strategic policing", "spr"]),
        Area(
            number: 10, question: "How good is the force at protecting communities against armed threats?",
            graded: false,
            phrases: ["armed", "firearm"]),
        Area(
            number: 11,
            question:
                "How good is the force at building, developing and looking after its workforce and encouraging an ethical, lawful and inclusive workplace?",
            graded: true, phrases: ["workforce", "wellbeing", "well-being", "ethic", "inclusive", "people and culture"]),
        Area(
            number: 12,
            question:
                "How good is the force at planning and managing its organisation efficiently, making sure it achieves value for money, now and in the future?",
            graded: true, phrases: ["value for money", "efficien", "planning", "managing its organisation", "vfm"]),
    ]

    /// The area a register's PEEL cell names: a question number ("5", "Q5", "PAF 5", "5. Investigating"), else
    /// the area whose phrases it mentions most (ties to the lower number); nil for blank or unrecognised text.
    public static func area(for text: String) -> Int? {
        let lower = text.lowercased()
        let words = lower.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" }).map(String.init)
        guard !words.isEmpty else { return nil }
        // A leading number, after an optional "q", "question", "paf", "peel" or "area".
        var index = 0
        while index < words.count, ["q", "question", "paf", "peel", "area", "no"].contains(words[index]) { index += 1 }
        if index < words.count {
            var token = Substring(words[index])
            if token.hasPrefix("q") { token = token.dropFirst() }
            if let n = Int(token), (1...12).contains(n) { return n }
        }
        var best: (score: Int, number: Int)?
        for area in areas {
            var score = 0
            for phrase in area.phrases {
                let hit = phrase.count <= 3 ? words.contains(phrase) : lower.contains(phrase)
                if hit { score += 1 }
            }
            if score > 0, best == nil || score > best!.score { best = (score, area.number) }
        }
        return best?.number
    }
}

/// The PEEL framework sheet: each question area with the live register items linked to it, so the board sees
/// where findings are outstanding and where none are recorded.
struct PEELFrameworkSheet {
    let book: BoardWorkbook

    static let columns: [TableColumn] = [
        TableColumn("No.", min: 5, max: 5), TableColumn("Question area", min: 40, max: 48, wrap: true),
        TableColumn("Causes of concern", min: 10, max: 10), TableColumn("Recs", min: 7, max: 7),
        TableColumn("Areas for improvement", min: 12, max: 12), TableColumn("Live items", min: 8, max: 8),
        TableColumn("Live references", min: 30, max: 60, wrap: true),
    ]

    /// References listed per area before the rest are summarised: a cell stays readable.
    static let maxReferences = 40

    func write(into sheet: SheetWriter) throws {
        let records = book.result.register.records
        var byArea: [Int: [Int]] = [:]  // area number (0 = not recognised, -1 = none recorded) → record indices
        // A register repeats a few PEEL spellings over thousands of rows: each is read once.
        var areaOf: [String: Int] = [:]
        for index in records.indices {
            guard let state = records[index].state, state.isLiveOnRegister else { continue }
            let peelArea = records[index].peelArea
            let key: Int
            if let known = areaOf[peelArea] {
                key = known
            } else {
                key =
                    peelArea.trimmingCharacters(in: .whitespaces).isEmpty
                    ? -1 : (PEELFramework.area(for: peelArea) ?? 0)
                areaOf[peelArea] = key
            }
            byArea[key, default: []].append(index)
        }
        let gaps = PEELFramework.areas.filter { !(byArea[$0.number] ?? []).isEmpty }.count
        let table = try TableWriter(
            sheet: sheet, columns: Self.columns,
            title: "PEEL Assessment Framework: \(book.forceName), as at \(BoardWorkbook.ukDate(book.result.asOf))",
            subtitle:
                "Live causes of concern, recommendations and areas for improvement on the Force register, by the register's PEEL question. "
                + "\(gaps) of 12 question areas have live items.")
        let gapStyle = CellStyle(bold: true, fillColor: 0xFFEB9C, horizontal: .right, vertical: .top, numberFormat: "0")
        func row(_ number: String, _ question: String, _ indices: [Int], italic: Bool = false) throws {
            try table.newRow()
            try table.text(0, number)
            try table.text(1, question, style: italic ? CellStyle(italic: true, wrap: true, vertical: .top) : nil)
            for (i, type) in RecordType.allCases.enumerated() {
                try table.number(2 + i, indices.filter { records[$0].type == type }.count)
            }
            try table.number(5, indices.count, style: indices.isEmpty ? Styles.integer : gapStyle)
            let shown = indices.prefix(Self.maxReferences).map { records[$0].displayReference }.joined(separator: ", ")
            try table.text(
                6,
                indices.count > Self.maxReferences
                    ? shown + " and \(indices.count - Self.maxReferences) more (see Register)" : shown)
        }
        for area in PEELFramework.areas {
            try row(String(area.number), area.question + (area.graded ? "" : " (ungraded)"), byArea[area.number] ?? [])
        }
        if let unrecognised = byArea[0] {
            let spellings = Set(unrecognised.map { records[$0].peelArea.trimmingCharacters(in: .whitespaces) }).sorted()
            try row(
                "",
                "PEEL question not recognised: " + spellings.prefix(8).joined(separator: "; ")
                    + (spellings.count > 8 ? "; …" : ""), unrecognised, italic: true)
        }
        if let blank = byArea[-1] {
            try row("", "No PEEL question recorded", blank, italic: true)
        }
        try table.finish(footer: book.footer(BoardWorkbook.SheetName.peel))
    }
}
