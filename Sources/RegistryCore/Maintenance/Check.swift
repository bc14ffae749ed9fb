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
    public var isWarning: Bool {
        kind == "status" || kind == "history-unlinked" || kind == "copy-not-kept" || kind == "stale"
    }
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
        guard let fresh = try? Registry.inMemory(), let objects = try? fresh.read(schemaObjects) else {
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
            try read { db in
                try Self.integrityProblems(db) + Registry.schemaDifferences(db) + HistoryChain.problems(db)
                    + Self.foreignKeyProblems(db) + Self.ownershipProblems(db) + Self.dateProblems(db, on: day)
                    + Self.sourceProblems(db) + Self.scopeProblems(db) + copyProblems(db)
            }
        }
    }

    /// The copies the facts cite, against the archive beside the database: one whose bytes no longer have their
    /// SHA-256 is damage; one not kept here (the seeds cite ANSSI's editions they were read from) is a warning.
    private func copyProblems(_ db: Database) throws -> [CheckProblem] {
        guard let archive else { return [] }
        var problems: [CheckProblem] = []
        for row in try Row.fetchAll(
            db,
            SQLRequest(
                literal: """
                    SELECT copySha256, min(edition) AS edition, count(*) AS facts FROM (\(CopyArchive.citations))
                    GROUP BY copySha256 ORDER BY copySha256
                    """))
        {
            let (sha, edition, facts): (String, String?, Int) = (row["copySha256"], row["edition"], row["facts"])
            guard let problem = archive.problem(with: sha) else { continue }
            let cited = "\(facts) fact\(facts == 1 ? "" : "s") cite the copy \(sha) (\(edition ?? "edition unknown"))"
            problems.append(
                problem.hasPrefix("missing")
                    ? CheckProblem(
                        kind: "copy-not-kept",
                        message: "\(cited), not kept here; import that edition to keep it beside the database")
                    : CheckProblem(kind: "copy", message: "\(cited): \(problem)"))
        }
        return problems
    }

    /// SQLite's own integrity check.
    private static func integrityProblems(_ db: Database) throws -> [CheckProblem] {
        var problems: [CheckProblem] = []
        for message in try String.fetchAll(db, sql: "PRAGMA integrity_check") where message != "ok" {
            problems.append(CheckProblem(kind: "integrity", message: message))
        }
        return problems
    }

    /// Rows pointing at rows that do not exist.
    private static func foreignKeyProblems(_ db: Database) throws -> [CheckProblem] {
        var problems: [CheckProblem] = []
        for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
            let table: String = row["table"]
            let parent: String = row["parent"]
            problems.append(
                CheckProblem(
                    kind: "foreign-key", message: "a row of \(table) points at a missing row of \(parent)"))
        }
        return problems
    }

    /// Holdings of one entity adding up to more than 100 %.
    private static func ownershipProblems(_ db: Database) throws -> [CheckProblem] {
        var problems: [CheckProblem] = []
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
        return problems
    }

    /// Attestations expiring before their issue (damage), and granted ones past their end (a warning).
    private static func dateProblems(_ db: Database, on day: Day) throws -> [CheckProblem] {
        var problems: [CheckProblem] = []
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
        return problems
    }

    /// Facts without a source.
    private static func sourceProblems(_ db: Database) throws -> [CheckProblem] {
        var problems: [CheckProblem] = []
        for table in [
            "entity", "ownership", "provider", "offer", "site", "attestation", "listing", "hdsTransparency",
        ] {
            let missing = try Table(table).filter(sql: "trim(source) = ''").fetchCount(db)
            if missing > 0 {
                problems.append(
                    CheckProblem(kind: "source", message: "\(missing) rows of \(table) have no source"))
            }
        }
        return problems
    }

    /// Scopes naming another provider's offers, or no offer.
    private static func scopeProblems(_ db: Database) throws -> [CheckProblem] {
        var problems: [CheckProblem] = []
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
