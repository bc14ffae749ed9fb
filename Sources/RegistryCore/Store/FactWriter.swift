import GRDB

/// Writes facts inside a caller's transaction: a record that differs is updated, a new one inserted, an
/// equal one left untouched (never rewritten). It counts and lists what it changed for the import report;
/// the history triggers record the old and new values.
final class FactWriter {
    let db: Database
    private(set) var counts = ImportCounts()
    /// The first `listLimit` changes, for the report; the rest are counted.
    private(set) var changes: [ImportChange] = []
    private(set) var changesOmitted = 0
    let listLimit: Int

    init(db: Database, listLimit: Int = 10_000) {
        self.db = db
        self.listLimit = listLimit
    }

    enum Outcome { case inserted, updated, unchanged }

    /// Inserts or updates `record` (found by its primary key), counting and listing the change. A caller that
    /// has just read the stored record passes it as `stored` (`.some(nil)`: there is none).
    @discardableResult
    func save<R: FetchableRecord & PersistableRecord & Equatable>(
        _ record: R, key: [String: any DatabaseValueConvertible], id: String, stored: R?? = nil
    ) throws -> Outcome {
        let found: R?
        if let stored {
            found = stored
        } else {
            // A cached statement per table and key: an import of a long list looks up one record per row.
            let columns = key.keys.sorted()
            let quotedTable = R.databaseTableName.quotedDatabaseIdentifier
            let quotedCondition = columns.map { "\($0.quotedDatabaseIdentifier) = ?" }.joined(separator: " AND ")
            let lookup = try db.cachedStatement(sql: "SELECT * FROM \(quotedTable) WHERE \(quotedCondition)")
            found = try R.fetchOne(
                lookup, arguments: StatementArguments(columns.map { key[$0]?.databaseValue ?? .null }))
        }
        guard let existing = found else {
            try record.insert(db)
            counts.inserted += 1
            list(ImportChange(kind: .inserted, table: R.databaseTableName, id: id, summary: "new"))
            return .inserted
        }
        guard existing != record else {
            counts.unchanged += 1
            return .unchanged
        }
        let fields = try record.databaseChanges(from: existing).keys.sorted()
        try record.update(db)
        counts.updated += 1
        list(
            ImportChange(
                kind: .updated, table: R.databaseTableName, id: id, summary: "changed " + fields.joined(separator: ", ")
            ))
        return .updated
    }

    /// Replaces the links of a parent — the `child` column of the rows of `table` whose `parent` column is
    /// `id` — when they differ from `children`; returns whether they did. Plain cached statements, not
    /// records: a list's import writes several links per row.
    func replaceLinks(
        _ table: String, _ parent: String, is id: String, _ child: String, _ children: [any DatabaseValueConvertible]
    ) throws -> Bool {
        let quotedTable = table.quotedDatabaseIdentifier
        let quotedParent = parent.quotedDatabaseIdentifier
        let quotedChild = child.quotedDatabaseIdentifier
        var wanted: [DatabaseValue] = []
        for value in children.map(\.databaseValue) where !wanted.contains(value) { wanted.append(value) }
        let existing = try DatabaseValue.fetchAll(
            db.cachedStatement(sql: "SELECT \(quotedChild) FROM \(quotedTable) WHERE \(quotedParent) = ?"),
            arguments: [id])
        guard Set(existing) != Set(wanted) else { return false }
        try db.cachedStatement(sql: "DELETE FROM \(quotedTable) WHERE \(quotedParent) = ?").execute(arguments: [id])
        let insert = try db.cachedStatement(
            sql: "INSERT INTO \(quotedTable) (\(quotedParent), \(quotedChild)) VALUES (?, ?)")
        for value in wanted { try insert.execute(arguments: [id.databaseValue, value]) }
        return true
    }

    /// Counts a parent whose own row was `outcome` but whose links (`what`) changed as updated, once.
    func linksChanged(_ what: [String], parent outcome: Outcome, table: String, id: String) {
        guard !what.isEmpty else { return }
        switch outcome {
        case .inserted:
            return
        case .unchanged:
            counts.unchanged -= 1
            counts.updated += 1
            list(ImportChange(kind: .updated, table: table, id: id, summary: "changed " + what.joined(separator: ", ")))
        case .updated:
            if let index = lastChange(of: id, in: table) {
                changes[index].summary += ", " + what.joined(separator: ", ")
            }
        }
    }

    /// Counts the last change of `id`, an update, as a reinstatement (an entry back on its list).
    func markReinstated(table: String, id: String) {
        counts.updated -= 1
        counts.reinstated += 1
        guard let index = lastChange(of: id, in: table), changes[index].kind == .updated else { return }
        changes[index].kind = .reinstated
        changes[index].summary = "back on the list; " + changes[index].summary
    }

    /// Records a withdrawal made by an official-list import.
    func noteWithdrawn(table: String, id: String, summary: String) {
        counts.withdrawn += 1
        list(ImportChange(kind: .withdrawn, table: table, id: id, summary: summary))
    }

    /// Records a change a steward's write made by hand (a merge's moves), counted with the others.
    func record(_ kind: ImportChange.Kind, table: String, id: String, _ summary: String) {
        switch kind {
        case .inserted: counts.inserted += 1
        case .updated: counts.updated += 1
        case .withdrawn: counts.withdrawn += 1
        case .reinstated: counts.reinstated += 1
        }
        list(ImportChange(kind: kind, table: table, id: id, summary: summary))
    }

    /// Gives the provider or offer `id` the alias, unless it has it; counted as a change of that entry.
    func addAlias(_ alias: String, to id: String, provider: Bool) throws {
        let (table, column) = provider ? ("providerAlias", "providerId") : ("offerAlias", "offerId")
        let (quotedTable, quotedColumn) = (table.quotedDatabaseIdentifier, column.quotedDatabaseIdentifier)
        try db.execute(
            sql: "INSERT OR IGNORE INTO \(quotedTable) (\(quotedColumn), alias) VALUES (?, ?)", arguments: [id, alias])
        if db.changesCount > 0 {
            record(.updated, table: provider ? "provider" : "offer", id: id, "new alias « \(alias) »")
        }
    }

    private func list(_ change: ImportChange) {
        lastChangeListed = changes.count < listLimit
        if lastChangeListed { changes.append(change) } else { changesOmitted += 1 }
    }

    private var lastChangeListed = false

    /// The index of the change just made, if it is listed and is to `id`: the relabelling methods are
    /// called right after the change they relabel.
    private func lastChange(of id: String, in table: String) -> Int? {
        guard lastChangeListed, let last = changes.last, last.id == id, last.table == table else { return nil }
        return changes.count - 1
    }

    /// Rewrites the summary of the change just made to `id` in `table`.
    func relabelLastChange(table: String, id: String, summary: String) {
        if let index = lastChange(of: id, in: table) { changes[index].summary = summary }
    }

    // MARK: - Canonical documents

    /// Writes every fact of a validated document.
    func write(_ document: RegistryDocument) throws {
        // A document's records may refer to records written after them (an offer built on another). Only
        // documents defer: deferred checks make a long list's row-by-row writes about twice as slow.
        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
        for entity in document.entities { try save(entity, key: ["id": entity.id], id: entity.id) }
        for edge in document.ownership {
            try save(
                edge, key: ["ownerId": edge.ownerId, "ownedId": edge.ownedId], id: "\(edge.ownerId) → \(edge.ownedId)")
        }
        for entry in document.providers {
            let id = entry.provider.id
            let outcome = try save(entry.provider, key: ["id": id], id: id)
            let changed = try replaceLinks("providerAlias", "providerId", is: id, "alias", entry.aliases)
            linksChanged(changed ? ["aliases"] : [], parent: outcome, table: "provider", id: id)
        }
        for site in document.sites { try save(site, key: ["id": site.id], id: site.id) }
        for entry in document.offers {
            let id = entry.offer.id
            let outcome = try save(entry.offer, key: ["id": id], id: id)
            let sites = try replaceLinks("offerSite", "offerId", is: id, "siteId", entry.sites)
            let aliases = try replaceLinks("offerAlias", "offerId", is: id, "alias", entry.aliases)
            linksChanged(
                (sites ? ["sites"] : []) + (aliases ? ["aliases"] : []), parent: outcome, table: "offer", id: id)
        }
        for entry in document.attestations { try write(entry) }
        for entry in document.listings { try write(entry) }
        for row in document.hdsTransparency { try save(row, key: ["id": row.id], id: row.id) }
        for edition in document.listEditions {
            try save(edition, key: ["source": edition.source.rawValue], id: edition.source.rawValue)
        }
    }

    @discardableResult
    func write(_ entry: AttestationEntry, stored: Attestation?? = nil) throws -> Outcome {
        let id = entry.attestation.id
        let outcome = try save(entry.attestation, key: ["id": id], id: id, stored: stored)
        var changed: [String] = []
        if try replaceLinks("attestationOffer", "attestationId", is: id, "offerId", entry.offers) {
            changed.append("offers")
        }
        if try replaceLinks("attestationActivity", "attestationId", is: id, "activity", entry.activities) {
            changed.append("activities")
        }
        linksChanged(changed, parent: outcome, table: "attestation", id: id)
        return outcome == .unchanged && !changed.isEmpty ? .updated : outcome
    }

    @discardableResult
    func write(_ entry: ListingEntry) throws -> Outcome {
        let id = entry.listing.id
        let outcome = try save(entry.listing, key: ["id": id], id: id)
        let changed = try replaceLinks("listingOffer", "listingId", is: id, "offerId", entry.offers)
        linksChanged(changed ? ["offers"] : [], parent: outcome, table: "listing", id: id)
        return outcome == .unchanged && changed ? .updated : outcome
    }
}

extension Database {
    /// The record with this id, through a cached statement: imports look one up per row.
    func record<R: FetchableRecord & TableRecord>(_ type: R.Type, id: String) throws -> R? {
        let quotedTable = R.databaseTableName.quotedDatabaseIdentifier
        return try R.fetchOne(cachedStatement(sql: "SELECT * FROM \(quotedTable) WHERE id = ?"), arguments: [id])
    }

    /// The record with this id, which must exist (GRDB's `find`, through a cached statement).
    func existingRecord<R: FetchableRecord & TableRecord>(_ type: R.Type, id: String) throws -> R {
        guard let record = try record(type, id: id) else {
            throw RecordError.recordNotFound(databaseTableName: R.databaseTableName, key: ["id": id.databaseValue])
        }
        return record
    }
}
