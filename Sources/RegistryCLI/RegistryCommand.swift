import ArgumentParser
import Foundation
import RegistryCore

/// `registry`: the root command.
public struct RegistryCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "A sourced registry of cloud offers for French public-sector purchasing.",
        discussion: """
            Every fact carries its source. Unknown values stay unknown: they are never guessed. \
            The seed data must be checked against the official lists before it is relied on.

            Exit status: 0 success (also with zero results), 64 usage error, 65 bad input data, \
            66 input file missing or unreadable, 73 output file not writable, 75 database busy \
            (retry later), 1 other error.
            """,
        version: RegistryCommand.version,
        subcommands: [
            Init.self, Query.self, Show.self, Assess.self, VerifyReceipt.self, Profiles.self, Expiring.self, Check.self,
            Backup.self, List.self,
            Import.self,
            Export.self,
            History.self,
            Status.self,
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
            FileHandle.standardError.write(Data("registry: error: \(error)\n".utf8))
            return error.exitCode
        } catch {
            let message = fullMessage(for: error)
            let code = exitCode(for: error).rawValue
            if !message.isEmpty {
                let stream = code == 0 ? FileHandle.standardOutput : FileHandle.standardError
                stream.write(Data((message + "\n").utf8))
            }
            return code
        }
    }
}
