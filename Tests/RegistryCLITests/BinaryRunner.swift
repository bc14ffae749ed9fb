import Foundation

/// Runs the built `registry` binary as a user would, in a scratch folder with its own database, removed with
/// the runner (a suite's runner lives as long as its test).
final class BinaryRunner: Sendable {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String

        var json: Any? { try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) }
    }

    let folder: URL
    var database: String { folder.appendingPathComponent("registry.sqlite").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("registry-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// The binary beside the test bundle: SwiftPM builds every product into the same folder.
    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [beside, beside.deletingLastPathComponent()] {
            let candidate = folder.appendingPathComponent("registry")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/registry")
    }()

    /// How long one command may run before it is killed and its test fails.
    static let timeLimit: TimeInterval = 300

    struct TimeLimitExceeded: Error, CustomStringConvertible {
        var arguments: [String]
        var description: String {
            "registry \(arguments.joined(separator: " ")) ran longer than \(BinaryRunner.timeLimit) s"
        }
    }

    /// Runs `registry ARGUMENTS`; `--db` points at the scratch database unless `environment` sets REGISTRY_DB.
    /// `stdoutPath` sends standard output to a file (such as /dev/full) instead of the result.
    /// `executable` runs another program instead (such as setpriv, to run the binary as another user).
    /// `unsetting` removes variables from the environment (REGISTRY_DB, to reach the default path).
    func run(
        _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:], stdoutPath: String? = nil,
        executable: String? = nil, unsetting: Set<String> = []
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable.map { URL(fileURLWithPath: $0) } ?? Self.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["REGISTRY_DB"] = database
        env["XDG_DATA_HOME"] = folder.appendingPathComponent("xdg").path
        env["XDG_CONFIG_HOME"] = folder.appendingPathComponent("config").path
        env.merge(environment) { _, new in new }
        for variable in unsetting { env[variable] = nil }
        process.environment = env
        process.currentDirectoryURL = folder
        // Outputs go to files, not pipes: a pipe's end of file never comes while another child (the test
        // suite starts many at once) holds an inherited copy of its write end.
        let outURL = folder.appendingPathComponent("stdout-\(UUID().uuidString)")
        let errURL = folder.appendingPathComponent("stderr-\(UUID().uuidString)")
        for url in [outURL, errURL] { _ = FileManager.default.createFile(atPath: url.path, contents: nil) }
        defer { [outURL, errURL].forEach { try? FileManager.default.removeItem(at: $0) } }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        let input = Pipe()
        process.standardOutput =
            try stdoutPath.map { path in
                guard let file = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileNoSuchFile) }
                return file
            } ?? out
        process.standardError = err
        process.standardInput = input
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        // A child may stop reading early (an input over a limit): then the write fails rather than the tests.
        signal(SIGPIPE, SIG_IGN)
        if let stdin { try? input.fileHandleForWriting.write(contentsOf: stdin) }
        try input.fileHandleForWriting.close()
        // A hung command is a failed test, not a hung suite.
        if finished.wait(timeout: .now() + Self.timeLimit) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            throw TimeLimitExceeded(arguments: arguments)
        }
        let outData = (try? Data(contentsOf: outURL)) ?? Data()
        let errData = (try? Data(contentsOf: errURL)) ?? Data()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
