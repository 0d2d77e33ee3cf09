import Spreadsheet
import Yams

/// Reads a profile file (YAML): header names, type and status spellings and group rules added to the standard
/// vocabulary, and default force and sheets. Every mistake is reported with its line and what is allowed.
public enum ProfileFile {
    static let topLevelKeys = [
        "force", "registerSheet", "portalSheet", "headers", "types", "states", "colours", "groups",
    ]

    /// The standard profile with the file's additions.
    public static func parse(_ text: String, path: String) throws -> Profile {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw HMICError(.badData, file: path, "not a valid YAML profile: \(Self.describe(error))")
        }
        var profile = Profile.standard
        profile.path = path
        guard let root else { return profile }
        guard let mapping = root.mapping else {
            throw problem(path, root, "a profile is a mapping of keys: \(topLevelKeys.joined(separator: ", "))")
        }
        var coloursNode: Node?
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { throw problem(path, keyNode, "keys must be text") }
            if value.isNull && topLevelKeys.contains(key) { continue }
            switch key {
            case "force": profile.force = try scalar(value, path, key)
            case "registerSheet": profile.registerSheets = try strings(value, path, key)
            case "portalSheet": profile.portalSheet = try scalar(value, path, key)
            case "headers": try readHeaders(value, path, into: &profile)
            case "types":
                try readSpellings(value, path, section: "types", allowed: RecordType.allCases.map(\.rawValue)) {
                    name, list in
                    let type = RecordType(rawValue: name)!
                    profile.typeSpellings[type] = try changedList(
                        list, path, "types.\(name)", current: profile.typeSpellings[type] ?? [],
                        fold: Words.vocabularyKey)
                }
            case "states":
                try readSpellings(value, path, section: "states", allowed: LifecycleState.allCases.map(\.rawValue)) {
                    name, list in
                    let state = LifecycleState(rawValue: name)!
                    profile.stateSpellings[state] = try changedList(
                        list, path, "states.\(name)", current: profile.stateSpellings[state] ?? [],
                        fold: Words.vocabularyKey)
                }
            case "groups": profile.groupRules = try readGroupRules(value, path)
            case "colours": coloursNode = value
            default:
                throw problem(path, keyNode, "unknown key '\(key)'; allowed: \(topLevelKeys.joined(separator: ", "))")
            }
        }
        try checkSpellingsAreUnambiguous(profile, path)
        profile.rebuildIndexes()
        // Read last: a colour's meaning may be a status spelling the profile adds.
        if let coloursNode { profile = profile.applying(try readColours(coloursNode, path, vocabulary: profile)) }
        return profile
    }

    private static func readHeaders(_ node: Node, _ path: String, into profile: inout Profile) throws {
        guard let sides = node.mapping else {
            throw problem(path, node, "'headers' holds 'register:' and 'portal:' mappings")
        }
        for (sideNode, fields) in sides {
            guard let side = sideNode.string.flatMap(Source.init(rawValue:)) else {
                throw problem(
                    path, sideNode, "unknown side '\(sideNode.string ?? "")' under headers; allowed: register, portal")
            }
            try readSpellings(
                fields, path, section: "headers.\(side.rawValue)", allowed: Field.allCases.map(\.rawValue)
            ) { name, list in
                let field = Field(rawValue: name)!
                profile.headers[side, default: [:]][field] = try changedList(
                    list, path, "headers.\(side.rawValue).\(name)", current: profile.headers[side]?[field] ?? [],
                    fold: Words.headerKey)
            }
        }
    }

    /// A list after a profile entry: a list (or a single name) adds to `current`; a mapping may `add` entries,
    /// `remove` default ones, or `replace` them all. `fold` decides which entries are the same.
    private static func changedList(
        _ node: Node, _ path: String, _ key: String, current: [String], fold: (String) -> String
    ) throws -> [String] {
        guard let changes = node.mapping else { return current + (try strings(node, path, key)) }
        var names = current
        for (changeNode, value) in changes {
            switch changeNode.string {
            case "add": names += try strings(value, path, "\(key).add")
            case "replace": names = try strings(value, path, "\(key).replace")
            case "remove":
                for removed in try strings(value, path, "\(key).remove") {
                    let removedKey = fold(removed)
                    guard names.contains(where: { fold($0) == removedKey }) else {
                        throw problem(
                            path, value,
                            "'\(removed)' is not among the entries of \(key) to remove; entries: "
                                + names.map { "'\($0)'" }.joined(separator: ", "))
                    }
                    names.removeAll { fold($0) == removedKey }
                }
            default:
                throw problem(
                    path, changeNode,
                    "unknown change '\(changeNode.string ?? "")' under \(key); allowed: add, remove, replace")
            }
        }
        return names
    }

    /// `colours:` maps a colour to what it means on this force's register ("green: on track").
    private static func readColours(_ node: Node, _ path: String, vocabulary: Profile) throws -> ColourKey {
        guard let mapping = node.mapping else {
            throw problem(path, node, "'colours' maps colours to their meaning, e.g. 'blue: complete'")
        }
        var meanings: [String: LifecycleState] = [:]
        for (colourNode, meaningNode) in mapping {
            let colour = Words.vocabularyKey(colourNode.string ?? "")
            guard ColourKey.colours.contains(colour) else {
                throw problem(
                    path, colourNode,
                    "unknown colour '\(colourNode.string ?? "")' under colours; allowed: "
                        + ColourKey.colours.sorted().joined(separator: ", "))
            }
            guard !ColourKey.fixed.contains(colour) else {
                throw problem(
                    path, colourNode,
                    "\(colour.uppercased()) has the same meaning for every force (RED and AMBER open, WHITE not applicable) and cannot be changed"
                )
            }
            let meaning = meaningNode.string ?? ""
            guard
                let state = LifecycleState(rawValue: meaning) ?? vocabulary.lifecycleState(meaning)
            else {
                throw problem(
                    path, meaningNode,
                    "'\(meaning)' is not a status the tool knows; use one of "
                        + LifecycleState.allCases.map(\.rawValue).joined(separator: ", ") + " or a spelling of one")
            }
            meanings[colour] = state
        }
        return ColourKey(meanings: meanings)
    }

    /// Reads `name: [spelling, …]` (or `name: {add:, remove:, replace:}`) pairs whose names must be among `allowed`.
    private static func readSpellings(
        _ node: Node, _ path: String, section: String, allowed: [String],
        _ read: (String, Node) throws -> Void
    ) throws {
        guard let mapping = node.mapping else {
            throw problem(
                path, node,
                "'\(section)' maps names to lists of spellings; names allowed: \(allowed.joined(separator: ", "))")
        }
        for (nameNode, list) in mapping {
            guard let name = nameNode.string, allowed.contains(name) else {
                throw problem(
                    path, nameNode,
                    "unknown name '\(nameNode.string ?? "")' under \(section); allowed: \(allowed.joined(separator: ", "))"
                )
            }
            try read(name, list)
        }
    }

    private static func readGroupRules(_ node: Node, _ path: String) throws -> [GroupRule] {
        let allowedGroups = InspectionGroup.allCases.map(\.rawValue)
        guard let items = node.sequence else {
            throw problem(
                path, node, "'groups' is a list of rules such as '- {title: spotlight, group: National PEEL}'")
        }
        return try items.map { item in
            guard let rule = item.mapping, let title = rule["title"]?.string, !Words.split(title).isEmpty,
                let groupNode = rule["group"]
            else {
                throw problem(
                    path, item,
                    "a group rule needs 'title' (words in the inspection title, at least one letter or digit) and 'group'"
                )
            }
            guard let group = groupNode.string.flatMap(InspectionGroup.parse) else {
                throw problem(
                    path, groupNode,
                    "unknown group '\(groupNode.string ?? "")'; allowed: \(allowedGroups.joined(separator: "; "))")
            }
            return GroupRule(phrase: title, group: group)
        }
    }

    /// A spelling given to two different states or types would make the vocabulary guess: refuse it.
    private static func checkSpellingsAreUnambiguous(_ profile: Profile, _ path: String) throws {
        var seen: [String: String] = [:]
        for state in LifecycleState.allCases {
            for spelling in profile.stateSpellings[state, default: []] {
                guard let key = spellingKey(spelling) else { continue }
                if let other = seen[key], other != state.rawValue {
                    throw HMICError(
                        .badData, file: path,
                        "the status spelling '\(spelling)' is given to both \(other) and \(state.rawValue)")
                }
                seen[key] = state.rawValue
            }
        }
        seen = [:]
        for type in RecordType.allCases {
            for spelling in profile.typeSpellings[type, default: []] {
                guard let key = spellingKey(spelling) else { continue }
                if let other = seen[key], other != type.rawValue {
                    throw HMICError(
                        .badData, file: path,
                        "the type spelling '\(spelling)' is given to both \(other) and \(type.rawValue)")
                }
                seen[key] = type.rawValue
            }
        }
    }

    /// The vocabulary key of plain words or a leading phrase; nil for a regular expression, which has none.
    private static func spellingKey(_ spelling: String) -> String? {
        switch TextPattern(spelling) {
        case .words(let words), .leadingPhrase(let words): return Words.vocabularyKey(words)
        case .regularExpression: return nil
        }
    }

    private static func scalar(_ node: Node, _ path: String, _ key: String) throws -> String {
        guard let text = node.scalar?.string, !text.isEmpty else {
            throw problem(path, node, "'\(key)' takes a single text value")
        }
        return text
    }

    /// A list of names or spellings (or a single one); each is checked as a pattern: one that would match blank
    /// cells, or a regular expression that does not compile, is refused with its line.
    private static func strings(_ node: Node, _ path: String, _ key: String) throws -> [String] {
        if let single = node.scalar, single.string.isEmpty, single.style == .plain { return [] }
        let items = node.scalar != nil ? [node] : node.sequence.map(Array.init)
        guard let items else {
            throw problem(path, node, "'\(key)' takes a list of text values, e.g. [Green, Done]")
        }
        return try items.map { item in
            guard let text = item.scalar?.string else { throw problem(path, item, "'\(key)' takes text values only") }
            if let why = TextPattern(text).problem {
                throw problem(path, item, "the entry '\(text)' under \(key) cannot be used: \(why)")
            }
            return text
        }
    }

    private static func problem(_ path: String, _ node: Node, _ message: String) -> HMICError {
        let line = node.mark.map { "line \($0.line): " } ?? ""
        return HMICError(.badData, file: path, "\(line)\(message)")
    }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            return "line \(mark.line), column \(mark.column): \(problem)\(context.map { " \($0.text)" } ?? "")"
        default:
            return "\(error)"
        }
    }

    /// A profile holding every default, commented, for `hmic-reconcile profile init`.
    public static func template() -> String {
        func list(_ items: [String]) -> String {
            "[" + items.map { "\"\($0.replacingAll("\"", with: "\\\""))\"" }.joined(separator: ", ") + "]"
        }
        let standard = Profile.standard
        var out = """
            # hmic-reconcile profile. Everything here is ADDED to the standard vocabulary (rules §2): names and
            # spellings are matched without case, punctuation, spacing or a plural "s". Remove what you do not need;
            # the values below are the defaults, listed so that you can see what is already understood.
            #
            # Any name or spelling may also be a pattern:
            #   "Force lead…"         a leading phrase ("…" or "..." at the end): any text starting with these words,
            #                         such as "Force Lead (Chief Officer)"
            #   "/^rag( status)?$/"   a regular expression between slashes, searched for in the text, any case
            # Statuses and types are always read by their leading words too: "Completed – evidence submitted
            # 12/03/2024" is closed because it starts with "Completed".
            # An entry that would match a blank cell ("", "-", "/.*/") is refused: every blank cell would take it.

            # The force to keep from a national portal export when --force is not given.
            # force: Northmoor Police

            # The sheets to read when --register-sheet / --portal-sheet are not given. Without either, the register is
            # every visible sheet whose header row names its columns. A register kept on several sheets may list them:
            # registerSheet: [PEEL 2023-25, Vetting 2022, Archive]
            # registerSheet: Register
            # portalSheet: Export

            # Header names per column, on each side. A list ADDS names to the defaults. To drop or swap defaults,
            # give the field a mapping instead of a list:
            #   status: {remove: [progress]}                 # a "Progress" column is not the status here
            #   reference: {replace: ["Force ref", "ID"]}    # only these names are the reference
            #   description: {add: ["Finding…"], remove: [text]}
            headers:

            """
        for side in [Source.register, .portal] {
            out += "  \(side.rawValue):\n"
            for field in Field.allCases {
                guard let names = standard.headers[side]?[field], !names.isEmpty else { continue }
                out += "    \(field.rawValue): \(list(names))\n"
            }
        }
        out += "\n# Spellings of each record type.\ntypes:\n"
        for type in RecordType.allCases { out += "  \(type.rawValue): \(list(standard.typeSpellings[type] ?? []))\n" }
        out += "\n# Spellings of each lifecycle state. A status outside these is reported, never guessed:\n"
        out += "# add it here once you know what it means. As with headers, {remove: [...]} or {replace: [...]}\n"
        out += "# drops or swaps default spellings (types too).\nstates:\n"
        for state in LifecycleState.allCases {
            out += "  \(state.rawValue): \(list(standard.stateSpellings[state] ?? []))\n"
        }
        out += """

            # What your register's colours mean. RED and AMBER are open and WHITE not applicable for every force;
            # GREEN, BLUE and the others mean different things in different forces, so they are unrecognised until a
            # key row on the sheet ("BLUE = complete", "GREEN – on track") or these lines say what they mean. A key
            # row on a sheet wins over these lines for that sheet's rows.
            colours:
              # green: on track
              # blue: complete

            # Rules tried before the standard ones when an inspection title decides the group (whole words, any case).
            # Groups: \(InspectionGroup.allCases.map(\.rawValue).joined(separator: "; ")).
            groups:
              # - {title: "state of policing", group: "Other national thematic inspections"}

            """
        return out
    }
}

extension Node {
    /// True for an empty value (`key:` followed by nothing or only comments).
    var isNull: Bool {
        guard let scalar else { return false }
        return scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null"
    }
}
