/// Placeholder until the reader lands.
public struct CSVDocument: SpreadsheetDocument {
    public let path: String
    public var format: SpreadsheetFormat { .csv }
    public var sheets: [SheetInfo] { [] }
    public init(path: String) throws {
        throw SpreadsheetError(.badData, file: path, "reader not built yet")
    }
    public func forEachRow(inSheet index: Int, _ body: (Row) throws -> Void) throws {}
}
