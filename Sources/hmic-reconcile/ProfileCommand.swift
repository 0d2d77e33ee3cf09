import ArgumentParser
import Reconciliation
import Report

/// `--profile FILE`, shared by `reconcile` and `inspect`.
struct ProfileOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "A YAML profile adding header names, spellings and group rules (see 'profile init').",
            valueName: "file"))
    var profile: String?

    /// The standard vocabulary, with the profile's additions when one is given.
    func load() throws -> Profile {
        try Profile.read(path: profile)
    }
}

/// `hmic-reconcile profile`: help with profile files.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Write or check a profile file.",
        subcommands: [Init.self, Check.self])

    /// `profile init`: a commented profile holding every default.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a commented profile holding every default.",
            discussion: "Example: hmic-reconcile profile init > northmoor.yaml")

        func run() throws {
            do {
                try StandardOutput.write(ProfileFile.template())
            } catch {
                throw ExitStatus.report(error)
            }
        }
    }

    /// `profile check`: parses a profile and reports its first mistake.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a profile file and report its first mistake with its line.",
            discussion: "Example: hmic-reconcile profile check northmoor.yaml")

        @Argument(help: ArgumentHelp("The profile file.", valueName: "file"))
        var file: String

        func run() throws {
            do {
                _ = try ProfileOption(profile: file).load()
                printError("\(file): the profile is valid")
            } catch {
                throw ExitStatus.report(error)
            }
        }
    }
}

extension ProfileOption {
    init(profile: String?) {
        self.init()
        self.profile = profile
    }
}
