#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why reading, reconciling or writing failed: what kind of failure, where (file, sheet, row, column), what is
/// wrong and how to put it right, and the failing call underneath when there was one. Every library of the tool
/// throws it; the command line alone decides what exit status each code gives.
public struct HMICError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure this is.
    public enum Code: Sendable, Equatable, CaseIterable {
        /// An input file does not exist, is a folder, or cannot be opened or read.
        case unreadable
        /// An input's content cannot be used: malformed, hostile, too large, of the wrong kind, or lacking what
        /// the reconciliation needs.
        case badData
        /// The command line does not fit the input or itself: a national export without a force, an output that
        /// is one of the inputs.
        case usage
        /// An output file cannot be created: its folder is missing or read-only, or its name is a folder.
        case cannotCreate
        /// Reading or writing failed part way: a full disk, a closed pipe, a temporary file, a library out of memory.
        case ioFailure
        /// Another run is writing to the same output folder; the same command will work once it has finished.
        case busy
        /// The program asked for something it never should; a defect in the tool, not a fault of the input.
        case internalError
    }

    public var code: Code
    /// The file concerned; nil when the failure has none (standard output, the command line).
    public var file: String?
    public var sheet: String?
    /// 1-based row number as a person sees it in Excel, or a CSV record's first line.
    public var row: Int?
    /// 0-based column index; shown as letters.
    public var column: Int?
    /// What is wrong and, where it helps, what to do about it.
    public var message: String
    /// The failure underneath, captured where it happened: a `SystemCallError`, or an error of another library.
    public var cause: (any Error)?

    public init(
        _ code: Code, file: String? = nil, sheet: String? = nil, row: Int? = nil, column: Int? = nil,
        _ message: String, cause: (any Error)? = nil
    ) {
        self.code = code
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        self.message = message
        self.cause = cause
    }

    /// `file, sheet 'S', cell C4: message`, or the message alone when there is no file.
    public var description: String {
        guard var place = file else { return message }
        if let sheet { place += ", sheet '\(sheet)'" }
        if let row, let column {
            place += ", cell \(cellReference(row: row, column: column))"
        } else if let row {
            place += ", row \(row)"
        } else if let column {
            place += ", column \(columnLetters(column))"
        }
        return "\(place): \(message)"
    }
}

/// A C call that failed, captured at the call: its name, the code it returned (zlib, minizip, libxml2 and
/// libxlsxwriter report failure that way) and the errno it left, before anything else can change it.
public struct SystemCallError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The C function as written in the source ("rename", "deflate", "workbook_close"), or the library where the
    /// failing function is not known at the point of failure ("libxlsxwriter").
    public var call: String
    /// What the function returned, for a library that reports failure by a return code.
    public var code: Int32?
    /// errno just after the call; nil when the call does not set it or left it zero.
    public var errno: Int32?

    /// `call` failed; `errno` defaults to the thread's errno at this moment, so build this value right after the call.
    public init(call: String, code: Int32? = nil, errno: Int32? = SystemCallError.currentErrno()) {
        self.call = call
        self.code = code
        self.errno = errno == 0 ? nil : errno
    }

    /// The thread's errno now.
    public static func currentErrno() -> Int32 {
        #if canImport(Glibc)
            Glibc.errno
        #else
            Darwin.errno
        #endif
    }

    /// The system's words for `errno` ("No space left on device"); nil when there is no errno.
    public var reason: String? { errno.map { String(cString: strerror($0)) } }

    /// `rename: No such file or directory (errno 2)`, `deflate returned -2`.
    public var description: String {
        var text = call
        if let code { text += " returned \(code)" }
        if let errno, let reason { text += ": \(reason) (errno \(errno))" }
        return text
    }
}
