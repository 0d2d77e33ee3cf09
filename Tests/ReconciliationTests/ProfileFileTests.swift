import Testing

@testable import Reconciliation

/// Profile entries as patterns, header names removed or replaced, and entries that would match blank cells.
@Suite struct ProfileFileTests {
    @Test func aLeadingPhraseOrARegularExpressionNamesAHeader() throws {
        let profile = try ProfileFile.parse(
            """
            headers:
              register:
                forceLead: ["Force Lead…"]
                status: ["/^rag( status)?( \\\\(.*\\\\))?$/"]
            """, path: "p.yaml")
        let detector = HeaderDetector(source: .register, profile: profile)
        #expect(detector.field(forHeader: "Force Lead (Chief Officer)") == .forceLead)
        #expect(detector.field(forHeader: "RAG status (Q3)") == .status)
        #expect(detector.field(forHeader: "Lead") == nil)
    }

    @Test func aDefaultHeaderNameCanBeRemovedOrAllReplaced() throws {
        let profile = try ProfileFile.parse(
            """
            headers:
              register:
                status: {remove: [progress]}
                reference: {replace: ["Force ref"], add: [Our number]}
            """, path: "p.yaml")
        let detector = HeaderDetector(source: .register, profile: profile)
        #expect(detector.field(forHeader: "Progress") == nil)
        #expect(detector.field(forHeader: "Status") == .status)
        #expect(detector.field(forHeader: "Ref") == nil)
        #expect(detector.field(forHeader: "Force Ref") == .reference)
        #expect(detector.field(forHeader: "Our number") == .reference)
    }

    @Test func removingANameThatIsNotThereNamesTheLineAndTheNames() {
        #expect {
            try ProfileFile.parse("headers:\n  register:\n    status: {remove: [colour]}\n", path: "p.yaml")
        } throws: { error in
            let message = "\(error)"
            return message.contains("line 3") && message.contains("'colour'") && message.contains("'rag'")
                && message.contains("headers.register.status")
        }
    }

    @Test func aDefaultStatusOrTypeSpellingCanBeRemovedOrReplaced() throws {
        // A force whose "Complete" means the work is done but not yet evidenced: open until signed off.
        let profile = try ProfileFile.parse(
            """
            states:
              closed: {remove: [complete, completed]}
              open: [complete, completed]
            types:
              recommendation: {replace: [recommendation, rec]}
            """, path: "p.yaml")
        #expect(profile.lifecycleState("Complete") == .open)
        #expect(profile.lifecycleState("Closed") == .closed)
        #expect(profile.recordType("R") == nil)
        #expect(profile.recordType("Rec") == .recommendation)
    }

    @Test func statusAndTypeSpellingsMayBeRegularExpressions() throws {
        let profile = try ProfileFile.parse(
            "states:\n  closed: [\"/^done\\\\b/\"]\ntypes:\n  recommendation: [\"/^nat(ional)? rec/\"]\n",
            path: "p.yaml")
        #expect(profile.lifecycleState("DONE (see minutes)") == .closed)
        #expect(profile.lifecycleState("Undone") == nil)
        #expect(profile.recordType("National rec 4") == .recommendation)
    }

    @Test(arguments: [
        "states:\n  closed: [\"\"]\n", "states:\n  closed: [\"-\"]\n", "states:\n  closed: [\"/.*/\"]\n",
        "states:\n  closed: [\"/^$/\"]\n", "headers:\n  register:\n    status: [\"…\"]\n",
        "types:\n  recommendation: [\"/x?/\"]\n", "headers:\n  portal:\n    status: {add: [\"  \"]}\n",
    ])
    func anEntryThatWouldMatchBlankCellsIsRefused(_ text: String) {
        #expect {
            try ProfileFile.parse(text, path: "p.yaml")
        } throws: { error in
            "\(error)".contains("would match blank cells") && "\(error)".contains("line")
        }
    }

    @Test func aGroupRuleWithoutWordsIsRefused() {
        #expect {
            try ProfileFile.parse("groups:\n  - {title: \"-\", group: National PEEL}\n", path: "p.yaml")
        } throws: { error in "\(error)".contains("line 2") && "\(error)".contains("at least one letter or digit") }
    }

    @Test func aRegularExpressionThatDoesNotCompileIsRefused() {
        #expect {
            try ProfileFile.parse("states:\n  closed: [\"/([/\"]\n", path: "p.yaml")
        } throws: { error in "\(error)".contains("not a valid regular expression") && "\(error)".contains("line 2") }
    }

    @Test func coloursNeedAKnownColourThatIsNotFixedAndAKnownMeaning() {
        for (text, fragment) in [
            ("colours:\n  teal: complete\n", "unknown colour 'teal'"),
            ("colours:\n  red: complete\n", "RED has the same meaning for every force"),
            ("colours:\n  blue: sort of done\n", "'sort of done' is not a status"),
        ] {
            #expect {
                try ProfileFile.parse(text, path: "p.yaml")
            } throws: { error in "\(error)".contains(fragment) && "\(error)".contains("line 2") }
        }
    }

    @Test func aColourMayMeanAStatusTheProfileAdds() throws {
        let profile = try ProfileFile.parse(
            "colours:\n  blue: Done and dusted\nstates:\n  closed: [Done and dusted]\n", path: "p.yaml")
        #expect(profile.lifecycleState("Blue") == .closed)
    }

    @Test func theTemplateDocumentsPatternsChangesAndColoursAndLoads() throws {
        let template = ProfileFile.template()
        for fragment in ["a leading phrase", "a regular expression", "{remove:", "{replace:", "colours:", "blank"] {
            #expect(template.contains(fragment), "\(fragment)")
        }
        let profile = try ProfileFile.parse(template, path: "template.yaml")
        #expect(profile.lifecycleState("Green") == nil)
    }
}
