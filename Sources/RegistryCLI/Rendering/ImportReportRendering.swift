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
            ("changesOmitted", .int(report.changesOmitted)),
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
            ("errorsOmitted", .int(report.errorsOmitted)),
            ("notes", JSON(report.notes)),
        ])
        return object.serialized() + "\n"
    }

    /// At most this many changes and errors in the text summary; JSON has up to `listLimit`.
    static let screenful = 20

    /// Where to read the changes the summary leaves out.
    var moreChanges: String {
        guard let run = report.runId else { return "--format json lists up to \(report.listLimit)" }
        return "registry history --run \(run) lists them all"
    }

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
            let more = report.changes.count + report.changesOmitted - Self.screenful
            if more > 0 { lines.append("  … and \(more) more (\(moreChanges))") }
        }
        if !report.errors.isEmpty {
            lines.append("Problems:")
            let file = report.file == "-" ? "stdin" : report.file
            lines += report.errors.prefix(Self.screenful).map { "  \(file)\($0.line == nil ? ": " : ":")\($0)" }
            let more = report.errors.count + report.errorsOmitted - Self.screenful
            if more > 0 {
                lines.append("  … and \(more) more (--format json lists up to \(report.listLimit))")
            }
        }
        return terminalSafe(lines.joined(separator: "\n"), keepingLines: true) + "\n"
    }
}
