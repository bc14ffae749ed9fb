import Foundation

/// The text and links of a PDF, by Debian's poppler-utils: `pdftotext -layout` keeps each table row on its
/// line (without it, ticks come loose from their rows), and `pdfinfo -url` lists the links with their page.
public enum PDFText {
    /// How long one poppler program may run on one file, and how much it may print.
    static let timeout: TimeInterval = 120
    static let maxOutputBytes = 64 << 20

    /// Whether `data` begins like a PDF (`%PDF-`, within the first kilobyte as readers allow).
    public static func looksLikePDF(_ data: Data) -> Bool {
        let head = data.prefix(1024)
        return head.range(of: Data("%PDF-".utf8)) != nil
    }

    /// `label` names the file in messages (the import reads a private copy of it).
    public static func read(_ file: URL, label: String? = nil) throws -> (text: String, links: [PageLink]) {
        let label = label ?? file.lastPathComponent
        let text = try run("pdftotext", ["-layout", "-enc", "UTF-8", file.path, "-"], file: file, label: label)
        let links = PageLink.parse(pdfinfo: try run("pdfinfo", ["-url", file.path], file: file, label: label))
        return (text, links)
    }

    /// Runs a poppler program on the file and returns what it printed; a missing program, a failure, a time
    /// limit passed or too much output is an error that says what to do. Its output goes to private files,
    /// not pipes: a pipe's end of file never comes while another child process (any the host process starts
    /// meanwhile) holds an inherited copy of its write end.
    static func run(_ tool: String, _ arguments: [String], file: URL, label: String) throws -> String {
        guard let executable = find(tool) else {
            throw RegistryError.missingTool(
                "\(tool) is not installed: reading ANSSI's PDF catalogue needs Debian's poppler-utils "
                    + "(apt-get install poppler-utils)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "registry-\(tool)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (outputURL, errorsURL) = (folder.appendingPathComponent("out"), folder.appendingPathComponent("err"))
        for url in [outputURL, errorsURL] {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        let output = try FileHandle(forWritingTo: outputURL)
        let errors = try FileHandle(forWritingTo: errorsURL)
        defer {
            try? output.close()
            try? errors.close()
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            throw RegistryError.refused(label, "\(tool) took more than \(Int(timeout)) s on it; is it a damaged PDF?")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: outputURL.path)[.size] as? Int) ?? 0
        guard size <= maxOutputBytes else {
            throw RegistryError.refused(label, "\(tool) printed more than \(maxOutputBytes) bytes")
        }
        guard process.terminationStatus == 0 else {
            let said = String(decoding: (try? Data(contentsOf: errorsURL))?.prefix(400) ?? Data(), as: UTF8.self)
            throw RegistryError.refused(
                label,
                "\(tool) cannot read it (\(said.trimmingCharacters(in: .whitespacesAndNewlines))); is it a damaged PDF?"
            )
        }
        return String(decoding: try Data(contentsOf: outputURL), as: UTF8.self)
    }

    private static func find(_ tool: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").lazy.map { URL(fileURLWithPath: String($0)).appendingPathComponent(tool) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
