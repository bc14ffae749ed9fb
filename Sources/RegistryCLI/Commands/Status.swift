import ArgumentParser
import Foundation
import RegistryCore
import RegistryRendering

extension RegistryCommand {
    /// `registry status`: schema, sizes, and the age of each source.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Show the schema version, the rows per table and when each source was last imported.")

        @OptionGroup var database: DatabaseOptions

        @Option(
            name: .customLong("stale-after"),
            help: ArgumentHelp("Warn about sources last imported more than this many days ago.", valueName: "days"))
        var staleAfter = 7

        @Option(help: "Output format: text (default on a terminal) or json (default otherwise).")
        var format: ReportFormat?

        func run() throws {
            let status = try database.open(forReading: true).status(on: database.clock.today)
            let rendering = StatusRendering(status: status, staleAfter: staleAfter)
            if (format ?? (isatty(STDOUT_FILENO) == 1 ? .text : .json)) == .json {
                try emit(rendering.json.serialized() + "\n")
            } else {
                try emit(rendering.text)
            }
            for source in rendering.stale {
                note(
                    "warning: \(source.source) was last imported \(source.ageInDays ?? 0) days ago (more than \(staleAfter)); run the nightly import"
                )
            }
        }
    }
}
