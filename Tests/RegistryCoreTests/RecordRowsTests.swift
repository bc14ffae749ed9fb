import GRDB
import Testing

@testable import RegistryCore

/// The hand-written row conversions of the records imports write per row agree with their coding keys.
@Suite struct RecordRowsTests {
    func roundTrips<R: FetchableRecord & EncodableRecord & Equatable>(_ record: R, keys: [String]) throws {
        let values = try record.databaseDictionary
        #expect(Set(values.keys) == Set(keys), "every coding key is a column, and only those")
        #expect(values.values.allSatisfy { !$0.isNull }, "every field is written")
        #expect(try R(row: Row(values)) == record, "every column is read back into its field")
    }

    /// Each record names its table rather than have it derived from the type's name at every use: each name is a
    /// table of the schema, and every column it codes is one of that table's.
    @Test func everyRecordNamesATableOfTheSchemaWithItsColumns() throws {
        let records: [(any TableRecord.Type, [String])] = [
            (Country.self, []),
            (Scheme.self, []), (Catalogue.self, []), (Entity.self, Entity.CodingKeys.allCases.map(\.rawValue)),
            (Ownership.self, Ownership.CodingKeys.allCases.map(\.rawValue)),
            (Provider.self, Provider.CodingKeys.allCases.map(\.rawValue)), (ProviderAlias.self, []),
            (Offer.self, Offer.CodingKeys.allCases.map(\.rawValue)),
            (Site.self, Site.CodingKeys.allCases.map(\.rawValue)), (OfferTerm.self, []), (CSFRecordedAnswer.self, []),
            (ListEdition.self, []), (OfferAlias.self, []), (OfferSite.self, []),
            (Attestation.self, Attestation.CodingKeys.allCases.map(\.rawValue)), (AttestationOffer.self, []),
            (AttestationActivity.self, []), (Listing.self, []), (ListingOffer.self, []), (HDSTransparency.self, []),
        ]
        try Fixture.registry().read { db in
            for (record, keys) in records {
                let table = record.databaseTableName
                #expect(try db.tableExists(table), "\(record) names \(table)")
                guard try db.tableExists(table) else { continue }
                let columns = Set(try db.columns(in: table).map(\.name))
                #expect(Set(keys).isSubset(of: columns), "\(record)'s keys are columns of \(table)")
            }
        }
    }

    @Test func providersOffersAndAttestationsRoundTripEveryField() throws {
        let day = Fixture.day("2026-11-29")
        try roundTrips(
            Provider(
                id: "p", name: "P", legalName: "P SAS", entityId: "e", hqCountry: "FR", siren: "432735082",
                website: "https://p.example", note: "n", source: "s", sourceKind: .press, verifiedOn: day),
            keys: Provider.CodingKeys.allCases.map(\.rawValue))
        try roundTrips(
            Offer(
                id: "p/o", providerId: "p", name: "O", serviceModel: .paas, runsOnOfferId: "p/base",
                adminCountry: "FR", note: "n", source: "s", sourceKind: .providerStatement, verifiedOn: day),
            keys: Offer.CodingKeys.allCases.map(\.rawValue))
        try roundTrips(
            Attestation(
                id: "p/a", providerId: "p", schemeId: "secnumcloud", version: "3.2", status: .inProgress,
                milestone: .j1, statusSince: day, scope: .offers, hdsPerimeter: .both, certificateRef: "C-1",
                issuer: "I", issuedOn: day, expiresOn: Fixture.day("2029-11-29"), note: "n", source: "s",
                sourceKind: .officialList, verifiedOn: day, origin: .secnumcloud, via: "a transcription",
                publication: .anssiCatalogue, decisionYear: 2025, decisionUrl: "https://example.org/2025_1_np.pdf",
                edition: "mis à jour le 04/03/2026 à 15:34:17", copySha256: String(repeating: "a", count: 64),
                page: 68, listedName: "Service"),
            keys: Attestation.CodingKeys.allCases.map(\.rawValue))
    }

    @Test func entitiesHoldingsAndSitesRoundTripEveryField() throws {
        let day = Fixture.day("2026-11-29")
        try roundTrips(
            Entity(
                id: "e", name: "E", kind: .fund, country: "LU", note: "n", source: "s", sourceKind: .press,
                verifiedOn: day),
            keys: Entity.CodingKeys.allCases.map(\.rawValue))
        try roundTrips(
            Ownership(
                ownerId: "o", ownedId: "e", capitalPercent: 12.5, votingPercent: 30, vetoRight: true,
                boardMajorityRight: false, controlling: false, asOf: day, note: "n", source: "s",
                sourceKind: .providerStatement, verifiedOn: day),
            keys: Ownership.CodingKeys.allCases.map(\.rawValue))
        try roundTrips(
            Site(
                id: "p/s", providerId: "p", code: "s", name: "S", city: "Roubaix", country: "FR", note: "n",
                source: "s", sourceKind: .officialList, verifiedOn: day, role: .disasterRecovery),
            keys: Site.CodingKeys.allCases.map(\.rawValue))
    }
}
