import GRDB

/// Writes facts inside a caller's transaction: a record that differs is updated, a new one inserted, an
/// equal one left untouched (never rewritten). It records what each write did, once, for the import report
/// — the counts are computed from that record — and the history triggers record the old and new values.
///
/// The outcome of the last fact written stays open until the next write: the list's layout may still learn
/// that its links changed too (an update, not « unchanged ») or that it is back on its list (a
/// reinstatement), and says so before it is counted.
final class FactWriter {
    let db: Database
    /// The outcomes recorded so far, each counted once.
    private var settled = ImportCounts()
    /// The first `listLimit` changes, for the report; the rest are counted.
    private var listed: [ImportChange] = []
    private var omitted = 0
    let listLimit: Int

    /// The last fact's outcome, still open: a change, or `unchanged` (nil kind).
    private var open: (table: String, id: String, change: ImportChange?)?

    /// Everything written so far, the open outcome included.
    var counts: ImportCounts {
        var counts = settled
        if let open { Self.count(open.change?.kind, in: &counts) }
        return counts
    }

    /// The changes listed for the report, the open one included.
    var changes: [ImportChange] {
        guard let change = open?.change, listed.count < listLimit else { return listed }
        return listed + [change]
    }

    /// How many changes the list leaves out, past `listLimit`.
    var changesOmitted: Int { omitted + (open?.change != nil && listed.count >= listLimit ? 1 : 0) }

    /// The counts of an import: the rows its reader read and rejected, and what the writes did.
    func counts(read: Int, rejected: Int) -> ImportCounts {
        var counts = self.counts
        counts.read = read
        counts.rejected = rejected
        return counts
    }

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
            begin(
                R.databaseTableName, id,
                ImportChange(kind: .inserted, table: R.databaseTableName, id: id, summary: "new"))
            return .inserted
        }
        guard existing != record else {
            begin(R.databaseTableName, id, nil)
            return .unchanged
        }
        let fields = try record.databaseChanges(from: existing).keys.sorted()
        try record.update(db)
        begin(
            R.databaseTableName, id,
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

    /// Records that a parent whose own row was `outcome` had its links (`what`) changed: an update, once.
    func linksChanged(_ what: [String], parent outcome: Outcome, table: String, id: String) {
        guard !what.isEmpty, outcome != .inserted, let open, open.table == table, open.id == id else { return }
        if var change = open.change {
            change.summary += ", " + what.joined(separator: ", ")
            self.open?.change = change
        } else {
            self.open?.change = ImportChange(
                kind: .updated, table: table, id: id, summary: "changed " + what.joined(separator: ", "))
        }
    }

    /// Records that the update just made to `id` brings an entry back on its list: a reinstatement.
    func markReinstated(table: String, id: String) {
        guard let open, open.table == table, open.id == id, var change = open.change, change.kind == .updated
        else { return }
        change.kind = .reinstated
        change.summary = "back on the list; " + change.summary
        self.open?.change = change
    }

    /// Records a withdrawal made by an official-list import.
    func noteWithdrawn(table: String, id: String, summary: String) {
        begin(table, id, ImportChange(kind: .withdrawn, table: table, id: id, summary: summary))
    }

    /// Records a change a steward's write made by hand (a merge's moves), counted with the others.
    func record(_ kind: ImportChange.Kind, table: String, id: String, _ summary: String) {
        begin(table, id, ImportChange(kind: kind, table: table, id: id, summary: summary))
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

    /// Settles the open outcome, then opens this one.
    private func begin(_ table: String, _ id: String, _ change: ImportChange?) {
        settle()
        open = (table, id, change)
    }

    /// Counts the open outcome and lists its change, once.
    private func settle() {
        guard let open else { return }
        Self.count(open.change?.kind, in: &settled)
        if let change = open.change {
            if listed.count < listLimit { listed.append(change) } else { omitted += 1 }
        }
        self.open = nil
    }

    private static func count(_ kind: ImportChange.Kind?, in counts: inout ImportCounts) {
        switch kind {
        case nil: counts.unchanged += 1
        case .inserted: counts.inserted += 1
        case .updated: counts.updated += 1
        case .withdrawn: counts.withdrawn += 1
        case .reinstated: counts.reinstated += 1
        }
    }

    /// Rewrites the summary of the change just made to `id` in `table`.
    func relabelLastChange(table: String, id: String, summary: String) {
        guard let open, open.table == table, open.id == id, open.change != nil else { return }
        self.open?.change?.summary = summary
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
            let others = entry.serviceModels.filter { $0 != entry.offer.serviceModel }.map(\.rawValue).sorted()
            let models = try replaceLinks("offerServiceModel", "offerId", is: id, "model", others)
            linksChanged(
                (sites ? ["sites"] : []) + (aliases ? ["aliases"] : []) + (models ? ["service models"] : []),
                parent: outcome, table: "offer", id: id)
        }
        for entry in document.attestations { try write(entry) }
        for entry in document.listings { try write(entry) }
        for row in document.hdsTransparency { try save(row, key: ["id": row.id], id: row.id) }
        for term in document.offerTerms {
            try save(
                term, key: ["offerId": term.offerId, "term": term.term.rawValue],
                id: "\(term.offerId) \(term.term.rawValue)")
        }
        for answer in document.csfAnswers {
            try save(
                answer, key: ["offerId": answer.offerId, "criterion": answer.criterion],
                id: "\(answer.offerId) CSF \(answer.criterion)")
        }
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
