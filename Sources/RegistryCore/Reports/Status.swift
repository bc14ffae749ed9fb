import Foundation
import GRDB

/// The state of a registry: schema, sizes, and how fresh each source is.
public struct RegistryStatus: Hashable, Sendable {
    /// The last migration applied.
    public var schemaVersion: String
    /// Migrations this binary knows but the database lacks (none after opening).
    public var pendingMigrations: [String]
    /// Rows per table, in schema order.
    public var counts: [(table: String, rows: Int)]
    /// The last successful run of each import source (nil: never imported).
    public var sources: [SourceFreshness]
    /// The hash of the history's last linked row: the head of its chain (nil: no history).
    public var chainHead: String?
    /// The editions of official lists that the transcribed facts reflect, with their age on the day asked.
    public var editions: [(edition: ListEdition, ageInDays: Int?)] = []
    /// The publications the sync fetches: the newest edition read, the last fetches, and what is stale.
    public var publications: [PublicationFreshness] = []

    public static func == (lhs: RegistryStatus, rhs: RegistryStatus) -> Bool {
        lhs.schemaVersion == rhs.schemaVersion && lhs.sources == rhs.sources
            && lhs.counts.map(\.table) == rhs.counts.map(\.table) && lhs.counts.map(\.rows) == rhs.counts.map(\.rows)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(schemaVersion)
        hasher.combine(sources)
    }
}

/// When a source was last imported successfully.
public struct SourceFreshness: Hashable, Sendable {
    public var source: String
    public var lastRun: ImportRun?
    /// Whole days since the last successful run ended, on the day asked.
    public var ageInDays: Int?
}

extension Registry {
    /// The hash of the history's last linked row, the head of its chain, which receipts record (nil: no
    /// history yet). `status` gives it too, with the tables' sizes, which cost a count each.
    public func chainHead() throws -> String? {
        try guardingDatabaseErrors {
            try read {
                try String.fetchOne($0, sql: "SELECT hash FROM history WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1")
            }
        }
    }

    /// A value that changes whenever what the registry holds does: every write of a fact adds a history row
    /// (its triggers), every import adds a run, even one that changes nothing, and the chain's head tells
    /// apart two contents that reach the same row numbers (a restore, then other imports). The web server
    /// keys the pages it keeps on it.
    public func revision() throws -> String {
        try guardingDatabaseErrors { try read { try ProviderTestsCache.revision($0) } }
    }

    /// The registry's schema, table sizes and the freshness of each source on `day`.
    public func status(on day: Day) throws -> RegistryStatus {
        var status = try guardingDatabaseErrors {
            try read { db in
                let applied = try Schema.migrator.appliedIdentifiers(db)
                let tables = [
                    "provider", "providerAlias", "offer", "site", "offerSite", "attestation", "attestationOffer",
                    "attestationActivity", "listing", "listingOffer", "hdsTransparency", "entity", "ownership",
                    "country", "scheme", "catalogue", "importRun", "history", "offerAlias", "listEdition",
                ]
                let counts = try tables.map { table in
                    (table: table, rows: try Table(table).fetchCount(db))
                }
                let sources = try RunSource.allCases.filter { $0 != .steward }.map(\.rawValue).map { source in
                    let run = try ImportRun.fetchOne(
                        db,
                        sql: """
                            SELECT * FROM importRun WHERE source = ? AND status IN ('applied', 'unchanged')
                            ORDER BY id DESC LIMIT 1
                            """, arguments: [source])
                    let age = (run?.day ?? run?.endedAt.flatMap { Day(parsing: String($0.prefix(10))) })
                        .map { $0.days(until: day) }
                    return SourceFreshness(source: source, lastRun: run, ageInDays: age)
                }
                var status = RegistryStatus(
                    schemaVersion: applied.sorted().last ?? "none",
                    pendingMigrations: Schema.migrationIdentifiers.filter { !applied.contains($0) },
                    counts: counts, sources: sources)
                status.chainHead = try String.fetchOne(
                    db, sql: "SELECT hash FROM history WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1")
                status.editions = try ListEdition.order(ListEdition.Columns.source).fetchAll(db).map {
                    ($0, $0.editionOn.map { $0.days(until: day) })
                }
                return status
            }
        }
        status.publications = try guardingDatabaseErrors { try publicationFreshness(on: day) }
        return status
    }
}
