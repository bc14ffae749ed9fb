import ArgumentParser
import RegistryCore
import RegistryRendering

extension RegistryCommand {
    /// `registry profiles`: the regulation profiles `query --profile` takes.
    struct Profiles: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "profiles",
            abstract: "List the regulation profiles, the criteria each expands to, and its legal reference.")

        @OptionGroup var database: DatabaseOptions

        @Option(help: "Output format: table (default on a terminal), json (default otherwise), csv, ndjson, markdown.")
        var format: OutputFormat?

        func run() throws {
            let profiles = try database.open(forReading: true).profiles()
            let columns = ["id", "name", "criteria", "legalReference", "description"]
            let rows: [[JSON]] = profiles.map {
                [
                    .string($0.id), .string($0.name), .string($0.criteria), .string($0.legalReference),
                    .string($0.description),
                ]
            }
            try emit(ListRendering(columns: columns, rows: rows).render(OutputFormat.resolved(format)))
        }
    }
}
