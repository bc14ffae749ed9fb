import Testing

@testable import RegistryCore

/// Profiles, assessment criteria in queries, and the reasons given for exclusions.
@Suite struct WhyNotTests {
    let registry: Registry
    static let day = Fixture.day("2026-11-29")

    init() throws {
        registry = try Fixture.registry()
        try registry.loadSeeds()
    }

    func answer(_ configure: (inout OfferCriteria) -> Void) throws -> QueryAnswer {
        var criteria = OfferCriteria(validOn: Self.day)
        configure(&criteria)
        return try registry.answer(criteria)
    }

    func reason(_ answer: QueryAnswer, _ offer: String) -> String? {
        answer.excluded.first { $0.offer.id == offer }.map { "\($0.failed.criterion): \($0.failed.explanation)" }
    }

    @Test func everyOfferLeftOutIsExplainedByItsFirstFailingCriterion() throws {
        let result = try answer {
            $0.secnumcloud = true; $0.whyNot = true
        }
        let all = try registry.read { try String.fetchAll($0, sql: "SELECT id FROM offer") }
        #expect(Set(result.matches.map(\.offer.id)).union(result.excluded.map(\.offer.id)) == Set(all))
        #expect(
            reason(result, "bleu/cloud")
                == "--secnumcloud: SecNumCloud (bleu/secnumcloud-j1) is still in progress at milestone J1 since 2025-11-17, not granted; it supersedes bleu/secnumcloud (press)"
        )
        #expect(reason(result, "aws/aws-cloud") == "--secnumcloud: no secnumcloud attestation covers this offer")
    }

    @Test func anExpiredCertificateIsNamedWithItsNumberAndDay() throws {
        let result = try answer {
            $0.hds = true
            $0.includeLeads = true
            $0.whyNot = true
            $0.validOn = Fixture.day("2028-01-01")
        }
        #expect(
            reason(result, "clever-cloud/paas")
                == "--hds: HDS certificate 2.0 FR094504 (clever-cloud/hds) expired on 2027-12-19")
    }

    @Test func theSensitiveProfileExpandsFromTheProfileTable() throws {
        let result = try answer {
            $0.profile = "sensitive"; $0.whyNot = true
        }
        #expect(result.criteria.secnumcloud && result.criteria.sovereign)
        // ANSSI's catalogue does not give PREMI3NS's referential version: no 3.2 finding stands in for §19.6 b).
        #expect(
            reason(result, "s3ns/premi3ns")?.hasPrefix("--immune: the share of Google LLC (US) is not recorded") == true
        )
        #expect(result.excluded.first { $0.offer.id == "s3ns/premi3ns" }?.result == .unknown)
    }

    @Test func unknownsAreExcludedByDefaultAndKeptFlaggedOnRequest() throws {
        #expect(try answer { $0.profile = "sensitive" }.matches.isEmpty)
        let kept = try answer {
            $0.profile = "sensitive"; $0.includeUnknown = true
        }
        let premi3ns = try #require(kept.matches.first { $0.offer.id == "s3ns/premi3ns" })
        #expect(
            premi3ns.flags.first?.english.hasPrefix("--immune unknown: the share of Google LLC (US) is not recorded")
                == true)
        #expect(
            premi3ns.flags.last?.english == "--sovereign unknown: Where PREMI3NS is administered from is not recorded.")
    }

    @Test func euHQFiltersOnTheSeat() throws {
        let ids = try answer { $0.euHQ = true }.matches.map(\.provider.id)
        #expect(ids.contains("ovhcloud") && ids.contains("s3ns"))
        #expect(!ids.contains("aws") && !ids.contains("ibm"), "IBM's seat is unknown: excluded")
        #expect(
            try answer {
                $0.euHQ = true; $0.includeUnknown = true
            }.matches.contains { $0.provider.id == "ibm" })
    }

    @Test func anUnknownProfileIsAUsageErrorListingTheProfiles() throws {
        let error = #expect(throws: RegistryError.self) { try answer { $0.profile = "secret" } }
        #expect(
            error.map { "\($0)" }
                == "unknown profile 'secret'; use one of: health, sensitive, sensitive-health (see `registry profiles`)"
        )
    }

    /// The Swift evaluator and the SQL count the same attestations, listings and places.
    @Test(arguments: [
        ["secnumcloud"], ["hds"], ["hds", "activity"], ["ugap"], ["eu"], ["secnumcloud", "inprogress"],
        ["hds", "leads"],
    ])
    func theEvaluatorAgreesWithTheSQL(flags: [String]) throws {
        for day in ["2025-06-01", "2026-11-29", "2028-01-01"] {
            let result = try answer { criteria in
                criteria.validOn = Fixture.day(day)
                criteria.secnumcloud = flags.contains("secnumcloud")
                criteria.hds = flags.contains("hds")
                criteria.hdsActivities = flags.contains("activity") ? [1, 5] : []
                criteria.catalogues = flags.contains("ugap") ? ["ugap"] : []
                criteria.hostedIn = flags.contains("eu") ? "EU" : nil
                criteria.includeInProgress = flags.contains("inprogress")
                criteria.includeLeads = flags.contains("leads")
                criteria.whyNot = true
            }
            let all = try registry.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM offer") ?? 0 }
            #expect(result.matches.count + result.excluded.count == all, "\(flags) on \(day)")
        }
    }
}
