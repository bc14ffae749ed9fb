import Foundation
import Testing

@testable import RegistryCore

/// The seeds answer as the official lists do: on the day of each real edition of ANSSI's catalogue (read
/// through the reader, `Seeds/_anssi-catalogue.json`), exactly its services; on 15/09/2026, those of the
/// catalogue of that day as `../shared/facts/official-lists-2026.md` §2 transcribes it.
@Suite struct SeedCatalogueTests {
    let registry: Registry

    init() throws {
        registry = try Fixture.registry()
        try registry.loadSeeds()
    }

    /// The services of the edition of 05/12/2025, written by reading the PDF: the offer each is seeded as,
    /// and its decision (year/number).
    static let december2025: [(offer: String, decision: String)] = [
        ("cegedim/cegnumcloud-secured-iaas", "2024/1951"), ("cloud-temple/iaas", "2025/918"),
        ("cloud-temple/paas-openshift", "2025/919"), ("index-education/pronote", "2025/795"),
        ("index-education/pronote-primaire", "2025/796"), ("index-education/hyperplanning", "2025/797"),
        ("index-education/edt", "2025/798"), ("ovhcloud/hosted-private-cloud-snc", "2023/2279"),
        ("ovhcloud/bare-metal-pod-snc", "2025/559"), ("oodrive/meet", "2025/242"), ("oodrive/work", "2025/243"),
        ("oodrive/work-share", "2025/241"), ("orange-business/cloud-avenue-secnum", "2025/1147"),
        ("outscale/cloud-iaas", "2023/2118"), ("whaller/donjon", "2024/1369"),
        ("worldline/cloud-services-secured-iaas", "2025/561"),
    ]
    /// The edition of 04/03/2026 adds S3NS's service.
    static let march2026 = december2025 + [("s3ns/premi3ns", "2025/2057")]

    static let catalogueURL =
        "https://messervices.cyber.gouv.fr/visas/catalogue-produits-services-profils-de-protection-sites-certifies-qualifies-agrees-anssi.pdf"

    func query(on day: String, _ configure: (inout OfferCriteria) -> Void = { _ in }) throws -> [OfferMatch] {
        var criteria = OfferCriteria(validOn: Fixture.day(day))
        criteria.secnumcloud = true
        configure(&criteria)
        return try registry.query(criteria)
    }

    @Test(arguments: [
        ("2025-12-05", "mis à jour le 05/12/2025 à 13:08:19", december2025),
        ("2026-03-04", "mis à jour le 04/03/2026 à 15:34:17", march2026),
    ])
    func onTheDayOfEachRealEditionExactlyItsServicesAreQualified(
        day: String, edition: String, services: [(offer: String, decision: String)]
    ) throws {
        let matches = try query(on: day)
        #expect(matches.map(\.offer.id).sorted() == services.map(\.offer).sorted())
        for (offer, decision) in services {
            let evidence = try #require(matches.first { $0.offer.id == offer }?.evidence.first?.attestation, "\(offer)")
            #expect(evidence.decisionYear.map { "\($0)/\(evidence.decision ?? "")" } == decision, "\(offer)")
            #expect(evidence.readInDocument && evidence.via == nil, "\(offer) was read in the document itself")
            #expect(evidence.source.hasPrefix(Self.catalogueURL), "\(offer) cites the catalogue")
            #expect(
                evidence.decisionUrl?.hasSuffix("/visas/\(decision.replacingOccurrences(of: "/", with: "_"))_np.pdf")
                    == true)
        }
    }

    @Test func onTheTranscribedEditionsDayTheNewDecisionsAndCloudSolutionsCountToo() throws {
        let matches = try query(on: "2026-09-15")
        let transcribed = ["cloud-solutions/qualified-saas", "numspot/paas", "ovhcloud/snc-cloud-platform"]
        #expect(matches.map(\.offer.id).sorted() == (Self.march2026.map(\.offer) + transcribed).sorted())
        let cloudTemple = try #require(matches.first { $0.offer.id == "cloud-temple/iaas" }?.evidence.first)
        #expect(cloudTemple.attestation.decision == "3389", "the renewal of 31/07/2026 speaks once begun")
        #expect(cloudTemple.attestation.via != nil, "3389 is known from a transcription only")
    }

    @Test func aServiceWhoseStartIsUnknownCountsOnlyFromTheFirstEditionThatShowedIt() throws {
        #expect(try !query(on: "2026-09-14").contains { $0.offer.id == "cloud-solutions/qualified-saas" })
        #expect(try query(on: "2026-09-15").contains { $0.offer.id == "cloud-solutions/qualified-saas" })
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
