import Spreadsheet
import Testing

@testable import Reconciliation

/// Target dates written with the words a plan puts in front of them: a week commencing, the end of a quarter.
@Suite struct DateTextTests {
    @Test(arguments: [
        ("w/c 04/03/2024", CalendarDate(year: 2024, month: 3, day: 4)),
        ("w/c 02/12/2024", CalendarDate(year: 2024, month: 12, day: 2)),
        ("W/C 2 December 2024", CalendarDate(year: 2024, month: 12, day: 2)),
        ("w/c 2024-12-02", CalendarDate(year: 2024, month: 12, day: 2)),
        ("week commencing 5 February 2018", CalendarDate(year: 2018, month: 2, day: 5)),
        ("End of Q1 2024/25", CalendarDate(year: 2024, month: 6, day: 30)),
        ("End of Q2 2024/25", CalendarDate(year: 2024, month: 9, day: 30)),
        ("End of Q3 2024/25", CalendarDate(year: 2024, month: 12, day: 31)),
        ("End of Q4 2024/25", CalendarDate(year: 2025, month: 3, day: 31)),
        ("End of Q1 2023/24", CalendarDate(year: 2023, month: 6, day: 30)),
        ("end of q4 24/25", CalendarDate(year: 2025, month: 3, day: 31)),
    ])
    func datesBehindLeadingWordsAreRead(_ text: String, _ expected: CalendarDate) {
        #expect(DateText.parse(text) == expected)
        #expect(DateText.date(from: .string(text)) == expected)
    }

    @Test(arguments: [
        "End of Q3", "End of", "w/c", "w/c 31/02/2024", "w/c March 2024", "w/c Q1 2024/25", "End of March 2024x",
        "End of Q5 2024/25", "w/c04/03/2024", "Endof Q1 2024/25",
    ])
    func leadingWordsWithoutADateAreNotDates(_ text: String) {
        #expect(DateText.parse(text) == nil)
    }
}
