import Foundation
import GRDB

/// One change to one fact, as the history triggers recorded it.
public struct HistoryEntry: Hashable, Sendable {
    public var id: Int64
    /// ISO 8601 UTC timestamp.
    public var changedAt: String
    public var table: String
    /// The row's primary key: an id, or a JSON array for link rows.
    public var rowKey: String
    public var providerId: String?
    /// `insert`, `update` or `delete`.
    public var operation: String
    /// Column values before and after (as JSON text); for updates only the columns that changed.
    public var changes: [FieldChange]
    public var runId: Int64?
    public var runSource: String?
    public var runFile: String?
}

/// A column's value before and after a change (nil: NULL, or absent for inserts and deletes).
public struct FieldChange: Hashable, Sendable {
    public var field: String
    public var old: String?
    public var new: String?
}

/// What `registry history` filters on.
public struct HistoryFilter: Sendable {
    /// A provider id (all its facts) or the id of one fact (an offer, an attestation...).
    public var id: String?
    public var since: Day?
    public var source: String?
    /// Only the changes of this import run.
    public var run: Int64?
    public var limit = 1_000

    public init() {}
}

extension Registry {
    /// Changes newest first, filtered.
    public func history(_ filter: HistoryFilter) throws -> [HistoryEntry] {
        try guardingDatabaseErrors {
            try read { db in
                var conditions: [SQL] = []
                if let id = filter.id {
                    if try Provider.exists(db, key: id) {
                        conditions.append("history.providerId = \(id)")
                    } else {
                        // The fact itself, and the link rows that name it (JSON array keys).
                        let quoted = "\"\(id)\""
                        conditions.append("(history.rowKey = \(id) OR instr(history.rowKey, \(quoted)) > 0)")
                    }
                }
                if let since = filter.since { conditions.append("history.changedAt >= \(since.description)") }
                if let source = filter.source { conditions.append("importRun.source = \(source)") }
                if let run = filter.run { conditions.append("history.runId = \(run)") }
                let whereClause: SQL = conditions.isEmpty ? "" : "WHERE \(conditions.joined(operator: .and))"
                let rows = try Row.fetchAll(
                    db,
                    SQLRequest(
                        literal: """
                            SELECT history.*, importRun.source AS runSource, importRun.fileName AS runFile
                            FROM history LEFT JOIN importRun ON importRun.id = history.runId
                            \(whereClause)
                            ORDER BY history.id DESC LIMIT \(filter.limit)
                            """))
                return rows.map(Self.historyEntry)
            }
        }
    }

    private static func historyEntry(_ row: Row) -> HistoryEntry {
        let old = jsonObject(row["oldValues"])
        let new = jsonObject(row["newValues"])
        let fields = Set(old.keys).union(new.keys).sorted()
        let changes = fields.compactMap { field -> FieldChange? in
            let before = old[field] ?? nil
            let after = new[field] ?? nil
            if !old.isEmpty && !new.isEmpty && before == after { return nil }
            if (old.isEmpty && after == nil) || (new.isEmpty && before == nil) { return nil }
            return FieldChange(field: field, old: before, new: after)
        }
        return HistoryEntry(
            id: row["id"], changedAt: row["changedAt"], table: row["tableName"], rowKey: row["rowKey"],
            providerId: row["providerId"], operation: row["operation"], changes: changes, runId: row["runId"],
            runSource: row["runSource"], runFile: row["runFile"])
    }

    /// A JSON object of column values, each rendered as text (nil for NULL).
    private static func jsonObject(_ text: String?) -> [String: String?] {
        guard let text, let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            return [:]
        }
        return object.mapValues { value -> String? in
            switch value {
            case is NSNull: return nil
            case let string as String: return string
            case let number as NSNumber: return number.stringValue
            default: return "\(value)"
            }
        }
    }
}
