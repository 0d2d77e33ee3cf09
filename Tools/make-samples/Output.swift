import Foundation
import Spreadsheet

/// The day the samples were exported: the register's second title line and the workbooks' `created` date.
let exportDate = CalendarDate(year: 2026, month: 11, day: 27)

/// The register's title lines, above its header row.
let registerTitles = [
    "\(forceName) – HMICFRS recommendations and areas for improvement register", "Exported \(ukDate(exportDate))",
]

extension RegisterRow {
    /// The row as CSV fields, dates as written text.
    var fields: [String] {
        [
            ref, portalRef, type, inspection, description, forceLead, deliveryLead, board, status, target?.text ?? "",
            closed?.text ?? "", pafArea,
        ]
    }
}

extension PortalRow {
    /// The row as CSV fields, dates as UK text.
    var fields: [String] {
        [forceName, id, report, type, text, status, closed.map(ukDate) ?? ""]
    }
}

/// The register as a CSV file saved by Excel ("CSV UTF-8", with a byte order mark and CRLF line ends).
func registerCSV(_ samples: Samples) -> [UInt8] {
    var text = registerTitles.map { CSVWriter.line([$0]) }.joined()
    text += CSVWriter.line(RegisterRow.headers)
    for row in samples.register { text += CSVWriter.line(row.fields) }
    return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
}

/// The portal export as CSV (UTF-8 without a byte order mark, as the portal's download gives it).
func portalCSV(_ samples: Samples) -> [UInt8] {
    var text = CSVWriter.line(PortalRow.headers)
    for row in samples.portal { text += CSVWriter.line(row.fields) }
    return Array(text.utf8)
}

/// Writes the register workbook: title rows, a bold header, real dates.
func writeRegisterWorkbook(_ samples: Samples, to path: String) throws {
    let workbook = try WorkbookWriter(
        path: path,
        properties: DocumentProperties(
            title: registerTitles[0], author: "\(forceName) Force HMICFRS Liaison Officer", company: forceName,
            created: exportDate))
    let sheet = try workbook.addSheet(named: "Register")
    let header = CellStyle(bold: true, fillColor: 0xD9E1F2, wrap: true, vertical: .top, border: .thin)
    let text = CellStyle(wrap: true, vertical: .top)
    let date = CellStyle(vertical: .top, numberFormat: CellStyle.dateFormat)
    let widths: [Double] = [10, 16, 20, 40, 60, 24, 26, 32, 24, 12, 12, 34]
    for (column, width) in widths.enumerated() { try sheet.setColumn(first: column, last: column, width: width) }
    try sheet.write(row: 1, column: 0, registerTitles[0], style: CellStyle(bold: true, fontSize: 14))
    try sheet.write(row: 2, column: 0, registerTitles[1], style: CellStyle(italic: true))
    for (column, name) in RegisterRow.headers.enumerated() {
        try sheet.write(row: 3, column: column, name, style: header)
    }
    for (offset, record) in samples.register.enumerated() {
        let row = 4 + offset
        for (column, value) in record.fields.enumerated() where column != 9 && column != 10 {
            try sheet.write(row: row, column: column, value, style: text)
        }
        if let target = record.target { try sheet.write(row: row, column: 9, target.date, style: date) }
        if let closed = record.closed { try sheet.write(row: row, column: 10, closed.date, style: date) }
    }
    try sheet.freezePanes(rows: 3)
    try sheet.autofilter(firstRow: 3, firstColumn: 0, lastRow: 3 + samples.register.count, lastColumn: widths.count - 1)
    try workbook.close()
}

/// Writes the portal export workbook: one sheet, header on the first row, real dates.
func writePortalWorkbook(_ samples: Samples, to path: String) throws {
    let workbook = try WorkbookWriter(
        path: path,
        properties: DocumentProperties(
            title: "HMICFRS monitoring portal export", author: "HMICFRS monitoring portal", created: exportDate))
    let sheet = try workbook.addSheet(named: "Export")
    let header = CellStyle(bold: true)
    let widths: [Double] = [18, 16, 50, 20, 70, 24, 12]
    for (column, width) in widths.enumerated() { try sheet.setColumn(first: column, last: column, width: width) }
    for (column, name) in PortalRow.headers.enumerated() {
        try sheet.write(row: 1, column: column, name, style: header)
    }
    for (offset, record) in samples.portal.enumerated() {
        let row = 2 + offset
        for (column, value) in record.fields.enumerated() where column != 6 {
            try sheet.write(row: row, column: column, value)
        }
        if let closed = record.closed { try sheet.write(row: row, column: 6, closed) }
    }
    try sheet.freezePanes(rows: 1)
    try sheet.autofilter(firstRow: 1, firstColumn: 0, lastRow: 1 + samples.portal.count, lastColumn: widths.count - 1)
    try workbook.close()
}

/// The four sample files, by name.
let sampleFiles = ["register.csv", "portal.csv", "register.xlsx", "portal.xlsx"]

/// Writes all four sample files into `directory`, creating it when needed.
func writeSamples(_ samples: Samples, to directory: String) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try Data(registerCSV(samples)).write(to: URL(fileURLWithPath: directory + "/register.csv"))
    try Data(portalCSV(samples)).write(to: URL(fileURLWithPath: directory + "/portal.csv"))
    try writeRegisterWorkbook(samples, to: directory + "/register.xlsx")
    try writePortalWorkbook(samples, to: directory + "/portal.xlsx")
}
