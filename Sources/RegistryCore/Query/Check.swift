import Foundation
import GRDB

/// A problem `registry check` found.
public struct CheckProblem: Hashable, Sendable {
    /// `integrity`, `foreign-key`, `ownership`, `dates`, `status`, `source` or `scope`.
    public var kind: String
    public var message: String

    public init(kind: String, message: String) {
        self.kind = kind
        self.message = message
    }

    /// A state of the data to know, not damage: a qualification still marked granted after its recorded end
    /// (the official list said so; it counts as ended). `check` reports it and exits 0; `restore` takes a
    /// backup that has it.
    public var isWarning: Bool { kind == "status" || kind == "history-unlinked" }
}

extension Registry {
    /// The schema's objects (tables, indexes, triggers, views) by kind and name, with their SQL.
    private static func schemaObjects(_ db: Database) throws -> [String: String] {
        Dictionary(
            try Row.fetchAll(
                db,
                sql: "SELECT type || ' ' || name, coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            ).map { ($0[0] as String, $0[1] as String) }, uniquingKeysWith: { first, _ in first })
    }

    /// The schema the migrations make, read once from a fresh in-memory registry.
    private static let migratedSchema: [String: String] = {
        guard let fresh = try? Registry.inMemory(), let objects = try? fresh.writer.read(schemaObjects) else {
            return [:]
        }
        return objects
    }()

    /// Every way the database's schema differs from the migrations': a planted trigger (which could rewrite
    /// what an import stores), a missing history trigger (which would let a change go unrecorded), an edited
    /// table. A restore refuses such a backup.
    static func schemaDifferences(_ db: Database) throws -> [CheckProblem] {
        let expected = migratedSchema
        guard !expected.isEmpty else { return [] }
        let actual = try schemaObjects(db)
        var problems: [CheckProblem] = []
        for name in Set(actual.keys).union(expected.keys).sorted() {
            switch (actual[name], expected[name]) {
            case (_, nil):
                problems.append(
                    CheckProblem(kind: "schema", message: "\(name) is not one of the registry's; remove it"))
            case (nil, _):
                problems.append(CheckProblem(kind: "schema", message: "\(name) is missing; the database was altered"))
            case let (found?, wanted?) where found != wanted:
                problems.append(
                    CheckProblem(
                        kind: "schema", message: "\(name) differs from the migrations'; the database was altered"))
            default:
                break
            }
        }
        return problems
    }

    /// SQLite's integrity and foreign-key checks, then the registry's own invariants on `day`. Empty: clean.
    public func check(on day: Day) throws -> [CheckProblem] {
        try guardingDatabaseErrors {
            try writer.read { db in
                var problems: [CheckProblem] = []
                for message in try String.fetchAll(db, sql: "PRAGMA integrity_check") where message != "ok" {
                    problems.append(CheckProblem(kind: "integrity", message: message))
                }
                problems += try Registry.schemaDifferences(db)
                problems += try HistoryChain.problems(db)
                for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                    let table: String = row["table"]
                    let parent: String = row["parent"]
                    problems.append(
                        CheckProblem(
                            kind: "foreign-key", message: "a row of \(table) points at a missing row of \(parent)"))
                }
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT ownedId, sum(capitalPercent) AS capital, sum(votingPercent) AS votes FROM ownership
                        GROUP BY ownedId HAVING sum(capitalPercent) > 100.0001 OR sum(votingPercent) > 100.0001
                        """)
                {
                    let owned: String = row["ownedId"]
                    let capital: Double? = row["capital"]
                    let votes: Double? = row["votes"]
                    problems.append(
                        CheckProblem(
                            kind: "ownership",
                            message:
                                "the holdings of \(owned) add up to more than 100 % (capital \(capital ?? 0), votes \(votes ?? 0))"
                        ))
                }
                for id in try String.fetchAll(
                    db,
                    sql:
                        "SELECT id FROM attestation WHERE expiresOn IS NOT NULL AND issuedOn IS NOT NULL AND expiresOn <= issuedOn"
                ) {
                    problems.append(
                        CheckProblem(kind: "dates", message: "attestation \(id) expires on or before its issue"))
                }
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, status, expiresOn FROM attestation
                        WHERE status IN ('qualified', 'certified') AND expiresOn < ? ORDER BY id
                        """, arguments: [day])
                {
                    let id: String = row["id"]
                    let status: String = row["status"]
                    let expires: String = row["expiresOn"]
                    problems.append(
                        CheckProblem(
                            kind: "status",
                            message:
                                "attestation \(id) is marked \(status) but its validity ended on \(expires); it counts as ended"
                        ))
                }
                for table in [
                    "entity", "ownership", "provider", "offer", "site", "attestation", "listing", "hdsTransparency",
                ] {
                    let missing = try Table(table).filter(sql: "trim(source) = ''").fetchCount(db)
                    if missing > 0 {
                        problems.append(
                            CheckProblem(kind: "source", message: "\(missing) rows of \(table) have no source"))
                    }
                }
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT 'attestation' AS kind, attestationId AS id, offerId FROM attestationOffer
                        JOIN attestation ON attestation.id = attestationId JOIN offer ON offer.id = offerId
                        WHERE attestation.providerId <> offer.providerId
                        UNION ALL
                        SELECT 'listing', listingId, offerId FROM listingOffer
                        JOIN listing ON listing.id = listingId JOIN offer ON offer.id = offerId
                        WHERE listing.providerId <> offer.providerId
                        UNION ALL
                        SELECT 'attestation', id, NULL FROM attestation
                        WHERE scope = 'offers' AND NOT EXISTS (SELECT 1 FROM attestationOffer WHERE attestationId = attestation.id)
                        UNION ALL
                        SELECT 'listing', id, NULL FROM listing
                        WHERE scope = 'offers' AND NOT EXISTS (SELECT 1 FROM listingOffer WHERE listingId = listing.id)
                        """)
                {
                    let kind: String = row["kind"]
                    let id: String = row["id"]
                    let offer: String? = row["offerId"]
                    problems.append(
                        CheckProblem(
                            kind: "scope",
                            message: offer.map { "\(kind) \(id) names \($0), an offer of another provider" }
                                ?? "\(kind) \(id) has scope 'offers' but names no offer"))
                }
                return problems
            }
        }
    }

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
            try writer.backup(to: copy)
            let problems = try Registry(writer: copy, clock: clock).check(on: day)
            try copy.close()
            return problems
        }
        guard try scratch.publish() else { throw exists }
        return problems
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
                problems: damage.map { InputProblem(location: path, field: $0.kind, message: $0.message) })
        }
        try guardingDatabaseErrors { try source.backup(to: writer) }
    }
}
