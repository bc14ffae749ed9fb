import ArgumentParser
import Foundation
import RegistryCore
import RegistryRendering

extension RegistryCommand {
    /// `registry merge DUPLICATE --into ID`.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
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
