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
        let input = try InputFile(path: path, maxBytes: options.maxFileBytes)
        defer { input.close() }
        var report = ImportReport(status: .applied, source: source, file: path)
        report.listLimit = options.listLimit
        report.sha256 = input.sha256()
        defer { Registry.logger.info("import of \(path) (\(source.rawValue)) finished") }
        // Every copy read is kept, even one refused (for a person to look at); the catalogue's once its
        // edition is read.
        let keep = { (edition: String?) throws in
            guard let archive = self.archive else { return }
            var copy =
                options.copy
                ?? CopyArchive.Copy(sha256: "", bytes: 0, kind: source.rawValue, keptAt: "")
            (copy.sha256, copy.bytes, copy.kind, copy.keptAt) = (
                input.sha256(), input.size, source.rawValue, ImportRun.now()
            )
            copy.file = copy.url == nil ? path : nil
            copy.edition = edition
            try archive.keep(input.url, sha256: input.sha256(), describedBy: copy)
        }
        if source != .anssiCatalogue { try keep(nil) }
        return try performImport(report, runSource: RunSource(source), day: options.day, dryRun: options.dryRun) {
            db, facts, report in
            let label = path == "-" ? "standard input" : URL(fileURLWithPath: path).lastPathComponent
            switch source {
            case .registryJSON:
                try Self.applyDocument(
                    try input.readAll(origin: path), origin: path, maxStringBytes: options.maxFieldBytes, db: db,
                    facts: facts, report: &report)
            case .secnumcloud:
                if let edition = options.edition, let refusal = try EditionOrder.transcription(of: edition, db) {
                    return report.reject(InputProblem(message: refusal))
                }
                try input.importList(SecNumCloudList.self, options, label, db, facts, &report)
                if let edition = options.edition, report.status != .rejected {
                    try EditionOrder.recordTranscription(of: edition, file: label, day: options.day, facts)
                }
            case .hds:
                try input.importList(HDSList.self, options, label, db, facts, &report)
            case .hdsTransparency:
                try input.importList(TransparencyList.self, options, label, db, facts, &report)
            case .hdsTransparencyPage:
                guard let page = try input.readTransparencyPage(report: &report) else { return }
                try TransparencyPageImport.run(
                    page, source: options.copy?.url ?? label, copySha256: input.sha256(), options: options, db: db,
                    facts: facts, report: &report)
            case .catalogue:
                try input.importList(CatalogueList.self, options, label, db, facts, &report)
            case .anssiCatalogue:
                let catalogue = try input.readCatalogue(label: path, report: &report)
                try keep(catalogue?.editionWords)
                guard let catalogue else { return }
                try CatalogueImport.run(
                    catalogue, copySha256: input.sha256(), options: options, db: db, facts: facts, report: &report)
            }
        }
    }

    /// Imports an edition of ANSSI's catalogue already read (`importFile` reads the PDF, then calls this):
    /// `copySha256` is the fingerprint of the copy it was read from, which each fact cites.
    func importCatalogue(_ catalogue: AnssiCatalogue, copySha256: String, file: String, options: ImportOptions)
        throws -> ImportReport
    {
        var report = ImportReport(status: .applied, source: .anssiCatalogue, file: file)
        report.listLimit = options.listLimit
        report.sha256 = copySha256
        return try performImport(report, runSource: .anssiCatalogue, day: options.day, dryRun: options.dryRun) {
            db, facts, report in
            try CatalogueImport.run(
                catalogue, copySha256: copySha256, options: options, db: db, facts: facts, report: &report)
        }
    }

    /// Validates `document` against itself and the registry, then writes it in one transaction. Any
    /// problem rejects the whole document: nothing is written and `RegistryError.invalidInput` says why.
    @discardableResult
    public func importDocument(_ document: RegistryDocument, origin: String) throws -> ImportReport {
        try writeDocument(document, origin: origin, runSource: .registryJSON)
    }

    /// Loads the seeds compiled into the binary.
    @discardableResult
    public func loadSeeds() throws -> ImportReport {
        try writeDocument(try DocumentReader.seeds(), origin: "embedded seeds", runSource: .seeds)
    }

    private func writeDocument(_ document: RegistryDocument, origin: String, runSource: RunSource) throws
        -> ImportReport
    {
        let report = try performImport(
            ImportReport(status: .applied, source: .registryJSON, file: origin), runSource: runSource,
            day: clock.today, dryRun: false
        ) { db, facts, report in
            try Self.apply(document, origin: origin, db: db, facts: facts, report: &report)
        }
        if report.status == .rejected {
            throw RegistryError.invalidInput(
                origin: origin,
                problems: report.errors.map {
                    InputProblem(
                        record: $0.record ?? "document", column: $0.column, value: $0.value, message: $0.message)
                })
        }
        return report
    }

    private static func applyDocument(
        _ data: Data, origin: String, maxStringBytes: Int, db: Database, facts: FactWriter,
        report: inout ImportReport
    ) throws {
        let document: RegistryDocument
        do {
            document = try DocumentReader.decode(data, origin: origin, maxStringBytes: maxStringBytes)
        } catch RegistryError.invalidInput(_, let problems) {
            report.errors = problems
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
            report.errors = validator.problems
            report.counts.rejected = validator.problems.count
            report.status = .rejected
            return
        }
        try facts.write(document)
    }
}

/// A file to import, first copied to a private temporary file in one pass that counts its bytes against the
/// size limit and fingerprints them: the import reads exactly the bytes its checksum covers, a file that
/// changes meanwhile changes nothing, and an endless stream — a pipe, a device, a file that reports size 0
/// (`/proc/self/maps`) — stops at the limit.
struct InputFile {
    let url: URL
    /// The private copy, removed once read (or swept by a later import if this process is killed).
    private let spooled: ScratchFile
    /// The SHA-256 of the bytes copied.
    private let digest: String

    init(path: String, maxBytes: Int) throws {
        if path == "-" {
            (spooled, digest) = try Self.spool(FileHandle.standardInput, label: "standard input", maxBytes: maxBytes)
            url = spooled.url
            return
        }
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw RegistryError.unreadableInput(
                path: path, reason: errno == ENOENT ? "no such file; check the path" : String(cString: strerror(errno)))
        }
        let type = status.st_mode & S_IFMT
        guard type != S_IFDIR else {
            throw RegistryError.unreadableInput(path: path, reason: "it is a folder; name a file")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw RegistryError.unreadableInput(path: path, reason: "permission denied")
        }
        // A regular file that says it is too large is refused unread; any file is still counted as it is read.
        if type == S_IFREG && Int(status.st_size) > maxBytes { throw Self.tooLarge(path, maxBytes) }
        let handle = try Self.open(URL(fileURLWithPath: path))
        defer { try? handle.close() }
        (spooled, digest) = try Self.spool(handle, label: path, maxBytes: maxBytes)
        url = spooled.url
    }

    private static func spool(_ input: FileHandle, label: String, maxBytes: Int) throws -> (ScratchFile, String) {
        let scratch = try ScratchFile(
            for: FileManager.default.temporaryDirectory.appendingPathComponent("registry-input"), mode: 0o600)
        do {
            let output = try FileHandle(forWritingTo: scratch.url)
            defer { try? output.close() }
            var total = 0
            var hash = Fingerprint()
            while let chunk = try input.read(upToCount: 1 << 16), !chunk.isEmpty {
                total += chunk.count
                guard total <= maxBytes else { throw tooLarge(label, maxBytes) }
                hash.update(chunk)
                try output.write(contentsOf: chunk)
            }
            return (scratch, hash.hex())
        } catch {
            scratch.remove()
            throw error
        }
    }

    private static func tooLarge(_ label: String, _ maxBytes: Int) -> RegistryError {
        .refused(
            label, "larger than \(maxBytes) bytes; check the download, or raise the limit with REGISTRY_MAX_FILE_BYTES")
    }

    func close() {
        spooled.remove()
    }

    private static func open(_ url: URL) throws -> FileHandle {
        do {
            return try FileHandle(forReadingFrom: url)
        } catch {
            throw RegistryError.unreadableInput(path: url.path, reason: error.localizedDescription)
        }
    }

    func open() throws -> FileHandle { try Self.open(url) }

    /// The SHA-256 of the bytes the import reads, computed as they were copied.
    func sha256() -> String { digest }

    /// How many bytes were copied.
    var size: Int { (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0 }

    /// The whole file, for formats that cannot stream (JSON): held in memory, so limited to 256 MB.
    func readAll(origin: String) throws -> Data {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        guard size <= 256 << 20 else {
            throw RegistryError.refused(
                origin, "larger than 256 MB, the most a registry-json document may hold; split it")
        }
        let handle = try open()
        defer { try? handle.close() }
        return try handle.readToEnd() ?? Data()
    }

    /// The file read as ANSSI's PDF catalogue; nil, with the report rejected, when it is not one or cannot be
    /// read whole.
    func readCatalogue(label: String, report: inout ImportReport) throws -> AnssiCatalogue? {
        let handle = try open()
        let head = try handle.read(upToCount: 1024) ?? Data()
        try? handle.close()
        guard PDFText.looksLikePDF(head) else {
            let start = String(decoding: head.prefix(64), as: UTF8.self).lowercased()
            let what =
                start.contains("<html") || start.contains("<!doctype")
                ? "an HTML page" : head.isEmpty ? "empty" : "not a PDF"
            report.reject(
                InputProblem(
                    message:
                        "not the publication: ANSSI's catalogue is a PDF, this file is \(what); check the download (a bot-protection or error page?)"
                ))
            return nil
        }
        let (text, links) = try PDFText.read(url, label: label)
        do {
            return try CatalogueReader.read(text: text, links: links)
        } catch {
            report.reject(InputProblem(record: error.place, message: error.message))
            return nil
        }
    }

    /// The file read as a host's transparency page; nil, with the report rejected, when it holds no
    /// transparency table or a row cannot be read.
    func readTransparencyPage(report: inout ImportReport) throws -> TransparencyPage? {
        let handle = try open()
        defer { try? handle.close() }
        let data = try handle.read(upToCount: TransparencyPageImport.maxPageBytes + 1) ?? Data()
        guard data.count <= TransparencyPageImport.maxPageBytes else {
            report.reject(
                InputProblem(
                    message:
                        "larger than \(TransparencyPageImport.maxPageBytes >> 20) MB, not a host's page; check the address"
                ))
            return nil
        }
        do {
            return try TransparencyPage.read(data)
        } catch {
            report.reject(error)
            return nil
        }
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
