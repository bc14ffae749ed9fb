import RegistryCore

/// Renders changes to the facts, newest first: one line each for people, a list of rows for the formats.
package struct HistoryRendering {
    package let entries: [HistoryEntry]

    package init(entries: [HistoryEntry]) { self.entries = entries }

    package var list: ListRendering {
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
        return ListRendering(columns: columns, rows: rows)
    }

    /// One line per change, made safe for a terminal.
    package var lines: String { entries.map { terminalSafe(Self.line($0)) + "\n" }.joined() }

    /// "2026-11-29 attestation ovhcloud/…: status qualified → withdrawn (run 12, secnumcloud.csv)".
    package static func line(_ entry: HistoryEntry) -> String {
        let run =
            entry.runId.map { id in
                " (run \(id)" + [entry.runSource, entry.runFile].compactMap { $0 }.map { ", \($0)" }.joined() + ")"
            } ?? " (no run: a change made outside registry)"
        return "\(entry.changedAt.prefix(10)) \(entry.table) \(entry.rowKey): \(describe(entry))\(run)"
    }

    /// What changed, in a few words: « added, name X », « removed », « status qualified → withdrawn ».
    package static func describe(_ entry: HistoryEntry) -> String {
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
