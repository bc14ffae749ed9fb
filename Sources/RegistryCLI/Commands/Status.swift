import ArgumentParser
import Foundation
import RegistryCore

extension RegistryCommand {
    /// `registry status`: schema, sizes, and the age of each source.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the schema version, the rows per table and when each source was last imported.")

        @OptionGroup var database: DatabaseOptions

        @Option(
            name: .customLong("stale-after"),
            help: ArgumentHelp("Warn about sources last imported more than this many days ago.", valueName: "days"))
        var staleAfter = 7

        @Option(help: "Output format: text (default on a terminal) or json (default otherwise).")
        var format: ReportFormat?

        func run() throws {
            let today = database.clock.today
            let status = try database.open(forReading: true).status(on: today)
            let stale = status.sources.filter { source in
                source.source != "seeds" && (source.ageInDays.map { $0 > staleAfter } ?? false)
            }
            if (format ?? (isatty(STDOUT_FILENO) == 1 ? .text : .json)) == .json {
                let object = JSON.object([
                    ("schemaVersion", .string(status.schemaVersion)),
                    ("pendingMigrations", JSON(status.pendingMigrations)),
                    ("counts", .object(status.counts.map { ($0.table, .int($0.rows)) })),
                    (
                        "sources",
                        .array(
                            status.sources.map { source in
                                .object([
                                    ("source", .string(source.source)),
                                    ("lastRunId", source.lastRun?.id.map { .int(Int($0)) } ?? .null),
                                    ("lastImportedAt", JSON(source.lastRun?.endedAt)),
                                    ("file", JSON(source.lastRun?.fileName)),
                                    ("ageInDays", source.ageInDays.map { .int($0) } ?? .null),
                                    ("stale", .bool(stale.contains(source))),
                                ])
                            })
                    ),
                    ("staleAfterDays", .int(staleAfter)),
                ])
                try emit(object.serialized() + "\n")
            } else {
                var lines = [
                    "Schema \(status.schemaVersion)"
                        + (status.pendingMigrations.isEmpty
                            ? "" : " (pending: \(status.pendingMigrations.joined(separator: ", ")))")
                ]
                lines.append("")
                var counts = TextTable()
                counts.headers = ["TABLE", "ROWS"]
                for count in status.counts { counts.append([count.table, "\(count.rows)"]) }
                lines.append(counts.rendered)
                var sources = TextTable()
                sources.headers = ["SOURCE", "LAST IMPORT", "AGE", "RUN", "FILE"]
                for source in status.sources {
                    let run = source.lastRun
                    sources.append([
                        source.source, run?.endedAt.map { String($0.prefix(19)) } ?? "never",
                        source.ageInDays.map { "\($0) d" + (stale.contains(source) ? " STALE" : "") } ?? "-",
                        run?.id.map { "\($0)" } ?? "-", run?.fileName ?? "-",
                    ])
                }
                lines.append(sources.rendered)
                try emit(lines.joined(separator: "\n"))
            }
            for source in stale {
                note(
                    "warning: \(source.source) was last imported \(source.ageInDays ?? 0) days ago (more than \(staleAfter)); run the nightly import"
                )
            }
        }
    }
}
