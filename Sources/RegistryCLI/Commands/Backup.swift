import ArgumentParser
import Foundation
import RegistryCore
import RegistryRendering

extension RegistryCommand {
    /// `registry backup FILE`: a consistent, checked copy.
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backup",
            abstract: "Copy the database consistently while it is in use, then check the copy.",
            discussion: "`registry restore FILE` puts a backup back.")

        @OptionGroup var database: DatabaseOptions

        @Argument(
            help: ArgumentHelp("The new file to write; an existing file is never overwritten.", valueName: "file"))
        var file: String

        @Option(help: "Output format: text (default on a terminal) or json (default otherwise).")
        var format: ReportFormat?

        func run() throws {
            let problems = try database.open(forReading: true, existing: true).backup(
                to: file, on: database.clock.today)
            note("backup written to \(file)")
            try reportCheckProblems(problems, format: format)
        }
    }
}
