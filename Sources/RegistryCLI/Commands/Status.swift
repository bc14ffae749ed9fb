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
                    (
                        "listEditions",
                        .array(
                            status.editions.map { item in
                                .object([
                                    ("source", .string(item.edition.source.rawValue)),
                                    ("title", .string(item.edition.title)), ("url", JSON(item.edition.url)),
                                    ("editionOn", JSON(item.edition.editionOn)), ("via", JSON(item.edition.via)),
                                    ("ageInDays", item.ageInDays.map { .int($0) } ?? .null),
                                ])
                            })
                    ),
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
                if !status.editions.isEmpty {
                    lines.append("")
                    lines.append("Official lists as transcribed (until the steward imports each list itself):")
                    for item in status.editions {
                        let edition = item.edition
                        let age = item.ageInDays.map { ", \($0) days old" } ?? ""
                        let imported =
                            status.sources.first { $0.source == edition.source.rawValue }?.lastRun?.endedAt
                            .map { "; the steward has imported the list since (\($0.prefix(10)))" } ?? ""
                        lines.append(
                            terminalSafe(
                                "  \(edition.source.rawValue): \(edition.title)\(edition.editionOn.map { " of \($0)" } ?? "")"
                                    + "\(age)\(edition.via.map { "; via \($0)" } ?? "")\(imported)"))
                    }
                    lines.append("")
                }
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
