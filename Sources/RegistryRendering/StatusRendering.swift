import RegistryCore

/// Renders `registry status`: the schema, the rows per table, each source's last import and the list editions.
package struct StatusRendering {
    package let status: RegistryStatus
    /// Sources last imported more than this many days ago are stale.
    package let staleAfter: Int

    package init(status: RegistryStatus, staleAfter: Int) {
        self.status = status
        self.staleAfter = staleAfter
    }

    /// The sources whose last import is older than `staleAfter` days (the seeds never go stale).
    package var stale: [SourceFreshness] {
        status.sources.filter { source in
            source.source != "seeds" && (source.ageInDays.map { $0 > staleAfter } ?? false)
        }
    }

    package var json: JSON {
        let stale = stale
        return .object([
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
            ("publications", .array(status.publications.map(Self.publication))),
        ])
    }

    private static func publication(_ item: PublicationFreshness) -> JSON {
        let fetch = { (fetch: PublicationFetch?) in JSON(fetch?.fetchedAt) }
        return .object([
            ("name", .string(item.state.source.name)), ("kind", .string(item.state.source.kind.rawValue)),
            ("url", .string(item.state.source.url)), ("newestEdition", JSON(item.newestEdition?.english)),
            ("newestEditionOn", JSON(item.newestEditionOn)), ("lastFetchAt", fetch(item.state.lastFetch)),
            ("lastFetchOutcome", JSON(item.state.lastFetch?.outcome.rawValue)),
            ("lastSuccessAt", fetch(item.state.lastSuccess)), ("lastChangeAt", fetch(item.state.lastChange)),
            ("warnings", JSON(item.warnings.map(\.english))),
        ])
    }

    package var text: String {
        var lines = [
            "Schema \(status.schemaVersion)"
                + (status.pendingMigrations.isEmpty
                    ? "" : " (pending: \(status.pendingMigrations.joined(separator: ", ")))"),
            "",
        ]
        var counts = TextTable()
        counts.headers = ["TABLE", "ROWS"]
        for count in status.counts { counts.append([count.table, "\(count.rows)"]) }
        lines.append(counts.rendered)
        lines.append(sourcesTable.rendered)
        for item in status.publications {
            let at = { (fetch: PublicationFetch?) in fetch.map { String($0.fetchedAt.prefix(16)) } ?? "never" }
            lines.append(
                terminalSafe(
                    "Publication \(item.state.source.name): newest edition \(item.newestEdition?.english ?? "none read"); "
                        + "last successful fetch \(at(item.state.lastSuccess)); last change \(at(item.state.lastChange))"
                ))
            lines += item.warnings.map { terminalSafe("  STALE: \($0)") }
        }
        if !status.editions.isEmpty {
            lines.append("")
            lines.append("Official lists as transcribed (until the steward imports each list itself):")
            lines += status.editions.map(editionLine)
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    private var sourcesTable: TextTable {
        let stale = stale
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
        return sources
    }

    private func editionLine(_ item: (edition: ListEdition, ageInDays: Int?)) -> String {
        let edition = item.edition
        let age = item.ageInDays.map { ", \($0) days old" } ?? ""
        let imported =
            status.sources.first { $0.source == edition.source.rawValue }?.lastRun?.endedAt
            .map { "; the steward has imported the list since (\($0.prefix(10)))" } ?? ""
        return terminalSafe(
            "  \(edition.source.rawValue): \(edition.title)\(edition.editionOn.map { " of \($0)" } ?? "")"
                + "\(age)\(edition.via.map { "; via \($0)" } ?? "")\(imported)")
    }
}
