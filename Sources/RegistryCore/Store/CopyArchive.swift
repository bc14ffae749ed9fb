import Foundation
import GRDB

/// Every copy of a publication the registry read, kept beside the database (`registry.sqlite` keeps its copies
/// in `registry.sqlite.copies/`), addressed by its SHA-256: a fact that cites a copy can carry the document
/// itself into the procurement file. A copy is written once, atomically (a scratch file, fsync, then a link
/// that never replaces), and never rewritten; its description beside it (`SHA.json`) says where it came from.
public struct CopyArchive: Sendable {
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    /// The archive of the database at `path`.
    public init(besideDatabase path: String) {
        folder = URL(fileURLWithPath: path + ".copies")
    }

    /// Where a copy came from and what it was.
    public struct Copy: Codable, Sendable, Equatable {
        public var sha256: String
        public var bytes: Int
        /// The import kind it was read as (`anssi-catalogue`, `hds`…).
        public var kind: String
        /// The file as named by the steward, for a local import.
        public var file: String?
        /// For a download: the address asked, the one that answered, and what the server said.
        public var url: String?
        public var finalURL: String?
        public var fetchedAt: String?
        public var httpStatus: Int?
        public var etag: String?
        public var lastModified: String?
        public var contentType: String?
        /// The publication's edition, once read (« mis à jour le 04/03/2026 à 15:34:17 »).
        public var edition: String?
        /// When the registry first kept it.
        public var keptAt: String

        public init(sha256: String, bytes: Int, kind: String, keptAt: String) {
            self.sha256 = sha256
            self.bytes = bytes
            self.kind = kind
            self.keptAt = keptAt
        }
    }

    func url(of sha256: String) -> URL { folder.appendingPathComponent(sha256) }

    /// Every fact that cites a copy, as (copySha256, edition): read in ANSSI's catalogue, or in a host's page.
    static let citations: SQL = """
        SELECT copySha256, edition FROM attestation WHERE copySha256 IS NOT NULL
        UNION ALL SELECT copySha256, NULL FROM hdsTransparency WHERE copySha256 IS NOT NULL
        """

    /// Keeps the bytes of `file` (whose SHA-256 the caller computed as it read them) and their description,
    /// unless the archive holds them already; the description is written only the first time.
    @discardableResult
    public func keep(_ file: URL, sha256: String, describedBy copy: Copy) throws -> Bool {
        guard Self.isDigest(sha256) else { throw RegistryError.usage("'\(sha256)' is not a SHA-256") }
        try create()
        let destination = url(of: sha256)
        if FileManager.default.fileExists(atPath: destination.path) { return false }
        let scratch = try ScratchFile(for: destination, mode: 0o640)
        defer { scratch.remove() }
        try Self.copyWithSync(file, to: scratch.url)
        _ = try scratch.publish()
        let description = folder.appendingPathComponent(sha256 + ".json")
        if !FileManager.default.fileExists(atPath: description.path) {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let text = try ScratchFile(for: description, mode: 0o640)
            defer { text.remove() }
            try encoder.encode(copy).write(to: text.url)
            _ = try text.publish()
        }
        return true
    }

    /// The copies kept, oldest first.
    public func list() throws -> [Copy] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        let copies = names.filter { $0.hasSuffix(".json") && Self.isDigest(String($0.dropLast(5))) }.compactMap {
            try? JSONDecoder().decode(Copy.self, from: Data(contentsOf: folder.appendingPathComponent($0)))
        }
        return copies.sorted { ($0.keptAt, $0.sha256) < ($1.keptAt, $1.sha256) }
    }

    /// What is wrong with the kept copy, or nil when its bytes are there and still have their SHA-256.
    public func problem(with sha256: String) -> String? {
        let file = url(of: sha256)
        guard let handle = try? FileHandle(forReadingFrom: file) else { return "missing from \(folder.path)" }
        defer { try? handle.close() }
        var hash = Fingerprint()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { hash.update(chunk) }
        return hash.hex() == sha256 ? nil : "its bytes no longer have that SHA-256 (damaged or edited)"
    }

    /// Writes the very bytes of a kept copy to `destination`, after checking them against their SHA-256.
    public func export(_ sha256: String, to destination: URL) throws {
        guard Self.isDigest(sha256) else {
            throw RegistryError.usage("'\(sha256)' is not a SHA-256; `registry archive` lists the copies")
        }
        if let problem = problem(with: sha256) {
            throw RegistryError.unreadableInput(path: url(of: sha256).path, reason: problem)
        }
        do {
            if FileManager.default.fileExists(atPath: destination.path) {
                throw RegistryError.unwritableOutput(path: destination.path, reason: "it exists; choose another --out")
            }
            try FileManager.default.copyItem(at: url(of: sha256), to: destination)
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError.unwritableOutput(path: destination.path, reason: error.localizedDescription)
        }
    }

    static func isDigest(_ text: String) -> Bool {
        text.count == 64 && text.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    private func create() throws {
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        } catch {
            throw RegistryError.unwritableOutput(path: folder.path, reason: error.localizedDescription)
        }
    }

    /// Copies the bytes and flushes them to the disk before the copy is published.
    private static func copyWithSync(_ source: URL, to destination: URL) throws {
        let input = try FileHandle(forReadingFrom: source)
        defer { try? input.close() }
        let output = try FileHandle(forWritingTo: destination)
        defer { try? output.close() }
        while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty { try output.write(contentsOf: chunk) }
        try output.synchronize()
    }
}
