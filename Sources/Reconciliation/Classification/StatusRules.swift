/// Rules §4's table: the class a matched pair's states give, or nil when they agree.
public enum StatusRules {
    /// Register state (rows) × portal state (columns).
    public static func classify(register: LifecycleState, portal: LifecycleState) -> DiscrepancyClass? {
        switch (register, portal) {
        case (.open, .open), (.open, .closureRequested), (.closureRequested, .open),
            (.closureRequested, .closureRequested):
            return nil
        case (.open, .awaitingCentralSignOff), (.open, .closed), (.closureRequested, .awaitingCentralSignOff),
            (.closureRequested, .closed):
            return .closedInError
        case (.open, .notApplicable), (.closureRequested, .notApplicable):
            return .statusConflict
        case (.awaitingCentralSignOff, .open), (.awaitingCentralSignOff, .closureRequested),
            (.awaitingCentralSignOff, .awaitingCentralSignOff):
            return .awaitingCentralSignOff
        case (.awaitingCentralSignOff, .closed):
            return .registerOutOfDate
        case (.awaitingCentralSignOff, .notApplicable):
            return .statusConflict
        case (.closed, .open), (.closed, .closureRequested):
            return .statusConflict
        case (.closed, .awaitingCentralSignOff):
            return .awaitingCentralSignOff
        case (.closed, .closed), (.closed, .notApplicable):
            return nil
        case (.notApplicable, .open), (.notApplicable, .closureRequested), (.notApplicable, .awaitingCentralSignOff):
            return .statusConflict
        case (.notApplicable, .closed), (.notApplicable, .notApplicable):
            return nil
        }
    }
}
