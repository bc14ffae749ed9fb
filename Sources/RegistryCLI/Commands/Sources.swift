import ArgumentParser
import Foundation
import RegistryCore
import RegistryRendering

extension RegistryCommand {
    /// `registry sources`: the publications the nightly sync fetches.
    struct Sources: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sources",
            abstract: "List, set or remove the publications `registry sync` fetches.",
            discussion: """
                Built in: anssi-catalogue, ANSSI's PDF catalogue at its 2026 address. Each change is a write in \
                the history. The kinds are those `import` reads.
                """,
            subcommands: [List.self, Set.self, Remove.self], defaultSubcommand: List.self)

        /// `registry sources list`.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "Each publication with its last fetch, its last success and the last edition it changed.")

            @OptionGroup var database: DatabaseOptions

            @Option(help: "Output format: text or json (default: text on a terminal, json otherwise).")
            var format: ReportFormat?

            func run() throws {
                let states = try database.open(forReading: true).sources()
                if (format ?? (isatty(STDOUT_FILENO) == 1 ? .text : .json)) == .json {
                    return try emit(SyncRendering.sourcesJSON(states))
                }
                try emit(SyncRendering.sourcesText(states))
            }
        }

        /// `registry sources set NAME --url URL --kind KIND [--offer ID…]`.
        struct Set: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "set",
                abstract: "Create or change a publication: its address (HTTPS) and the kind of file it is.")

            @OptionGroup var database: DatabaseOptions

            @Argument(help: ArgumentHelp("The publication's name, such as anssi-catalogue.", valueName: "name"))
            var name: String

            @Option(
                help: ArgumentHelp("Its address: https://…, or http://127.0.0.1… for a local mirror.", valueName: "url")
            )
            var url: String

            @Option(
                help: ArgumentHelp(
                    "What it is: anssi-catalogue, registry-json, secnumcloud, hds, hds-transparency, hds-transparency-page or catalogue.",
                    valueName: "kind"))
            var kind: ImportSource

            @Option(
                name: .customLong("offer"),
                help: ArgumentHelp(
                    "For a host's transparency page: an offer it speaks for (repeat for several).", valueName: "id"))
            var offers: [String] = []

            @OptionGroup var write: StewardWriteOptions

            func run() throws {
                try write.report(
                    try database.open().setSource(
                        PublicationSource(name: name, url: url, kind: kind, offers: offers), dryRun: write.dryRun))
            }
        }

        /// `registry sources remove NAME`.
        struct Remove: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "remove", abstract: "Stop fetching a publication.")

            @OptionGroup var database: DatabaseOptions

            @Argument(help: ArgumentHelp("The publication's name.", valueName: "name"))
            var name: String

            @OptionGroup var write: StewardWriteOptions

            func run() throws {
                try write.report(try database.open().removeSource(name, dryRun: write.dryRun))
            }
        }
    }
}
