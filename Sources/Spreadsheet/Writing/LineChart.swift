/// A rectangle of cells on a named sheet (rows 1-based, columns 0-based), for chart data.
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
    public var sheet: String
    public var firstRow: Int
    public var firstColumn: Int
    public var lastRow: Int
    public var lastColumn: Int

    /// A range from its corners.
    public init(sheet: String, firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.sheet = sheet
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
    }

    /// A single column's cells from `firstRow` to `lastRow`.
    public init(sheet: String, column: Int, firstRow: Int, lastRow: Int) {
        self.init(sheet: sheet, firstRow: firstRow, firstColumn: column, lastRow: lastRow, lastColumn: column)
    }

    /// `'Sheet'!A1:B2`.
    public var description: String {
        "'\(sheet)'!\(cellReference(row: firstRow, column: firstColumn)):\(cellReference(row: lastRow, column: lastColumn))"
    }
}

/// One line of a line chart: its legend name and the cells holding its values.
public struct ChartSeries: Hashable, Sendable {
    public var name: String
    public var values: CellRange

    /// A series named `name` plotting `values`.
    public init(name: String, values: CellRange) {
        self.name = name
        self.values = values
    }
}

/// A simple line chart: shared categories along the bottom, one line per series, legend below.
public struct LineChart: Hashable, Sendable {
    public var title: String
    /// The labels along the category (horizontal) axis, one per point.
    public var categories: CellRange
    public var series: [ChartSeries]
    public var categoryAxisTitle: String
    public var valueAxisTitle: String
    /// Size relative to Excel's default 480 × 288 pixels.
    public var widthScale: Double
    public var heightScale: Double

    /// A line chart; empty titles are left out.
    public init(
        title: String = "", categories: CellRange, series: [ChartSeries], categoryAxisTitle: String = "",
        valueAxisTitle: String = "", widthScale: Double = 1, heightScale: Double = 1
    ) {
        self.title = title
        self.categories = categories
        self.series = series
        self.categoryAxisTitle = categoryAxisTitle
        self.valueAxisTitle = valueAxisTitle
        self.widthScale = widthScale
        self.heightScale = heightScale
    }
}
