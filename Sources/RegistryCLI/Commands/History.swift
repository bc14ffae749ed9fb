import ArgumentParser
import RegistryCore

extension RegistryCommand {
    /// `registry history`: every change to the facts, newest first, with the run that made it.
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
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
            let kinds = ["seeds"] + ImportSource.allCases.map(\.rawValue) + ["steward"]
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
            let columns = ["changedAt", "table", "id", "operation", "summary", "changes", "runId", "source", "file"]
            let rows: [[JSON]] = entries.map { entry in
                [
                    .string(entry.changedAt), .string(entry.table), .string(entry.rowKey), .string(entry.operation),
                    .string(Self.describe(entry)),
                    .array(
                        entry.changes.map {
                            .object([("field", .string($0.field)), ("old", JSON($0.old)), ("new", JSON($0.new))])
                        }),
                    entry.runId.map { .int(Int($0)) } ?? .null, JSON(entry.runSource), JSON(entry.runFile),
                ]
            }
            let resolved = OutputFormat.resolved(format)
            if resolved == .table {
                try emit(entries.map { terminalSafe(Self.line($0)) + "\n" }.joined())
            } else {
                try emit(ListRendering(columns: columns, rows: rows).render(resolved))
            }
        }

        /// "2026-11-29 attestation ovhcloud/…: status qualified → withdrawn (run 12, secnumcloud.csv)".
        static func line(_ entry: HistoryEntry) -> String {
            let run =
                entry.runId.map { id in
                    " (run \(id)" + [entry.runSource, entry.runFile].compactMap { $0 }.map { ", \($0)" }.joined() + ")"
                } ?? " (no run: a change made outside registry)"
            return "\(entry.changedAt.prefix(10)) \(entry.table) \(entry.rowKey): \(describe(entry))\(run)"
        }

        static func describe(_ entry: HistoryEntry) -> String {
            switch entry.operation {
            case "insert":
                let summary = entry.changes.filter { ["name", "status", "schemeId", "version"].contains($0.field) }
                    .compactMap { change in change.new.map { "\(change.field) \($0)" } }
                return (["added"] + summary).joined(separator: ", ")
            case "delete":
                return "removed"
            default:
                return entry.changes.map { "\($0.field) \($0.old ?? "unknown") → \($0.new ?? "unknown")" }
                    .joined(separator: "; ")
            }
        }
    }
}
