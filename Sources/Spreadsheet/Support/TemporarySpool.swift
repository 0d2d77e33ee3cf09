import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Scratch files that never become outputs (a sheet's deflated rows, libxlsxwriter's row store): in the folder
/// `TMPDIR` names, as the operator expects, else /tmp. glibc's `tmpfile()` ignores `TMPDIR`, so it is not used.
public enum TemporarySpool {
    /// `TMPDIR` when it is set and not empty, else /tmp.
    public static var folder: String {
        guard let value = ProcessInfo.processInfo.environment["TMPDIR"], !value.isEmpty else { return "/tmp" }
        return value
    }

    /// A new file in `folder`, open for reading and writing and already unlinked, so that it vanishes when closed
    /// or when the process dies. `output` is the file the spool serves, for messages.
    public static func open(for output: String) throws -> UnsafeMutablePointer<FILE> {
        let folder = self.folder
        var template = Array((folder as NSString).appendingPathComponent("hmic-reconcile-spool.XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            let cause = SystemCallError(call: "mkostemp")
            throw HMICError(
                .ioFailure, file: output,
                "cannot create a temporary file in '\(folder)' (TMPDIR): \(cause.reason ?? "unknown reason")",
                cause: cause)
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        guard let file = fdopen(descriptor, "w+") else {
            let cause = SystemCallError(call: "fdopen")
            close(descriptor)
            throw HMICError(
                .ioFailure, file: output, "cannot open a temporary file: \(cause.reason ?? "unknown reason")",
                cause: cause)
        }
        return file
    }
}
