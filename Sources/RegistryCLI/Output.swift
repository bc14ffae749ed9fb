import Foundation
import Glibc
import RegistryCore
import RegistryRendering

/// What a command writes, kept instead of written: the commands run in-process in tests, their output
/// captured as the binary's would be (`RegistryCommand.run(arguments:capturing:)`).
final class OutputCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()

    var standardOutput: String { lock.withLock { String(decoding: out, as: UTF8.self) } }
    var standardError: String { lock.withLock { String(decoding: err, as: UTF8.self) } }

    func append(_ bytes: UnsafeRawBufferPointer, error: Bool) {
        lock.withLock { error ? err.append(contentsOf: bytes) : out.append(contentsOf: bytes) }
    }

    /// The capture the running command writes to, if any.
    @TaskLocal static var current: OutputCapture?
}

/// Writes text to standard output from the string's own bytes, without a copy: an answer can run to tens
/// of megabytes. A failed write (a full disk) is an error, never a silently cut answer.
func emit(_ text: String) throws(RegistryError) {
    var text = text
    if let error = text.withUTF8({ write(UnsafeRawBufferPointer($0), to: STDOUT_FILENO) }) { throw error }
}

func emit(_ data: Data) throws(RegistryError) {
    if let error = data.withUnsafeBytes({ write($0, to: STDOUT_FILENO) }) { throw error }
}

/// Writes `data` to the file at `path` (`--out`, `--receipt`): never the database or its -wal/-shm files; a
/// regular file is replaced whole, a device or FIFO is written in place, never replaced; a failed write
/// exits 73.
func writeOutput(_ data: Data, to path: String, database: String) throws {
    guard !DatabasePath.isDatabase(path, of: database) else {
        throw RegistryError.usage("\(path) is the database itself (or one of its files); choose another path")
    }
    var info = stat()
    if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
        let descriptor = open(path, O_WRONLY)
        guard descriptor >= 0 else {
            throw RegistryError.unwritableOutput(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        if case .unwritableOutput(_, let reason)? = data.withUnsafeBytes({ write($0, to: descriptor) }) {
            throw RegistryError.unwritableOutput(path: path, reason: reason)
        }
        return
    }
    do {
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw RegistryError.unwritableOutput(path: path, reason: "\(error.localizedDescription); choose another path")
    }
}

/// Writes a message to standard error; if even that fails there is no one left to tell.
func warn(_ text: String) {
    var text = text
    _ = text.withUTF8 { write(UnsafeRawBufferPointer($0), to: STDERR_FILENO) }
}

/// Writes all the bytes, or returns why it could not; standard output and error go to the capture when a
/// test runs the command in-process.
private func write(_ bytes: UnsafeRawBufferPointer, to descriptor: CInt) -> RegistryError? {
    if let capture = OutputCapture.current, descriptor == STDOUT_FILENO || descriptor == STDERR_FILENO {
        capture.append(bytes, error: descriptor == STDERR_FILENO)
        return nil
    }
    guard var next = bytes.baseAddress else { return nil }
    var left = bytes.count
    while left > 0 {
        let written = Glibc.write(descriptor, next, left)
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else {
            let reason = written < 0 ? String(cString: strerror(errno)) : "nothing written"
            return .unwritableOutput(
                path: descriptor == STDOUT_FILENO
                    ? "standard output" : descriptor == STDERR_FILENO ? "standard error" : "the file",
                reason: "\(reason); check the disk or the file it goes to")
        }
        next += written
        left -= written
    }
    return nil
}

/// The bytes of the file at `path`, at most `maxBytes` of them: a larger file is refused without being read
/// whole (65), a missing one is 66.
func readBounded(_ path: String, maxBytes: Int) throws -> Data {
    guard let handle = FileHandle(forReadingAtPath: path) else {
        throw RegistryError.unreadableInput(path: path, reason: "no such file, or not readable; check the path")
    }
    defer { try? handle.close() }
    let data: Data
    do {
        data = try handle.read(upToCount: maxBytes + 1) ?? Data()
    } catch {
        throw RegistryError.unreadableInput(path: path, reason: error.localizedDescription)
    }
    guard data.count <= maxBytes else {
        throw RegistryError.invalidInput(
            origin: path,
            problems: [
                InputProblem(record: path, column: nil, message: "larger than \(maxBytes) bytes: not a query receipt")
            ])
    }
    return data
}
