import ArgumentParser
import RegistryCore
import RegistryRendering

extension RegistryCommand {
    /// `registry history`: every change to the facts, newest first, with the run that made it.
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "Show what changed, when, and which import run changed it (newest first).")

        @OptionGroup var database: DatabaseOptions

        @Argument(
            help: ArgumentHelp(
                "A provider id (all its facts) or the id of one fact, such as an offer.", valueName: "id"))
        var id: String?

        @Option(
            help: ArgumentHelp("Only changes made on or after this day.", valueName: "YYYY-MM-DD"),
            transform: Day.argument)
        var since: Day?

        @Option(
            help: ArgumentHelp(
                "Only changes made by runs of this kind (seeds, registry-json, secnumcloud, hds, hds-transparency, catalogue, or steward: alias add and merge).",
                valueName: "kind"))
        var source: String?

        @Option(
            name: .customLong("run"),
            help: ArgumentHelp(
                "Only the changes made by this import run (its number is in the import's report).", valueName: "n"))
        var runId: Int64?

        @Option(help: ArgumentHelp("At most this many changes.", valueName: "n"))
        var limit = 200

        @Option(help: "Output format: table (default on a terminal), json (default otherwise), csv, ndjson, markdown.")
        var format: OutputFormat?

        func validate() throws {
            let kinds = RunSource.allCases.map(\.rawValue)
            if let source, !kinds.contains(source) {
                throw ValidationError("unknown source '\(source)'; use one of: \(kinds.joined(separator: ", "))")
            }
            guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        }

        func run() throws {
            var filter = HistoryFilter()
            filter.id = id
            filter.since = since
            filter.source = source
            filter.run = runId
            filter.limit = limit
            let entries = try database.open(forReading: true).history(filter)
            let resolved = OutputFormat.resolved(format)
            let rendering = HistoryRendering(entries: entries)
            try emit(resolved == .table ? rendering.lines : rendering.list.render(resolved))
        }
    }
}
