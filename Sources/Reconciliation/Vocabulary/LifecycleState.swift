/// Where a finding stands, on either side (rules §2, "States").
public enum LifecycleState: String, CaseIterable, Sendable, Codable {
    case open
    case closureRequested = "closure-requested"
    case awaitingCentralSignOff = "awaiting-central-sign-off"
    case closed
    case notApplicable = "not-applicable"

    /// The default spellings, matched case-insensitively with punctuation and plurals ignored, and also as the
    /// leading words of a sentence ("Completed – evidence submitted 12/03/2024" is closed). GREEN and BLUE are
    /// not here: forces give them different meanings, so only a colour key says what they mean.
    public static let defaultSpellings: [LifecycleState: [String]] = [
        .open: [
            "open", "in progress", "being progressed", "ongoing", "not started", "awaiting allocation", "live",
            "active", "red", "amber",
            // HMICFRS's public recommendation register gives a new recommendation this state before any progress
            // is recorded ("awaiting review", then "being progressed", then "complete"): no request for closure.
            "awaiting review",
            // A delivery lead's position while the work goes on.
            "on track", "at risk", "off track", "partially complete", "partially completed",
        ],
        .closureRequested: [
            "submitted for closure", "closure requested", "awaiting FLL review",
            "proposed for closure",
        ],
        .awaitingCentralSignOff: [
            "closed by FLL", "closed by FLL awaiting central sign-off", "awaiting central sign-off",
            "awaiting sign-off", "pending sign-off", "FLL closed",
            "closed by FLL - awaiting central sign off", "FLL closed awaiting central sign-off",
            "awaiting HMICFRS sign-off", "awaiting HMIC sign-off", "pending HMICFRS sign-off",
        ],
        .closed: ["closed", "complete", "completed", "signed off", "filed as complete"],
        .notApplicable: ["white", "not applicable", "superseded", "withdrawn"],
    ]

    /// Live on the force's register: still to be delivered.
    public var isLiveOnRegister: Bool { self == .open || self == .closureRequested }

    /// Live on the portal: an item closed by the FLL "remains on the portal" until central sign-off.
    public var isLiveOnPortal: Bool { isLiveOnRegister || self == .awaitingCentralSignOff }
}
