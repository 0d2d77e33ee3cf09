import Reconciliation
import Spreadsheet

/// The form's Instructions sheet: how to fill the form in, after the seed's 3.4, and the block that says whose
/// form it is, which the reader of returned forms relies on.
struct FormInstructions {
    let form: RequestForm

    static let guidance: [(String, String)] = [
        (
            "Current position",
            "Choose from the list: On track, At risk, Off track, or Complete when the work is done."
        ),
        (
            "What has been done",
            "How the current position has been achieved: the activities undertaken."
        ),
        ("Impact", "What difference the activity has made."),
        (
            "Evidence",
            "The documents that show the activity and its impact took place: policies and guidance, evaluation "
                + "reports, meeting records. Needed before closure can be requested."
        ),
        (
            "Ongoing actions",
            "Actions still under way or yet to start, with the impact they are expected to have."
        ),
        ("Expected completion", "The date the remaining actions will be complete, such as 31/03/2027."),
        (
            "Propose closure",
            "Yes when there is evidence of sustained improvement and you think closure should be requested: the "
                + "board decides whether to put it to the HMICFRS Force Liaison Lead."
        ),
    ]

    func write(into sheet: SheetWriter) throws {
        try sheet.setColumn(first: 0, last: 0, width: 22)
        try sheet.setColumn(first: 1, last: 1, width: 90)
        try sheet.write(row: 1, column: 0, "How to fill in this form", style: Styles.title)
        try sheet.write(
            row: 2, column: 0,
            "Fill in the green columns of the Update sheet for each of your items, save the file (Excel or "
                + "LibreOffice, any name) and return it. Leave the other columns and this sheet as they are.",
            style: Styles.subtitle)
        var row = 4
        for (column, advice) in Self.guidance {
            try sheet.setRow(
                row, height: TableWriter.lineHeight * Double(TableWriter.lines(advice, width: 90, bold: false)))
            try sheet.write(row: row, column: 0, column, style: Styles.label)
            try sheet.write(row: row, column: 1, advice, style: Styles.wrapped)
            row += 1
        }
        row += 1
        try sheet.write(row: row, column: 0, "About this form", style: Styles.heading)
        let identity: [(String, String)] = [
            (FormLayout.Label.form, FormLayout.formMarker),
            (FormLayout.Label.lead, form.lead),
            (FormLayout.Label.force, form.force),
            (FormLayout.Label.items, String(form.items.count)),
        ]
        for (label, value) in identity {
            row += 1
            try sheet.write(row: row, column: 0, label, style: Styles.label)
            try sheet.write(row: row, column: 1, value, style: Styles.text)
        }
        row += 1
        try sheet.write(row: row, column: 0, FormLayout.Label.round, style: Styles.label)
        try sheet.write(row: row, column: 1, form.asOf, style: Styles.date)
        try PrintSetup.apply(to: sheet, footer: "&LInstructions&RPage &P of &N", repeatHeader: nil)
        try sheet.protect()
    }
}
