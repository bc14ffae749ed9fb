import Foundation
import Testing

@testable import RegistryCLI

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
        // Standard error to a file (no pipe whose end a concurrently started child could hold), watched for the
        // line that says where: « serving … read-only at http://127.0.0.1:PORT/ ». Every wait has a limit.
        let log = runner.folder.appendingPathComponent("serve-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        let stopped = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in stopped.signal() }
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        var said = ""
        let deadline = Date().addingTimeInterval(60)
        while !said.contains("(Ctrl-C stops)") && process.isRunning && Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
            said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        }
        let address = try #require(said.firstMatch(of: #/http://127\.0\.0\.1:\d+\//#).map { String($0.output) })
        let url = try #require(URL(string: address + "offers.json?secnumcloud&hds&valid-on=2026-12-01"))
        var request = URLRequest(url: url)
        request.timeoutInterval = 60
        let (body, _) = try await URLSession.shared.data(for: request)
        let cli = try runner.run(["query", "--secnumcloud", "--hds", "--valid-on", "2026-12-01", "--format", "json"])
        #expect(String(decoding: body, as: UTF8.self) == cli.stdout)
        process.terminate()
        #expect(stopped.wait(timeout: .now() + 30) == .success, "the server stops on the first SIGTERM")
        #expect(process.terminationStatus == 0)
        #expect(((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("stopped"))
    }

    /// Only 127.0.0.0/8, ::1 and localhost are this machine alone: any other address is warned about.
    @Test(arguments: [
        ("127.0.0.1", true), ("127.0.0.2", true), ("127.255.1.9", true), ("localhost", true), ("::1", true),
        ("128.0.0.1", false), ("0.0.0.0", false), ("127.0.0.256", false), ("127.0.0", false), ("::", false),
        ("192.168.1.2", false),
    ])
    func theLoopbackWarningKnowsTheWholeLoopbackRange(host: String, loopback: Bool) {
        #expect(RegistryCommand.Serve.isLoopback(host) == loopback)
    }

    @Test func aWrongPortIsAUsageError() throws {
        let result = try runner.run(["serve", "--port", "70000"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--port 70000 is not a port; use 1 to 65535, or 0 for any free port"))
    }
}
