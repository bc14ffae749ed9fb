import ArgumentParser
import Foundation
import RegistryCore
import RegistryRendering

extension RegistryCommand {
    /// `registry export`: the whole registry in the canonical JSON format.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the whole registry in the canonical registry-json format.",
            discussion: "The output is deterministic: the same registry always gives the same bytes.")

        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
        var out: String?

        func run() throws {
            let data = try DocumentReader.encode(try database.open(forReading: true, existing: true).exportDocument())
            guard let out else { return try emit(data) }
            try writeOutput(data, to: out, database: database.resolvedPath)
        }
    }
}
