import Foundation
import GRDB

/// What an official-list import needs while it writes.
struct ListContext {
    let db: Database
    let facts: FactWriter
    var matcher: ProviderMatcher
    let day: Day
    /// "ANSSI … (file secnumcloud.csv)".
    let source: String
    /// The file as the steward named it, for the facts a transcription gives.
    var fileLabel = ""
    /// The edition a transcription was made from, when the steward names it.
    var edition: Day?

    /// How a transcription's facts say where they were read.
    var transcription: String {
        edition.map { "a transcription of the edition of \($0) (\(fileLabel)), imported on \(day)" }
            ?? "a transcription (\(fileLabel)) imported on \(day)"
    }
    /// Catalogues or hosts the file covers, for lists that speak for part of their source only.
    var scope: Set<String> = []
    /// Entries current after this import that were not before (inserted or reinstated): not in the guard's
    /// base. A new entry the list does not grant (« non qualifié ») is not current, and not counted.
    var newEntries = 0
    /// Names that matched nothing, for which entries were created.
    var unmatched: [UnmatchedName] = []
    /// What the steward should read in the report: a row granted until a day already past, say.
    var notes: [String] = []

    /// Notes a row the list marks granted whose end has passed on the import's day: it is stored as the list
    /// says and counts as ended.
    mutating func noteEnded(_ status: AttestationStatus, until end: Day?, line: Int) {
        guard status.isGranted, let end, end < day else { return }
        if notes.count < 100 {
            notes.append(
                "line \(line): marked \(status.rawValue) until \(end), already past on \(day): stored as the list says, it counts as ended"
            )
        }
    }

    /// The provider a row names, created when the list names it for the first time; nil with an error
    /// when the name is ambiguous.
    mutating func provider(_ identity: RowIdentity, line: Int) throws -> Result<String, InputProblem> {
        switch try matcher.provider(named: identity.provider, siren: identity.siren) {
        case .found(let id):
            return .success(id)
        case .ambiguous(let ids):
            return .failure(
                InputProblem(
                    line: line, column: "provider", value: identity.provider,
                    message:
                        "names several providers (\(ids.joined(separator: ", "))); add the SIREN, or write the provider id"
                ))
        case .missing:
            let id = try matcher.createProvider(
                named: identity.provider, siren: identity.siren, source: source, kind: .officialList, on: day,
                facts: facts)
            facts.relabelLastChange(table: "provider", id: id, summary: "new provider, first seen in this list")
            unmatched.append(
                UnmatchedName(line: line, kind: .provider, name: identity.provider, createdId: id, suggestions: []))
            return .success(id)
        }
    }

    /// The offer of `providerId` a row names, created when the list names it for the first time.
    mutating func offer(
        named name: String, of providerId: String, model: ServiceModel?, kind: SourceKind, line: Int
    ) throws -> String {
        let (id, created) = try matcher.offer(
            named: name, of: providerId, model: model, source: source, kind: kind, on: day, facts: facts)
        if created {
            unmatched.append(UnmatchedName(line: line, kind: .offer, name: name, createdId: id, suggestions: []))
        }
        return id
    }

    /// The offer a decision's fact covers, for a row that names `service`: that offer, when the name is its own,
    /// an alias, or no offer's (a rename: the name becomes an alias, and the report says so); a conflict when the
    /// name is another offer's — a decision names one service, and a list that gives it to another is never
    /// read as « unchanged ».
    /// `aliasing: false` leaves the names to the caller (the catalogue keeps them its own way).
    mutating func offer(
        holding decision: String, covered: String, named service: String, line: Int, aliasing: Bool = true
    ) throws -> String {
        let providerId = String(covered.prefix { $0 != "/" })
        if let named = try matcher.offer(named: service, of: providerId, db), named != covered {
            throw InputProblem(
                line: line, column: "decision", value: decision,
                message:
                    "decision \(decision) is held by \(covered); this row gives it to \(named), another offer: check the "
                    + "list, or the number (if they are one service, `registry merge \(named) --into \(covered)` first)"
            )
        }
        if aliasing, try matcher.offer(named: service, of: providerId, db) == nil {
            try facts.addAlias(service, to: covered, provider: false)
            notes.append(
                "line \(line): decision \(decision) now names « \(service) »; \(covered) keeps it, with that name as an alias"
            )
        }
        return covered
    }

    /// The unmatched names with their suggestions: existing entries only, not those this import created.
    /// Only the first `limit` are looked up, against one index of the registry's names (a list of new
    /// providers by the thousand costs one read of the registry).
    func unmatchedWithSuggestions(limit: Int = 20) throws -> [UnmatchedName] {
        let created = Set(unmatched.map(\.createdId))
        var providers: NameSuggestions?
        var result = unmatched
        for index in result.indices.prefix(limit) {
            let name = result[index]
            switch name.kind {
            case .provider:
                if providers == nil { providers = try NameSuggestions.providers(db) }
                result[index].suggestions = providers?.nearest(name.name, excluding: created) ?? []
            case .offer:
                let providerId = String(name.createdId.prefix { $0 != "/" })
                // One provider's offers are few, and a shared word already says much: a lower bar.
                result[index].suggestions = try NameSuggestions.offers(of: providerId, db)
                    .nearest(name.name, excluding: created, threshold: 0.15)
            }
        }
        return result
    }

    /// The entries the file names so far, with the line that first named each.
    var seen = EntriesSeen()

    /// The rowid of an entry of the list's table: what `seen` keeps, instead of the entry's id.
    func rowid(of id: String, in table: String) throws -> Int64? {
        let quotedTable = table.quotedDatabaseIdentifier
        return try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT rowid FROM \(quotedTable) WHERE id = ?"), arguments: [id])
    }
}

extension ListContext {
    /// Writes an attestation of the list, counting a withdrawn one that comes back as reinstated.
    mutating func write(_ entry: AttestationEntry, existing: Attestation?) throws {
        // The row's apply has just read the attestation it updates: no need to read it again. (A new id is
        // still looked up: another entry may hold it.)
        var stored: Attestation?? = nil
        if let existing, existing.id == entry.attestation.id { stored = .some(existing) }
        let outcome = try facts.write(entry, stored: stored)
        let back = existing?.status == .withdrawn && entry.attestation.status != .withdrawn
        count(
            outcome, wasWithdrawn: back, isCurrent: entry.attestation.status != .withdrawn, table: "attestation",
            id: entry.attestation.id)
    }

    /// Counts an entry written by a list: new, or back on the list (reinstated). Neither was current before
    /// this import, so neither is in the base of the withdrawal guard. `isCurrent`: the entry as written is
    /// one of the list's current entries (`OfficialList.currentEntries`).
    mutating func count(
        _ outcome: FactWriter.Outcome, wasWithdrawn: Bool, isCurrent: Bool = true, table: String, id: String
    ) {
        if outcome == .inserted && isCurrent { newEntries += 1 }
        if wasWithdrawn && outcome == .updated {
            facts.markReinstated(table: table, id: id)
            newEntries += 1
        }
    }

    /// Marks an attestation absent from its list as withdrawn today; it is kept, never deleted.
    mutating func withdrawAttestation(_ id: String) throws {
        guard var attestation = try db.record(Attestation.self, id: id) else { return }
        let before = attestation.status
        attestation.status = .withdrawn
        attestation.milestone = nil
        attestation.statusSince = day
        try attestation.update(db)
        facts.noteWithdrawn(
            table: "attestation", id: id,
            summary: "\(before.rawValue.replacingOccurrences(of: "_", with: " ")) → withdrawn (absent from the list)")
    }
}

/// A fact an official list keeps current by naming it, and withdraws by leaving it out: kept, dated.
protocol Withdrawable: FetchableRecord, MutablePersistableRecord {
    var withdrawnOn: Day? { get set }
}

extension Listing: Withdrawable {}
extension HDSTransparency: Withdrawable {}

extension ListContext {
    /// Marks the fact `id` withdrawn today, recorded with `summary` of the stored fact.
    mutating func withdraw<R: Withdrawable>(_ type: R.Type, _ id: String, table: String, summary: (R) -> String)
        throws
    {
        guard var record = try db.record(R.self, id: id) else { return }
        record.withdrawnOn = day
        try record.update(db)
        facts.noteWithdrawn(table: table, id: id, summary: summary(record))
    }
}
