import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `registry serve` as a desk starts it: it says where it listens, answers the command line's JSON, refuses
/// a wrong port, and stops cleanly on SIGTERM.
@Suite struct ServeEndToEndTests {
    let runner: BinaryRunner

    init() throws {
        runner = try BinaryRunner()
        _ = try runner.run(["init"])
    }

    @Test func itServesTheCommandLinesAnswerAndStopsOnSIGTERM() async throws {
        let process = Process()
        process.executableURL = BinaryRunner.binary
        process.arguments = ["serve", "--port", "0", "--db", runner.database]
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = runner.folder.appendingPathComponent("config").path
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // The line that says where: « serving … read-only at http://127.0.0.1:PORT/ ».
        var said = ""
        while !said.contains("(Ctrl-C stops)") {
            let chunk = errors.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            said += String(decoding: chunk, as: UTF8.self)
        }
        let address = try #require(said.firstMatch(of: #/http://127\.0\.0\.1:\d+\//#).map { String($0.output) })
        let url = try #require(URL(string: address + "offers.json?secnumcloud&hds&valid-on=2026-12-01"))
        let (body, _) = try await URLSession.shared.data(from: url)
        let cli = try runner.run(["query", "--secnumcloud", "--hds", "--valid-on", "2026-12-01", "--format", "json"])
        #expect(String(decoding: body, as: UTF8.self) == cli.stdout)
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let rest = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(rest.contains("stopped"))
    }

    @Test func aWrongPortIsAUsageError() throws {
        let result = try runner.run(["serve", "--port", "70000"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--port 70000 is not a port; use 1 to 65535, or 0 for any free port"))
    }
}
