import Reconciliation

/// The update form's shape, shared by the writer and the reader of returned forms: sheet names, column titles and
/// the labels of the block that says whose form it is.
enum FormLayout {
    /// The sheet of items.
    static let updateSheet = "Update"
    /// The sheet that says how to fill the form in and whose it is.
    static let instructionsSheet = "Instructions"
    /// What the Instructions sheet's "Form" row says: how a returned file is known as one of ours.
    static let formMarker = "hmic-reconcile update request"

    /// The labels of the Instructions sheet's identity block (column A), whose values sit in column B.
    enum Label {
        static let form = "Form"
        static let lead = "Delivery lead"
        static let round = "As at"
        static let force = "Force"
        static let items = "Items"
    }

    /// The item columns, locked: what the register and the portal say.
    enum Item {
        static let id = "ID"
        static let reference = "Ref"
        static let portalReference = "Portal ref"
        static let inspection = "Inspection"
        static let type = "Type"
        static let finding = "Finding"
        static let targetDate = "Target date"
        static let registerStatus = "Register status"
        static let portalStatus = "Portal status"
        static let lastUpdate = "Last update"
    }

    /// The lead's columns, unlocked (rules §9, after the seed's 3.4).
    enum Lead {
        static let position = "Current position"
        static let done = "What has been done"
        static let impact = "Impact"
        static let evidence = "Evidence"
        static let ongoing = "Ongoing actions"
        static let expectedCompletion = "Expected completion"
        static let proposeClosure = "Propose closure"
    }

    static let columns: [TableColumn] = [
        TableColumn(Item.id, min: 13, max: 13), TableColumn(Item.reference, min: 9, max: 12, wrap: true),
        TableColumn(Item.portalReference, min: 9, max: 13, wrap: true),
        TableColumn(Item.inspection, min: 12, max: 18, wrap: true),
        TableColumn(Item.type, min: 15, max: 15, wrap: true),
        TableColumn(Item.finding, min: 30, max: 40, wrap: true), TableColumn(Item.targetDate, min: 10, max: 11),
        TableColumn(Item.registerStatus, min: 15, max: 15, wrap: true),
        TableColumn(Item.portalStatus, min: 15, max: 15, wrap: true),
        TableColumn(Item.lastUpdate, min: 20, max: 30, wrap: true),
        TableColumn(Lead.position, min: 11, max: 11, wrap: true, board: true),
        TableColumn(Lead.done, min: 24, max: 30, wrap: true, board: true),
        TableColumn(Lead.impact, min: 20, max: 24, wrap: true, board: true),
        TableColumn(Lead.evidence, min: 20, max: 24, wrap: true, board: true),
        TableColumn(Lead.ongoing, min: 20, max: 24, wrap: true, board: true),
        TableColumn(Lead.expectedCompletion, min: 11, max: 11, board: true),
        TableColumn(Lead.proposeClosure, min: 9, max: 9, wrap: true, board: true),
    ]

    /// The 0-based column of `title`.
    static func column(_ title: String) -> Int { columns.firstIndex { $0.title == title }! }

    /// The answers the Propose closure drop-down offers.
    static let closureAnswers = ["Yes", "No"]
}
