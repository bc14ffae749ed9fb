import Foundation
import RegistryCore

/// Renders an import report: a one-screen summary, or the JSON contract of the README.
struct ImportReportRendering {
    let report: ImportReport

    var json: String {
        let counts = report.counts
        let object = JSON.object([
            ("status", .string(report.status.rawValue)), ("source", .string(report.source.rawValue)),
            ("file", .string(report.file)), ("sha256", JSON(report.sha256)),
            ("runId", report.runId.map { .int(Int($0)) } ?? .null),
            (
                "counts",
                .object([
                    ("read", .int(counts.read)), ("inserted", .int(counts.inserted)), ("updated", .int(counts.updated)),
                    ("withdrawn", .int(counts.withdrawn)), ("reinstated", .int(counts.reinstated)),
                    ("unchanged", .int(counts.unchanged)), ("rejected", .int(counts.rejected)),
                ])
            ),
            (
                "changes",
                .array(
                    report.changes.map {
                        .object([
                            ("kind", .string($0.kind.rawValue)), ("table", .string($0.table)), ("id", .string($0.id)),
                            ("summary", .string($0.summary)),
                        ])
                    })
            ),
            (
                "errors",
                .array(
                    report.errors.map {
                        .object([
                            ("line", $0.line.map { .int($0) } ?? .null), ("record", JSON($0.record)),
                            ("column", JSON($0.column)), ("value", JSON($0.value)), ("message", .string($0.message)),
                        ])
                    })
            ),
            ("notes", JSON(report.notes)),
        ])
        return object.serialized() + "\n"
    }

    /// At most this many changes and errors in the text summary; JSON has them all.
    static let screenful = 20

    var text: String {
        let counts = report.counts
        let verb =
            switch report.status {
            case .applied: "applied"
            case .unchanged: "changed nothing: the registry already holds this file's facts"
            case .rejected: "REJECTED: nothing was written"
            case .dryRun: "dry run: nothing was written"
            }
        var lines = [
            "Import of \(report.file) (\(report.source.rawValue)) \(verb)\(report.runId.map { " — run \($0)" } ?? "").",
            "  read \(counts.read), inserted \(counts.inserted), updated \(counts.updated), withdrawn \(counts.withdrawn), "
                + "reinstated \(counts.reinstated), unchanged \(counts.unchanged), rejected \(counts.rejected)",
        ]
        if let sha = report.sha256 { lines.append("  sha256 \(sha)") }
        lines += report.notes.map { "  note: \($0)" }
        if !report.changes.isEmpty {
            lines.append("Changes:")
            let marks: [ImportChange.Kind: String] = [.inserted: "+", .updated: "~", .withdrawn: "-", .reinstated: "^"]
            lines += report.changes.prefix(Self.screenful).map {
                "  \(marks[$0.kind] ?? " ") \($0.table) \($0.id): \($0.summary)"
            }
            if report.changes.count > Self.screenful {
                lines.append("  … and \(report.changes.count - Self.screenful) more (--format json lists them all)")
            }
        }
        if !report.errors.isEmpty {
            lines.append("Problems:")
            let file = report.file == "-" ? "stdin" : report.file
            lines += report.errors.prefix(Self.screenful).map { "  \(file)\($0.line == nil ? ": " : ":")\($0)" }
            if report.errors.count > Self.screenful {
                lines.append("  … and \(report.errors.count - Self.screenful) more (--format json lists them all)")
            }
        }
        return terminalSafe(lines.joined(separator: "\n"), keepingLines: true) + "\n"
    }
}
