import ArgumentParser
import Foundation
import RegistryCore

extension RegistryCommand {
    /// `registry alias`: the names sources give providers and offers.
    struct Alias: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage the other names of providers and offers, which imports match.",
            subcommands: [Add.self])

        /// `registry alias add ID NAME`.
        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Give a provider or an offer another name: the next import naming it lands there.",
                discussion: """
                    Use it when an import report lists a new entry that is a twin of one the registry holds, \
                    before importing the list (again): registry alias add ovhcloud/hosted-private-cloud-snc \
                    "Hosted Private Cloud (VMware)". Recorded as a run in the history.
                    """)

            @OptionGroup var database: DatabaseOptions

            @Argument(help: ArgumentHelp("The provider or offer id.", valueName: "id"))
            var id: String

            @Argument(help: ArgumentHelp("The other name, as the source writes it.", valueName: "name"))
            var name: String

            @OptionGroup var write: StewardWriteOptions

            func run() throws {
                try write.report(try database.open().addAlias(name, to: id, dryRun: write.dryRun))
            }
        }
    }

    /// `registry merge DUPLICATE --into ID`.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge a duplicate provider or offer into the entry it duplicates.",
            discussion: """
                Every fact, alias, listing and site of the duplicate moves to the survivor; the duplicate's id \
                and names become aliases of the survivor, so that the next import lands there; the survivor's \
                unknown fields are filled from the duplicate. Offers merge within one provider. Recorded as a \
                run in the history, each move with its old and new values.
                """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The duplicate's id (it disappears).", valueName: "duplicate"))
        var duplicate: String

        @Option(help: ArgumentHelp("The id of the entry that stays.", valueName: "id"))
        var into: String

        @OptionGroup var write: StewardWriteOptions

        func run() throws {
            try write.report(try database.open().merge(duplicate, into: into, dryRun: write.dryRun))
        }
    }
}

/// The options of a steward's write (`alias add`, `merge`): a dry run, and the report's format.
struct StewardWriteOptions: ParsableArguments {
    @Flag(help: "Say what would change, write nothing.")
    var dryRun = false

    @Option(help: "Report format: text or json (default: text on a terminal, json otherwise).")
    var format: ReportFormat?

    /// Prints the write's report as an import's.
    func report(_ report: ImportReport) throws {
        let rendering = ImportReportRendering(report: report)
        try emit(format ?? (isatty(STDOUT_FILENO) == 1 ? .text : .json) == .json ? rendering.json : rendering.text)
    }
}
