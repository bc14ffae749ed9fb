import Foundation

/// Runs the built `registry` binary as a user would, in a scratch folder with its own database.
struct BinaryRunner {
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
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput =
            try stdoutPath.map { path in
                guard let file = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileNoSuchFile) }
                return file
            } ?? out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // A child may stop reading early (an input over a limit): then the write fails rather than the tests.
        signal(SIGPIPE, SIG_IGN)
        if let stdin { try? input.fileHandleForWriting.write(contentsOf: stdin) }
        try input.fileHandleForWriting.close()
        if stdoutPath != nil { try out.fileHandleForWriting.close() }
        // Read both pipes before waiting, so a large output cannot fill a pipe and block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
