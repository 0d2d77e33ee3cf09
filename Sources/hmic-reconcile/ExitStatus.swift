import ArgumentParser
import Foundation
import Reconciliation
import Spreadsheet

/// The documented exit statuses (SPEC §6), in the sysexits.h tradition.
enum ExitStatus {
    static let discrepanciesFound = ExitCode(1)
    static let usage = ExitCode(64)
    static let badData = ExitCode(65)
    static let noInput = ExitCode(66)
    static let cannotCreate = ExitCode(73)
    static let ioError = ExitCode(74)

    /// Prints `hmic-reconcile: <message>` on stderr and returns the status that the error calls for.
    static func report(_ error: Error) -> ExitCode {
        switch error {
        case let e as SpreadsheetError:
            printError(e.description)
            switch e.kind {
            case .unreadable: return noInput
            case .badData: return badData
            case .cannotCreate: return cannotCreate
            case .ioFailure: return ioError
            }
        case let e as ReconciliationError:
            printError(e.description)
            return e.kind == .usage ? usage : badData
        case let e as ReconciliationInputMissing:
            printError("\(e.path): no such file, or it cannot be read")
            return noInput
        case let e as StandardOutputFailure:
            printError("cannot write to standard output: \(e.reason)")
            return ioError
        case let e as UsageError:
            printError(e.message)
            return usage
        default:
            printError("\(error)")
            return ioError
        }
    }
}

/// A command line that cannot be carried out as given.
struct UsageError: Error {
    var message: String
}

/// Writes one line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("hmic-reconcile: \(message)\n".utf8))
}
