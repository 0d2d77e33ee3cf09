import ArgumentParser
import Foundation
import Spreadsheet

/// The documented exit statuses (rules §6), in the sysexits.h tradition. The libraries throw `HMICError`; this is
/// the one place that turns its code into a status.
enum ExitStatus {
    static let discrepanciesFound = ExitCode(1)
    static let usage = ExitCode(64)
    static let badData = ExitCode(65)
    static let noInput = ExitCode(66)
    /// A defect in the tool rather than a fault of the input (EX_SOFTWARE).
    static let internalError = ExitCode(70)
    static let cannotCreate = ExitCode(73)
    static let ioError = ExitCode(74)
    /// Another run holds the output folder, or the workbook to be replaced was saved during the run (EX_TEMPFAIL):
    /// try again later.
    static let busy = ExitCode(75)

    /// The status for each kind of failure.
    static func status(for code: HMICError.Code) -> ExitCode {
        switch code {
        case .unreadable: return noInput
        case .badData: return badData
        case .usage: return usage
        case .cannotCreate: return cannotCreate
        case .ioFailure: return ioError
        case .internalError: return internalError
        case .busy: return busy
        }
    }

    /// Prints `hmic-reconcile: <message>` on stderr and returns the status that the error calls for.
    static func report(_ error: Error) -> ExitCode {
        guard let error = error as? HMICError else {
            // Every library throws `HMICError`: anything else is a fault of the tool.
            printError("internal error: \(error)")
            return internalError
        }
        if let exhausted = ResourceLimits.exhausted(by: error) {
            // However far the run got, a limit of the machine is an I/O failure: check the machine, not the input.
            printError("\(error.description) (\(exhausted))")
            return ioError
        }
        printError(error.description)
        return status(for: error.code)
    }
}

/// Writes one line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("hmic-reconcile: \(message)\n".utf8))
}
