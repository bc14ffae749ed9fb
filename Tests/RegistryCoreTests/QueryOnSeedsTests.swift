import Testing

@testable import RegistryCore

/// Queries over the embedded seeds: the answers the foundation issue promises a purchasing desk.
@Suite struct QueryOnSeedsTests {
    let registry: Registry
    let today = Day(year: 2026, month: 11, day: 29)!

    init() throws {
        registry = try Fixture.registry()
        try registry.loadSeeds()
    }

    func offers(_ configure: (inout OfferCriteria) -> Void) throws -> [String] {
        var criteria = OfferCriteria(validOn: today)
        configure(&criteria)
        return try registry.query(criteria).map(\.offer.id)
    }

    /// `count` is the number of matches `answer` gives, for questions SQL answers alone and for those that
    /// need assessments.
    @Test(arguments: 0..<64)
    func countIsTheNumberOfMatches(seed: Int) throws {
        var criteria = OfferCriteria(validOn: seed % 2 == 0 ? today : Day(year: 2026, month: 9, day: 15)!)
        let bit = { (i: Int) in (seed >> i) & 1 == 1 }
        criteria.secnumcloud = bit(0)
        criteria.hds = bit(1)
        criteria.hdsActivities = bit(2) ? [5] : []
        criteria.catalogues = bit(3) ? ["ugap"] : []
        criteria.hostedIn = bit(4) ? "FR" : nil
        criteria.immune = bit(5)
        criteria.includeInProgress = bit(3) && bit(5)
        #expect(try registry.count(criteria) == registry.answer(criteria).matches.count)
    }

    @Test func hdsAndSecNumCloudFindsOVHcloudsQualifiedPrivateCloudAndNoHyperscaler() throws {
        let ids = try offers {
            $0.hds = true; $0.secnumcloud = true
        }
        #expect(ids.contains("ovhcloud/hosted-private-cloud-snc"))
        #expect(!ids.contains { $0.hasPrefix("aws/") || $0.hasPrefix("microsoft/") || $0.hasPrefix("google/") })
    }

    @Test func secNumCloudListsQualifiedOffersButNotThoseInProgress() throws {
        let providers = Set(try offers { $0.secnumcloud = true }.map { $0.split(separator: "/")[0] })
        #expect(providers.isSuperset(of: ["ovhcloud", "outscale", "s3ns"]))
        #expect(providers.isDisjoint(with: ["bleu", "scaleway", "aws", "microsoft", "google"]))

        let withInProgress = Set(
            try offers {
                $0.secnumcloud = true; $0.includeInProgress = true
            }.map { $0.split(separator: "/")[0] })
        #expect(withInProgress.isSuperset(of: ["ovhcloud", "outscale", "s3ns", "bleu", "scaleway"]))
    }
}
