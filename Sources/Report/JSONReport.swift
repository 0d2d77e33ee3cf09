import Reconciliation
import Spreadsheet

/// The `--json` result, schemaVersion 1 (rules §6), written as it is walked: a million matches are never held as
/// a document in memory. A run with returned update forms adds `updates`, `closureCandidates`, `formsNotReturned`
/// and `formProblems` (rules §9).
public enum JSONReport {
    /// Writes the whole document, ending with a line break, and flushes the output.
    public static func write(
        _ result: Reconciliation, register: InputFacts, portal: InputFacts, updateRound: UpdateRound? = nil,
        to output: inout ByteOutput
    ) throws {
        var json = JSONWriter(output: output)
        try json.beginObject()
        try json.key("schemaVersion")
        try json.int(1)
        try json.key("tool")
        try json.beginObject()
        try json.key("name")
        try json.string(ToolInfo.name)
        try json.key("version")
        try json.string(ToolInfo.version)
        json.endObject()
        try json.key("asOf")
        try json.string(result.asOf.description)
        try json.key("force")
        try json.string(result.force)
        try json.key("inputs")
        try inputs(result, register: register, portal: portal, to: &json)
        try json.key("summary")
        try summary(result.summary, to: &json)
        try json.key("matches")
        try matches(result, to: &json)
        try json.key("discrepancies")
        try discrepancies(result.discrepancies, to: &json)
        if let updateRound, updateRound.hasReturns {
            try UpdateRoundJSON(result: result, round: updateRound).write(to: &json)
        }
        json.endObject()
        try json.finish()
    }

    /// Each input's path, hash, sheet, header row and records read.
    static func inputs(
        _ result: Reconciliation, register: InputFacts, portal: InputFacts, to json: inout JSONWriter
    ) throws {
        try json.beginObject()
        for (name, facts, source) in [("register", register, result.register), ("portal", portal, result.portal)] {
            try json.key(named: name)
            try json.beginObject()
            try json.key("path")
            try json.string(facts.path)
            try json.key("sha256")
            try json.string(facts.sha256)
            try json.key("sheet")
            try json.string(source.sheet)
            try json.key("headerRow")
            try json.int(source.headerRow)
            try json.key("records")
            try json.int(source.records.count)
            if source.source == .portal {
                try json.key("rowsRead")
                try json.int(source.rowsRead)
            }
            json.endObject()
        }
        json.endObject()
    }

    /// Every pair, in register order.
    static func matches(_ result: Reconciliation, to json: inout JSONWriter) throws {
        let register = result.register.records
        let portal = result.portal.records
        try json.beginArray()
        for match in result.alignment.matches {
            try json.beginObject()
            try json.key("registerRef")
            try json.string(register[match.register].displayReference)
            try json.key("portalRef")
            try json.string(portal[match.portal].displayReference)
            try json.key("method")
            try json.string(match.method.rawValue)
            try json.key("score")
            try json.double(match.score)
            try json.key("registerRow")
            try json.int(register[match.register].row)
            try json.key("portalRow")
            try json.int(portal[match.portal].row)
            json.endObject()
        }
        json.endArray()
    }

    /// Every discrepancy, in the board's order.
    static func discrepancies(_ discrepancies: [Discrepancy], to json: inout JSONWriter) throws {
        try json.beginArray()
        for discrepancy in discrepancies {
            try json.beginObject()
            try json.key("id")
            try json.string(discrepancy.id)
            try json.key("class")
            try json.string(discrepancy.kind.rawValue)
            try json.key("severity")
            try json.string(discrepancy.severity.rawValue)
            try json.key("registerRef")
            try json.string(discrepancy.registerRef)
            try json.key("portalRef")
            try json.string(discrepancy.portalRef)
            try json.key("registerRow")
            try json.int(discrepancy.registerRow)
            try json.key("portalRow")
            try json.int(discrepancy.portalRow)
            try json.key("detail")
            try json.string(discrepancy.detail)
            json.endObject()
        }
        json.endArray()
    }

    static func summary(_ s: Summary, to json: inout JSONWriter) throws {
        func counts(_ c: SummaryCounts) throws {
            try json.beginObject()
            try json.key("register")
            try json.int(c.register)
            try json.key("notOnPortal")
            try json.int(c.notOnPortal)
            try json.key("portal")
            try json.int(c.portal)
            try json.key("awaitingCentralSignOff")
            try json.int(c.awaitingCentralSignOff)
            json.endObject()
        }
        try json.beginObject()
        try json.key("groups")
        try json.beginArray()
        for g in InspectionGroup.allCases {
            try json.beginObject()
            try json.key("group")
            try json.string(g.rawValue)
            for t in RecordType.allCases {
                try json.key(named: t.rawValue)
                try counts(s.counts(g, t))
            }
            json.endObject()
        }
        json.endArray()
        try json.key("total")
        try json.beginObject()
        for t in RecordType.allCases {
            try json.key(named: t.rawValue)
            try counts(s.total(t))
        }
        json.endObject()
        try json.key("discrepancies")
        try json.beginObject()
        for c in DiscrepancyClass.allCases {
            try json.key(named: c.rawValue)
            try json.int(s.discrepancyCounts[c] ?? 0)
        }
        json.endObject()
        json.endObject()
    }
}
