import Foundation
import Testing

@testable import RegistryCore

/// The seeds answer as the official lists of autumn 2026 do: pinned to ANSSI's catalogue of 15/09/2026 as
/// `../shared/facts/official-lists-2026.md` §2 transcribes it, row by row.
@Suite struct SeedCatalogueTests {
    let registry: Registry

    init() throws {
        registry = try Fixture.registry()
        try registry.loadSeeds()
    }

    /// The catalogue's fifteen services: the offer each is seeded as, and its decision (nil: not transcribed).
    static let catalogue: [(offer: String, decision: String?)] = [
        ("cegedim/cegnumcloud-secured-iaas", "1951"), ("cloud-temple/paas-openshift", "919"),
        ("cloud-temple/iaas", "3389"), ("numspot/paas", "3395"), ("ovhcloud/hosted-private-cloud-snc", "2279"),
        ("ovhcloud/bare-metal-pod-snc", "559"), ("ovhcloud/snc-cloud-platform", "3393"),
        ("orange-business/cloud-avenue-secnum", "1147"), ("outscale/cloud-iaas", "2118"), ("s3ns/premi3ns", "2057"),
        ("worldline/cloud-services-secured-iaas", nil), ("oodrive/meet-work-work-share", nil),
        ("whaller/donjon", nil), ("cloud-solutions/qualified-saas", nil), ("index-education/qualified-saas", nil),
    ]

    static let catalogueURL =
        "https://messervices.cyber.gouv.fr/visas/catalogue-produits-services-profils-de-protection-sites-certifies-qualifies-agrees-anssi.pdf"

    func query(on day: String, _ configure: (inout OfferCriteria) -> Void = { _ in }) throws -> [OfferMatch] {
        var criteria = OfferCriteria(validOn: Fixture.day(day))
        criteria.secnumcloud = true
        configure(&criteria)
        return try registry.query(criteria)
    }

    @Test func theOffersQualifiedOnTheCataloguesDayAreExactlyItsServicesEachWithItsDecision() throws {
        let matches = try query(on: "2026-09-15")
        #expect(matches.map(\.offer.id).sorted() == Self.catalogue.map(\.offer).sorted())
        for (offer, decision) in Self.catalogue {
            let evidence = try #require(matches.first { $0.offer.id == offer }?.evidence.first?.attestation, "\(offer)")
            #expect(evidence.decision == decision, "\(offer)")
            #expect(evidence.sourceKind == .officialList, "\(offer)")
            #expect(evidence.source.hasPrefix(Self.catalogueURL), "\(offer) cites the catalogue")
            #expect(evidence.via != nil, "\(offer) says it was read in a transcription")
        }
    }

    @Test func theServicesInQualificationComeWithTheirMilestone() throws {
        let inProgress = try query(on: "2026-09-15") { $0.includeInProgress = true }
            .filter { $0.evidence.first?.attestation.status == .inProgress }
        let bleu = try #require(inProgress.first { $0.offer.id == "bleu/cloud" }?.evidence.first?.attestation)
        #expect(bleu.milestone == .j1 && bleu.statusSince == Fixture.day("2025-11-17"))
        #expect(Set(inProgress.map(\.provider.id)).isSuperset(of: ["bleu", "its-integra", "scaleway"]))
    }

    @Test func secNumCloudWithHDSHoldsForOutscaleCloudTempleNumSpotAndOVHcloud() throws {
        let ids = try query(on: "2026-09-15") { $0.hds = true }.map(\.provider.id)
        #expect(Set(ids).isSuperset(of: ["outscale", "cloud-temple", "numspot", "ovhcloud"]), "\(ids)")
    }

    @Test func outscaleNoLongerCountsOnceItsQualificationEnded() throws {
        #expect(try query(on: "2026-11-30").contains { $0.offer.id == "outscale/cloud-iaas" })
        #expect(try !query(on: "2026-12-01").contains { $0.offer.id == "outscale/cloud-iaas" })
    }

    @Test func theExpiryRadarShowsWhatEndsSoonAndWhatEndedWithoutRenewal() throws {
        let radar = try registry.expiring(within: 60, on: Fixture.day("2026-12-01"))
        #expect(radar.contains { $0.id == "ovhcloud/secnumcloud-2279" && $0.endsOn == Fixture.day("2026-12-29") })
        #expect(radar.contains { $0.id == "outscale/secnumcloud-2118" && $0.staleStatus })
    }

    @Test func theHDSCertificatesOfTheDirectoryCarryTheirNumbersAndActivities() throws {
        var criteria = OfferCriteria(validOn: Fixture.day("2026-09-15"))
        criteria.hdsActivities = [6]
        let ids = try registry.query(criteria).map(\.offer.id)
        #expect(ids.contains("scalingo/paas") && ids.contains("clever-cloud/paas") && ids.contains("aws/aws-cloud"))
        #expect(!ids.contains("google/google-cloud"), "Google's certificate covers activities 1 to 5")
        #expect(!ids.contains("scaleway/object-storage"), "Scaleway's covers 1 to 4")
    }

    @Test func statusSaysWhichEditionOfEachListTheSeedsReflectAndHowOldItIs() throws {
        let editions = try registry.status(on: Fixture.day("2026-12-01")).editions
        let anssi = try #require(editions.first { $0.edition.source == .secnumcloud })
        #expect(anssi.edition.editionOn == Fixture.day("2026-09-15") && anssi.ageInDays == 77)
        #expect(anssi.edition.url == Self.catalogueURL)
        #expect(anssi.edition.via?.contains("research notes") == true)
        #expect(editions.contains { $0.edition.source == .hds && $0.edition.editionOn == Fixture.day("2026-07-24") })
    }
}
