import Foundation
import GRDB
import GRDBSQLite  // one file control, SQLITE_FCNTL_PERSIST_WAL, that GRDB documents but does not wrap

/// The registry: one value that owns the database connection and offers the use cases.
///
/// The use cases, each in the file named after it (paths under `Sources/RegistryCore/`):
///
/// Reads
/// - `answer(_:)`, `query(_:)`: the offers meeting criteria, with evidence and exclusions; `answer(_:into:batch:)`:
///   the same in parts, as it is read; `answer(_:detailing:)`: evidence for a page's results only
///   — `Query/OfferQuery.swift`
/// - `count(_:)`, `counts(_:)`, `accepts(_:)`: how many, for many questions at once; whether one is answered
///   — `Query/OfferQuery.swift`
/// - `facetCounts(of:)`: an answer's offers by scheme, HDS activity and catalogue — `Query/FacetCounts.swift`
/// - `show(_:on:)`: a provider's or offer's fact sheet — `Reports/FactSheet.swift`
/// - `assess(_:on:)`: the sovereignty tests — `Assessment/Assessment.swift`
/// - `assessCSF(_:on:weights:)`: an offer's levels under the EU Cloud Sovereignty Framework — `Assessment/CSF/CSFRules.swift`
/// - `csfConflicts(on:)`: CSF answers recorded by a person that the registry's rule leaves no room for — `Assessment/CSF/CSFRules.swift`
/// - `conflicts(on:)`: where sources disagree — `Query/CountingRule.swift`
/// - `expiring(within:on:)`: the expiry radar — `Reports/Expiring.swift`
/// - `history(_:)`: the changes — `Reports/History.swift`
/// - `status(on:)`, `chainHead()`, `revision()`: schema, sizes, freshness; the chain's head; what changed
///   — `Reports/Status.swift`
/// - `profiles()`: the regulation profiles — `Query/RegulationProfile.swift`
/// - `vocabulary()`: schemes, catalogues, countries — `Query/Vocabulary.swift`
/// - `providerList()`, `exportDocument()`: the providers; the whole registry as registry-json
///   — `Document/Export.swift`
/// - `asOf(_:)`: the registry as it was at a moment — `Query/AsOf.swift`
/// - `verify(_:origin:)`: a receipt against the answer it claims — `Receipts/ReceiptVerification.swift`
/// - `check(on:)`: integrity, schema, chain, invariants — `Maintenance/Check.swift`
/// - `backup(to:on:)`: a checked copy — `Maintenance/BackupAndRestore.swift`
/// - `sources()`, `publicationFreshness(on:)`: the publications the nightly sync fetches, with what their
///   fetches found, and what is stale about them — `Sync/PublicationSources.swift`
///
/// Writes (each one transaction, one run in the history)
/// - `importFile(at:source:options:)`, `importDocument(_:origin:)`, `loadSeeds()`: official lists and
///   registry-json — `Import/Registry+Import.swift`
/// - `addAlias(_:to:dryRun:)`, `merge(_:into:dryRun:)`: identity — `Import/Registry+Identity.swift`
/// - `restore(from:on:)`: a backup's content in place of this one's — `Maintenance/BackupAndRestore.swift`
/// - `setSource(_:dryRun:)`, `removeSource(_:dryRun:)`: the sync's publications; `recordFetch(_:)`: what a
///   fetch found (bookkeeping) — `Sync/PublicationSources.swift`
///
/// On disk it opens a WAL `DatabasePool` (readers never wait for the nightly import); tests open an
/// in-memory `DatabaseQueue` with the same configuration. Every write method is one transaction.
public struct Registry: Sendable {
    /// The connection: only the transactions below reach it, so every use case reads or writes whole.
    private let writer: any DatabaseWriter
    /// Where every « today » of the registry comes from.
    public let clock: Clock
    /// Where the copies of the publications it reads are kept (beside a database file); none in memory.
    public var archive: CopyArchive?
    /// Provider-level assessments kept for the registry's current revision (one per connection: an `--as-of`
    /// view has its own).
    let providerTests = ProviderTestsCache()

    /// Wraps an open connection and migrates it to the schema this binary knows.
    public init(writer: any DatabaseWriter, clock: Clock = .system) throws {
        self.writer = writer
        self.clock = clock
        try guardingDatabaseErrors {
            if try writer.read({ try Schema.migrator.hasBeenSuperseded($0) }) { throw Registry.newerSchema }
            // Only a database that lacks migrations needs the write lock: readers never wait for an import.
            if try !writer.read({ try Schema.migrator.hasCompletedMigrations($0) }) {
                try Schema.migrator.migrate(writer)
                // A history older than its chain is linked at once.
                try writer.write { try HistoryChain.extend($0) }
            }
        }
    }

    /// An empty in-memory registry with the production configuration, for tests and scratch work.
    public static func inMemory(clock: Clock = .system) throws -> Registry {
        try Registry(writer: DatabaseQueue(configuration: configuration()), clock: clock)
    }

    /// Opens the database at `path`. A missing database is created, migrated and, unless `seeded` is
    /// false, loaded with the embedded seeds; `created` says whether that happened.
    /// A writer finding the database locked by another waits up to `busyTimeout` seconds, then fails with
    /// `RegistryError.databaseBusy`. With `forReading`, an existing, migrated database is opened read-only,
    /// so that queries never wait for an import and cannot write.
    /// With `readOnly`, the database is never written: a missing or unmigrated one is an error. Without
    /// `creating`, a missing one is an error too (`RegistryError.unreadableInput`): a mistyped path.
    public static func open(
        path: String, seeded: Bool = true, busyTimeout: Double = 10, forReading: Bool = false, readOnly: Bool = false,
        creating: Bool = true, clock: Clock = .system
    ) throws -> (registry: Registry, created: Bool) {
        let url = try DatabasePath.resolve(path)
        // A zero-byte file holds nothing to keep (`touch`, or a creation cut short by an older version).
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        let exists = size.map { $0 > 0 } ?? false
        // A reader checks the schema in its own first read; a writer, on a connection of its own before any write.
        if exists && !forReading && !readOnly { try DatabasePath.requireRegistry(url) }
        guard exists || creating else {
            throw RegistryError.unreadableInput(
                path: path, reason: "no database there; check --db or REGISTRY_DB, or create one with `registry init`")
        }
        if readOnly {
            guard exists else {
                throw RegistryError.usage(
                    "no database at \(path), and read-only access cannot create one; run `registry init` without --read-only first"
                )
            }
            guard let reader = try openForReading(url, busyTimeout: busyTimeout, concurrently: true, clock: clock)
            else {
                throw RegistryError.usage(
                    "the database at \(path) needs migrating to this version, which writes; run `registry init` without --read-only"
                )
            }
            return (reader, false)
        }
        let created = exists ? false : try create(url, seeded: seeded, replacingEmptyFile: size != nil, clock: clock)
        // A read-only open can fail where a writer would succeed (a crash left a WAL to recover): then write,
        // unless the file is damaged, which nothing may write to.
        if forReading {
            do {
                if let reader = try openForReading(url, busyTimeout: busyTimeout, concurrently: false, clock: clock) {
                    DatabasePath.alignCompanions(url)
                    return (reader, created)
                }
            } catch let error as RegistryError {
                if case .damaged = error { throw error }
            }
            if exists { try DatabasePath.requireRegistry(url) }
        }
        let registry = try guardingDatabaseErrors {
            try Registry(
                writer: DatabasePool(path: url.path, configuration: configuration(busyTimeout: busyTimeout)),
                clock: clock)
        }
        DatabasePath.alignCompanions(url)
        return (registry, created)
    }

    /// Builds a new database beside `url` (migrated, seeded unless `seeded` is false), then moves it into
    /// place in one step: a process killed meanwhile never leaves a half-made registry that would answer
    /// queries with nothing. False when another process created the database first.
    private static func create(_ url: URL, seeded: Bool, replacingEmptyFile: Bool, clock: Clock) throws -> Bool {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw RegistryError.database(
                "cannot create the folder of \(url.path): \(error.localizedDescription); "
                    + "choose another place with --db PATH or REGISTRY_DB")
        }
        let scratch = try ScratchFile(for: url)
        defer { scratch.remove() }
        try guardingDatabaseErrors {
            // One connection, so that closing it folds the WAL into the file (a pool closes its writer first).
            let queue = try DatabaseQueue(path: scratch.url.path, configuration: configuration())
            try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = WAL") }
            let registry = try Registry(writer: queue, clock: clock)
            if seeded { try registry.loadSeeds() }
            try queue.close()
        }
        // Of two processes creating the same database, one publishes it, the other uses it.
        return try scratch.publish(replacing: replacingEmptyFile)
    }

    /// A read-only registry on a migrated database; nil when the database needs migrating first. Only a pool
    /// reads `concurrently` (a server's requests), and it opens two connections where a command needs one.
    private static func openForReading(_ url: URL, busyTimeout: Double, concurrently: Bool, clock: Clock) throws
        -> Registry?
    {
        try guardingDatabaseErrors {
            var configuration = configuration(busyTimeout: busyTimeout)
            configuration.readonly = true
            let reader: any DatabaseWriter =
                concurrently
                ? try DatabasePool(path: url.path, configuration: configuration)
                : try DatabaseQueue(path: url.path, configuration: configuration)
            // One read, not one per check: each read asks for a connection and opens a transaction.
            let (foreign, superseded, migrated) = try reader.read { db in
                (
                    try DatabasePath.isForeign(db), try Schema.migrator.hasBeenSuperseded(db),
                    try Schema.migrator.hasCompletedMigrations(db)
                )
            }
            if foreign { throw DatabasePath.foreignDatabase(url) }
            if superseded { throw Registry.newerSchema }
            guard migrated else { return nil }
            return Registry(reading: reader, clock: clock)
        }
    }

    /// Every command, reads included, refuses a schema it does not know: it could misread it.
    static let newerSchema = RegistryError.database(
        "this database was written by a newer version of registry (it has migrations this binary does not know); "
            + "upgrade registry to use it")

    /// A registry on a connection opened read-only: no migration is attempted.
    init(reading reader: some DatabaseWriter, clock: Clock) {
        writer = reader
        self.clock = clock
    }

    // MARK: - Transactions, for the use cases' implementations

    /// A read in one transaction: a snapshot, never an import half done.
    func read<T>(_ body: (Database) throws -> T) throws -> T { try writer.read(body) }

    /// A write in one transaction.
    func write<T>(_ body: (Database) throws -> T) throws -> T { try writer.write(body) }

    /// Statements that open their own transactions and savepoints (an import run).
    func writeWithoutTransaction<T>(_ body: (Database) throws -> T) rethrows -> T {
        try writer.writeWithoutTransaction(body)
    }

    /// A consistent copy of the whole database into `other`, while readers and writers run.
    func copy(to other: some DatabaseWriter) throws { try writer.backup(to: other) }

    /// The whole content of `source` in place of this database's, in one step.
    func replaceContent(from source: some DatabaseReader) throws { try source.backup(to: writer) }

    static func configuration(busyTimeout: Double = 10) -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // A second writer waits for the first (a nightly import) rather than failing at once.
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            db.add(function: Registry.foldFunction)
            // Persistent WAL: the -wal and -shm files stay when the last writer closes, so that a desk with read
            // access to the files, but not write access to their folder, can still open the database read-only.
            // Once checkpointed, the kept WAL is cut back to 16 MB: a long import's WAL does not stay on disk.
            if !db.configuration.readonly {
                var persist: CInt = 1
                let code = sqlite3_file_control(db.sqliteConnection, nil, SQLITE_FCNTL_PERSIST_WAL, &persist)
                // An in-memory database has no file to control: SQLITE_NOTFOUND.
                guard code == SQLITE_OK || code == SQLITE_NOTFOUND else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code))
                }
                try db.execute(sql: "PRAGMA journal_size_limit = 16777216")
            }
        }
        return configuration
    }

    /// `registry_fold(text)`: text folded for search, without case or diacritics ("Systèmes" → "systemes").
    static let foldFunction = DatabaseFunction("registry_fold", argumentCount: 1, pure: true) { values in
        String.fromDatabaseValue(values[0]).map(SearchText.fold)
    }
}

/// Runs `body`, turning SQLite's errors into registry errors with a message that says what to do.
func guardingDatabaseErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as DatabaseError {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            throw RegistryError.databaseBusy(
                "the database is busy: another registry command (an import?) is writing; retry later")
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            throw RegistryError.damaged(
                "the file is not a registry database or is damaged (\(error.message ?? "\(error.resultCode)")); "
                    + "point --db at a registry database, or restore a backup")
        case .SQLITE_CONSTRAINT:
            // A rule of the schema that the checks before the write did not foresee: still bad input, told in
            // the registry's words, never as a raw SQLite error.
            let rule = (error.message ?? "a rule of the schema").replacingOccurrences(
                of: "constraint failed", with: "rule of the registry broken")
            throw RegistryError.invalidInput(
                origin: "the input",
                problems: [
                    InputProblem(
                        record: "the input", column: nil,
                        message: "\(rule); correct the value it names")
                ])
        case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM:
            throw RegistryError.database(
                "cannot open the database (\(error.message ?? "\(error.resultCode)")); check the path and its "
                    + "permissions: writing needs write access to the file and its folder, reading needs read access "
                    + "to the file and its -wal and -shm files; or choose another database with --db PATH")
        default:
            throw RegistryError.database("database error: \(error)")
        }
    }
}

/// Text folding shared by search and matching: lower case, no diacritics, single spaces.
public enum SearchText {
    /// Folded, and punctuation read as spaces: « N° de décision » → "n de decision". Header cells and status
    /// phrases are compared in this form.
    public static func words(_ text: String) -> String {
        let words = fold(text).unicodeScalars.map { scalar -> Character in
            CharacterSet.alphanumerics.contains(scalar) ? Character(scalar) : " "
        }
        return String(words).split(separator: " ").joined(separator: " ")
    }

    /// "3DS Outscale" → "3ds outscale", "Dassault Systèmes" → "dassault systemes".
    public static func fold(_ text: String) -> String {
        // ASCII text only needs lower case and single spaces: one pass over its bytes, the common case of
        // list imports and of `--search`, which folds every name it reads.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var space = false
        for byte in text.utf8 {
            guard byte < 0x80 else {
                return text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
                    .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            }
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                space = !bytes.isEmpty
                continue
            }
            if space {
                bytes.append(0x20)
                space = false
            }
            bytes.append((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
