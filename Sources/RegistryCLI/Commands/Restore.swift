import ArgumentParser
import Foundation
import RegistryCore
import RegistryRendering

extension RegistryCommand {
    /// `registry restore FILE`: a backup back in place, while readers run.
    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "restore",
            abstract: "Replace the database's content with a backup, in one transaction.",
            discussion: """
                The backup must be a registry of this version that passes `registry check`; otherwise nothing \
                changes (exit 65). Queries running meanwhile see the old registry or the restored one; an import \
                running meanwhile is waited for. Take a backup of the current database first if it may be needed.
                """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The backup written by `registry backup FILE`.", valueName: "file"))
        var file: String

        func run() throws {
            try database.open().restore(from: file, on: database.clock.today)
            note("restored \(database.resolvedPath) from \(file)")
        }
    }
}
