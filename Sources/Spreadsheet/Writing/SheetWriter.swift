import CXLSXWriter

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes cells and sheet settings into one worksheet of a `WorkbookWriter`.
///
/// Places follow the rest of this library: **rows are 1-based as Excel shows them, columns are 0-based**
/// (row 1, column 0 is A1; `cellReference(row:column:)` names them). Every failure is a `HMICError`
/// naming the file, the sheet and, for cells, the cell.
///
/// Strings are always stored as text, never as formulas: `"=SUM(A1)"` stays those nine characters.
///
/// In constant-memory mode (`WorkbookWriter(constantMemory: true)`) each row is flushed to disk when a later
/// row is started, so cells and `setRow` must come in ascending row order (any column order within a row);
/// going back to an earlier row is an error rather than silently lost data, and merged ranges are refused.
/// A sheet added with `streamed: true` has the same rules in either mode: its cells bypass libxlsxwriter and are
/// encoded and deflated by this library (`SheetDataStream`), many times faster, while everything else about the
/// sheet (widths, panes, filters, print setup, validation) still goes through libxlsxwriter.
public final class SheetWriter {
    /// What to do with text Excel cannot hold as it is: longer than 32,767 characters, or containing NUL.
    public enum TextPolicy: Sendable {
        /// Throw a `HMICError` naming the cell (the default).
        case refuse
        /// Cut over-long text to 32,767 characters ending in "…" and replace NUL with U+FFFD; each altered cell
        /// is counted in `adjustedCellCount` and the first is named in `firstAdjustedCell`, for a warning.
        case adjust
    }

    /// A paper size for printing, by Excel's paper code.
    public enum Paper: UInt8, Sendable {
        case letter = 1, a3 = 8, a4 = 9
    }

    /// The sheet's name as given to `addSheet(named:)`.
    public let name: String
    /// The workbook's output path, for errors about this sheet.
    public var path: String { workbook.path }
    /// How text Excel cannot hold is treated; `.refuse` unless changed.
    public var textPolicy: TextPolicy = .refuse
    /// How many cells `.adjust` altered.
    public private(set) var adjustedCellCount = 0
    /// The first cell `.adjust` altered, as an A1 reference.
    public private(set) var firstAdjustedCell: String?

    /// Excel's largest row number.
    public static let maxRows = 1_048_576
    /// Excel's column count (A...XFD).
    public static let maxColumns = 16_384
    /// The most characters (UTF-16 code units) Excel holds in one cell.
    public static let maxTextLength = 32_767

    let workbook: WorkbookWriter
    let sheet: UnsafeMutablePointer<lxw_worksheet>
    /// Where the cells go when they bypass libxlsxwriter.
    let stream: SheetDataStream?
    /// In constant-memory mode, the highest row started so far.
    // Read and set once per cell, from the one thread a writer is used on: no runtime exclusivity check.
    @exclusivity(unchecked) private var currentRow = 0
    private var merged: [(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int)] = []
    // A small cache in front of the workbook's format dictionary: a row cycles through a few styles (severity,
    // wrapped, plain, date), and comparing a style is much cheaper than hashing it.
    private var recentStyles: [CellStyle] = []
    private var recentFormats: [UnsafeMutablePointer<lxw_format>?] = []
    private var nextRecent = 0
    private static let recentCapacity = 8

    init(workbook: WorkbookWriter, sheet: UnsafeMutablePointer<lxw_worksheet>, name: String, stream: SheetDataStream?) {
        self.workbook = workbook
        self.sheet = sheet
        self.name = name
        self.stream = stream
    }

    // MARK: - Cells

    /// A style resolved once to the workbook's format, for writing many cells without looking the style up each
    /// time. It belongs to the workbook of the sheet that made it and serves every sheet of that workbook.
    public struct CellFormat {
        let pointer: UnsafeMutablePointer<lxw_format>?
        let workbook: ObjectIdentifier
    }

    /// `style` resolved to a format of this sheet's workbook; nil or plain gives the default format.
    public func format(for style: CellStyle?) throws -> CellFormat {
        CellFormat(pointer: try format(style, nil, nil), workbook: ObjectIdentifier(workbook))
    }

    @inline(__always)
    private func resolve(_ format: CellFormat, _ row: Int, _ column: Int) throws -> UnsafeMutablePointer<lxw_format>? {
        guard format.workbook == ObjectIdentifier(workbook) else {
            throw failure(row, column, "the cell format belongs to another workbook")
        }
        return format.pointer
    }

    /// Writes text as a string cell with a resolved format; empty text writes a blank cell when the format is not
    /// the default and nothing otherwise.
    public func write(row: Int, column: Int, _ text: String, format: CellFormat) throws {
        let (r, c) = try place(row, column)
        try write(r, c, row, column, text, try resolve(format, row, column))
    }

    /// Writes a number with a resolved format; NaN and infinities are refused because Excel cannot store them.
    public func write(row: Int, column: Int, _ number: Double, format: CellFormat) throws {
        let (r, c) = try place(row, column)
        guard number.isFinite else {
            throw failure(row, column, "\(number) is not a finite number, which Excel cannot store")
        }
        try writeNumber(r, c, row, column, number, try resolve(format, row, column))
    }

    /// Writes a day as an Excel date serial with a resolved format, which should carry a date number format.
    public func write(row: Int, column: Int, _ date: CalendarDate, format: CellFormat) throws {
        guard let serial = Self.excelSerial(date) else {
            throw failure(row, column, "the date \(date) is outside Excel's range 1900-01-01...9999-12-31")
        }
        try write(row: row, column: column, Double(serial), format: format)
    }

    /// Writes text as a string cell; empty text writes a blank cell when styled and nothing otherwise.
    public func write(row: Int, column: Int, _ text: String, style: CellStyle? = nil) throws {
        let (r, c) = try place(row, column)
        try write(r, c, row, column, text, try format(style, row, column))
    }

    @inline(__always)
    private func write(
        _ r: lxw_row_t, _ c: lxw_col_t, _ row: Int, _ column: Int, _ text: String,
        _ format: UnsafeMutablePointer<lxw_format>?
    ) throws {
        if text.isEmpty {
            guard format != nil else { return }
            if let stream {
                try stream.blank(Int(r), Int(c), style: Self.xfIndex(format))
            } else {
                try check(worksheet_write_blank(sheet, r, c, format), row, column, "cannot write a blank cell")
            }
            return
        }
        let fitted = try fit(text, row, column)
        if let stream {
            try stream.text(Int(r), Int(c), fitted, style: Self.xfIndex(format))
            return
        }
        let error = fitted.withCString { worksheet_write_string(sheet, r, c, $0, format) }
        try check(error, row, column, "cannot write text")
    }

    @inline(__always)
    private func writeNumber(
        _ r: lxw_row_t, _ c: lxw_col_t, _ row: Int, _ column: Int, _ number: Double,
        _ format: UnsafeMutablePointer<lxw_format>?
    ) throws {
        if let stream {
            try stream.number(Int(r), Int(c), number, style: Self.xfIndex(format))
            return
        }
        try check(worksheet_write_number(sheet, r, c, number, format), row, column, "cannot write a number")
    }

    /// The format's position in the workbook's styles, which registers it as used; 0 is the default format.
    @inline(__always)
    private static func xfIndex(_ format: UnsafeMutablePointer<lxw_format>?) -> Int32 {
        format.map { lxw_format_get_xf_index($0) } ?? 0
    }

    /// Writes a number; NaN and infinities are refused because Excel cannot store them.
    public func write(row: Int, column: Int, _ number: Double, style: CellStyle? = nil) throws {
        let (r, c) = try place(row, column)
        guard number.isFinite else {
            throw failure(row, column, "\(number) is not a finite number, which Excel cannot store")
        }
        try writeNumber(r, c, row, column, number, try format(style, row, column))
    }

    /// Writes an integer as a number; magnitudes of 10^15 and above are refused, as Excel would round them.
    public func write(row: Int, column: Int, _ number: Int, style: CellStyle? = nil) throws {
        guard number.magnitude < 1_000_000_000_000_000 else {
            throw failure(row, column, "\(number) has more than 15 digits, which Excel would round; write it as text")
        }
        try write(row: row, column: column, Double(number), style: style)
    }

    /// Writes TRUE or FALSE.
    public func write(row: Int, column: Int, _ value: Bool, style: CellStyle? = nil) throws {
        let (r, c) = try place(row, column)
        let format = try format(style, row, column)
        if let stream { return try stream.bool(Int(r), Int(c), value, style: Self.xfIndex(format)) }
        try check(worksheet_write_boolean(sheet, r, c, value ? 1 : 0, format), row, column, "cannot write a boolean")
    }

    /// Writes a day as an Excel date serial; a style without a number format gets `dd/mm/yyyy`.
    /// Days before 1900-01-01 or after 9999-12-31, which Excel cannot show as dates, are refused.
    public func write(row: Int, column: Int, _ date: CalendarDate, style: CellStyle? = nil) throws {
        guard let serial = Self.excelSerial(date) else {
            throw failure(row, column, "the date \(date) is outside Excel's range 1900-01-01...9999-12-31")
        }
        try write(
            row: row, column: column, Double(serial),
            style: (style ?? .plain).withDefaultNumberFormat(CellStyle.dateFormat))
    }

    /// Writes a value as read from a file; nil writes a blank cell when styled and nothing otherwise.
    /// Dates, times and durations become serials with a default format; error values are written as their text.
    public func write(row: Int, column: Int, _ value: CellValue?, style: CellStyle? = nil) throws {
        guard let value else {
            try write(row: row, column: column, "", style: style)
            return
        }
        switch value {
        case .string(let text), .error(let text):
            try write(row: row, column: column, text, style: style)
        case .number(let number):
            try write(row: row, column: column, number, style: style)
        case .bool(let flag):
            try write(row: row, column: column, flag, style: style)
        case .date(let date):
            try write(row: row, column: column, date, style: style)
        case .dateTime(let date, let seconds):
            guard let serial = Self.excelSerial(date) else {
                throw failure(row, column, "the date \(date) is outside Excel's range 1900-01-01...9999-12-31")
            }
            try write(
                row: row, column: column, Double(serial) + seconds / 86_400,
                style: (style ?? .plain).withDefaultNumberFormat(CellStyle.dateTimeFormat))
        case .time(let seconds):
            try write(
                row: row, column: column, Double(seconds) / 86_400,
                style: (style ?? .plain).withDefaultNumberFormat(CellStyle.timeFormat))
        case .duration(let seconds):
            try write(
                row: row, column: column, seconds / 86_400,
                style: (style ?? .plain).withDefaultNumberFormat(CellStyle.durationFormat))
        }
    }

    /// Merges a rectangle of cells and writes `value` into it with `style` on every cell of the rectangle.
    /// Overlapping merges and merges in constant-memory mode or on a streamed sheet are refused.
    public func mergeRange(
        firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int,
        _ value: CellValue?, style: CellStyle? = nil
    ) throws {
        try checkRange(firstRow, firstColumn, lastRow, lastColumn)
        guard !workbook.constantMemory, stream == nil else {
            throw failure(
                firstRow, firstColumn, "cells cannot be merged in constant-memory mode or on a streamed sheet")
        }
        guard firstRow != lastRow || firstColumn != lastColumn else {
            throw failure(firstRow, firstColumn, "a merged range needs more than one cell")
        }
        if let other = merged.first(where: {
            firstRow <= $0.lastRow && $0.firstRow <= lastRow
                && firstColumn <= $0.lastColumn && $0.firstColumn <= lastColumn
        }) {
            throw failure(
                firstRow, firstColumn,
                "the merged range overlaps the one at \(cellReference(row: other.firstRow, column: other.firstColumn))")
        }
        let format = try format(style, firstRow, firstColumn)
        // Merge with empty text (libxlsxwriter's idiom for non-string values), then write the value itself.
        let error = worksheet_merge_range(
            sheet, lxw_row_t(firstRow - 1), lxw_col_t(firstColumn),
            lxw_row_t(lastRow - 1), lxw_col_t(lastColumn), "", format)
        try check(error, firstRow, firstColumn, "cannot merge cells")
        merged.append((firstRow, firstColumn, lastRow, lastColumn))
        if value != nil { try write(row: firstRow, column: firstColumn, value, style: style) }
    }

    /// Attaches a note to a cell; empty text adds nothing.
    public func writeComment(row: Int, column: Int, _ text: String) throws {
        let (r, c) = try place(row, column, ordered: false)
        guard !text.isEmpty else { return }
        let fitted = try fit(text, row, column)
        try check(fitted.withCString { worksheet_write_comment(sheet, r, c, $0) }, row, column, "cannot add a comment")
    }

    // MARK: - Rows and columns

    /// Sets the width (in characters) and default style of the columns `first...last` (0-based).
    public func setColumn(first: Int, last: Int, width: Double, style: CellStyle? = nil) throws {
        guard first >= 0, first <= last, last < Self.maxColumns else {
            throw HMICError(
                .badData, file: workbook.path, sheet: name, column: first,
                "columns \(first)...\(last) are not a range within A...XFD")
        }
        guard width.isFinite, (0...255).contains(width) else {
            throw HMICError(
                .badData, file: workbook.path, sheet: name, column: first, "column width \(width) is outside 0...255")
        }
        let format = try format(style, nil, first)
        try check(
            worksheet_set_column(sheet, lxw_col_t(first), lxw_col_t(last), width, format), nil, first,
            "cannot set the column")
    }

    /// Sets the height (in points; nil keeps the default 15) and default style of a row (1-based).
    /// In constant-memory mode call it before writing the row's cells; on a streamed sheet, before the next row's.
    public func setRow(_ row: Int, height: Double? = nil, style: CellStyle? = nil) throws {
        let (r, _) = try place(row, 0)
        if let height, !(height.isFinite && (0...409).contains(height)) {
            throw HMICError(
                .badData, file: workbook.path, sheet: name, row: row, "row height \(height) is outside 0...409 points")
        }
        let format = try format(style, row, nil)
        if let stream { return try stream.setRow(Int(r), height: height, style: Self.xfIndex(format)) }
        try check(worksheet_set_row(sheet, r, height ?? LXW_DEF_ROW_HEIGHT, format), row, nil, "cannot set the row")
    }

    /// Freezes the top `rows` rows and left `columns` columns so they stay in view when scrolling.
    public func freezePanes(rows: Int, columns: Int = 0) throws {
        guard (0..<Self.maxRows).contains(rows), (0..<Self.maxColumns).contains(columns), rows + columns > 0 else {
            throw HMICError(
                .badData, file: workbook.path, sheet: name,
                "cannot freeze \(rows) rows and \(columns) columns")
        }
        try workbook.checkOpen(sheet: name)
        worksheet_freeze_panes(sheet, lxw_row_t(rows), lxw_col_t(columns))
    }

    /// Adds filter drop-downs to the header row of the rectangle (rows 1-based, columns 0-based).
    public func autofilter(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) throws {
        try checkRange(firstRow, firstColumn, lastRow, lastColumn)
        let error = worksheet_autofilter(
            sheet, lxw_row_t(firstRow - 1), lxw_col_t(firstColumn),
            lxw_row_t(lastRow - 1), lxw_col_t(lastColumn))
        try check(error, firstRow, firstColumn, "cannot add the autofilter")
    }

    /// Offers a drop-down of `items` in column `column` for rows `firstRow...lastRow`; other entries are refused.
    /// Excel keeps the list as one text of at most 255 characters, so items joined by commas must stay under
    /// 255 bytes, and no item may be empty or contain a comma or a double quote.
    public func dataValidationList(
        firstRow: Int, lastRow: Int, column: Int, items: [String],
        inputTitle: String = "", inputMessage: String = ""
    ) throws {
        try checkRange(firstRow, column, lastRow, column)
        guard !items.isEmpty else { throw failure(firstRow, column, "a drop-down list needs at least one item") }
        if let bad = items.first(where: { $0.isEmpty || $0.contains(",") || $0.contains("\"") || $0.utf8.contains(0) })
        {
            throw failure(
                firstRow, column, "the drop-down item '\(bad)' is empty or contains a comma, a double quote or NUL")
        }
        let total = items.reduce(items.count - 1) { $0 + $1.utf8.count }
        guard total < 255 else {
            throw failure(
                firstRow, column,
                "the drop-down items take \(total) bytes joined by commas; Excel allows fewer than 255")
        }
        guard inputTitle.utf16.count <= 32, inputMessage.utf16.count <= 255 else {
            throw failure(
                firstRow, column,
                "the drop-down's input title must be at most 32 characters and its message at most 255")
        }
        var validation = lxw_data_validation()
        validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
        validation.input_title = workbook.retain(inputTitle)
        validation.input_message = workbook.retain(inputMessage)
        var list: [UnsafeMutablePointer<CChar>?] = items.map { workbook.retain($0) }
        list.append(nil)
        let error = list.withUnsafeMutableBufferPointer { buffer -> lxw_error in
            validation.value_list = buffer.baseAddress
            return worksheet_data_validation_range(
                sheet, lxw_row_t(firstRow - 1), lxw_col_t(column),
                lxw_row_t(lastRow - 1), lxw_col_t(column), &validation)
        }
        try check(error, firstRow, column, "cannot add the drop-down list")
    }

    /// Accepts only a date from `earliest` to `latest` in column `column` for rows `firstRow...lastRow`, with a
    /// prompt of `inputTitle` (at most 32 characters) and `inputMessage` (at most 255).
    public func dataValidationDate(
        firstRow: Int, lastRow: Int, column: Int, earliest: CalendarDate, latest: CalendarDate,
        inputTitle: String, inputMessage: String
    ) throws {
        try checkRange(firstRow, column, lastRow, column)
        guard inputTitle.utf16.count <= 32, inputMessage.utf16.count <= 255, earliest <= latest else {
            throw failure(
                firstRow, column,
                "a date check needs earliest ≤ latest, a title of at most 32 characters and a message of at most 255")
        }
        func datetime(_ d: CalendarDate) -> lxw_datetime {
            lxw_datetime(year: Int32(d.year), month: Int32(d.month), day: Int32(d.day), hour: 0, min: 0, sec: 0)
        }
        var validation = lxw_data_validation()
        validation.validate = UInt8(LXW_VALIDATION_TYPE_DATE.rawValue)
        validation.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
        validation.minimum_datetime = datetime(earliest)
        validation.maximum_datetime = datetime(latest)
        validation.input_title = workbook.retain(inputTitle)
        validation.input_message = workbook.retain(inputMessage)
        let error = worksheet_data_validation_range(
            sheet, lxw_row_t(firstRow - 1), lxw_col_t(column), lxw_row_t(lastRow - 1), lxw_col_t(column), &validation)
        try check(error, firstRow, column, "cannot add the date check")
    }

    /// Protects the sheet without a password: cells whose style is not `locked` stay editable, and a person may
    /// still select cells, resize rows and columns, sort and filter. It guards against slips, not against intent.
    public func protect() throws {
        try workbook.checkOpen(sheet: name)
        var options = lxw_protection()
        options.format_columns = 1
        options.format_rows = 1
        options.sort = 1
        options.autofilter = 1
        worksheet_protect(sheet, nil, &options)
    }

    /// Starts a new printed page above each of `rows` (1-based, ascending, past the first row).
    public func pageBreaks(before rows: [Int]) throws {
        try workbook.checkOpen(sheet: name)
        guard rows.allSatisfy({ $0 > 1 && $0 <= Self.maxRows }), rows == rows.sorted(), rows.count < 1023 else {
            throw HMICError(
                .badData, file: workbook.path, sheet: name, "page breaks must be ascending rows below the first")
        }
        var breaks = rows.map { lxw_row_t($0 - 1) } + [0]
        try check(worksheet_set_h_pagebreaks(sheet, &breaks), rows.first, nil, "cannot set the page breaks")
    }

    // MARK: - Look and print setup

    /// Colours the sheet's tab (0xRRGGBB).
    public func setTabColor(_ rgb: UInt32) throws {
        try workbook.checkOpen(sheet: name)
        guard rgb <= 0xFF_FFFF else {
            throw HMICError(.badData, file: workbook.path, sheet: name, "tab colour \(rgb) is not 0xRRGGBB")
        }
        worksheet_set_tab_color(sheet, WorkbookWriter.color(rgb))
    }

    /// Hides the grid lines on screen and on paper.
    public func hideGridlines() throws {
        try workbook.checkOpen(sheet: name)
        worksheet_gridlines(sheet, UInt8(LXW_HIDE_ALL_GRIDLINES.rawValue))
    }

    /// Prints the sheet in landscape orientation.
    public func setLandscape() throws {
        try workbook.checkOpen(sheet: name)
        worksheet_set_landscape(sheet)
    }

    /// Prints on `paper`.
    public func setPaper(_ paper: Paper) throws {
        try workbook.checkOpen(sheet: name)
        worksheet_set_paper(sheet, paper.rawValue)
    }

    /// Scales printing to at most `width` pages across and `height` down; 0 leaves that direction unlimited
    /// (`fitToPages(width: 1, height: 0)` fits the width and lets the rows run on).
    public func fitToPages(width: Int, height: Int) throws {
        try workbook.checkOpen(sheet: name)
        guard (0...Int(UInt16.max)).contains(width), (0...Int(UInt16.max)).contains(height) else {
            throw HMICError(.badData, file: workbook.path, sheet: name, "cannot fit to \(width) × \(height) pages")
        }
        worksheet_fit_to_pages(sheet, UInt16(width), UInt16(height))
    }

    /// Repeats rows `first...last` (1-based) at the top of every printed page.
    public func repeatRows(first: Int, last: Int) throws {
        try checkRange(first, 0, last, 0)
        try check(
            worksheet_repeat_rows(sheet, lxw_row_t(first - 1), lxw_row_t(last - 1)), first, nil,
            "cannot repeat rows when printing")
    }

    /// Sets the printed page header, in Excel's codes (`&L` `&C` `&R` sections, `&P` page, `&N` pages, `&A` sheet;
    /// a literal ampersand is `&&`). At most 255 characters; empty text sets none.
    public func setHeader(_ text: String) throws {
        try setHeaderOrFooter(text, header: true)
    }

    /// Sets the printed page footer, in the same codes as `setHeader`.
    public func setFooter(_ text: String) throws {
        try setHeaderOrFooter(text, header: false)
    }

    /// Sets the printed page margins in inches.
    public func setMargins(left: Double, right: Double, top: Double, bottom: Double) throws {
        try workbook.checkOpen(sheet: name)
        guard [left, right, top, bottom].allSatisfy({ $0.isFinite && $0 >= 0 && $0 < 50 }) else {
            throw HMICError(.badData, file: workbook.path, sheet: name, "page margins must be between 0 and 50 inches")
        }
        worksheet_set_margins(sheet, left, right, top, bottom)
    }

    // MARK: - Charts

    /// Places a line chart with its top-left corner at a cell (row 1-based, column 0-based).
    public func insertLineChart(_ chart: LineChart, row: Int, column: Int) throws {
        let (r, c) = try place(row, column, ordered: false)
        guard !chart.series.isEmpty else { throw failure(row, column, "a chart needs at least one series") }
        for range in [chart.categories] + chart.series.map(\.values) {
            guard workbook.sheetNames.contains(range.sheet.lowercased()) else {
                throw failure(
                    row, column, "the chart refers to a sheet '\(range.sheet)' that the workbook does not have")
            }
            guard range.firstRow >= 1, range.firstRow <= range.lastRow, range.lastRow <= Self.maxRows,
                range.firstColumn >= 0, range.firstColumn <= range.lastColumn, range.lastColumn < Self.maxColumns
            else {
                throw failure(row, column, "the chart range \(range) is not within the sheet")
            }
        }
        guard chart.widthScale > 0, chart.widthScale <= 10, chart.heightScale > 0, chart.heightScale <= 10 else {
            throw failure(row, column, "chart scales must be above 0 and at most 10")
        }
        guard let lxwChart = workbook_add_chart(workbook.workbook, UInt8(LXW_CHART_LINE.rawValue)) else {
            throw HMICError(
                .ioFailure, file: workbook.path, sheet: name, row: row, column: column, "out of memory adding a chart")
        }
        if let title = workbook.retain(chart.title) { chart_title_set_name(lxwChart, title) }
        if let axis = workbook.retain(chart.categoryAxisTitle) { chart_axis_set_name(lxwChart.pointee.x_axis, axis) }
        if let axis = workbook.retain(chart.valueAxisTitle) { chart_axis_set_name(lxwChart.pointee.y_axis, axis) }
        chart_legend_set_position(lxwChart, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
        for line in chart.series {
            guard let series = chart_add_series(lxwChart, nil, nil) else {
                throw HMICError(
                    .ioFailure, file: workbook.path, sheet: name, row: row, column: column,
                    "out of memory adding a chart series")
            }
            let categories = chart.categories
            let values = line.values
            chart_series_set_categories(
                series, workbook.retain(categories.sheet),
                lxw_row_t(categories.firstRow - 1), lxw_col_t(categories.firstColumn),
                lxw_row_t(categories.lastRow - 1), lxw_col_t(categories.lastColumn))
            chart_series_set_values(
                series, workbook.retain(values.sheet),
                lxw_row_t(values.firstRow - 1), lxw_col_t(values.firstColumn),
                lxw_row_t(values.lastRow - 1), lxw_col_t(values.lastColumn))
            if let seriesName = workbook.retain(line.name) { chart_series_set_name(series, seriesName) }
        }
        var options = lxw_chart_options()
        options.x_scale = chart.widthScale
        options.y_scale = chart.heightScale
        try check(worksheet_insert_chart_opt(sheet, r, c, lxwChart, &options), row, column, "cannot place the chart")
    }

    // MARK: - Internals

    /// Checks that the workbook is open and the cell is on the sheet (and, in constant-memory mode and when
    /// `ordered`, not in a row already flushed); returns libxlsxwriter's 0-based row and column.
    @inline(__always)
    private func place(_ row: Int, _ column: Int, ordered: Bool = true) throws -> (lxw_row_t, lxw_col_t) {
        try workbook.checkOpen(sheet: name)
        guard row >= 1, row <= Self.maxRows, column >= 0, column < Self.maxColumns else {
            throw failure(row, column, "the cell is outside the sheet (rows 1...1048576, columns A...XFD)")
        }
        if ordered && (workbook.constantMemory || stream != nil) {
            guard row >= currentRow else {
                throw failure(
                    row, column,
                    "in constant-memory mode rows must be written in order, and row \(currentRow) has already been started"
                )
            }
            currentRow = row
        }
        return (lxw_row_t(row - 1), lxw_col_t(column))
    }

    private func checkRange(_ firstRow: Int, _ firstColumn: Int, _ lastRow: Int, _ lastColumn: Int) throws {
        try workbook.checkOpen(sheet: name)
        guard firstRow >= 1, firstRow <= lastRow, lastRow <= Self.maxRows,
            firstColumn >= 0, firstColumn <= lastColumn, lastColumn < Self.maxColumns
        else {
            throw failure(
                firstRow, firstColumn,
                "\(firstRow),\(firstColumn)...\(lastRow),\(lastColumn) is not a range within the sheet (rows 1-based, columns 0-based)"
            )
        }
    }

    @inline(__always)
    private func format(_ style: CellStyle?, _ row: Int?, _ column: Int?) throws -> UnsafeMutablePointer<lxw_format>? {
        guard let style else { return nil }
        for i in recentStyles.indices where recentStyles[i] == style { return recentFormats[i] }
        let format = try workbook.format(for: style, sheet: name, row: row, column: column)
        if recentStyles.count < Self.recentCapacity {
            recentStyles.append(style)
            recentFormats.append(format)
        } else {
            recentStyles[nextRecent] = style
            recentFormats[nextRecent] = format
            nextRecent = (nextRecent + 1) % Self.recentCapacity
        }
        return format
    }

    /// The text libxlsxwriter should store so that Excel shows `text`: checked against Excel's limits and
    /// with literal `_xHHHH_` sequences escaped, since Excel would otherwise decode them as characters.
    private func fit(_ text: String, _ row: Int, _ column: Int) throws -> String {
        // The common case (no NUL, no underscore, short) returns the text untouched; the bytes are searched with
        // memchr when the string is contiguous, as native strings are.
        var hasNUL = false
        var hasUnderscore = false
        let searched: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            hasNUL = memchr(base, 0, bytes.count) != nil
            hasUnderscore = memchr(base, 0x5F, bytes.count) != nil
        }
        if searched == nil {
            for byte in text.utf8 {
                if byte == 0 { hasNUL = true } else if byte == 0x5F { hasUnderscore = true }
            }
        }
        // UTF-16 length never exceeds UTF-8 length, so only long texts need counting.
        let tooLong = text.utf8.count > Self.maxTextLength && text.utf16.count > Self.maxTextLength
        let (text, _) = Self.replacingNoncharacters(text)
        if !hasNUL && !hasUnderscore && !tooLong { return text }

        var result = text
        if hasNUL || tooLong {
            guard textPolicy == .adjust else {
                throw failure(
                    row, column,
                    tooLong
                        ? "the text is \(text.utf16.count) characters long; Excel holds at most \(Self.maxTextLength) in a cell"
                        : "the text contains a NUL character, which Excel cannot hold")
            }
            if hasNUL {
                result = String(String.UnicodeScalarView(result.unicodeScalars.map { $0 == "\0" ? "\u{FFFD}" : $0 }))
            }
            if tooLong {
                var kept = String.UnicodeScalarView()
                var units = 0
                for scalar in result.unicodeScalars {
                    units += scalar.utf16.count
                    if units > Self.maxTextLength - 1 { break }
                    kept.append(scalar)
                }
                kept.append("…")
                result = String(kept)
            }
            adjustedCellCount += 1
            if firstAdjustedCell == nil { firstAdjustedCell = cellReference(row: row, column: column) }
        }
        if hasUnderscore { result = Self.escapeUnderscoreSequences(result) }
        return result
    }

    /// `text` with U+FFFE and U+FFFF replaced by U+FFFD (XML 1.0 refuses them, and openpyxl with it), and how many
    /// were replaced, as the streamed sheets do. Control characters are left to libxlsxwriter, which writes them as
    /// Excel's `_xHHHH_` escapes.
    static func replacingNoncharacters(_ text: String) -> (text: String, replaced: Int) {
        guard XMLCharacters.mayHoldForbidden(text) else { return (text, 0) }
        var replaced = 0
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let isNoncharacter = scalar.value == 0xFFFE || scalar.value == 0xFFFF
            if isNoncharacter { replaced += 1 }
            scalars.append(isNoncharacter ? XMLCharacters.replacement : scalar)
        }
        return (replaced == 0 ? text : String(scalars), replaced)
    }

    /// Escapes each literal `_xHHHH_` as `_x005F_xHHHH_`, which Excel reads back as the literal text.
    static func escapeUnderscoreSequences(_ text: String) -> String {
        func isHex(_ b: UInt8) -> Bool {
            (0x30...0x39).contains(b) || (0x41...0x46).contains(b) || (0x61...0x66).contains(b)
        }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 12)
        var changed = false
        for i in bytes.indices {
            if bytes[i] == 0x5F, i + 6 < bytes.count, bytes[i + 1] == 0x78, isHex(bytes[i + 2]), isHex(bytes[i + 3]),
                isHex(bytes[i + 4]), isHex(bytes[i + 5]), bytes[i + 6] == 0x5F
            {
                out.append(contentsOf: "_x005F".utf8)  // with the "_" that follows, the escape for "_" itself
                changed = true
            }
            out.append(bytes[i])
        }
        return changed ? String(decoding: out, as: UTF8.self) : text
    }

    private func setHeaderOrFooter(_ text: String, header: Bool) throws {
        try workbook.checkOpen(sheet: name)
        guard !text.isEmpty else { return }
        guard text.utf8.count <= 255, !text.utf8.contains(0) else {
            throw HMICError(
                .badData, file: workbook.path, sheet: name,
                "the page \(header ? "header" : "footer") is longer than 255 bytes or contains NUL")
        }
        let error = text.withCString { header ? worksheet_set_header(sheet, $0) : worksheet_set_footer(sheet, $0) }
        try check(error, nil, nil, "cannot set the page \(header ? "header" : "footer")")
    }

    /// Excel's serial for a day (1900 date system, including its phantom 29 February 1900); nil outside 1900...9999.
    static func excelSerial(_ date: CalendarDate) -> Int? {
        guard date.year >= 1900, date.year <= 9999 else { return nil }
        let serial = date.daysSinceEpoch + 25_569
        return date < CalendarDate(year: 1900, month: 3, day: 1) ? serial - 1 : serial
    }

    private func failure(_ row: Int?, _ column: Int?, _ message: String) -> HMICError {
        HMICError(.badData, file: workbook.path, sheet: name, row: row, column: column, message)
    }

    @inline(__always)
    private func check(_ error: lxw_error, _ row: Int?, _ column: Int?, _ action: @autoclosure () -> String) throws {
        guard error != LXW_NO_ERROR else { return }
        throw HMICError(
            WorkbookWriter.code(of: error), file: workbook.path, sheet: name, row: row, column: column,
            "\(action()): \(WorkbookWriter.describe(error))",
            cause: SystemCallError(call: "libxlsxwriter", code: Int32(error.rawValue), errno: nil))
    }
}
