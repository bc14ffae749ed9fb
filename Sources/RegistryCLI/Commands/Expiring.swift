import ArgumentParser
import RegistryCore

extension RegistryCommand {
    /// `registry expiring`: the expiry radar.
    struct Expiring: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List attestations and listings that end soon, and those still marked valid after their end.")

        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp("How many days ahead to look (default 90).", valueName: "days"))
        var within = 90

        @Option(help: "Output format: table (default on a terminal), json (default otherwise), csv, ndjson, markdown.")
        var format: OutputFormat?

        func validate() throws {
            guard within >= 0 else {
                throw ValidationError("--within counts days ahead; use 0 or more, such as --within 90")
            }
        }

        func run() throws {
            let facts = try database.open(forReading: true).expiring(within: within, on: database.clock.today)
            let columns = ["kind", "id", "provider", "what", "status", "endsOn", "daysLeft", "warning", "source"]
            let rows: [[JSON]] = facts.map { fact in
                [
                    .string(fact.kind), .string(fact.id), .string(fact.providerId), .string(fact.what),
                    .string(fact.status), .string(fact.endsOn.description), .int(fact.daysLeft),
                    fact.staleStatus ? .string("ended on \(fact.endsOn) but still marked \(fact.status)") : .null,
                    .string(fact.source),
                ]
            }
            try emit(ListRendering(columns: columns, rows: rows, nullText: "-").render(OutputFormat.resolved(format)))
        }
    }
}
