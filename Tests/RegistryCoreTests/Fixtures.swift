@testable import RegistryCore

/// Small documents built in code, each fact written out where the test reads it.
enum Fixture {
    static func provider(_ id: String, country: String? = "FR", aliases: [String] = [], name: String? = nil)
        -> ProviderEntry
    {
        ProviderEntry(
            provider: Provider(
                id: id, name: name ?? id.capitalized, legalName: nil, entityId: nil, hqCountry: country, siren: nil,
                website: nil, note: nil, source: "https://example.org/\(id)", sourceKind: .providerStatement,
                verifiedOn: nil),
            aliases: aliases)
    }

    static func offer(_ id: String, model: ServiceModel? = .iaas, sites: [String] = []) -> OfferEntry {
        OfferEntry(
            offer: Offer(
                id: id, providerId: String(id.split(separator: "/")[0]), name: "Offer \(id)", serviceModel: model,
                runsOnOfferId: nil, adminCountry: nil, note: nil, source: "https://example.org/\(id)",
                sourceKind: .providerStatement, verifiedOn: nil),
            sites: sites)
    }

    static func site(_ id: String, country: String?) -> Site {
        Site(
            id: id, providerId: String(id.split(separator: "/")[0]), code: String(id.split(separator: "/")[1]),
            name: nil, city: nil, country: country, note: nil, source: "https://example.org/\(id)",
            sourceKind: .providerStatement, verifiedOn: nil)
    }

    static func attestation(
        _ id: String, scheme: String, status: AttestationStatus = .qualified, scope: Scope = .offers,
        offers: [String] = [], activities: [Int] = [], issuedOn: Day? = nil, expiresOn: Day? = nil,
        milestone: Milestone? = nil, sourceKind: SourceKind = .officialList
    ) -> AttestationEntry {
        AttestationEntry(
            attestation: Attestation(
                id: id, providerId: String(id.split(separator: "/")[0]), schemeId: scheme, version: nil,
                // A list dates what it shows: an undated official fact is read from the day of its list.
                status: status, milestone: milestone,
                statusSince: sourceKind == .officialList && issuedOn == nil ? listDay : nil, scope: scope,
                hdsPerimeter: nil,
                certificateRef: nil, issuer: nil, issuedOn: issuedOn, expiresOn: expiresOn, note: nil,
                source: "https://example.org/\(id)", sourceKind: sourceKind, verifiedOn: nil, origin: nil),
            offers: offers, activities: activities)
    }

    /// The day the fixtures' official lists were read.
    static let listDay = day("2024-01-15")

    static func listing(
        _ id: String, catalogue: String = "ugap", scope: Scope = .provider, offers: [String] = [],
        validFrom: Day? = nil, validUntil: Day? = nil
    ) -> ListingEntry {
        ListingEntry(
            listing: Listing(
                id: id, catalogueId: catalogue, providerId: String(id.split(separator: "/")[0]), market: "Cloud market",
                reference: nil, intermediary: nil, lot: nil, scope: scope, validFrom: validFrom, validUntil: validUntil,
                withdrawnOn: nil, note: nil, source: "https://example.org/\(id)", sourceKind: .press, verifiedOn: nil,
                origin: nil),
            offers: offers)
    }

    static func day(_ text: String) -> Day {
        Day(parsing: text)!
    }

    /// The day in-process tests live on, whatever the wall clock says: their registries' clock is pinned to it.
    static let today = day("2026-11-29")

    /// The seeds without the facts an official list owns (ANSSI's catalogue and the ANS directory as
    /// transcribed): the providers, offers and provider or press facts a list import lands on, so that a
    /// fictitious list of a few rows is not refused as a truncated download of the seeded one.
    static func seedsWithoutListEntries() throws -> RegistryDocument {
        var seeds = try DocumentReader.seeds()
        seeds.attestations.removeAll { $0.attestation.origin != nil }
        seeds.listings.removeAll { $0.listing.origin != nil }
        return seeds
    }

    /// An empty in-memory registry whose clock reads `today`.
    static func registry() throws -> Registry {
        try Registry.inMemory(clock: .pinned(to: today))
    }
}
