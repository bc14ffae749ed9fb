import Foundation
import GRDB

/// Links every history row to the one before it by a hash, so that the history cannot be rewritten unseen:
/// a row deleted, edited or inserted, a change or a run back-dated (the run's start is in the hash) breaks the
/// chain, and `registry check` names the first broken link; each run records the head, so a cut tail shows.
/// Rows a person wrote by hand (the triggers record them too) are linked by the registry's next write.
enum HistoryChain {
    private static let batch = 10_000

    /// The columns a link covers, the run's start among them.
    private static let linked = """
        SELECT history.id, history.runId, history.changedAt, history.tableName, history.rowKey, history.providerId,
               history.operation, history.oldValues, history.newValues, history.hash, importRun.startedAt
        FROM history LEFT JOIN importRun ON importRun.id = history.runId
        """

    /// The hash of `row` after `previous`: its columns (and its run's start) as text, separated by a unit
    /// separator, NULL as a NUL character. (Formatted by hand: `String(format:)` tripled an import's time.)
    private static func link(_ previous: String, _ row: Row) -> String {
        var text = previous
        for index in 0...10 where index != 9 {
            text.append("\u{1F}")
            switch (row[index] as DatabaseValue).storage {
            case .null: text.append("\u{0}")
            case .int64(let value): text.append(String(value))
            case .double(let value): text.append(String(value))
            case .string(let value): text.append(value)
            case .blob(let value): text.append(value.base64EncodedString())
            }
        }
        return Fingerprint.sha256(Data(text.utf8))
    }

    /// A row not linked yet is a change made since the last write, stamped with the present by the triggers:
    /// one dated before the row ahead of it was back-dated by hand, to change what `--as-of` answers.
    private static func backDated(_ row: Row, after changedAt: String) -> Bool { (row[2] as String) < changedAt }

    private static func forgedMessage(_ id: Int64, _ what: String) -> String {
        "the history's row \(id), not linked yet, \(what): it was written or back-dated outside the registry"
    }

    /// Links the rows not linked yet, in order; returns the head of the chain (nil: no history). A back-dated
    /// row is never linked: the database is damaged.
    @discardableResult
    static func extend(_ db: Database) throws -> String? {
        var previous = try String.fetchOne(
            db, sql: "SELECT hash FROM history WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1")
        // A history older than the chain is linked whole, as it stands (the first open after migration 0012).
        var changedAt =
            previous == nil
            ? "" : try String.fetchOne(db, sql: "SELECT max(changedAt) FROM history WHERE hash IS NOT NULL") ?? ""
        let update = try db.cachedStatement(sql: "UPDATE history SET hash = ? WHERE id = ?")
        var after: Int64 =
            try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM history WHERE hash IS NOT NULL") ?? 0
        while true {
            let rows = try Row.fetchAll(
                db, sql: linked + " WHERE history.id > ? AND history.hash IS NULL ORDER BY history.id LIMIT ?",
                arguments: [after, batch])
            guard let last = rows.last else { break }
            for row in rows {
                if backDated(row, after: changedAt) {
                    throw RegistryError.damaged(forgedMessage(row[0], "is dated before the row ahead of it"))
                }
                changedAt = max(changedAt, row[2])
                let hash = link(previous ?? "", row)
                try update.execute(arguments: [hash, row[0] as Int64])
                previous = hash
            }
            after = last[0]
        }
        return previous
    }

    /// The first link that does not hold, in plain words, or nil; rows not linked yet at the end are counted.
    static func problems(_ db: Database) throws -> [CheckProblem] {
        let walk = try walk(db)
        if let broken = walk.broken { return [broken] }
        let (hashes, unlinked) = (walk.hashes, walk.unlinked)
        var problems: [CheckProblem] = []
        for row in try Row.fetchAll(
            db, sql: "SELECT id, chainHead FROM importRun WHERE chainHead IS NOT NULL ORDER BY id")
        where !hashes.contains(row[1] as String) {
            problems.append(
                CheckProblem(
                    kind: "history",
                    message: "run \(row[0] as Int64)'s last change is gone from the history: it was cut"))
            break
        }
        if unlinked > 0 {
            problems.append(
                CheckProblem(
                    kind: "history-unlinked",
                    message:
                        "\(unlinked) history rows written by hand since the last import are not linked yet; the next import links them"
                ))
        }
        return problems
    }

    /// Walks the history in batches, checking each link: the first broken one, the hashes seen, and how many
    /// rows at the tail are not linked yet.
    private static func walk(_ db: Database) throws -> (broken: CheckProblem?, hashes: Set<String>, unlinked: Int) {
        var previous = ""
        var changedAt = ""
        var after: Int64 = 0
        var unlinked = 0
        var hashes = Set<String>()
        while true {
            let rows = try Row.fetchAll(
                db, sql: linked + " WHERE history.id > ? ORDER BY history.id LIMIT ?", arguments: [after, batch])
            guard let last = rows.last else { break }
            for row in rows {
                let id: Int64 = row[0]
                guard let hash = row[9] as String? else {
                    // A run links its rows before it ends: an unlinked row naming one was written by hand.
                    if backDated(row, after: changedAt) {
                        let problem = CheckProblem(
                            kind: "history", message: forgedMessage(id, "is dated before the row ahead of it"))
                        return (problem, hashes, unlinked)
                    }
                    if (row[1] as Int64?) != nil {
                        let problem = CheckProblem(kind: "history", message: forgedMessage(id, "names an import run"))
                        return (problem, hashes, unlinked)
                    }
                    changedAt = max(changedAt, row[2])
                    unlinked += 1
                    continue
                }
                if unlinked > 0 || hash != link(previous, row) {
                    let problem = CheckProblem(
                        kind: "history",
                        message:
                            "the history's chain breaks at row \(id): a row before it was deleted or inserted, or this one edited or back-dated, outside the registry"
                    )
                    return (problem, hashes, unlinked)
                }
                hashes.insert(hash)
                previous = hash
                changedAt = max(changedAt, row[2])
            }
            after = last[0]
        }
        return (nil, hashes, unlinked)
    }
}
