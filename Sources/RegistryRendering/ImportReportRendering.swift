import Foundation
import RegistryCore

/// Renders an import report: a one-screen summary, or the JSON contract of the README.
package struct ImportReportRendering {
    package let report: ImportReport
    package init(report: ImportReport) { self.report = report }

    package var json: String {
        let counts = report.counts
        let object = JSON.object([
            ("status", .string(report.status.rawValue)),
            ("source", .string(report.action == nil ? report.source.rawValue : "steward")),
            ("action", JSON(report.action)),
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
            (
                "unmatched",
                .array(
                    report.unmatched.map {
                        .object([
                            ("line", .int($0.line)), ("page", $0.page.map(JSON.int) ?? .null),
                            ("kind", .string($0.kind.rawValue)), ("name", .string($0.name)),
                            ("createdId", .string($0.createdId)), ("suggestions", JSON($0.suggestions)),
                        ])
                    })
            ),
        ])
        return object.serialized() + "\n"
    }

    /// At most this many changes and errors in the text summary; JSON has up to `listLimit`.
    package static let screenful = 20

    /// Where to read the changes the summary leaves out.
    package var moreChanges: String {
        guard let run = report.runId else { return "--format json lists up to \(report.listLimit)" }
        return "registry history --run \(run) lists them all"
    }

    /// New entries first: each may be a twin of an entry the registry holds under another name.
    package var unmatchedText: [String] {
        guard !report.unmatched.isEmpty else { return [] }
        let verb = report.status == .applied ? "created" : "would create"
        var lines = [
            "NEW ENTRIES: \(report.unmatched.count) name(s) of the list matched nothing in the registry; check each for a twin:"
        ]
        lines += report.unmatched.prefix(Self.screenful).map { name in
            let what = name.kind == .provider ? "provider" : "offer"
            let guess =
                name.suggestions.isEmpty
                ? "" : "; did you mean " + name.suggestions.joined(separator: " or ") + "?"
            return
                "  \(name.page.map { "page \($0), " } ?? "")line \(name.line): \(what) « \(name.name) » → \(verb) \(name.createdId)\(guess)"
        }
        if report.unmatched.count > Self.screenful {
            lines.append("  … and \(report.unmatched.count - Self.screenful) more (--format json lists them)")
        }
        if report.unmatched.contains(where: { !$0.suggestions.isEmpty }) {
            lines.append(
                "  A twin: `registry merge NEW --into EXISTING`, or before importing `registry alias add EXISTING \"NAME\"`."
            )
        }
        return lines
    }

    package var text: String {
        let counts = report.counts
        let verb =
            switch report.status {
            case .applied: "applied"
            case .unchanged: "changed nothing: the registry already holds this file's facts"
            case .rejected: "REJECTED: nothing was written"
            case .dryRun: "dry run: nothing was written"
            }
        let title = report.action.map { "registry \($0)" } ?? "Import of \(report.file) (\(report.source.rawValue))"
        var lines = [
            "\(title) \(verb)\(report.runId.map { " — run \($0)" } ?? "").",
            "  read \(counts.read), inserted \(counts.inserted), updated \(counts.updated), withdrawn \(counts.withdrawn), "
                + "reinstated \(counts.reinstated), unchanged \(counts.unchanged), rejected \(counts.rejected)",
        ]
        if let sha = report.sha256 { lines.append("  sha256 \(sha)") }
        lines += report.notes.map { "  note: \($0)" }
        lines += unmatchedText
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
        return terminalText(lines)
    }
}
