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
    /// limit passed or too much output is an error that says what to do.
    static func run(_ tool: String, _ arguments: [String], file: URL, label: String) throws -> String {
        guard let executable = find(tool) else {
            throw RegistryError.missingTool(
                "\(tool) is not installed: reading ANSSI's PDF catalogue needs Debian's poppler-utils "
                    + "(apt-get install poppler-utils)")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        let collected = OutputBuffer(limit: maxOutputBytes)
        let finished = DispatchSemaphore(value: 0)
        output.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            if chunk.isEmpty {
                handle.readabilityHandler = nil
                finished.signal()
            } else if !collected.append(chunk) {
                process.terminate()
            }
        }
        // Drained as it comes (a damaged PDF makes poppler complain at length), only its beginning kept.
        let complaints = OutputBuffer(limit: 4096)
        errors.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            if chunk.isEmpty { handle.readabilityHandler = nil } else { _ = complaints.append(chunk) }
        }
        try process.run()
        let deadline = DispatchTime.now() + timeout
        if finished.wait(timeout: deadline) == .timedOut {
            process.terminate()
            output.fileHandleForReading.readabilityHandler = nil
            throw RegistryError.refused(
                label, "\(tool) took more than \(Int(timeout)) s on it; is it a damaged PDF?")
        }
        process.waitUntilExit()
        guard !collected.overflowed else {
            throw RegistryError.refused(label, "\(tool) printed more than \(maxOutputBytes) bytes")
        }
        guard process.terminationStatus == 0 else {
            let said = String(decoding: complaints.data.prefix(400), as: UTF8.self)
            throw RegistryError.refused(
                label,
                "\(tool) cannot read it (\(said.trimmingCharacters(in: .whitespacesAndNewlines))); is it a damaged PDF?"
            )
        }
        return String(decoding: collected.data, as: UTF8.self)
    }

    private static func find(_ tool: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").lazy.map { URL(fileURLWithPath: String($0)).appendingPathComponent(tool) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}

/// A program's output, kept up to a limit, from the pipe's reading thread.
private final class OutputBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = Data()
    private(set) var overflowed = false
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func append(_ chunk: Data) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard buffer.count + chunk.count <= limit else {
            overflowed = true
            return false
        }
        buffer.append(chunk)
        return true
    }

    var data: Data {
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }
}
