import Reconciliation

/// The `--json` result, schemaVersion 1 (SPEC §6).
public enum JSONReport {
    /// Builds the whole document.
    public static func document(_ result: Reconciliation, register: InputFacts, portal: InputFacts) -> JSONValue {
        let reg = result.register.records, por = result.portal.records
        return .object([
            ("schemaVersion", .int(1)),
            ("tool", .object([("name", .string(ToolInfo.name)), ("version", .string(ToolInfo.version))])),
            ("asOf", .string(result.asOf.description)),
            ("force", .optional(result.force)),
            ("inputs", .object([
                ("register", .object([
                    ("path", .string(register.path)), ("sha256", .string(register.sha256)),
                    ("sheet", .string(result.register.sheet)), ("headerRow", .int(result.register.headerRow)),
                    ("records", .int(reg.count)),
                ])),
                ("portal", .object([
                    ("path", .string(portal.path)), ("sha256", .string(portal.sha256)),
                    ("sheet", .string(result.portal.sheet)), ("headerRow", .int(result.portal.headerRow)),
                    ("records", .int(por.count)), ("rowsRead", .int(result.portal.rowsRead)),
                ])),
            ])),
            ("summary", summary(result.summary)),
            ("matches", .array(result.alignment.matches.map { m in
                .object([
                    ("registerRef", .string(reg.displayReference(at: m.register))),
                    ("portalRef", .string(por.displayReference(at: m.portal))),
                    ("method", .string(m.method.rawValue)),
                    ("score", .double(m.score)),
                    ("registerRow", .int(reg[m.register].row)),
                    ("portalRow", .int(por[m.portal].row)),
                ])
            })),
            ("discrepancies", .array(result.discrepancies.map { d in
                .object([
                    ("id", .string(d.id)), ("class", .string(d.kind.rawValue)), ("severity", .string(d.severity.rawValue)),
                    ("registerRef", .optional(d.registerRef)), ("portalRef", .optional(d.portalRef)),
                    ("registerRow", .optional(d.registerRow)), ("portalRow", .optional(d.portalRow)),
                    ("detail", .string(d.detail)),
                ])
            })),
        ])
    }

    static func summary(_ s: Summary) -> JSONValue {
        func counts(_ c: SummaryCounts) -> JSONValue {
            .object([("register", .int(c.register)), ("notOnPortal", .int(c.notOnPortal)), ("portal", .int(c.portal)),
                     ("awaitingCentralSignOff", .int(c.awaitingCentralSignOff))])
        }
        let groups: [JSONValue] = InspectionGroup.allCases.map { g in
            .object([("group", .string(g.rawValue))] + RecordType.allCases.map { ($0.rawValue, counts(s.counts(g, $0))) })
        }
        return .object([
            ("groups", .array(groups)),
            ("total", .object(RecordType.allCases.map { ($0.rawValue, counts(s.total($0))) })),
            ("discrepancies", .object(DiscrepancyClass.allCases.map { ($0.rawValue, .int(s.discrepancyCounts[$0] ?? 0)) })),
        ])
    }
}
