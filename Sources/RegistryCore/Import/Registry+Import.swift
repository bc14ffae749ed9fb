import Foundation
import GRDB
import Logging

extension Registry {
    /// Diagnostics on standard error, silent unless REGISTRY_LOG_LEVEL asks (the executable bootstraps it).
    static let logger = Logger(label: "registry")

    // MARK: - Writes

    /// Imports a file of the given kind in one transaction and reports what changed. A rejected file
    /// (bad rows, empty, or withdrawing too much) writes nothing and comes back with status `rejected`.
    /// `path` may be `-` for standard input.
    public func importFile(at path: String, source: ImportSource, options: ImportOptions) throws -> ImportReport {
        let input = try InputFile(path: path)
        defer { input.close() }
        var report = ImportReport(status: .applied, source: source, file: path)
        report.listLimit = options.listLimit
        report.sha256 = try input.sha256()
        defer { Registry.logger.info("import of \(path) (\(source.rawValue)) finished") }
        return try performImport(report, runSource: source.rawValue, dryRun: options.dryRun) { db, facts, report in
            let label = path == "-" ? "standard input" : URL(fileURLWithPath: path).lastPathComponent
            switch source {
            case .registryJSON:
                try Self.applyDocument(try input.readAll(), origin: path, db: db, facts: facts, report: &report)
            case .secnumcloud:
                try input.importList(SecNumCloudList.self, options, label, db, facts, &report)
            case .hds:
                try input.importList(HDSList.self, options, label, db, facts, &report)
            case .hdsTransparency:
                try input.importList(TransparencyList.self, options, label, db, facts, &report)
            case .catalogue:
                try input.importList(CatalogueList.self, options, label, db, facts, &report)
            }
        }
    }

    /// Validates `document` against itself and the registry, then writes it in one transaction. Any
    /// problem rejects the whole document: nothing is written and `RegistryError.invalidInput` says why.
    @discardableResult
    public func importDocument(_ document: RegistryDocument, origin: String) throws -> ImportReport {
        try writeDocument(document, origin: origin, runSource: ImportSource.registryJSON.rawValue)
    }

    /// Loads the seeds compiled into the binary.
    @discardableResult
    public func loadSeeds() throws -> ImportReport {
        try writeDocument(try DocumentReader.seeds(), origin: "embedded seeds", runSource: "seeds")
    }

    private func writeDocument(_ document: RegistryDocument, origin: String, runSource: String) throws -> ImportReport {
        let report = try performImport(
            ImportReport(status: .applied, source: .registryJSON, file: origin), runSource: runSource, dryRun: false
        ) { db, facts, report in
            try Self.apply(document, origin: origin, db: db, facts: facts, report: &report)
        }
        if report.status == .rejected {
            throw RegistryError.invalidInput(
                origin: origin,
                problems: report.errors.map {
                    InputProblem(
                        location: $0.record ?? "document", field: $0.column, value: $0.value, message: $0.message)
                })
        }
        return report
    }

    private static func applyDocument(
        _ data: Data, origin: String, db: Database, facts: FactWriter, report: inout ImportReport
    ) throws {
        let document: RegistryDocument
        do {
            document = try DocumentReader.decode(data, origin: origin)
        } catch RegistryError.invalidInput(_, let problems) {
            report.errors = problems.map {
                RowError(line: nil, record: $0.location, column: $0.field, value: $0.value, message: $0.message)
            }
            report.status = .rejected
            return
        }
        try apply(document, origin: origin, db: db, facts: facts, report: &report)
    }

    private static func apply(
        _ document: RegistryDocument, origin: String, db: Database, facts: FactWriter, report: inout ImportReport
    ) throws {
        report.counts.read =
            document.entities.count + document.ownership.count + document.providers.count + document.offers.count
            + document.sites.count + document.attestations.count + document.listings.count
            + document.hdsTransparency.count
        var validator = DocumentValidator(reference: try ReferenceData.fetch(db))
        validator.validate(document)
        guard validator.problems.isEmpty else {
            report.errors = validator.problems.map {
                RowError(line: nil, record: $0.location, column: $0.field, value: $0.value, message: $0.message)
            }
            report.counts.rejected = validator.problems.count
            report.status = .rejected
            return
        }
        try facts.write(document)
    }
}

/// A file to import, or standard input spooled to a temporary file so it can be fingerprinted and read.
struct InputFile {
    let url: URL
    private let temporary: Bool

    init(path: String) throws {
        if path == "-" {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("registry-stdin-\(UUID().uuidString)")
            _ = FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600])
            let output = try FileHandle(forWritingTo: url)
            while let chunk = try FileHandle.standardInput.read(upToCount: 1 << 16), !chunk.isEmpty {
                output.write(chunk)
            }
            try output.close()
            temporary = true
            return
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw RegistryError.unreadableInput(path: path, reason: "no such file; check the path")
        }
        guard !isDirectory.boolValue, FileManager.default.isReadableFile(atPath: path) else {
            throw RegistryError.unreadableInput(
                path: path, reason: isDirectory.boolValue ? "it is a folder; name a file" : "permission denied")
        }
        url = URL(fileURLWithPath: path)
        temporary = false
    }

    func close() {
        if temporary { try? FileManager.default.removeItem(at: url) }
    }

    func open() throws -> FileHandle {
        do {
            return try FileHandle(forReadingFrom: url)
        } catch {
            throw RegistryError.unreadableInput(path: url.path, reason: error.localizedDescription)
        }
    }

    func sha256() throws -> String {
        let handle = try open()
        defer { try? handle.close() }
        var hash = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty { hash.update(chunk) }
        return hash.hexDigest()
    }

    /// The whole file, for formats that cannot stream (JSON), within a sane size.
    func readAll() throws -> Data {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        guard size <= 256 << 20 else {
            throw RegistryError.unreadableInput(
                path: url.path, reason: "larger than 256 MB; split the document into several files")
            // (registry-json is read whole; the CSV lists stream and have no size limit but their row limit.)
        }
        let handle = try open()
        defer { try? handle.close() }
        return try handle.readToEnd() ?? Data()
    }

    func importList<List: OfficialList>(
        _ list: List.Type, _ options: ImportOptions, _ label: String, _ db: Database, _ facts: FactWriter,
        _ report: inout ImportReport
    ) throws {
        let handle = try open()
        defer { try? handle.close() }
        var reader = CSVReader(handle: handle, maxFieldBytes: options.maxFieldBytes)
        try OfficialListImport.run(
            list, reader: &reader, options: options, fileLabel: label, db: db, facts: facts, report: &report)
    }
}
