import Foundation
import Spreadsheet
import Testing

struct CSVParsingTests {
    @Test func emptyFieldsAreNilAndBlankRecordsAreSkipped() throws {
        let document = try csvDocument("a,,c\n,,\n\n\"\",\"\"\nx,\"\",\n")
        let rows = try document.rows(inSheet: 0)
        #expect(rows.map(\.number) == [1, 5])
        #expect(rows.map { $0.cells.map { $0?.text } } == [["a", nil, "c"], ["x", nil, nil]])
        #expect(rows[0].cells[0] == .string("a"))
    }

    @Test func quotedDelimitersQuotesAndLineBreaks() throws {
        #expect(
            try csvRecords("name,note\n\"Smith, J\",\"said \"\"no\"\"\"\n\"two\r\nlines\",x\n") == [
                ["name", "note"], ["Smith, J", "said \"no\""], ["two\r\nlines", "x"],
            ])
    }

    @Test func quoteInsideUnquotedFieldIsLiteral() throws {
        #expect(try csvRecords("a,b\n5\" pipe,it's \"fine\"\n") == [["a", "b"], ["5\" pipe", "it's \"fine\""]])
    }

    @Test func textAfterClosingQuoteIsKept() throws {
        #expect(try csvRecords("a,b\n\"quoted\" tail,x\n") == [["a", "b"], ["quoted tail", "x"]])
    }

    @Test func carriageReturnOnlyLineEnds() throws {
        let rows = try csvDocument("a,b\r1,2\r3,4").rows(inSheet: 0)
        #expect(rows.map(\.number) == [1, 2, 3])
        #expect(rows.map { $0.cells.map { $0?.text } } == [["a", "b"], ["1", "2"], ["3", "4"]])
    }

    @Test func mixedLineEnds() throws {
        let rows = try csvDocument("a,b\r\n1,2\n3,4\r5,6\r\n\n7,8").rows(inSheet: 0)
        #expect(rows.map(\.number) == [1, 2, 3, 4, 6])
        #expect(rows.last?.cells.map { $0?.text } == ["7", "8"])
    }

    @Test func rowNumbersAreTheFirstLineOfMultiLineRecords() throws {
        let text =
            "ref,description\nR1,\"first\nsecond\r\nthird\rfourth\"\nR2,one line\n\n\"R3\",\"x\n\"\"y\"\"\"\nR4,z"
        let rows = try csvDocument(text).rows(inSheet: 0)
        #expect(rows.map(\.number) == [1, 2, 6, 8, 10])
        #expect(rows[1].cells[1] == .string("first\nsecond\r\nthird\rfourth"))
        #expect(rows[3].cells[1] == .string("x\n\"y\""))
    }

    @Test func unbalancedQuoteNamesTheLineWhereTheFieldBegan() throws {
        let error = try #require(
            spreadsheetError {
                _ = try csvRecords("a,b\n1,2\n3,\"never\nends\n4,5\n")
            })
        #expect(error.code == .badData)
        #expect(error.file == "test.csv")
        #expect(error.row == 3)
        #expect(error.column == 1)
        #expect(error.message == "unbalanced quote: the quoted field that starts on line 3 never ends")
    }

    @Test func sheetIsNamedAfterTheFile() throws {
        let document = try csvDocument("a\n", name: "/tmp/exports/Cleveland register.v2.csv")
        #expect(document.sheets == [SheetInfo(name: "Cleveland register.v2", visible: true)])
        #expect(document.format == .csv)
        #expect(spreadsheetError { _ = try document.rows(inSheet: 1) }?.code == .badData)
    }

    @Test func missingFileIsUnreadable() throws {
        let path = "/nonexistent/folder/register.csv"
        let error = try #require(spreadsheetError { _ = try CSVDocument(path: path) })
        #expect(error.code == .unreadable)
        #expect(error.file == path)
        #expect(spreadsheetError { _ = try CSVDocument(path: NSTemporaryDirectory()) }?.code == .unreadable)
    }

    @Test func readsAFileFromDisk() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-reader-\(UUID().uuidString).csv")
        try Data("ref;status\r\nR1;Open\r\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let document = try CSVDocument(path: url.path)
        #expect(document.delimiter == .semicolon)
        #expect(try csvRecords(document) == [["ref", "status"], ["R1", "Open"]])
        #expect(try SpreadsheetFile.open(path: url.path).sheets.count == 1)
    }

    @Test func emptyFileHasNoRows() throws {
        #expect(try csvRecords("") == [])
        #expect(try csvRecords("\n\r\n,,\n") == [])
    }
}

struct CSVDelimiterTests {
    @Test func semicolonWithTitleLinesAbove() throws {
        let text = """
            Cleveland Police – HMICFRS register
            Exported 30/11/2026

            Ref;Type;Status;Description
            R1;AFI;Open;Improve the handling, of calls
            R2;Rec;Closed;"Quoted; with semicolon"
            R3;AFI;Open;Review, audit, report
            """
        let document = try csvDocument(text)
        #expect(document.delimiter == .semicolon)
        let rows = try document.rows(inSheet: 0)
        #expect(rows.map(\.number) == [1, 2, 4, 5, 6, 7])
        #expect(rows[0].cells.map { $0?.text } == ["Cleveland Police – HMICFRS register"])
        #expect(rows[3].cells.map { $0?.text } == ["R1", "AFI", "Open", "Improve the handling, of calls"])
        #expect(rows[4].cells[3] == .string("Quoted; with semicolon"))
    }

    @Test func tabWithTitleLinesAbove() throws {
        let text =
            "Cleveland Police, HMICFRS register\nExported 30/11/2026, by the FLL\nRef\tType\tStatus\nR1\tAFI\tOpen, in progress\nR2\tRec\tClosed\n"
        let document = try csvDocument(text)
        #expect(document.delimiter == .tab)
        #expect(try csvRecords(document).last == ["R2", "Rec", "Closed"])
    }

    @Test func commaWinsWhenItGivesTheConsistentFieldCount() throws {
        let text = "Title; subtitle\nRef,Type,Status\nR1,AFI,Open; pending\nR2,Rec,\"a;b;c;d\"\n"
        #expect(try csvDocument(text).delimiter == .comma)
        #expect(try csvDocument("single column\nvalue\n").delimiter == .comma)
    }
}
