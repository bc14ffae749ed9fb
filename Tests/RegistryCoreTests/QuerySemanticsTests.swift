import Foundation
import Testing

@testable import RegistryCore

/// Query semantics over a small registry whose every fact is written below.
///
/// Provider "alpha" (FR): offer alpha/snc is SecNumCloud-qualified; offer alpha/hds is HDS-certified
/// (activities 1-4); a provider-wide ISO 27001 covers both. Provider "beta" (Norway-hosted, aliased
/// "Bêta Systèmes"): offer beta/old has an expired qualification, beta/new one not yet issued, beta/j0 one
/// in progress, beta/lead one known only from a research note, beta/vague one with an unspecified scope.
@Suite struct QuerySemanticsTests {
    let registry: Registry
    static let today = Fixture.day("2026-06-01")

    init() throws {
        registry = try Fixture.registry()
        var document = RegistryDocument()
        document.providers = [
            Fixture.provider("alpha"), Fixture.provider("beta", country: "NO", aliases: ["Bêta Systèmes"]),
        ]
        document.sites = [
            Fixture.site("alpha/paris", country: "FR"), Fixture.site("alpha/london", country: "GB"),
            Fixture.site("beta/oslo", country: "NO"), Fixture.site("beta/somewhere", country: nil),
        ]
        document.offers = [
            Fixture.offer("alpha/snc", sites: ["alpha/paris"]),
            Fixture.offer("alpha/hds", model: .paas, sites: ["alpha/london"]),
            Fixture.offer("beta/old", sites: ["beta/oslo"]), Fixture.offer("beta/new", sites: ["beta/somewhere"]),
            Fixture.offer("beta/j0", model: .saas), Fixture.offer("beta/lead"), Fixture.offer("beta/vague"),
        ]
        document.attestations = [
            Fixture.attestation("alpha/snc", scheme: "secnumcloud", offers: ["alpha/snc"]),
            Fixture.attestation(
                "alpha/hds", scheme: "hds", status: .certified, offers: ["alpha/hds"], activities: [1, 2, 3, 4]),
            Fixture.attestation("alpha/iso", scheme: "iso27001", status: .certified, scope: .provider),
            Fixture.attestation(
                "beta/old", scheme: "secnumcloud", offers: ["beta/old"], issuedOn: Fixture.day("2022-01-01"),
                expiresOn: Fixture.day("2025-01-01")),
            Fixture.attestation(
                "beta/new", scheme: "secnumcloud", offers: ["beta/new"], issuedOn: Fixture.day("2026-09-01")),
            Fixture.attestation(
                "beta/j0", scheme: "secnumcloud", status: .inProgress, offers: ["beta/j0"], milestone: .j0),
            Fixture.attestation("beta/lead", scheme: "secnumcloud", offers: ["beta/lead"], sourceKind: .researchNote),
            Fixture.attestation("beta/vague", scheme: "secnumcloud", scope: .unspecified),
        ]
        document.listings = [
            Fixture.listing("alpha/ugap", offers: []),
            Fixture.listing("beta/ugap", scope: .offers, offers: ["beta/old"], validUntil: Fixture.day("2026-01-01")),
            Fixture.listing("beta/resah", catalogue: "resah", scope: .offers, offers: ["beta/new"]),
        ]
        try registry.importDocument(document, origin: "fixture")
    }

    func ids(_ configure: (inout OfferCriteria) -> Void) throws -> [String] {
        var criteria = OfferCriteria(validOn: Self.today)
        configure(&criteria)
        return try registry.query(criteria).map(\.offer.id)
    }

    @Test func criteriaMustHoldForTheSameOffer() throws {
        // alpha has SecNumCloud on one offer and HDS on another: no single offer has both.
        #expect(
            try ids {
                $0.secnumcloud = true; $0.hds = true
            }.isEmpty)
        #expect(
            try ids {
                $0.secnumcloud = true; $0.providerId = "alpha"
            } == ["alpha/snc"])
    }

    @Test func aProviderWideAttestationCoversEveryOfferOfThatProvider() throws {
        #expect(try ids { $0.schemes = ["iso27001"] } == ["alpha/hds", "alpha/snc"])
        #expect(
            try ids {
                $0.schemes = ["iso27001"]; $0.hds = true
            } == ["alpha/hds"])
    }

    @Test(arguments: [
        ("2021-12-31", [String]()),  // before beta/old was issued
        ("2024-06-01", ["beta/old"]),  // in force
        ("2025-01-01", ["beta/old"]),  // its last day
        ("2025-01-02", []),  // expired
        ("2026-09-01", ["beta/new"]),  // beta/new issued that day
    ])
    func anAttestationCountsOnlyBetweenIssueAndExpiry(day: String, expected: [String]) throws {
        let found = try ids {
            $0.secnumcloud = true; $0.providerId = "beta"; $0.validOn = Fixture.day(day)
        }
        #expect(found == expected)
    }

    @Test func aGrantedAttestationWithUnknownExpiryCountsAndIsFlagged() throws {
        var criteria = OfferCriteria(validOn: Self.today)
        criteria.secnumcloud = true
        let match = try #require(try registry.query(criteria).first { $0.offer.id == "alpha/snc" })
        #expect(match.evidence.map(\.attestation.id) == ["alpha/snc"])
        #expect(match.evidence[0].flags.contains("expiry unknown"))
    }

    @Test func inProgressCountsOnlyWhenAskedAndIsFlagged() throws {
        #expect(try !ids { $0.secnumcloud = true }.contains("beta/j0"))
        var criteria = OfferCriteria(validOn: Self.today)
        criteria.secnumcloud = true
        criteria.includeInProgress = true
        let match = try #require(try registry.query(criteria).first { $0.offer.id == "beta/j0" })
        #expect(match.evidence[0].flags.contains { $0.hasPrefix("not granted") })
    }

    @Test func researchNotesCountOnlyAsLeadsWhenAsked() throws {
        #expect(try !ids { $0.secnumcloud = true }.contains("beta/lead"))
        #expect(
            try ids {
                $0.secnumcloud = true; $0.includeLeads = true
            }.contains("beta/lead"))
    }

    @Test func anUnspecifiedScopeCoversNoOffer() throws {
        #expect(
            try !ids {
                $0.secnumcloud = true; $0.includeLeads = true; $0.includeInProgress = true
            }.contains("beta/vague"))
    }

    @Test(arguments: [
        ("FR", ["alpha/snc"]),
        ("GB", ["alpha/hds"]),
        ("NO", ["beta/old"]),
        ("EU", ["alpha/snc"]),  // London and Oslo are not in the EU
        ("EEA", ["alpha/snc", "beta/old"]),  // Oslo is in the EEA
    ])
    func hostedInExpandsEUAndEEAAndIgnoresSitesOfUnknownCountry(place: String, expected: [String]) throws {
        #expect(try ids { $0.hostedIn = place } == expected)
    }

    @Test func hdsActivitiesMustAllBeCovered() throws {
        #expect(try ids { $0.hdsActivities = [1, 4] } == ["alpha/hds"])
        #expect(try ids { $0.hdsActivities = [1, 5] }.isEmpty)
    }

    @Test func theHDSEvidenceIsTheCertificateThatCoversTheActivitiesAsked() throws {
        // A second HDS certificate of alpha/hds from the same kind of source, with no dates to rank them: both
        // speak for the offer; only the one whose activities are known is evidence for activity 2.
        var document = RegistryDocument()
        document.attestations = [
            Fixture.attestation("alpha/hds-unknown", scheme: "hds", status: .certified, offers: ["alpha/hds"])
        ]
        try registry.importDocument(document, origin: "fixture")
        var criteria = OfferCriteria(validOn: Self.today)
        criteria.hdsActivities = [2]
        #expect(try registry.query(criteria).flatMap(\.evidence).map(\.attestation.id) == ["alpha/hds"])
        criteria.hdsActivities = []
        criteria.hds = true
        let evidence = try registry.query(criteria).flatMap(\.evidence)
        #expect(evidence.map(\.attestation.id) == ["alpha/hds", "alpha/hds-unknown"])
        #expect(evidence.allSatisfy { $0.supersedes.isEmpty })
    }

    @Test(arguments: [
        ("bêta", true), ("BETA", true), ("systemes", true), ("SYSTÈMES", true), ("beta systemes", true),
        ("gamma", false),
    ])
    func searchIgnoresCaseAndDiacritics(text: String, findsBeta: Bool) throws {
        let found = try ids { $0.search = text }
        #expect(found.contains("beta/old") == findsBeta)
        #expect(!found.contains("alpha/snc"))
    }

    @Test func serviceModelsMatchAnyOfThem() throws {
        #expect(try ids { $0.serviceModels = [.paas, .saas] } == ["alpha/hds", "beta/j0"])
    }

    @Test func listingsCountOnlyWhileValidAndEachCatalogueMustList() throws {
        #expect(try ids { $0.catalogues = ["ugap"] } == ["alpha/hds", "alpha/snc"])  // beta/ugap ended 2026-01-01
        #expect(
            try ids {
                $0.catalogues = ["ugap"]; $0.validOn = Fixture.day("2025-12-31")
            } == [
                "alpha/hds", "alpha/snc", "beta/old",
            ])
        #expect(try ids { $0.catalogues = ["resah"] } == ["beta/new"])
        #expect(try ids { $0.catalogues = ["ugap", "resah"] }.isEmpty)
    }

    /// The core owns the codes' case: a library caller gets the command line's answer, whatever case it writes.
    @Test func codesAreComparedWhateverTheirCase() throws {
        #expect(try ids { $0.catalogues = ["UGAP"] } == ids { $0.catalogues = ["ugap"] })
        #expect(try ids { $0.catalogues = ["UGAP"] } == ["alpha/hds", "alpha/snc"])
        #expect(try ids { $0.hostedIn = "fr" } == ["alpha/snc"])
        #expect(try ids { $0.hostedIn = "eea" } == ids { $0.hostedIn = "EEA" })
        #expect(try ids { $0.schemes = ["ISO27001"] } == ["alpha/hds", "alpha/snc"])
        var criteria = OfferCriteria(validOn: Self.today)
        criteria.catalogues = ["Ugap", "ugap"]
        criteria.hdsActivities = [5, 5]
        #expect(criteria.normalized.catalogues == ["ugap"])
        #expect(criteria.normalized.flags == ["--hds-activity 5", "--ugap"])
    }

    @Test(arguments: [
        ("cert", "iso9001", "unknown scheme 'iso9001'; use one of: c5,"),
        ("catalogue", "amazon", "unknown catalogue 'amazon'; use one of: caih"),
        ("hosted-in", "XX", "unknown country code 'XX'; use EU, EEA or one of:"),
        ("provider", "alph", "unknown provider 'alph'; did you mean 'alpha'?"),
        ("hds-activity", "7", "--hds-activity 7 does not exist; HDS activities are 1 to 6"),
    ])
    func unknownCodesAreUsageErrorsThatListTheValidOnes(criterion: String, value: String, message: String) throws {
        let error = #expect(throws: RegistryError.self) {
            try ids { criteria in
                switch criterion {
                case "cert": criteria.schemes = [value]
                case "catalogue": criteria.catalogues = [value]
                case "hosted-in": criteria.hostedIn = value
                case "provider": criteria.providerId = value
                default: criteria.hdsActivities = [Int(value) ?? 0]
                }
            }
        }
        #expect(error?.exitCode == 64)
        #expect(error.map { "\($0)" }?.contains(message) == true)
    }
}

/// `--search` reads the folded names every write keeps (`offerSearch`): it follows renames and aliases at once,
/// and `--as-of` searches the names of that moment.
@Suite struct OfferSearchTests {
    func search(_ registry: Registry, _ text: String) throws -> [String] {
        var criteria = OfferCriteria(validOn: Fixture.day("2026-11-29"))
        criteria.search = text
        return try registry.query(criteria).map(\.offer.id)
    }

    @Test func theSearchFollowsEveryWriteAndAsOfSearchesTheNamesOfThatMoment() throws {
        let registry = try Fixture.registry()
        var document = RegistryDocument()
        document.providers = [Fixture.provider("acme", name: "Acme Nuage")]
        var offer = Fixture.offer("acme/cloud")
        offer.offer.name = "Calcul Élevé"
        document.offers = [offer]
        try registry.importDocument(document, origin: "fixture")
        #expect(try search(registry, "CALCUL eleve") == ["acme/cloud"])
        #expect(try search(registry, "év") == ["acme/cloud"], "under three characters, by the folded text")
        #expect(try search(registry, "zephyr").isEmpty)
        let before = Moment.at(Date())
        Thread.sleep(forTimeInterval: 0.01)
        _ = try registry.addAlias("Zéphyr SAS", to: "acme")
        #expect(try search(registry, "zephyr") == ["acme/cloud"], "an alias added by the steward")
        document.providers = [Fixture.provider("acme", aliases: ["Zéphyr SAS"], name: "Borealis")]
        try registry.importDocument(document, origin: "renamed")
        #expect(try search(registry, "zephyr") == ["acme/cloud"])
        #expect(try search(registry, "borealis") == ["acme/cloud"])
        #expect(try search(registry, "nuage").isEmpty, "the old name is gone")
        let then = try registry.asOf(before)
        #expect(try search(then, "nuage") == ["acme/cloud"] && search(then, "zephyr").isEmpty)
        #expect(try search(registry, "\"quoted\"").isEmpty, "a quote is text, not FTS syntax")
    }
}
