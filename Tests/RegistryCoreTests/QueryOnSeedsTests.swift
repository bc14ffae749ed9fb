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

    /// Drawn criteria, from the flags and values the desk's page adds or changes.
    func drawn(_ seed: UInt64, _ random: inout SplitMix64) -> OfferCriteria {
        let bit = { (random: inout SplitMix64) in random.next() % 3 == 0 }
        var criteria = OfferCriteria(validOn: seed % 2 == 0 ? today : Day(year: 2026, month: 9, day: 15)!)
        criteria.secnumcloud = bit(&random)
        criteria.hds = bit(&random)
        criteria.hdsActivities = bit(&random) ? [[2], [5], [1, 4]][Int(random.next() % 3)] : []
        criteria.schemes = bit(&random) ? ["iso27001"] : []
        criteria.catalogues = bit(&random) ? ["ugap"] : []
        criteria.hostedIn = bit(&random) ? ["FR", "EU", "EEA"][Int(random.next() % 3)] : nil
        criteria.serviceModels = bit(&random) ? [[.iaas], [.paas], [.iaas, .saas]][Int(random.next() % 3)] : []
        criteria.euHQ = bit(&random)
        criteria.immune = bit(&random)
        criteria.includeInProgress = bit(&random)
        criteria.includeLeads = bit(&random)
        criteria.includeUnknown = bit(&random)
        criteria.profile = bit(&random) ? ["health", "sensitive", "sensitive-health"][Int(random.next() % 3)] : nil
        return criteria
    }

    /// A drawn question the registry answers (a profile may contradict a drawn place).
    func accepted(_ seed: UInt64, _ random: inout SplitMix64) throws -> OfferCriteria {
        var criteria = drawn(seed, &random)
        while try !registry.accepts(criteria) { criteria = drawn(seed, &random) }
        return criteria
    }

    /// The page counts each option among its answer's offers when the option only adds criteria: on drawn
    /// pairs of questions — narrowing, widening (more models, a counting switch) or unrelated —, counting
    /// among the first's answer gives what counting the whole registry gives.
    @Test(arguments: 0..<24)
    func countingAmongAnAnswerIsCountingEverywhere(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let base = try accepted(seed, &random)
        let answer = try registry.answer(base)
        var options = (0..<6).map { _ in drawn(seed, &random) }
        // The pages' options: the question with one criterion added or a switch turned on.
        for change in 0..<5 {
            var option = base
            switch change {
            case 0: option.secnumcloud = true
            case 1: option.profile = "sensitive"
            case 2: option.includeInProgress = true
            case 3: option.serviceModels += [.paas]
            default: option.hostedIn = option.hostedIn ?? "EEA"
            }
            options.append(option)
        }
        let among = try registry.counts(options, among: answer)
        let everywhere = try registry.counts(options)
        #expect(among == everywhere, "\(base.flags) then \(options.map(\.flags))")
    }

    /// The scheme, activity and catalogue counts of an answer are the counts of its question with each added.
    @Test(arguments: 0..<12)
    func facetCountsAreTheQuestionsWithEachAdded(seed: UInt64) throws {
        var random = SplitMix64(seed: seed + 100)
        let base = try accepted(seed, &random)
        let answer = try registry.answer(base)
        let facets = try registry.facetCounts(of: answer)
        for scheme in ["secnumcloud", "hds", "iso27001", "soc2", "c5"] {
            var option = answer.criteria
            if scheme == "secnumcloud" {
                option.secnumcloud = true
            } else if scheme == "hds" {
                option.hds = true
            } else {
                option.schemes.append(scheme)
            }
            #expect(facets.schemes[scheme, default: 0] == (try registry.count(option)), "\(base.flags) + \(scheme)")
        }
        for activity in 1...6 {
            var option = answer.criteria
            option.hdsActivities.append(activity)
            #expect(facets.activities[activity, default: 0] == (try registry.count(option)), "\(activity)")
        }
        var ugap = answer.criteria
        ugap.catalogues.append("ugap")
        #expect(facets.catalogues["ugap", default: 0] == (try registry.count(ugap)))
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
