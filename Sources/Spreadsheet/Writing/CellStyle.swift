/// How a written cell looks: font, fill, alignment, border and number format. Equal styles share one workbook format.
public struct CellStyle: Hashable, Sendable {
    /// Horizontal placement of a cell's content.
    public enum HorizontalAlignment: Hashable, Sendable {
        /// Excel's default: text left, numbers right.
        case general, left, center, right
    }

    /// Vertical placement of a cell's content.
    public enum VerticalAlignment: Hashable, Sendable {
        /// Excel's default is `bottom`.
        case bottom, top, center
    }

    /// The line drawn around a cell.
    public enum Border: Hashable, Sendable {
        case none, thin
    }

    public var bold: Bool
    public var italic: Bool
    /// Font size in points (1...409); nil keeps the workbook default (11).
    public var fontSize: Double?
    /// Font colour as 0xRRGGBB; nil keeps the default (automatic, usually black).
    public var fontColor: UInt32?
    /// Solid background colour as 0xRRGGBB; nil for no fill.
    public var fillColor: UInt32?
    /// Wraps long text onto several lines within the cell.
    public var wrap: Bool
    public var horizontal: HorizontalAlignment
    public var vertical: VerticalAlignment
    public var border: Border
    /// An Excel number format code such as `dd/mm/yyyy` or `0`; nil for General.
    public var numberFormat: String?
    /// Indent level (0...15).
    public var indent: Int
    /// False for a cell a person may edit once its sheet is protected; Excel locks every cell by default.
    public var locked: Bool

    /// A style; every argument defaults to Excel's own default.
    public init(
        bold: Bool = false, italic: Bool = false, fontSize: Double? = nil, fontColor: UInt32? = nil,
        fillColor: UInt32? = nil, wrap: Bool = false, horizontal: HorizontalAlignment = .general,
        vertical: VerticalAlignment = .bottom, border: Border = .none, numberFormat: String? = nil,
        indent: Int = 0, locked: Bool = true
    ) {
        self.bold = bold
        self.italic = italic
        self.fontSize = fontSize
        self.fontColor = fontColor
        self.fillColor = fillColor
        self.wrap = wrap
        self.horizontal = horizontal
        self.vertical = vertical
        self.border = border
        self.numberFormat = numberFormat
        self.indent = indent
        self.locked = locked
    }

    /// Excel's default look.
    public static let plain = CellStyle()

    /// The day-first UK date format the writer gives dates that come without one.
    public static let dateFormat = "dd/mm/yyyy"
    /// The format given to date-and-time values that come without one.
    public static let dateTimeFormat = "dd/mm/yyyy hh:mm:ss"
    /// The format given to times of day that come without one.
    public static let timeFormat = "hh:mm:ss"
    /// The format given to durations that come without one: hours past 24 keep counting.
    public static let durationFormat = "[h]:mm:ss"

    /// This style with `format` as its number format, unless it already has one.
    func withDefaultNumberFormat(_ format: String) -> CellStyle {
        if numberFormat != nil { return self }
        var copy = self
        copy.numberFormat = format
        return copy
    }

    /// Nil when the style can be turned into an Excel format; otherwise what is wrong with it.
    var problem: String? {
        if let fontSize, !(1...409).contains(fontSize) { return "font size \(fontSize) is outside 1...409 points" }
        if let fontColor, fontColor > 0xFF_FFFF { return "font colour \(fontColor) is not a 0xRRGGBB value" }
        if let fillColor, fillColor > 0xFF_FFFF { return "fill colour \(fillColor) is not a 0xRRGGBB value" }
        if !(0...15).contains(indent) { return "indent \(indent) is outside 0...15" }
        if let numberFormat {
            if numberFormat.isEmpty { return "the number format is empty; use nil for General" }
            // libxlsxwriter keeps number formats in a 128-byte field and would cut longer ones short.
            if numberFormat.utf8.count > 127 { return "the number format is longer than 127 bytes" }
            if numberFormat.utf8.contains(0) { return "the number format contains a NUL character" }
        }
        return nil
    }
}
