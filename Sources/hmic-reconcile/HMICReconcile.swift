import ArgumentParser
import Report

/// The `hmic-reconcile` command: reconciles a force's register of HMICFRS findings with the monitoring portal.
@main
struct HMICReconcile: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hmic-reconcile",
        abstract: "Reconcile a force's register of HMICFRS findings with the HMICFRS monitoring portal.",
        discussion: """
            Reads the register and the portal export (CSV, XLSX or Excel 2003 XML), pairs their records, classifies \
            every difference and writes the board's workbook and, on request, a JSON result. Before each board, \
            'requests' writes the delivery leads' update forms; 'reconcile --updates' reads them back.

            Exit status: 0 done; 1 done, and a discrepancy at or above --fail-on; 64 usage; 65 bad input data; \
            66 input missing or unreadable; 70 internal error; 73 output cannot be created; 74 other I/O failure or a \
            limit of the machine (disk, ulimit -f, ulimit -v); 75 another run is writing to the output folder, or the \
            workbook was saved while the run went on: run again.
            """,
        version: ToolInfo.version,
        subcommands: [Reconcile.self, Requests.self, Inspect.self, Dump.self, ProfileCommand.self])
}
