import Foundation
import GRDB

/// A record that belongs to a provider and whose id reads `<provider>/<rest>`.
private protocol ProviderOwned: FetchableRecord, PersistableRecord {
    var id: String { get set }
    var providerId: String { get set }
}

extension Offer: ProviderOwned {}
extension Attestation: ProviderOwned {}
extension Listing: ProviderOwned {}
extension Site: ProviderOwned {}
extension HDSTransparency: ProviderOwned {}

extension Registry {
    // MARK: - Writes

    /// Gives the provider or offer `id` another name, so that the next import naming it lands there. One run
    /// of source `steward`, in the history; `dryRun` reports and writes nothing.
    public func addAlias(_ name: String, to id: String, dryRun: Bool = false) throws -> ImportReport {
        let alias = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !alias.isEmpty, !alias.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw RegistryError.usage("an alias needs visible text, such as \"OVH\"; control characters are refused")
        }
        return try stewardRun("alias add \(id) \"\(alias)\"", dryRun: dryRun) { db, facts in
            if try Provider.fetchOne(db, key: id) != nil {
                if let other = try ProviderMatcher(db).provider(named: alias, siren: nil).single, other != id {
                    throw RegistryError.usage(
                        "'\(alias)' already names provider '\(other)'; merge the two with `registry merge`, or choose "
                            + "another name")
                }
                try facts.addAlias(alias, to: id, provider: true)
            } else if let offer = try Offer.fetchOne(db, key: id) {
                if let other = try ProviderMatcher(db).offer(named: alias, of: offer.providerId, db), other != id {
                    throw RegistryError.usage(
                        "'\(alias)' already names offer '\(other)'; merge the two with `registry merge`, or choose "
                            + "another name")
                }
                try facts.addAlias(alias, to: id, provider: false)
            } else {
                throw try Registry.unknownId(id, db)
            }
        }
    }

    /// Moves every fact, alias, listing and site of `duplicate` (a provider or an offer) to `survivor`, keeps
    /// the duplicate's id and names as aliases of the survivor (so that the next import lands there), and
    /// deletes the duplicate. Unknown fields of the survivor are filled from the duplicate; known ones stay.
    /// One run of source `steward`: the history says what moved. `dryRun` reports and writes nothing.
    public func merge(_ duplicate: String, into survivor: String, dryRun: Bool = false) throws -> ImportReport {
        guard duplicate != survivor else {
            throw RegistryError.usage("'\(duplicate)' is the same entry; name the duplicate, then --into the survivor")
        }
        return try stewardRun("merge \(duplicate) --into \(survivor)", dryRun: dryRun) { db, facts in
            let merger = Merger(db: db, facts: facts)
            for id in [duplicate, survivor]
            where try Provider.fetchOne(db, key: id) == nil && Offer.fetchOne(db, key: id) == nil {
                throw try Registry.unknownId(id, db)
            }
            if let dup = try Provider.fetchOne(db, key: duplicate), let kept = try Provider.fetchOne(db, key: survivor)
            {
                try merger.merge(provider: dup, into: kept)
            } else if let dup = try Offer.fetchOne(db, key: duplicate), let kept = try Offer.fetchOne(db, key: survivor)
            {
                guard dup.providerId == kept.providerId else {
                    throw RegistryError.usage(
                        "\(duplicate) and \(survivor) belong to different providers; merge the providers first "
                            + "(`registry merge \(dup.providerId) --into \(kept.providerId)`)")
                }
                // Two offers one built on the other are two offers: merged, one would run on itself.
                guard kept.runsOnOfferId != dup.id && dup.runsOnOfferId != kept.id else {
                    let (upper, base) = kept.runsOnOfferId == dup.id ? (survivor, duplicate) : (duplicate, survivor)
                    throw RegistryError.usage(
                        "\(upper) runs on \(base): they are two offers, one built on the other, not twins; "
                            + "merge twins only (the same offer under two names)")
                }
                try merger.merge(offer: dup, into: kept)
            } else {
                throw RegistryError.usage(
                    "merge a provider into a provider, or an offer into an offer of the same provider")
            }
        }
    }

    /// Runs a steward's write as a run of its own, recorded as `description`.
    func stewardRun(
        _ description: String, dryRun: Bool, body: @escaping (Database, FactWriter) throws -> Void
    ) throws -> ImportReport {
        var report = ImportReport(status: .applied, source: .registryJSON, file: description)
        report.action = description
        return try performImport(report, runSource: .steward, day: clock.today, dryRun: dryRun) { db, facts, _ in
            try body(db, facts)
        }
    }

}

extension ProviderMatcher.Match {
    /// The one provider matched, if any.
    var single: String? { if case .found(let id) = self { id } else { nil } }
}

/// The moves of a merge, each written so that the history triggers record it.
private struct Merger {
    let db: Database
    let facts: FactWriter

    func merge(offer duplicate: Offer, into survivor: Offer) throws {
        var kept = survivor
        kept.serviceModel = kept.serviceModel ?? duplicate.serviceModel
        kept.adminCountry = kept.adminCountry ?? duplicate.adminCountry
        if kept.runsOnOfferId == nil, duplicate.runsOnOfferId != survivor.id {
            kept.runsOnOfferId = duplicate.runsOnOfferId
        }
        try facts.save(kept, key: ["id": kept.id], id: kept.id)
        try continueListEntries(of: duplicate, into: survivor)
        try move(from: duplicate.id, to: survivor.id, in: "attestationOffer", column: "offerId")
        try move(from: duplicate.id, to: survivor.id, in: "listingOffer", column: "offerId")
        try move(from: duplicate.id, to: survivor.id, in: "offerSite", column: "offerId")
        try move(from: duplicate.id, to: survivor.id, in: "offerAlias", column: "offerId")
        try db.execute(
            sql: "UPDATE offer SET runsOnOfferId = ? WHERE runsOnOfferId = ? AND id <> ?",
            arguments: [survivor.id, duplicate.id, survivor.id])
        try moveOfferFacts(from: duplicate.id, to: survivor.id)
        try duplicate.delete(db)
        facts.record(.updated, table: "offer", id: duplicate.id, "merged into \(survivor.id)")
        let names = [duplicate.name, String(duplicate.id.dropFirst(duplicate.providerId.count + 1))]
        for name in names where SearchText.fold(name) != SearchText.fold(survivor.name) {
            try facts.addAlias(name, to: survivor.id, provider: false)
        }
    }

    /// A list's entry for the duplicate continues the entry the same list withdrew from the survivor (the list
    /// named the offer otherwise): the survivor's entry takes its content and is back on the list, and the
    /// duplicate's goes. Otherwise the withdrawn entry, dated the day it was seen gone, would outrank the
    /// current one.
    private func continueListEntries(of duplicate: Offer, into survivor: Offer) throws {
        let entries = { (offerId: String) in
            try Attestation.fetchAll(
                db,
                sql: """
                    SELECT attestation.* FROM attestationOffer
                    JOIN attestation ON attestation.id = attestationOffer.attestationId
                    WHERE attestationOffer.offerId = ? AND attestation.origin IS NOT NULL
                      AND (SELECT count(*) FROM attestationOffer AS other WHERE other.attestationId = attestation.id) = 1
                    ORDER BY attestation.id
                    """, arguments: [offerId])
        }
        var withdrawn = try entries(survivor.id).filter { $0.status == .withdrawn }
        for current in try entries(duplicate.id) where current.status != .withdrawn {
            guard
                let index = withdrawn.firstIndex(where: {
                    $0.schemeId == current.schemeId && $0.origin == current.origin
                        && ($0.certificateRef == nil || current.certificateRef == nil
                            || $0.certificateRef == current.certificateRef)
                })
            else { continue }
            let entry = withdrawn.remove(at: index)
            let activities = try Registry.activities(of: current.id, db)
            try current.delete(db)
            var continued = current
            continued.id = entry.id
            continued.note = current.note ?? entry.note
            try continued.update(db)
            for activity in activities {
                try AttestationActivity(attestationId: entry.id, activity: activity).insert(db)
            }
            facts.record(.reinstated, table: "attestation", id: entry.id, "back on the list as \(current.id), merged")
        }
    }

    func merge(provider duplicate: Provider, into survivor: Provider) throws {
        for var site in try Site.filter(Site.Columns.providerId == duplicate.id).fetchAll(db) {
            if let same = try Site.filter(Site.Columns.providerId == survivor.id && Site.Columns.code == site.code)
                .fetchOne(db)
            {
                try move(from: site.id, to: same.id, in: "offerSite", column: "siteId")
                try site.delete(db)
                facts.record(.updated, table: "site", id: site.id, "merged into \(same.id)")
            } else {
                let old = site.id
                site = try reown(site, to: survivor.id)
                try move(from: old, to: site.id, in: "offerSite", column: "siteId")
                try db.execute(sql: "DELETE FROM site WHERE id = ?", arguments: [old])
            }
        }
        // The survivor's offers that the duplicate's became: what a fact of the duplicate covered, it still covers.
        var formerOffers: [String] = []
        // The survivor's offers indexed once by folded name and by id, in their order (the first that matches
        // wins), kept as offers move in: a merge of thousands of offers is linear, not quadratic.
        var survivors = try Offer.filter(Offer.Columns.providerId == survivor.id).fetchAll(db)
        var byName: [String: Int] = [:]
        var byId: [String: Int] = [:]
        let index = { (position: Int, offer: Offer) in
            byName[SearchText.fold(offer.name)] = byName[SearchText.fold(offer.name)] ?? position
            byId[offer.id] = byId[offer.id] ?? position
        }
        for (position, offer) in survivors.enumerated() { index(position, offer) }
        for offer in try Offer.filter(Offer.Columns.providerId == duplicate.id).order(Offer.Columns.id).fetchAll(db) {
            let suffix = String(offer.id.dropFirst(duplicate.id.count + 1))
            let match = [byName[SearchText.fold(offer.name)], byId["\(survivor.id)/\(suffix)"]].compactMap { $0 }.min()
            let target = try match.map { survivors[$0] } ?? reown(offer, to: survivor.id)
            if match == nil {
                survivors.append(target)
                index(survivors.count - 1, target)
            }
            try mergeOwned(offer: offer, into: target)
            formerOffers.append(target.id)
        }
        try moveFacts(of: duplicate, to: survivor, formerOffers: formerOffers)
        for row in try HDSTransparency.filter(HDSTransparency.Columns.providerId == duplicate.id).fetchAll(db) {
            try reown(row, to: survivor.id) { _, _ in }
        }
        var kept = survivor
        kept.legalName = kept.legalName ?? duplicate.legalName
        kept.entityId = kept.entityId ?? duplicate.entityId
        kept.hqCountry = kept.hqCountry ?? duplicate.hqCountry
        kept.website = kept.website ?? duplicate.website
        let siren = kept.siren ?? duplicate.siren
        let aliases = try String.fetchAll(
            db, sql: "SELECT alias FROM providerAlias WHERE providerId = ?", arguments: [duplicate.id])
        try duplicate.delete(db)
        facts.record(.updated, table: "provider", id: duplicate.id, "merged into \(survivor.id)")
        kept.siren = siren
        try facts.save(kept, key: ["id": kept.id], id: kept.id)
        for name in [duplicate.name, duplicate.id] + (duplicate.legalName.map { [$0] } ?? []) + aliases
        where SearchText.fold(name) != SearchText.fold(survivor.name) {
            try facts.addAlias(name, to: survivor.id, provider: true)
        }
    }

    /// The duplicate's attestations and listings, now the survivor's, each covering what it covered.
    private func moveFacts(of duplicate: Provider, to survivor: Provider, formerOffers: [String]) throws {
        for attestation in try Attestation.filter(Attestation.Columns.providerId == duplicate.id).fetchAll(db) {
            var moved = try reown(attestation, to: survivor.id) { old, new in
                try move(from: old, to: new, in: "attestationOffer", column: "attestationId")
                try move(from: old, to: new, in: "attestationActivity", column: "attestationId")
            }
            if moved.scope == .provider {
                moved.scope = formerOffers.isEmpty ? .unspecified : .offers
                try narrow(moved, table: "attestationOffer", parent: "attestationId", to: formerOffers)
            }
        }
        for listing in try Listing.filter(Listing.Columns.providerId == duplicate.id).fetchAll(db) {
            var moved = try reown(listing, to: survivor.id) { old, new in
                try move(from: old, to: new, in: "listingOffer", column: "listingId")
            }
            if moved.scope == .provider {
                moved.scope = formerOffers.isEmpty ? .unspecified : .offers
                try narrow(moved, table: "listingOffer", parent: "listingId", to: formerOffers)
            }
        }
    }

    /// A provider-wide fact of a merged provider, now scoped to the offers that provider had (none: unspecified):
    /// a merge never widens what a fact covers to the survivor's other offers.
    private func narrow<R: ProviderOwned & PersistableRecord>(
        _ record: R, table: String, parent: String, to offers: [String]
    ) throws {
        try record.update(db)
        let (quotedTable, quotedParent) = (table.quotedDatabaseIdentifier, parent.quotedDatabaseIdentifier)
        for offer in Set(offers) {
            try db.execute(
                sql: "INSERT OR IGNORE INTO \(quotedTable) (\(quotedParent), offerId) VALUES (?, ?)",
                arguments: [record.id, offer])
        }
        facts.record(
            .updated, table: R.databaseTableName, id: record.id,
            offers.isEmpty
                ? "scope: the merged provider had no offer, so it covers none (unspecified)"
                : "scope: the merged provider's offers only (\(Set(offers).sorted().joined(separator: ", ")))")
    }

    /// An offer of the duplicate provider into an offer of the survivor, the attestations and listings that
    /// name it following (they move with their provider afterwards).
    /// A host's table of a merged offer stays its words: its rows now name the survivor (and the next import
    /// of the page finds them there, by actor).
    private func moveOfferFacts(from old: String, to new: String) throws {
        try db.execute(sql: "UPDATE hdsTransparency SET offerId = ? WHERE offerId = ?", arguments: [new, old])
        // The survivor's own terms and answers stand; the duplicate's fill what it lacks.
        try move(from: old, to: new, in: "offerTerm", column: "offerId")
        try move(from: old, to: new, in: "csfAnswer", column: "offerId")
    }

    private func mergeOwned(offer: Offer, into target: Offer) throws {
        try move(from: offer.id, to: target.id, in: "attestationOffer", column: "offerId")
        try move(from: offer.id, to: target.id, in: "listingOffer", column: "offerId")
        try move(from: offer.id, to: target.id, in: "offerSite", column: "offerId")
        try move(from: offer.id, to: target.id, in: "offerAlias", column: "offerId")
        try db.execute(
            sql: "UPDATE offer SET runsOnOfferId = ? WHERE runsOnOfferId = ?", arguments: [target.id, offer.id])
        try moveOfferFacts(from: offer.id, to: target.id)
        try db.execute(sql: "DELETE FROM offer WHERE id = ?", arguments: [offer.id])
        facts.record(.updated, table: "offer", id: offer.id, "merged into \(target.id)")
        if SearchText.fold(offer.name) != SearchText.fold(target.name) {
            try facts.addAlias(offer.name, to: target.id, provider: false)
        }
    }

    /// A copy of `record` owned by `providerId`, under a free id with the same ending; `moveChildren` moves
    /// the rows that name the old id before it is deleted.
    @discardableResult
    private func reown<R: ProviderOwned>(
        _ record: R, to providerId: String, moveChildren: ((String, String) throws -> Void)? = nil
    ) throws -> R {
        var copy = record
        let suffix = String(record.id.dropFirst(record.providerId.count + 1))
        copy.providerId = providerId
        copy.id = "\(providerId)/\(suffix)"
        var number = 2
        while try R.exists(db, key: copy.id) {
            copy.id = "\(providerId)/\(suffix)-\(number)"
            number += 1
        }
        // A certificate number is unique: the old row lets go of it before the copy takes it.
        if var attestation = record as? Attestation, attestation.certificateRef != nil {
            attestation.certificateRef = nil
            try attestation.update(db)
        }
        try copy.insert(db)
        facts.record(.inserted, table: R.databaseTableName, id: copy.id, "moved from \(record.id)")
        if let moveChildren {
            try moveChildren(record.id, copy.id)
            let quotedTable = R.databaseTableName.quotedDatabaseIdentifier
            try db.execute(sql: "DELETE FROM \(quotedTable) WHERE id = ?", arguments: [record.id])
        }
        return copy
    }

    /// Points the rows of `table` whose `column` is `old` at `new`; a row the new id already has is dropped.
    private func move(from old: String, to new: String, in table: String, column: String) throws {
        let quotedTable = table.quotedDatabaseIdentifier
        let quotedColumn = column.quotedDatabaseIdentifier
        try db.execute(
            sql: "UPDATE OR IGNORE \(quotedTable) SET \(quotedColumn) = ? WHERE \(quotedColumn) = ?",
            arguments: [new, old])
        try db.execute(sql: "DELETE FROM \(quotedTable) WHERE \(quotedColumn) = ?", arguments: [old])
    }
}
