import GRDB

/// How many records an import inserted, updated or left as they were.
public struct ImportCounts: Hashable, Sendable, Codable {
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0

    public init() {}
}

/// Writes a validated document into the database: records that differ are updated, new ones inserted,
/// equal ones left untouched (not rewritten). The caller owns the transaction.
struct DocumentWriter {
    let db: Database
    private(set) var counts = ImportCounts()

    init(db: Database) {
        self.db = db
    }

    mutating func write(_ document: RegistryDocument) throws {
        // Records may refer to records written later in the same document (an offer built on another).
        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
        for entity in document.entities { try save(entity, key: ["id": entity.id]) }
        for edge in document.ownership { try save(edge, key: ["ownerId": edge.ownerId, "ownedId": edge.ownedId]) }
        for entry in document.providers {
            let changed = try save(entry.provider, key: ["id": entry.provider.id])
            let aliases = Set(entry.aliases.map { ProviderAlias(providerId: entry.provider.id, alias: $0) })
            try replace(aliases, of: ProviderAlias.filter(Column("providerId") == entry.provider.id), changed: changed)
        }
        for site in document.sites { try save(site, key: ["id": site.id]) }
        for entry in document.offers {
            let changed = try save(entry.offer, key: ["id": entry.offer.id])
            let sites = Set(entry.sites.map { OfferSite(offerId: entry.offer.id, siteId: $0) })
            try replace(sites, of: OfferSite.filter(Column("offerId") == entry.offer.id), changed: changed)
        }
        for entry in document.attestations {
            let id = entry.attestation.id
            let changed = try save(entry.attestation, key: ["id": id])
            let offers = Set(entry.offers.map { AttestationOffer(attestationId: id, offerId: $0) })
            let activities = Set(entry.activities.map { AttestationActivity(attestationId: id, activity: $0) })
            let offersChanged = try replace(
                offers, of: AttestationOffer.filter(Column("attestationId") == id), changed: changed)
            try replace(
                activities, of: AttestationActivity.filter(Column("attestationId") == id),
                changed: changed || offersChanged)
        }
        for entry in document.listings {
            let id = entry.listing.id
            let changed = try save(entry.listing, key: ["id": id])
            let offers = Set(entry.offers.map { ListingOffer(listingId: id, offerId: $0) })
            try replace(offers, of: ListingOffer.filter(Column("listingId") == id), changed: changed)
        }
        for row in document.hdsTransparency { try save(row, key: ["id": row.id]) }
    }

    /// Inserts or updates `record`, counting it; returns whether it was written.
    @discardableResult
    private mutating func save<R: FetchableRecord & PersistableRecord & Equatable>(
        _ record: R, key: [String: any DatabaseValueConvertible]
    ) throws -> Bool {
        guard let existing = try R.fetchOne(db, key: key) else {
            try record.insert(db)
            counts.inserted += 1
            return true
        }
        guard existing != record else {
            counts.unchanged += 1
            return false
        }
        try record.update(db)
        counts.updated += 1
        return true
    }

    /// Replaces the link rows of a parent when they differ. A parent counted unchanged whose links changed
    /// is counted updated instead; returns whether the links changed.
    @discardableResult
    private mutating func replace<R: FetchableRecord & PersistableRecord & Hashable>(
        _ rows: Set<R>, of request: QueryInterfaceRequest<R>, changed parentChanged: Bool
    ) throws -> Bool {
        let existing = Set(try request.fetchAll(db))
        guard existing != rows else { return false }
        try request.deleteAll(db)
        for row in rows { try row.insert(db) }
        if !parentChanged {
            counts.unchanged -= 1
            counts.updated += 1
        }
        return true
    }
}

extension Registry {
    // MARK: - Writes

    /// Validates `document` against itself and the registry, then writes it in one transaction.
    /// Any problem rejects the whole document and nothing is written.
    @discardableResult
    public func importDocument(_ document: RegistryDocument, origin: String) throws -> ImportCounts {
        try guardingDatabaseErrors {
            try writer.write { db in
                var validator = DocumentValidator(reference: try ReferenceData.fetch(db))
                validator.validate(document)
                guard validator.problems.isEmpty else {
                    throw RegistryError.invalidInput(origin: origin, problems: validator.problems)
                }
                var writer = DocumentWriter(db: db)
                try writer.write(document)
                return writer.counts
            }
        }
    }

    /// Loads the seeds compiled into the binary.
    @discardableResult
    public func loadSeeds() throws -> ImportCounts {
        try importDocument(try DocumentReader.seeds(), origin: "embedded seeds")
    }
}
