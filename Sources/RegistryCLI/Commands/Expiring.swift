import ArgumentParser
import RegistryCore
import RegistryRendering

extension RegistryCommand {
    /// `registry expiring`: the expiry radar.
    struct Expiring: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "expiring",
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
            try emit(ExpiringRendering(facts: facts).list.render(OutputFormat.resolved(format)))
        }
    }
}
