import GRDB

/// Everything the registry knows about one provider.
public struct ProviderFactSheet: Hashable, Sendable {
    public var provider: Provider
    public var aliases: [String]
    public var hqCountry: Country?
    /// The provider's legal entity in the ownership graph, when known.
    public var entity: Entity?
    /// The direct owners of that entity, with the edges that say how much they hold.
    public var owners: [Holding]
    public var offers: [Offer]
    /// The provider's own sites.
    public var sites: [Hosting]
    public var attestations: [AttestationDetail]
    public var listings: [ListingDetail]
    /// The rows of the provider's HDS 2024 transparency table (exigences 29 and 30).
    public var transparency: [HDSTransparency]
}

/// Everything the registry knows about one offer.
public struct OfferFactSheet: Hashable, Sendable {
    public var offer: Offer
    public var provider: ProviderSummary
    /// Every service model of the offer, `offer.serviceModel` first (ANSSI ticks several for some services).
    public var serviceModels: [ServiceModel]
    /// The offer this one is built on, when known (its supply chain).
    public var runsOn: OfferSummary?
    /// Offers built on this one.
    public var underpins: [OfferSummary]
    /// Other names of the offer (those official lists use).
    public var aliases: [String]
    public var hosting: [Hosting]
    /// Every attestation that covers the offer, in force or not.
    public var attestations: [AttestationDetail]
    public var listings: [ListingDetail]
    /// The terms the sovereignty framework asks about, and its criteria answered by a person.
    public var terms: [OfferTerm] = []
    public var csfAnswers: [CSFRecordedAnswer] = []
}

/// What an owner holds.
public struct Holding: Hashable, Sendable {
    public var owner: Entity
    public var ownership: Ownership
}

/// An attestation with its scope and activities, and whether it counts on the day asked.
public struct AttestationDetail: Hashable, Sendable {
    public var evidence: Evidence
    /// The offers of an `offers` scope.
    public var offers: [String]
    /// Whether it counts on the day asked (granted, dated right, not a lead, and not superseded by a stronger
    /// source for the offers it covers).
    public var inForce: Bool
}

/// A listing with its scope.
public struct ListingDetail: Hashable, Sendable {
    public var listing: CatalogueListing
    public var offers: [String]
}

/// The result of `Registry.show`.
public enum FactSheet: Hashable, Sendable {
    case provider(ProviderFactSheet)
    case offer(OfferFactSheet)
}

extension Registry {
    /// The fact sheet of the provider or offer with this id, as seen on `day`. An unknown id is a usage error
    /// that suggests close ids.
    public func show(_ id: String, on day: Day) throws -> FactSheet {
        try guardingDatabaseErrors {
            try read { db in
                let verification = try Verification(db)
                if let provider = try Provider.fetchOne(db, key: id) {
                    return .provider(try providerSheet(provider, on: day, verification, db))
                }
                if let offer = try Offer.fetchOne(db, key: id) {
                    return .offer(try offerSheet(offer, on: day, verification, db))
                }
                throw try Registry.unknownId(id, db)
            }
        }
    }

    private func providerSheet(
        _ provider: Provider, on day: Day, _ verification: Verification, _ db: Database
    ) throws -> ProviderFactSheet {
        let entity = try provider.entityId.flatMap { try Entity.fetchOne(db, key: $0) }
        let owners = try entity.map { entity in
            try Ownership.filter(Ownership.Columns.ownedId == entity.id).order(Ownership.Columns.ownerId).fetchAll(db)
                .map {
                    Holding(owner: try Entity.find(db, key: $0.ownerId), ownership: $0)
                }
        }
        let attestations = try Attestation.filter(Attestation.Columns.providerId == provider.id)
            .order(Attestation.Columns.schemeId, Attestation.Columns.id).fetchAll(db)
        let listings = try Listing.filter(Listing.Columns.providerId == provider.id).order(Listing.Columns.id).fetchAll(
            db)
        return ProviderFactSheet(
            provider: provider,
            aliases: try String.fetchAll(
                db, sql: "SELECT alias FROM providerAlias WHERE providerId = ? ORDER BY alias",
                arguments: [provider.id]),
            hqCountry: try provider.hqCountry.flatMap { try Country.fetchOne(db, key: $0) },
            entity: entity,
            owners: owners ?? [],
            offers: try Offer.filter(Offer.Columns.providerId == provider.id).order(Offer.Columns.id).fetchAll(db),
            sites: try Registry.hosting(
                """
                SELECT site.*, country.eu AS countryEU, country.eea AS countryEEA
                FROM site LEFT JOIN country ON country.code = site.country
                WHERE site.providerId = \(provider.id) ORDER BY site.id
                """, db),
            attestations: try details(attestations, offers: nil, on: day, verification, db),
            listings: try listings.map { try detail(verification.apply($0), db) },
            transparency: try HDSTransparency.filter(HDSTransparency.Columns.providerId == provider.id).order(
                HDSTransparency.Columns.id
            ).fetchAll(
                db))
    }

    private func offerSheet(
        _ offer: Offer, on day: Day, _ verification: Verification, _ db: Database
    ) throws -> OfferFactSheet {
        let provider = try Provider.find(db, key: offer.providerId)
        let attestations = try Attestation.fetchAll(
            db,
            sql: """
                SELECT attestation.* FROM offerAttestation
                JOIN attestation ON attestation.id = offerAttestation.attestationId
                WHERE offerAttestation.offerId = ? ORDER BY attestation.schemeId, attestation.id
                """, arguments: [offer.id])
        let listings = try Listing.fetchAll(
            db,
            sql: """
                SELECT listing.* FROM offerListing JOIN listing ON listing.id = offerListing.listingId
                WHERE offerListing.offerId = ? ORDER BY listing.id
                """, arguments: [offer.id])
        let summary = { (offer: Offer) in OfferSummary(id: offer.id, name: offer.name, serviceModel: offer.serviceModel)
        }
        return OfferFactSheet(
            offer: offer,
            provider: ProviderSummary(id: provider.id, name: provider.name, hqCountry: provider.hqCountry),
            serviceModels: try ServiceModels.of(offer.id, db),
            runsOn: try offer.runsOnOfferId.flatMap { try Offer.fetchOne(db, key: $0) }.map(summary),
            underpins: try Offer.filter(Offer.Columns.runsOnOfferId == offer.id).order(Offer.Columns.id).fetchAll(db)
                .map(summary),
            aliases: try String.fetchAll(
                db, sql: "SELECT alias FROM offerAlias WHERE offerId = ? ORDER BY alias", arguments: [offer.id]),
            hosting: try Registry.hosting(ofOffer: offer.id, db),
            attestations: try details(attestations, offers: [offer.id], on: day, verification, db),
            listings: try listings.map { try detail(verification.apply($0), db) },
            terms: try OfferTerm.filter(Column("offerId") == offer.id).order(Column("term")).fetchAll(db),
            csfAnswers: try CSFRecordedAnswer.filter(Column("offerId") == offer.id).order(Column("criterion"))
                .fetchAll(db))
    }

    /// The attestations as `show` prints them: each with its standing among the facts covering the same
    /// offers (only `offers`, for an offer's sheet).
    private func details(
        _ attestations: [Attestation], offers: Set<String>?, on day: Day, _ verification: Verification,
        _ db: Database
    ) throws -> [AttestationDetail] {
        let standings = try CountingRule(day: day).standings(of: attestations.map(\.id), offers: offers, db)
        return try attestations.map { attestation in
            var evidence = Evidence(
                verification.apply(attestation), activities: try Registry.activities(of: attestation.id, db), on: day)
            evidence.place(standings[attestation.id])
            return AttestationDetail(
                evidence: evidence,
                offers: try String.fetchAll(
                    db, sql: "SELECT offerId FROM attestationOffer WHERE attestationId = ? ORDER BY offerId",
                    arguments: [attestation.id]),
                inForce: standings[attestation.id]?.counts ?? false)
        }
    }

    private func detail(_ listing: Listing, _ db: Database) throws -> ListingDetail {
        ListingDetail(
            listing: CatalogueListing(listing),
            offers: try String.fetchAll(
                db, sql: "SELECT offerId FROM listingOffer WHERE listingId = ? ORDER BY offerId",
                arguments: [listing.id]))
    }
}
