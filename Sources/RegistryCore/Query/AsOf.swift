import Foundation
import GRDB

/// A moment in the registry's history: `YYYY-MM-DD` (the end of that day, UTC) or an ISO 8601 time.
public struct Moment: Hashable, Sendable, CustomStringConvertible {
    /// The moment in the history's own format, `YYYY-MM-DDTHH:MM:SS.sssZ`, so that it compares as text.
    public let timestamp: String

    public init?(parsing text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let day = Day(parsing: text), !text.contains("T") {
            timestamp = "\(day)T23:59:59.999Z"
            return
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        var zoned = text
        if let offset = text.range(of: #"[+-]\d\d:?\d\d$"#, options: .regularExpression) {
            // UTC offsets run from -12:00 to +14:00; « +25:00 » is no moment.
            let digits = text[offset].filter(\.isNumber)
            guard let hours = Int(digits.prefix(2)), let minutes = Int(digits.suffix(2)), hours <= 14, minutes < 60
            else { return nil }
        } else if !text.hasSuffix("Z") {
            zoned += "Z"
        }
        if zoned.count == "YYYY-MM-DDTHH:MMZ".count { zoned = String(zoned.dropLast()) + ":00Z" }
        guard let date = formatter.date(from: zoned) ?? plain.date(from: zoned) else { return nil }
        timestamp = formatter.string(from: date)
    }

    public var description: String { timestamp }

    /// The moment `date` (`Clock.now` reads the present through it).
    public static func at(_ date: Date) -> Moment {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return Moment(timestamp: formatter.string(from: date))
    }

    private init(timestamp: String) {
        self.timestamp = timestamp
    }
}

extension Registry {
    /// The registry as it was recorded at `moment`: an in-memory copy with every later change undone,
    /// from the history the triggers keep. Queries on it answer "what did we know then?".
    public func asOf(_ moment: Moment) throws -> Registry {
        try guardingDatabaseErrors {
            let copy = try DatabaseQueue(configuration: Registry.configuration())
            try self.copy(to: copy)
            try copy.writeWithoutTransaction { db in
                // Undoing row by row: no cascades, no history of the undo itself.
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                try db.inTransaction {
                    let later = try Row.fetchAll(
                        db, sql: "SELECT * FROM history WHERE changedAt > ? ORDER BY id DESC",
                        arguments: [moment.timestamp])
                    var columnsByTable: [String: [String]] = [:]
                    for change in later {
                        let table: String = change["tableName"]
                        if columnsByTable[table] == nil {
                            columnsByTable[table] = try db.columns(in: table).map(\.name)
                        }
                        try Registry.undo(change, columns: columnsByTable[table] ?? [], db)
                    }
                    try db.execute(sql: "DELETE FROM history WHERE changedAt > ?", arguments: [moment.timestamp])
                    try db.execute(
                        sql: "DELETE FROM importRun WHERE startedAt > ?", arguments: [moment.timestamp])
                    // The names searched are those of that moment.
                    if !later.isEmpty { try OfferSearch.rebuild(db) }
                    return .commit
                }
            }
            return try Registry(writer: copy, clock: clock)
        }
    }

    /// Undoes one recorded change: an insert is deleted, an update or delete restores the old values.
    private static func undo(_ change: Row, columns: [String], _ db: Database) throws {
        let table: String = change["tableName"]
        let values = { (text: String?) throws -> [String: DatabaseValue] in
            var result: [String: DatabaseValue] = [:]
            for pair in try Row.fetchAll(db, sql: "SELECT key, value FROM json_each(?)", arguments: [text]) {
                result[pair["key"]] = pair["value"]
            }
            return result
        }
        let keyColumns = try db.primaryKey(table).columns
        let quotedTable = table.quotedDatabaseIdentifier
        switch change["operation"] as String {
        case "insert":
            let new = try values(change["newValues"])
            let quotedCondition = keyColumns.map { "\($0.quotedDatabaseIdentifier) = ?" }.joined(separator: " AND ")
            try db.execute(
                sql: "DELETE FROM \(quotedTable) WHERE \(quotedCondition)",
                arguments: StatementArguments(keyColumns.map { new[$0] ?? .null }))
        default:
            let old = try values(change["oldValues"])
            let known = columns.filter { old[$0] != nil }
            let quotedColumns = known.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
            let quotedPlaceholders = Array(repeating: "?", count: known.count).joined(separator: ", ")
            try db.execute(
                sql: "INSERT OR REPLACE INTO \(quotedTable) (\(quotedColumns)) VALUES (\(quotedPlaceholders))",
                arguments: StatementArguments(known.map { old[$0] ?? .null }))
        }
    }
}
