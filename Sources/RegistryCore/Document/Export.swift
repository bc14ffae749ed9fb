import GRDB

extension Registry {
    /// The whole registry as one canonical document, every array in a stable order, so that the same
    /// registry always exports the same bytes.
    public func exportDocument() throws -> RegistryDocument {
        try guardingDatabaseErrors {
            try read { db in
                var document = RegistryDocument()
                document.entities = try Entity.order(Entity.Columns.id).fetchAll(db)
                document.ownership = try Ownership.order(Ownership.Columns.ownedId, Ownership.Columns.ownerId).fetchAll(
                    db)
                let aliases = Dictionary(
                    grouping: try ProviderAlias.order(ProviderAlias.Columns.alias).fetchAll(db), by: \.providerId)
                document.providers = try Provider.order(Provider.Columns.id).fetchAll(db).map {
                    ProviderEntry(provider: $0, aliases: aliases[$0.id, default: []].map(\.alias))
                }
                let offerSites = Dictionary(
                    grouping: try OfferSite.order(OfferSite.Columns.siteId).fetchAll(db), by: \.offerId)
                let offerAliases = Dictionary(
                    grouping: try OfferAlias.order(OfferAlias.Columns.alias).fetchAll(db), by: \.offerId)
                let otherModels = Dictionary(
                    grouping: try Row.fetchAll(db, sql: "SELECT offerId, model FROM offerServiceModel ORDER BY model"),
                    by: { $0["offerId"] as String })
                document.offers = try Offer.order(Offer.Columns.id).fetchAll(db).map { offer in
                    let others = otherModels[offer.id, default: []].compactMap { ServiceModel(rawValue: $0["model"]) }
                    return OfferEntry(
                        offer: offer, sites: offerSites[offer.id, default: []].map(\.siteId),
                        aliases: offerAliases[offer.id, default: []].map(\.alias),
                        serviceModels: others.isEmpty ? [] : [offer.serviceModel].compactMap { $0 } + others)
                }
                document.sites = try Site.order(Site.Columns.id).fetchAll(db)
                let scopes = Dictionary(
                    grouping: try AttestationOffer.order(AttestationOffer.Columns.offerId).fetchAll(db),
                    by: \.attestationId)
                let activities = Dictionary(
                    grouping: try AttestationActivity.order(AttestationActivity.Columns.activity).fetchAll(db),
                    by: \.attestationId)
                document.attestations = try Attestation.order(Attestation.Columns.id).fetchAll(db).map {
                    AttestationEntry(
                        attestation: $0, offers: scopes[$0.id, default: []].map(\.offerId),
                        activities: activities[$0.id, default: []].map(\.activity))
                }
                let listingOffers = Dictionary(
                    grouping: try ListingOffer.order(ListingOffer.Columns.offerId).fetchAll(db), by: \.listingId)
                document.listings = try Listing.order(Listing.Columns.id).fetchAll(db).map {
                    ListingEntry(listing: $0, offers: listingOffers[$0.id, default: []].map(\.offerId))
                }
                document.hdsTransparency = try HDSTransparency.order(HDSTransparency.Columns.id).fetchAll(db)
                document.offerTerms = try OfferTerm.order(Column("offerId"), Column("term")).fetchAll(db)
                document.csfAnswers = try CSFRecordedAnswer.order(Column("offerId"), Column("criterion")).fetchAll(db)
                document.listEditions = try ListEdition.order(ListEdition.Columns.source).fetchAll(db)
                return document
            }
        }
    }

    /// Each provider with how many offers and attestations it has, by id.
    public func providerList() throws -> [ProviderListItem] {
        try guardingDatabaseErrors {
            try read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT provider.id, provider.name, provider.hqCountry,
                               (SELECT count(*) FROM offer WHERE offer.providerId = provider.id) AS offers,
                               (SELECT count(*) FROM attestation WHERE attestation.providerId = provider.id) AS attestations
                        FROM provider ORDER BY provider.id
                        """
                ).map {
                    ProviderListItem(
                        provider: ProviderSummary(id: $0["id"], name: $0["name"], hqCountry: $0["hqCountry"]),
                        offerCount: $0["offers"], attestationCount: $0["attestations"])
                }
            }
        }
    }
}

/// A line of `registry list providers`.
public struct ProviderListItem: Hashable, Sendable {
    public var provider: ProviderSummary
    public var offerCount: Int
    public var attestationCount: Int
}
