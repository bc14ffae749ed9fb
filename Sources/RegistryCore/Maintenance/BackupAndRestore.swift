import Foundation
import GRDB

extension Registry {
    /// A consistent copy of the database at `path`, taken while readers and writers run (SQLite's backup
    /// API), then checked. The copy is private to its owner and group.
    public func backup(to path: String, on day: Day) throws -> [CheckProblem] {
        let exists = RegistryError.unwritableOutput(
            path: path, reason: "the file exists; choose a new name, backups never overwrite")
        guard !FileManager.default.fileExists(atPath: path) else { throw exists }
        // Written and checked beside its name, then published: a backup cut short leaves no file that a
        // restore could take for a whole one.
        let scratch = try ScratchFile(for: URL(fileURLWithPath: path))
        defer { scratch.remove() }
        let problems = try guardingDatabaseErrors {
            let copy = try DatabaseQueue(path: scratch.url.path, configuration: Registry.configuration())
            try self.copy(to: copy)
            let problems = try Registry(writer: copy, clock: clock).check(on: day)
            try copy.close()
            return problems
        }
        guard try scratch.publish() else { throw exists }
        try carryCopies(to: CopyArchive(besideDatabase: path))
        return problems
    }

    /// The copies the facts cite, kept beside the backup as beside the database (a restore finds the evidence
    /// where `check` looks for it); one this database does not keep is not invented.
    private func carryCopies(to destination: CopyArchive) throws {
        guard let archive else { return }
        try carryCopies(from: archive, to: destination)
    }

    /// The copies the facts cite that `archive` holds whole (bytes that still have their SHA-256), into
    /// `destination`, which keeps what it already holds.
    private func carryCopies(from archive: CopyArchive, to destination: CopyArchive) throws {
        let cited = try read { db in
            try String.fetchAll(db, SQLRequest(literal: "SELECT DISTINCT copySha256 FROM (\(CopyArchive.citations))"))
        }
        let described = Dictionary(try archive.list().map { ($0.sha256, $0) }, uniquingKeysWith: { first, _ in first })
        for sha in cited where archive.problem(with: sha) == nil {
            let copy =
                described[sha] ?? CopyArchive.Copy(sha256: sha, bytes: 0, kind: "unknown", keptAt: ImportRun.now())
            try destination.keep(archive.folder.appendingPathComponent(sha), sha256: sha, describedBy: copy)
        }
    }

    /// Replaces this database's content with the backup at `path`, in one transaction through SQLite's
    /// backup API: readers see the old registry or the restored one, never a mix, and nothing needs to stop.
    /// The backup must be a registry that passes `check` (warnings aside); otherwise nothing is restored and
    /// the problems come back as `RegistryError.invalidInput`.
    public func restore(from path: String, on day: Day) throws {
        func refuse(_ message: String) -> RegistryError { .refused(path, message) }
        guard FileManager.default.fileExists(atPath: path) else {
            throw RegistryError.unreadableInput(path: path, reason: "no such file; check the path")
        }
        var configuration = Registry.configuration()
        configuration.readonly = true
        let source: DatabaseQueue
        let problems: [CheckProblem]
        do {
            source = try DatabaseQueue(path: path, configuration: configuration)
            let migrator = Schema.migrator
            if try source.read(migrator.hasBeenSuperseded) {
                throw refuse("written by a newer version of registry; upgrade registry to restore it")
            }
            // Another application's SQLite file has none of the registry's migrations: nothing can make it one.
            guard try source.read({ try !migrator.appliedIdentifiers($0).isEmpty }) else {
                throw refuse(
                    "an SQLite database, but not a registry (none of its migrations); restore a file that "
                        + "`registry backup` wrote")
            }
            guard try source.read(migrator.hasCompletedMigrations) else {
                throw refuse(
                    "a registry of an older version; migrate a copy with `registry init --db COPY`, then restore the copy"
                )
            }
            problems = try Registry(reading: source, clock: clock).check(on: day)
        } catch let error as DatabaseError {
            throw refuse("not a registry database, or a damaged one (\(error.message ?? "\(error.resultCode)"))")
        } catch RegistryError.damaged(let message) {
            throw refuse(message)
        }
        defer { try? source.close() }
        let damage = problems.filter { !$0.isWarning }
        guard damage.isEmpty else {
            throw RegistryError.invalidInput(
                origin: path,
                problems: damage.map { InputProblem(record: path, column: $0.kind, message: $0.message) })
        }
        try guardingDatabaseErrors { try replaceContent(from: source) }
        // The evidence comes back with the facts: the copies `backup` put beside the file.
        if let archive { try carryCopies(from: CopyArchive(besideDatabase: path), to: archive) }
    }
}
