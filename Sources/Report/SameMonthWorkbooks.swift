import Foundation
import Logging
import Reconciliation
import Spreadsheet

/// On a rerun for the same month, the workbooks whose board columns must not be lost: the workbook the run
/// replaces, and the board's copies of it beside it.
///
/// A board copy is any other `.xlsx` file in the output folder whose Run sheet says this tool wrote it as at the
/// same date (`reconciliation-2026-11-30 (board edits).xlsx`, `November board.xlsx`): its name does not matter.
/// Files named for another date, hidden files and Excel's `~$` lock files are not opened; a file that is not one of
/// this tool's workbooks is passed over. The workbook being replaced must be readable: if it is not, the run stops
/// rather than overwrite what the board typed into it. A link at the workbook's name is not read: it is replaced.
enum SameMonthWorkbooks {
    /// The workbooks of `asOf` in the folder of `workbookPath` (that file included, if it is there), newest first.
    /// Copies beside it are looked for only when `copies` (an `--output-dir` run, whose folder is the board's).
    /// A copy of that date that cannot be read is added to `passedOver`.
    static func read(
        replacing workbookPath: String, asOf: CalendarDate, copies: Bool, log: Logger, passedOver: inout [String]
    ) throws -> [PreviousRun] {
        var runs: [(run: PreviousRun, modified: Date)] = []
        if isRegularFile(workbookPath) {
            let run: PreviousRun
            do {
                run = try PreviousRun.read(path: workbookPath)
            } catch let error as HMICError {
                throw HMICError(
                    .badData, file: workbookPath,
                    "this run would replace this workbook, but it cannot be read (\(error.message)); what the board "
                        + "typed into it would be lost. Move it aside, or repair it, and run again")
            }
            if run.asOf == asOf {
                guard run.uncarried.isEmpty else {
                    throw HMICError(
                        .badData, file: workbookPath,
                        "this run would replace this workbook, and the board added to it what no run carries ("
                            + run.uncarried.joined(separator: ", ") + "); rename it (in an --output-dir folder, what "
                            + "was typed into its board columns is still carried from there), then run again")
                }
                runs.append((run, modified(workbookPath)))
            } else if run.holdsBoardTyping {
                // A workbook of another date at the output's name (`--output board.xlsx` every month) is not this
                // month's, so nothing of it is carried: replacing it would lose what its board typed.
                throw HMICError(
                    .badData, file: workbookPath,
                    "this run, as at \(asOf), would replace this workbook of "
                        + "\(run.asOf.map { "\($0)" } ?? "another date"), and what its board typed would not be carried; "
                        + "move it aside and give it as --previous, or write this run to another file")
            }
        }
        for path in copies ? candidates(beside: workbookPath, asOf: asOf) : [] {
            guard let run = copy(at: path, asOf: asOf, log: log, passedOver: &passedOver) else { continue }
            log.info("board copy of this month's workbook: \(path)")
            runs.append((run, modified(path)))
        }
        return runs.sorted { $0.modified > $1.modified }.map(\.run)
    }

    /// The previous month's workbook and the board's copies of it beside it (other `.xlsx` files whose Run sheet
    /// gives the same as-of date), newest first: notes typed only into a copy are carried too.
    /// A copy of that date that cannot be read is added to `passedOver`.
    static func withCopies(of previous: PreviousRun, log: Logger, passedOver: inout [String]) -> [PreviousRun] {
        guard let asOf = previous.asOf else { return [previous] }
        var runs: [(run: PreviousRun, modified: Date)] = [(previous, modified(previous.path))]
        for path in candidates(beside: previous.path, asOf: asOf) {
            guard let run = copy(at: path, asOf: asOf, log: log, passedOver: &passedOver) else { continue }
            log.info("board copy of the previous workbook: \(path)")
            runs.append((run, modified(path)))
        }
        return runs.sorted { $0.modified > $1.modified }.map(\.run)
    }

    /// The workbook at `path` when it is one of this tool's as at `asOf`; nil otherwise. One of that date that cannot
    /// be read (a sheet renamed, a file damaged) is added to `passedOver`, naming it: what the board typed into it is
    /// not carried, and the board must know.
    private static func copy(at path: String, asOf: CalendarDate, log: Logger, passedOver: inout [String])
        -> PreviousRun?
    {
        do {
            return try PreviousRun.read(path: path, onlyAsOf: asOf)
        } catch {
            passedOver.append(
                "\(error) (passed over as a board copy: nothing typed into it is carried; repair it and run again)")
            return nil
        }
    }

    /// The other `.xlsx` files in the folder that may be copies of the workbook at `workbookPath`; with `asOf` nil,
    /// those of every date.
    static func candidates(beside workbookPath: String, asOf: CalendarDate?) -> [String] {
        let folder = (workbookPath as NSString).deletingLastPathComponent
        let directory = folder.isEmpty ? "." : folder
        let own = (workbookPath as NSString).lastPathComponent
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.sorted().filter { name in
            guard name != own, name.lowercased().hasSuffix(".xlsx"), !name.hasPrefix("."), !name.hasPrefix("~$")
            else { return false }
            // Another month's workbook, by its name, is not opened.
            if let asOf, name.hasPrefix("reconciliation-"), let day = CalendarDate(iso: name.dropFirst(15).prefix(10)),
                day != asOf
            {
                return false
            }
            return true
        }.map { folder.isEmpty ? $0 : (folder as NSString).appendingPathComponent($0) }
    }

    /// True for a regular file, not a link to one: the run replaces a link planted at its output name (the rename
    /// replaces the link, never its target), and what a link points at is nothing the board typed into this workbook.
    private static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    private static func modified(_ path: String) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast
    }
}

extension PreviousRun {
    /// True when the board typed something into the workbook: a decision, owner or notes on any of its tables, a
    /// row, a column or a sheet of its own.
    var holdsBoardTyping: Bool {
        !boardOwnRows.isEmpty || !uncarried.isEmpty
            || (discrepancies + changesRows + boardHistory).contains(where: \.isTyped)
    }

    /// True when the workbook's Run sheet names a force other than `force` (case and spacing aside); false when
    /// either is unnamed ("Force" is the title of a run that names none).
    func isOfAnotherForce(than force: String) -> Bool {
        func normal(_ name: String) -> String {
            name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        guard let mine = self.force, !mine.isEmpty, mine != "Force", force != "Force" else { return false }
        return normal(mine) != normal(force)
    }
}
