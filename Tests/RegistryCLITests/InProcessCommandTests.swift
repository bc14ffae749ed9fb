import Foundation
import Testing

@testable import RegistryCLI

/// The commands run in-process, their output captured, print what the binary prints: the same bytes, the
/// same messages, the same exit status. Tests of a command's output need no process.
@Suite struct InProcessCommandTests {
    let runner: BinaryRunner

    init() throws {
        runner = try BinaryRunner()
        _ = try runner.run(["init"])
    }

    @Test(arguments: [
        ["query", "--secnumcloud", "--hds", "--valid-on", "2026-12-01", "--format", "json"],
        ["query", "--profile", "sensitive", "--why-not", "--valid-on", "2026-12-01", "--format", "table"],
        ["query", "--ugap", "--format", "csv", "--valid-on", "2026-12-01"],
        ["show", "ovhcloud", "--valid-on", "2026-12-01", "--format", "table"],
        ["assess", "s3ns", "--valid-on", "2026-12-01", "--format", "json"],
        ["list", "providers", "--format", "markdown"],
        ["profiles", "--format", "json"],
        ["conflicts", "--valid-on", "2026-12-01", "--format", "json"],
        ["history", "ovhcloud", "--limit", "3", "--format", "json"],
        ["query", "--colour", "red"],
        ["query", "--cert", "iso9001"],
        ["query", "--hds-activity", "7"],
        ["show", "nobody"],
    ])
    func aCommandInProcessPrintsWhatTheBinaryPrints(arguments: [String]) throws {
        let capture = OutputCapture()
        let status = RegistryCommand.run(arguments: arguments + ["--db", runner.database], capturing: capture)
        let binary = try runner.run(arguments + ["--db", runner.database])
        #expect(status == binary.status)
        #expect(capture.standardOutput == binary.stdout)
        #expect(capture.standardError == binary.stderr)
    }
}
