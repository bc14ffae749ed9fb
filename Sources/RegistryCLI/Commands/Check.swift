import ArgumentParser
import Foundation
import RegistryCore
import RegistryRendering

extension RegistryCommand {
    /// `registry check`: is the database sound?
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check the database: SQLite's integrity and foreign keys, then the registry's own invariants.",
            discussion: "Exit 0 when clean, 1 with the list of problems.")

        @OptionGroup var database: DatabaseOptions

        @Option(help: "Output format: text (default on a terminal) or json (default otherwise).")
        var format: ReportFormat?

        func run() throws {
            do {
                let registry = try database.open(forReading: true, existing: true)
                let today = database.clock.today
                // The database's soundness, then the publications gone stale (warnings: the data are sound).
                let stale = try registry.publicationFreshness(on: today).flatMap(\.warnings).map {
                    CheckProblem(kind: "stale", message: $0.english)
                }
                try reportCheckProblems(try registry.check(on: today) + stale, format: format)
            } catch RegistryError.damaged(let message) {
                try reportCheckProblems([CheckProblem(kind: "integrity", message: message)], format: format)
            }
        }
    }
}

/// Prints the problems `check` or `backup` found and exits 1 when there are any besides warnings.
func reportCheckProblems(_ problems: [CheckProblem], format: ReportFormat?) throws {
    let damage = problems.filter { !$0.isWarning }
    if (format ?? (isatty(STDOUT_FILENO) == 1 ? .text : .json)) == .json {
        let object = JSON.object([
            ("status", .string(damage.isEmpty ? "ok" : "problems")),
            (
                "problems",
                .array(
                    problems.map {
                        .object([
                            ("kind", .string($0.kind)), ("severity", .string($0.isWarning ? "warning" : "problem")),
                            ("message", .string($0.message)),
                        ])
                    })
            ),
        ])
        try emit(object.serialized() + "\n")
    } else {
        let lines = problems.map { "\($0.isWarning ? "warning" : $0.kind): \(terminalSafe($0.message))\n" }.joined()
        try emit(damage.isEmpty ? "ok: integrity, foreign keys and invariants hold\n" + lines : lines)
    }
    if !damage.isEmpty { throw ExitCode(1) }
}
