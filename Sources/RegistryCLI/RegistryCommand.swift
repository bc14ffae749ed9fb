import ArgumentParser
import Foundation
import RegistryCore
import RegistryRendering

/// `registry`: the root command.
public struct RegistryCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "A sourced registry of cloud offers for French public-sector purchasing.",
        discussion: """
            Every fact carries its source. Unknown values stay unknown: they are never guessed. \
            The seed data must be checked against the official lists before it is relied on.

            Exit status: 0 success (also with zero results), 64 usage error, 65 bad input data, \
            66 input file missing or unreadable, 73 output not writable, 75 database busy \
            (retry later), 1 other error.
            """,
        version: RegistryCommand.version,
        subcommands: [
            Init.self, Query.self, Show.self, Assess.self, VerifyReceipt.self, Key.self, Profiles.self, Expiring.self,
            Check.self,
            Backup.self, Restore.self, List.self,
            Import.self, Sync.self, Sources.self, Archive.self, Alias.self, Merge.self, Conflicts.self,
            Export.self,
            History.self,
            Status.self,
            Serve.self,
        ]
    )

    /// The version `registry --version` prints.
    public static let version = "0.1.0"

    public init() {}

    /// Parses `arguments`, runs the command and returns the process exit status. Errors are written to
    /// standard error with a message that says how to fix them.
    public static func run(arguments: [String]) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let error as RegistryError {
            return fail(error)
        } catch {
            // Help and version go to standard output (status 0), usage errors to standard error.
            let message = fullMessage(for: error)
            let code = exitCode(for: error).rawValue
            guard !message.isEmpty else { return code }
            guard code == 0 else {
                warn(message + "\n")
                return code
            }
            do { try emit(message + "\n") } catch { return fail(error) }
            return 0
        }
    }

    /// Runs the command in-process as `run(arguments:)` does, its standard output and error captured: what
    /// the binary would print, for tests that need no process.
    static func run(arguments: [String], capturing capture: OutputCapture) -> Int32 {
        OutputCapture.$current.withValue(capture) { run(arguments: arguments) }
    }

    private static func fail(_ error: RegistryError) -> Int32 {
        // Messages echo what the user or a file gave: their hidden characters are shown, never obeyed.
        warn(terminalText(["registry: error: \(error)"].flatMap { $0.split(separator: "\n").map(String.init) }))
        return error.exitCode
    }
}
