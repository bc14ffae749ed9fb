import ArgumentParser
import Foundation
import RegistryCore

extension RegistryCommand {
    /// `registry check`: is the database sound?
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the database: SQLite's integrity and foreign keys, then the registry's own invariants.",
            discussion: "Exit 0 when clean, 1 with the list of problems.")

        @OptionGroup var database: DatabaseOptions

        @Option(help: "Output format: text (default on a terminal) or json (default otherwise).")
        var format: ReportFormat?

        func run() throws {
            do {
                try report(
                    try database.open(forReading: true, existing: true).check(on: database.clock.today), format: format)
            } catch RegistryError.damaged(let message) {
                try report([CheckProblem(kind: "integrity", message: message)], format: format)
            }
        }
    }

    /// `registry backup FILE`: a consistent, checked copy.
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the database consistently while it is in use, then check the copy.",
            discussion: "`registry restore FILE` puts a backup back.")

        @OptionGroup var database: DatabaseOptions

        @Argument(
            help: ArgumentHelp("The new file to write; an existing file is never overwritten.", valueName: "file"))
        var file: String

        @Option(help: "Output format: text (default on a terminal) or json (default otherwise).")
        var format: ReportFormat?

        func run() throws {
            let problems = try database.open(forReading: true, existing: true).backup(
                to: file, on: database.clock.today)
            note("backup written to \(file)")
            try report(problems, format: format)
        }
    }
}

extension RegistryCommand {
    /// `registry restore FILE`: a backup back in place, while readers run.
    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the database's content with a backup, in one transaction.",
            discussion: """
                The backup must be a registry of this version that passes `registry check`; otherwise nothing \
                changes (exit 65). Queries running meanwhile see the old registry or the restored one; an import \
                running meanwhile is waited for. Take a backup of the current database first if it may be needed.
                """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The backup written by `registry backup FILE`.", valueName: "file"))
        var file: String

        func run() throws {
            try database.open().restore(from: file, on: database.clock.today)
            note("restored \(database.resolvedPath) from \(file)")
        }
    }
}

/// Prints check problems and exits 1 when there are any besides warnings.
private func report(_ problems: [CheckProblem], format: ReportFormat?) throws {
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
