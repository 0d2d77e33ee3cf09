import Spreadsheet
import Testing

struct CSVWriterTests {
    @Test func plainValuesAreUnchanged() {
        #expect(CSVWriter.field("Cleveland Police") == "Cleveland Police")
        #expect(CSVWriter.field("") == "")
        #expect(CSVWriter.field("a;b") == "a;b")
    }

    @Test func quotesAsRFC4180Requires() {
        #expect(CSVWriter.field("Smith, J") == "\"Smith, J\"")
        #expect(CSVWriter.field("say \"no\"") == "\"say \"\"no\"\"\"")
        #expect(CSVWriter.field("two\nlines") == "\"two\nlines\"")
        #expect(CSVWriter.field("a\rb") == "\"a\rb\"")
    }

    @Test func escapesFormulaInjection() {
        #expect(CSVWriter.field("=1+2") == "'=1+2")
        #expect(CSVWriter.field("+44 1642") == "'+44 1642")
        #expect(CSVWriter.field("-5") == "'-5")
        #expect(CSVWriter.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVWriter.field("\tx") == "'\tx")
        #expect(CSVWriter.field("\rx") == "\"'\rx\"")
        #expect(CSVWriter.field("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")
        #expect(CSVWriter.field("a=b") == "a=b")
    }

    @Test func lineJoinsEscapedFieldsAndEndsWithCRLF() {
        #expect(CSVWriter.line(["R1", "Smith, J", "=cmd", ""]) == "R1,\"Smith, J\",'=cmd,\r\n")
    }

    @Test func writtenLinesReadBack() throws {
        let values = ["ref", "a, \"b\"\nc", "plain", "£ – ’"]
        let text = CSVWriter.line(values) + CSVWriter.line(["x", "y", "z", "w"])
        #expect(try csvRecords(text) == [values, ["x", "y", "z", "w"]])
    }
}
