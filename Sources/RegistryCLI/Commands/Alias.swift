import ArgumentParser
import Foundation
import RegistryCore
import RegistryRendering

extension RegistryCommand {
    /// `registry alias`: the names sources give providers and offers.
    struct Alias: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "alias",
            abstract: "Manage the other names of providers and offers, which imports match.",
            subcommands: [Add.self])

        /// `registry alias add ID NAME`.
        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
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
}
