import ArgumentParser
import RegistryCore
import RegistryRendering

extension RegistryCommand {
    /// `registry list KIND`: the vocabulary a newcomer needs.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the providers, schemes, catalogues or countries the registry knows.")

        enum Kind: String, CaseIterable, ExpressibleByArgument {
            case providers, schemes, catalogues, countries
        }

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("What to list: providers, schemes, catalogues or countries.", valueName: "kind"))
        var kind: Kind

        @Option(
            help: "Output format: table, json, csv, ndjson or markdown (default: table on a terminal, json otherwise).")
        var format: OutputFormat?

        func run() throws {
            let registry = try database.open(forReading: true)
            let (columns, rows): ([String], [[JSON]])
            switch kind {
            case .providers:
                columns = ["id", "name", "hqCountry", "offers", "attestations"]
                rows = try registry.providerList().map {
                    [
                        .string($0.provider.id), .string($0.provider.name), JSON($0.provider.hqCountry),
                        .int($0.offerCount),
                        .int($0.attestationCount),
                    ]
                }
            case .schemes:
                columns = ["id", "name", "authority", "kind"]
                rows = try registry.vocabulary().schemes.map {
                    [.string($0.id), .string($0.name), .string($0.authority), .string($0.kind)]
                }
            case .catalogues:
                columns = ["id", "name", "kind"]
                rows = try registry.vocabulary().catalogues.map {
                    [.string($0.id), .string($0.name), .string($0.kind)]
                }
            case .countries:
                columns = ["code", "name", "eu", "eea"]
                rows = try registry.vocabulary().countries.map {
                    [.string($0.code), .string($0.name), .bool($0.eu), .bool($0.eea)]
                }
            }
            try emit(ListRendering(columns: columns, rows: rows).render(OutputFormat.resolved(format)))
        }
    }
}
