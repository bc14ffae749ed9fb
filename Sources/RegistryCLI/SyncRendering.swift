import Foundation
import RegistryCore
import RegistryRendering
import RegistrySync

/// What `registry sync` and `registry sources` print: per publication, what happened and what to do.
enum SyncRendering {
    static func text(_ outcomes: [SyncOutcome]) -> String {
        var lines: [String] = []
        for outcome in outcomes {
            let fetch = outcome.fetch
            let copy = fetch.sha256.map { " — copy \($0)" } ?? ""
            switch fetch.outcome {
            case .imported:
                let counts = outcome.report.map {
                    "inserted \($0.counts.inserted), updated \($0.counts.updated), withdrawn \($0.counts.withdrawn)"
                }
                lines.append(
                    "\(fetch.source): imported\(fetch.edition.map { " the edition \($0)" } ?? "")\(copy)"
                        + (counts.map { "; \($0)" } ?? ""))
            case .unchanged:
                lines.append("\(fetch.source): unchanged (\(fetch.message ?? "nothing new"))")
            case .failed:
                lines.append(
                    "\(fetch.source): COULD NOT BE READ, nothing changed: \(fetch.message ?? "")"
                        + " — the next run tries again; if it lasts, check the address (registry sources)")
            case .refused:
                lines.append(
                    "\(fetch.source): REFUSED, nothing changed: \(fetch.message ?? "")\(copy)"
                        + (fetch.sha256 == nil ? "" : " (kept: registry archive export SHA --out FILE to look at it)"))
            }
        }
        return terminalText(lines.isEmpty ? ["no source to sync (registry sources)"] : lines)
    }

    static func json(_ outcomes: [SyncOutcome]) -> String {
        JSON.object([
            ("exitCode", .int(Int(SyncOutcome.exitCode(outcomes)))),
            ("sources", .array(outcomes.map(outcome))),
        ]).serialized() + "\n"
    }

    private static func outcome(_ outcome: SyncOutcome) -> JSON {
        let fetch = outcome.fetch
        var members: [(String, JSON)] = [
            ("source", .string(fetch.source)), ("url", JSON(fetch.url)), ("outcome", .string(fetch.outcome.rawValue)),
            ("exitCode", .int(Int(outcome.exitCode))), ("fetchedAt", .string(fetch.fetchedAt)),
            ("httpStatus", fetch.httpStatus.map(JSON.int) ?? .null), ("etag", JSON(fetch.etag)),
            ("lastModified", JSON(fetch.lastModified)), ("sha256", JSON(fetch.sha256)),
            ("edition", JSON(fetch.edition)), ("message", JSON(fetch.message)),
        ]
        if let report = outcome.report {
            members.append(
                (
                    "import",
                    .object([
                        ("status", .string(report.status.rawValue)),
                        ("runId", report.runId.map { JSON.int(Int($0)) } ?? .null),
                        ("inserted", .int(report.counts.inserted)), ("updated", .int(report.counts.updated)),
                        ("withdrawn", .int(report.counts.withdrawn)), ("reinstated", .int(report.counts.reinstated)),
                        ("errors", JSON(report.errors.map(\.description))),
                    ])
                ))
        }
        return .object(members)
    }

    static func sourcesText(_ states: [SourceState]) -> String {
        var table = TextTable("NAME", "KIND", "LAST FETCH", "LAST SUCCESS", "LAST CHANGE", "URL")
        for state in states {
            let when = { (fetch: PublicationFetch?) in
                fetch.map { "\($0.fetchedAt.prefix(16)) \($0.outcome.rawValue)" } ?? "never"
            }
            let offers = state.source.offers.map { " (" + $0.joined(separator: ", ") + ")" } ?? ""
            table.append([
                state.source.name, state.source.kind.rawValue + offers, when(state.lastFetch), when(state.lastSuccess),
                state.lastChange.map { "\($0.fetchedAt.prefix(10)) \($0.edition ?? "")" } ?? "never",
                state.source.url,
            ])
        }
        return terminalText(table.lines)
    }

    static func sourcesJSON(_ states: [SourceState]) -> String {
        let fetch = { (fetch: PublicationFetch?) -> JSON in
            guard let fetch else { return .null }
            return .object([
                ("fetchedAt", .string(fetch.fetchedAt)), ("outcome", .string(fetch.outcome.rawValue)),
                ("sha256", JSON(fetch.sha256)), ("edition", JSON(fetch.edition)), ("message", JSON(fetch.message)),
            ])
        }
        return JSON.array(
            states.map {
                .object([
                    ("name", .string($0.source.name)), ("kind", .string($0.source.kind.rawValue)),
                    ("url", .string($0.source.url)), ("offers", $0.source.offers.map { JSON($0) } ?? .null),
                    ("lastFetch", fetch($0.lastFetch)),
                    ("lastSuccess", fetch($0.lastSuccess)), ("lastChange", fetch($0.lastChange)),
                ])
            }
        ).serialized() + "\n"
    }
}
