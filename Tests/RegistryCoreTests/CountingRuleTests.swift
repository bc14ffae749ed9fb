import GRDB
import Testing

@testable import RegistryCore

/// « Counts on day D » has an SQL form (queries) and a Swift form (explanations, show, assess): on a table
/// of cases — status × dates × source kind × rank, two or three facts per offer — both must give the same
/// verdicts, and the precedence must say what the issue's scenarios say.
@Suite struct CountingRuleTests {
    static let day = Fixture.day("2026-06-01")
    static let days: [Day?] = [nil, Fixture.day("2025-01-01"), day, Fixture.day("2026-12-31")]

    /// One offer per case, each covered by two or three SecNumCloud attestations drawn from the table.
    static func cases() throws -> (Registry, [String: [Attestation]]) {
        let registry = try Fixture.registry()
        var random = SplitMix64(seed: 2026)
        var byOffer: [String: [Attestation]] = [:]
        try registry.write { db in
            try Fixture.provider("p").provider.insert(db)
            for index in 0..<800 {
                let offerId = "p/o\(index)"
                try Fixture.offer(offerId).offer.insert(db)
                let count = 2 + Int(random.next() % 2)
                for rank in 0..<count {
                    let pick = { (n: Int) in Int(random.next() % UInt64(n)) }
                    let issued = days[pick(days.count)]
                    var expires = days[pick(days.count)]
                    if let issuedDay = issued, let end = expires, end <= issuedDay { expires = nil }
                    let status = AttestationStatus.allCases[pick(AttestationStatus.allCases.count)]
                    var attestation = Fixture.attestation(
                        "p/a\(index)-\(rank)", scheme: "secnumcloud", status: status, offers: [offerId],
                        issuedOn: issued, expiresOn: expires
                    ).attestation
                    attestation.sourceKind = SourceKind.allCases[pick(SourceKind.allCases.count)]
                    attestation.milestone = status == .inProgress && pick(2) == 0 ? .j1 : nil
                    attestation.statusSince = days[pick(days.count)]
                    attestation.verifiedOn = days[pick(days.count)]
                    try attestation.insert(db)
                    try AttestationOffer(attestationId: attestation.id, offerId: offerId).insert(db)
                    byOffer[offerId, default: []].append(attestation)
                }
            }
        }
        return (registry, byOffer)
    }

    /// The facts that count for each offer under the SQL form of `rule`.
    static func countedBySQL(_ registry: Registry, _ rule: CountingRule) throws -> [String: Set<String>] {
        var counted: [String: Set<String>] = [:]
        for row in try registry.read({ db in
            try Row.fetchAll(
                db,
                SQLRequest(
                    literal: """
                        SELECT offerAttestation.offerId, attestation.id FROM offerAttestation
                        JOIN attestation ON attestation.id = offerAttestation.attestationId
                        WHERE \(rule.counts(offer: "offerAttestation.offerId"))
                        """))
        }) {
            counted[row["offerId"], default: []].insert(row["id"])
        }
        return counted
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func theSQLAndSwiftFormsGiveTheSameVerdicts(includeInProgress: Bool, includeLeads: Bool) throws {
        let (registry, byOffer) = try Self.cases()
        for day in Self.days.compactMap({ $0 }) {
            let rule = CountingRule(day: day, includeInProgress: includeInProgress, includeLeads: includeLeads)
            let counted = try Self.countedBySQL(registry, rule)
            // The facts as the page's facets read them: the nine columns the rule needs.
            let slim = try registry.read { db in
                var byOffer: [String: [CountedFactRow]] = [:]
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT offerAttestation.offerId, \(CountedFactRow.columns) FROM offerAttestation
                        JOIN attestation ON attestation.id = offerAttestation.attestationId
                        """)
                {
                    byOffer[row[0], default: []].append(try CountedFactRow(row: row, offset: 1))
                }
                return byOffer
            }
            var disagreements: [String] = []
            for (offerId, attestations) in byOffer {
                let swift = Set(rule.counting(attestations).map(\.id))
                let read = Set(rule.counting(slim[offerId] ?? []).map(\.id))
                if swift != counted[offerId, default: []] || read != swift {
                    disagreements.append(
                        "\(offerId) on \(day): Swift \(swift.sorted()), SQL \(counted[offerId, default: []].sorted()), "
                            + "as the facets read them \(read.sorted())")
                }
            }
            #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
            #expect(!counted.isEmpty, "the table reaches facts that count")
        }
    }

    /// A query finds its driving scheme's offers by reading the scheme's facts and applying the Swift form: on
    /// the table of cases, under each counting switch and day, its matches and their evidence are the offers
    /// and facts the SQL form counts.
    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func aQuerysMatchesAndEvidenceAreWhatTheSQLFormCounts(includeInProgress: Bool, includeLeads: Bool) throws {
        let (registry, _) = try Self.cases()
        for day in Self.days.compactMap({ $0 }) {
            let rule = CountingRule(day: day, includeInProgress: includeInProgress, includeLeads: includeLeads)
            let counted = try Self.countedBySQL(registry, rule)
            var criteria = OfferCriteria(validOn: day)
            criteria.secnumcloud = true
            criteria.includeInProgress = includeInProgress
            criteria.includeLeads = includeLeads
            let matches = try registry.query(criteria)
            let answered = Dictionary(
                uniqueKeysWithValues: matches.map { ($0.offer.id, Set($0.evidence.map(\.attestation.id))) })
            #expect(answered == counted, "on \(day)")
            #expect(matches.count == counted.count && !counted.isEmpty, "on \(day): every offer once, some counted")
        }
    }

    /// A day's SecNumCloud 3.2 findings are read for every provider in one statement (the web page asks for
    /// hundreds); on drawn facts — version, status, dates, source kind, several offers — each provider's is the
    /// one the per-provider statement finds.
    @Test func everyProvidersSecNumCloud32FindingIsTheOneFoundForItAlone() throws {
        let registry = try Fixture.registry()
        var random = SplitMix64(seed: 32)
        let pick = { (n: Int) in Int(random.next() % UInt64(n)) }
        try registry.write { db in
            for provider in 0..<60 {
                try Fixture.provider("p\(provider)").provider.insert(db)
                let offers = (0..<(1 + pick(3))).map { "p\(provider)/o\($0)" }
                for offer in offers { try Fixture.offer(offer).offer.insert(db) }
                for index in 0..<pick(4) {
                    let status = AttestationStatus.allCases[pick(AttestationStatus.allCases.count)]
                    let issued = Self.days[pick(Self.days.count)]
                    var expires = pick(2) == 0 ? nil : Self.days[pick(Self.days.count)]
                    if let issued, let end = expires, end <= issued { expires = nil }
                    let offer = offers[pick(offers.count)]
                    var attestation = Fixture.attestation(
                        "p\(provider)/snc-\(index)", scheme: "secnumcloud", status: status, offers: [offer],
                        issuedOn: issued, expiresOn: expires
                    ).attestation
                    attestation.version = ["3.2", "3.2", "3.1", nil][pick(4)]
                    attestation.sourceKind = SourceKind.allCases[pick(SourceKind.allCases.count)]
                    attestation.statusSince = Self.days[pick(Self.days.count)]
                    try attestation.insert(db)
                    try AttestationOffer(attestationId: attestation.id, offerId: offer).insert(db)
                }
            }
        }
        var found = 0
        for day in Self.days.compactMap({ $0 }) {
            let rule = CountingRule(day: day)
            try registry.read { db in
                let all = try Assessor.secNumCloud32ByProvider(db, rule: rule)
                for provider in 0..<60 {
                    let alone = try Attestation.fetchOne(
                        db, SQLRequest(literal: Assessor.secNumCloud32(providerId: "p\(provider)", rule: rule)))
                    #expect(all["p\(provider)"] == alone, "p\(provider) on \(day)")
                    found += alone == nil ? 0 : 1
                }
            }
        }
        #expect(found > 5, "the drawn facts reach qualifications in force")
    }

    @Test func noFactThatCountsIsOutrankedAndFactsThatCountTogetherAreTied() throws {
        let (_, byOffer) = try Self.cases()
        let rule = CountingRule(day: Self.day, includeInProgress: true, includeLeads: true)
        for attestations in byOffer.values {
            let counting = rule.counting(attestations)
            for fact in counting {
                #expect(
                    !attestations.contains { !rule.isShadowed($0, among: attestations) && rule.outranks($0, fact) },
                    "\(fact.id) is outranked")
                #expect(!counting.contains { rule.outranks(fact, $0) }, "\(fact.id) outranks a fact that counts")
            }
        }
    }

    @Test func twoUndatedFactsOfOneKindAndStandingSpeakTogether() {
        var general = Self.fact("p/hds", .providerStatement)
        var detailed = Self.fact("p/hds-detail", .providerStatement)
        general.schemeId = "hds"
        detailed.schemeId = "hds"
        #expect(CountingRule(day: Self.day).counting([general, detailed]).count == 2)
    }

    // MARK: - Precedence, case by case

    static func fact(
        _ id: String, _ kind: SourceKind, _ status: AttestationStatus = .qualified, issued: String? = nil,
        expires: String? = nil
    ) -> Attestation {
        var attestation = Fixture.attestation(
            id, scheme: "secnumcloud", status: status, offers: ["p/o"], issuedOn: issued.map(Fixture.day),
            expiresOn: expires.map(Fixture.day)
        ).attestation
        attestation.sourceKind = kind
        return attestation
    }

    @Test func anOfficialFactThatEndedOutranksAPressFactWithNoExpiry() {
        let press = Self.fact("p/press", .press)
        let official = Self.fact("p/anssi", .officialList, issued: "2023-11-30", expires: "2026-11-30")
        let rule = CountingRule(day: Fixture.day("2026-12-01"))
        #expect(rule.winners([press, official]) == [official])
        #expect(rule.counting([press, official]).isEmpty, "the press fact does not come back to life")
        #expect(CountingRule(day: Fixture.day("2026-11-30")).counting([press, official]) == [official])
    }

    @Test func aWithdrawnOfficialFactKeepsTheWeakerFactsDown() {
        let provider = Self.fact("p/provider", .providerStatement)
        let official = Self.fact("p/anssi", .officialList, .withdrawn, issued: "2024-01-01")
        #expect(CountingRule(day: Self.day).counting([provider, official]).isEmpty)
    }

    @Test func aRenewalSupersedesTheEarlierDecisionFromItsDateOn() {
        let first = Self.fact("p/d1", .officialList, issued: "2023-11-30", expires: "2026-11-30")
        let renewal = Self.fact("p/d2", .officialList, issued: "2026-11-15", expires: "2029-11-15")
        #expect(CountingRule(day: Fixture.day("2026-11-01")).counting([first, renewal]) == [first])
        #expect(CountingRule(day: Fixture.day("2026-11-20")).counting([first, renewal]) == [renewal])
        #expect(CountingRule(day: Fixture.day("2027-01-01")).counting([first, renewal]) == [renewal])
    }

    @Test func anOfficialFactInProgressOutranksAPressFactSayingQualified() {
        let press = Self.fact("p/press", .press)
        var official = Self.fact("p/anssi", .officialList, .inProgress)
        official.statusSince = Fixture.day("2026-01-15")  // the day the list showed it
        #expect(CountingRule(day: Self.day).counting([press, official]).isEmpty)
        #expect(CountingRule(day: Self.day, includeInProgress: true).counting([press, official]) == [official])
    }

    @Test func onATieTheLessFavourableStatusWins() {
        let qualified = Self.fact("p/a", .providerStatement)
        let suspended = Self.fact("p/b", .providerStatement, .suspended)
        #expect(CountingRule(day: Self.day).winners([qualified, suspended]) == [suspended])
        #expect(CountingRule(day: Self.day).counting([qualified, suspended]).isEmpty)
    }

    /// A renamed service merged into its new name: the list withdrew the old name's entry the day it showed
    /// the new one, same decision. The current entry speaks; a withdrawal the list made after last showing the
    /// current entry still stands, and so does one of another decision.
    @Test func aCurrentEntryOutranksAWithdrawnOneOfTheSameDecision() {
        var old = Self.fact("p/old-name", .officialList, .withdrawn, issued: "2025-05-30", expires: "2028-05-30")
        old.statusSince = Fixture.day("2026-03-04")
        old.verifiedOn = Fixture.day("2025-12-05")
        var current = Self.fact("p/new-name", .officialList, issued: "2025-05-30", expires: "2028-05-30")
        current.certificateRef = "918"
        current.verifiedOn = Fixture.day("2026-03-04")
        let rule = CountingRule(day: Self.day)
        #expect(rule.counting([old, current]) == [current])
        #expect(rule.counting([current, old]) == [current])

        var stale = current
        stale.verifiedOn = Fixture.day("2026-01-10")
        #expect(rule.counting([old, stale]).isEmpty, "the list withdrew it after it last showed the other")
        var otherDecision = current
        old.certificateRef = "917"
        #expect(rule.counting([old, otherDecision]).isEmpty, "another decision's withdrawal stands")
        otherDecision.sourceKind = .providerStatement
        old.certificateRef = nil
        #expect(rule.counting([old, otherDecision]).isEmpty, "a provider's page never lifts a list's withdrawal")
    }

    @Test func aSupersededFactThatDisagreesIsAConflict() {
        let press = Self.fact("p/press", .press, issued: "2023-11-30")
        let official = Self.fact("p/anssi", .officialList, issued: "2023-11-30", expires: "2026-11-30")
        #expect(!Supersession(press, by: official).isConflict, "an unknown expiry is not a disagreement")
        let other = Self.fact("p/other", .press, .inProgress)
        #expect(Supersession(other, by: official).differences == ["status"])
    }

    /// The wrong yes of the autumn-2026 seeds: a list's fact with no date counted on every day before any
    /// list showed it. Unknown start: never, in both forms; dated by the list: from that day.
    @Test func aListsFactWithAnUnknownStartCountsOnlyFromTheDayAListShowedIt() throws {
        let registry = try Fixture.registry()
        var undated = Fixture.attestation("p/undated", scheme: "secnumcloud", offers: ["p/o"]).attestation
        var shown = undated
        shown.id = "p/shown"
        shown.statusSince = Fixture.day("2026-09-15")
        undated.sourceKind = .officialList
        undated.statusSince = nil
        try registry.write { db in
            try Fixture.provider("p").provider.insert(db)
            try Fixture.offer("p/o").offer.insert(db)
            try Fixture.offer("p/o2").offer.insert(db)
            shown.id = "p/shown"
            try undated.insert(db)
            try shown.insert(db)
            try AttestationOffer(attestationId: "p/undated", offerId: "p/o").insert(db)
            try AttestationOffer(attestationId: "p/shown", offerId: "p/o2").insert(db)
        }
        for (day, expected) in [("2025-12-05", [String]()), ("2026-09-14", []), ("2026-09-15", ["p/o2"])] {
            let rule = CountingRule(day: Fixture.day(day))
            #expect(!rule.holds(undated))
            #expect(rule.holds(shown) == (day >= "2026-09-15"))
            var criteria = OfferCriteria(validOn: Fixture.day(day))
            criteria.secnumcloud = true
            #expect(try registry.query(criteria).map(\.offer.id) == expected, "\(day)")
        }
    }
}
