import Foundation
import GRDB
import Testing

@testable import RegistryCore

/// Every fact table keeps a history of every column: a migration that adds a table or a column and forgets
/// the triggers (`Scripts/history-triggers.py` writes them) fails here.
@Suite struct HistoryCoverageTests {
    /// Tables without a history: filled by the migrations alone (the vocabulary, the profiles), or the
    /// history's own bookkeeping.
    static let withoutHistory: Set<String> = [
        "country", "scheme", "catalogue", "profile", "history", "importRun", "publicationEdition", "publicationFetch",
        "grdb_migrations",
        // What `--search` reads, kept from the facts by every write: the trigram index and its own tables.
        "offerSearch", "offerSearch_config", "offerSearch_content", "offerSearch_data", "offerSearch_docsize",
        "offerSearch_idx",
    ]

    /// What the history triggers miss, one line per gap: a table without one of its three triggers, or a
    /// column a trigger does not record (or, on update, does not watch).
    static func gaps(in db: Database) throws -> [String] {
        let tables = try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        var gaps: [String] = []
        for table in tables where !withoutHistory.contains(table) {
            let columns = try db.columns(in: table).map(\.name)
            for operation in ["insert", "update", "delete"] {
                let name = "\(table)_history_\(operation)"
                guard
                    let sql = try String.fetchOne(
                        db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", arguments: [name])
                else {
                    gaps.append("\(table): no \(operation) trigger")
                    continue
                }
                let rows = ["insert": ["NEW"], "update": ["OLD", "NEW"], "delete": ["OLD"]][operation]!
                for column in columns {
                    for row in rows where !sql.contains("'\(column)', \(row).\(column)") {
                        gaps.append("\(table).\(column): not recorded as \(row) on \(operation)")
                    }
                    if operation == "update" && !sql.contains("OLD.\(column) IS NOT NEW.\(column)") {
                        gaps.append("\(table).\(column): a change to it alone is not recorded")
                    }
                }
            }
        }
        return gaps
    }

    @Test func everyFactTableKeepsAHistoryOfEveryColumn() throws {
        let registry = try Fixture.registry()
        let (gaps, triggers) = try registry.read { db in
            (
                try Self.gaps(in: db),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name LIKE '%_history_%'")
            )
        }
        #expect(triggers == 57)
        #expect(gaps.isEmpty, "\(gaps.joined(separator: "\n")) — write the triggers with Scripts/history-triggers.py")
    }

    @Test func aForgottenColumnOrTriggerIsAGap() throws {
        let registry = try Fixture.registry()
        let gaps = try registry.write { db in
            try db.execute(
                sql: """
                    ALTER TABLE offer ADD COLUMN tier TEXT;
                    DROP TRIGGER site_history_delete;
                    CREATE TABLE invoice (id TEXT PRIMARY KEY) STRICT;
                    """)
            return try Self.gaps(in: db)
        }
        #expect(gaps.contains("offer.tier: not recorded as NEW on insert"))
        #expect(gaps.contains("offer.tier: a change to it alone is not recorded"))
        #expect(gaps.contains("offer.tier: not recorded as OLD on delete"))
        #expect(gaps.contains("site: no delete trigger"))
        #expect(gaps.contains("invoice: no insert trigger"))
        #expect(gaps.count == 9)
    }

    /// What the seeds write is recorded whole: each history row of the seeding holds every column of its table.
    @Test func theSeedingIsRecordedWithEveryColumn() throws {
        let registry = try Fixture.registry()
        try registry.loadSeeds()
        let (seen, mismatches) = try registry.read { db in
            var seen: Set<String> = []
            var mismatches: Set<String> = []
            for row in try Row.fetchAll(db, sql: "SELECT tableName, newValues FROM history WHERE operation = 'insert'")
            {
                let table: String = row["tableName"]
                let recorded = try JSONSerialization.jsonObject(with: Data((row["newValues"] as String).utf8))
                let keys = Set((recorded as? [String: Any])?.keys.map { $0 } ?? [])
                seen.insert(table)
                if keys != Set(try db.columns(in: table).map(\.name)) { mismatches.insert(table) }
            }
            return (seen, mismatches)
        }
        #expect(seen.count >= 10, "\(seen)")
        #expect(mismatches.isEmpty, "\(mismatches)")
    }
}
