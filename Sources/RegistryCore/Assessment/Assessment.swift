import Foundation
import GRDB

/// The result of a sovereignty test. Unknown is not no: it means the facts do not decide.
public enum TestResult: String, Sendable, Hashable, Codable {
    case pass, fail, unknown

    /// fail beats unknown beats pass.
    static func worst(_ results: [TestResult]) -> TestResult {
        results.contains(.fail) ? .fail : results.contains(.unknown) ? .unknown : .pass
    }
}

/// A fact a test used, cited with its source.
public struct CitedFact: Hashable, Sendable {
    /// `provider`, `entity`, `ownership`, `attestation`, `site` or `offer`.
    public var kind: String
    public var id: String
    /// The fact in plain words.
    public var text: String
    public var source: String
    public var sourceKind: SourceKind
    public var verifiedOn: Day?
}

/// One criterion checked, with its reasoning and the facts behind it.
public struct SovereigntyTest: Hashable, Sendable {
    /// `secnumcloud-19.6-a`, `secnumcloud-19.6-b`, `secnumcloud-19.2-location`, `secnumcloud-19.2-administration`,
    /// `hds-2024-eea-hosting`.
    public var id: String
    public var title: String
    public var result: TestResult
    public var explanation: String
    public var evidence: [CitedFact]
}

/// `registry assess`: every test for a provider or an offer, with the ownership look-through.
public struct Assessment: Hashable, Sendable {
    public enum Subject: Hashable, Sendable {
        case provider(Provider)
        case offer(Offer, Provider)
    }

    public var subject: Subject
    public var day: Day
    public var tests: [SovereigntyTest]
    /// §19.6 a) and b): the provider is immune to non-EU law.
    public var immune: TestResult
    /// Offers only: immune, and data located and administered in the EU (§19.2).
    public var sovereign: TestResult?
    public var lookThrough: OwnershipLookThrough?
    /// Attestations in force on the day (granted, dated right, not leads).
    public var attestationsInForce: [Evidence]
}

extension Registry {
    /// Assesses a provider or an offer on `day`. An unknown id is a usage error with suggestions.
    public func assess(_ id: String, on day: Day) throws -> Assessment {
        try guardingDatabaseErrors {
            try read { db in
                if let provider = try Provider.fetchOne(db, key: id) {
                    return try Assessor(db: db, day: day).assess(provider: provider)
                }
                if let offer = try Offer.fetchOne(db, key: id) {
                    return try Assessor(db: db, day: day).assess(offer: offer)
                }
                throw try Registry.unknownId(id, db)
            }
        }
    }
}

/// Computes the tests from stored facts, citing each fact it uses.
struct Assessor {
    let db: Database
    let day: Day
    /// Whether the assessment lists the attestations in force; a query checking criteria needs the tests only.
    var listsAttestations = true
    /// Provider-level results kept for the registry's revision, when the caller has read it.
    var cache: (ProviderTestsCache, revision: String)? = nil
    /// The holders of the providers a query is about to assess, read at once (else each provider's, in turn).
    var graph: PendingOwnershipGraph? = nil
    /// The EU's member states, when the caller has read them (a query assessing many offers reads them once).
    var euMembers: Set<String>? = nil

    func eu() throws -> Set<String> {
        try euMembers ?? Set(try String.fetchAll(db.cachedStatement(sql: "SELECT code FROM country WHERE eu = 1")))
    }

    func assess(provider: Provider) throws -> Assessment {
        let (tests, lookThrough) = try providerTests(provider)
        return Assessment(
            subject: .provider(provider), day: day, tests: tests, immune: TestResult.worst(tests.map(\.result)),
            sovereign: nil, lookThrough: lookThrough,
            attestationsInForce: try inForce(
                Attestation.filter(Attestation.Columns.providerId == provider.id).order(
                    Attestation.Columns.schemeId, Attestation.Columns.id
                )
                .fetchAll(db), offers: nil))
    }

    /// The offer's assessment; without `offerTests`, its provider's tests only (the seat and immunity a query
    /// asks need no more), and `sovereign` unknown.
    func assess(offer: Offer, offerTests asked: Bool = true) throws -> Assessment {
        let provider = try db.existingRecord(Provider.self, id: offer.providerId)
        let (providerTests, lookThrough) = try providerTests(provider)
        guard asked else {
            return Assessment(
                subject: .offer(offer, provider), day: day, tests: providerTests,
                immune: TestResult.worst(providerTests.map(\.result)), sovereign: .unknown, lookThrough: lookThrough,
                attestationsInForce: [])
        }
        let compute = {
            let hosting = try Registry.hosting(ofOffer: offer.id, db)
            return [location(offer, hosting), administration(offer, eu: try eu()), eeaHosting(offer, hosting)]
        }
        let offerTests =
            try cache.map { try $0.0.offerTests(offer.id, revision: $0.revision, compute: compute) } ?? compute()
        let immune = TestResult.worst(providerTests.map(\.result))
        return Assessment(
            subject: .offer(offer, provider), day: day, tests: providerTests + offerTests, immune: immune,
            sovereign: TestResult.worst([immune, offerTests[0].result, offerTests[1].result]), lookThrough: lookThrough,
            attestationsInForce: !listsAttestations
                ? []
                : try inForce(
                    try Attestation.fetchAll(
                        db.cachedStatement(
                            sql: """
                                SELECT attestation.* FROM offerAttestation
                                JOIN attestation ON attestation.id = offerAttestation.attestationId
                                WHERE offerAttestation.offerId = ? ORDER BY attestation.schemeId, attestation.id
                                """), arguments: [offer.id]), offers: [offer.id]))
    }

    // MARK: - Provider tests (§19.6)

    private func providerTests(_ provider: Provider) throws -> ([SovereigntyTest], OwnershipLookThrough?) {
        let compute = {
            let eu = try eu()
            let (ownership, lookThrough) = try ownershipTest(provider, eu: eu)
            return ProviderTestsCache.Entry(
                seat: seatTest(provider, eu: eu), ownership: ownership, lookThrough: lookThrough)
        }
        let entry = try cache.map { try $0.0.entry(provider.id, revision: $0.revision, compute: compute) } ?? compute()
        var (seat, ownership, lookThrough) = (entry.seat, entry.ownership, entry.lookThrough)
        if let anssi = try secNumCloud32InForce(provider) {
            // ANSSI's qualification under 3.2 is its own finding that §19.6 holds for this provider.
            let cited = fact(anssi)
            seat = overridden(seat, by: cited, anssi: anssi)
            ownership = overridden(ownership, by: cited, anssi: anssi)
        }
        return ([seat, ownership], lookThrough)
    }

    private func overridden(_ test: SovereigntyTest, by cited: CitedFact, anssi: Attestation) -> SovereigntyTest {
        var test = test
        let computed = "Computed from the recorded facts: \(test.result.rawValue) — \(test.explanation)"
        let disagreement = test.result == .fail ? " DISAGREEMENT: the recorded facts fail this test; check them." : ""
        test.explanation =
            "Passes on ANSSI's finding: \(anssi.id) is a SecNumCloud 3.2 qualification in force, and 3.2 requires "
            + "§19.6. \(computed)\(disagreement)"
        test.result = .pass
        test.evidence.insert(cited, at: 0)
        return test
    }

    private func seatTest(_ provider: Provider, eu: Set<String>) -> SovereigntyTest {
        let cited = CitedFact(
            kind: "provider", id: provider.id, text: "headquarters: \(provider.hqCountry ?? "unknown")",
            source: provider.source, sourceKind: provider.sourceKind, verifiedOn: provider.verifiedOn)
        let (result, explanation): (TestResult, String) =
            switch provider.hqCountry {
            case nil: (.unknown, "\(provider.name)'s seat is not recorded.")
            case let country? where eu.contains(country):
                (.pass, "\(provider.name) has its seat in \(country), an EU member state.")
            case let country?: (.fail, "\(provider.name) has its seat in \(country), outside the EU.")
            }
        return SovereigntyTest(
            id: "secnumcloud-19.6-a", title: "§19.6 a) seat, central administration and main establishment in the EU",
            result: result, explanation: explanation, evidence: [cited])
    }

    private func ownershipTest(_ provider: Provider, eu: Set<String>) throws -> (SovereigntyTest, OwnershipLookThrough?)
    {
        let title = "§19.6 b) non-EU holders: at most 24 % each, 39 % together, no veto or board majority"
        guard let root = provider.entityId else {
            return (
                SovereigntyTest(
                    id: "secnumcloud-19.6-b", title: title, result: .unknown,
                    explanation: "\(provider.name)'s legal entity and its holders are not recorded.", evidence: []),
                nil
            )
        }
        let (look, words) = try lookThrough(from: root, eu: eu)
        var result = TestResult.pass
        var reasons = words.breaches(look)
        if !reasons.isEmpty {
            result = .fail
        } else if case let unknowns = words.unknowns(look), !unknowns.isEmpty {
            result = .unknown
            reasons = unknowns
        } else {
            reasons = [
                "non-EU holders: \(percentText(look.capital.nonEUTotal)) of capital and \(percentText(look.votes.nonEUTotal)) of votes, within the limits"
            ]
        }
        let test = SovereigntyTest(
            id: "secnumcloud-19.6-b", title: title, result: result,
            explanation: reasons.joined(separator: "; ") + ".",
            evidence: look.edges.map(words.cited))
        return (test, look)
    }

    /// The holders above `root` (only those, however many entities the registry knows), looked through.
    func lookThrough(from root: String, eu: Set<String>) throws -> (OwnershipLookThrough, OwnershipWording) {
        if let (edgesByOwned, entities) = try graph?.graph(db).above(root) {
            let look = OwnershipLookThrough(root: root, entities: entities, edgesByOwned: edgesByOwned, euCountries: eu)
            return (look, OwnershipWording(root: root, entities: entities))
        }
        let ownership = try Ownership.fetchAll(
            db.cachedStatement(
                sql: """
                    WITH RECURSIVE holder(id) AS (
                        SELECT ? UNION SELECT ownership.ownerId FROM ownership JOIN holder ON ownership.ownedId = holder.id)
                    SELECT * FROM ownership WHERE ownedId IN holder
                    """), arguments: [root])
        let ids = Set(ownership.flatMap { [$0.ownerId, $0.ownedId] } + [root])
        let entities = Dictionary(
            uniqueKeysWithValues: try Entity.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM entity WHERE id IN (SELECT value FROM json_each(?))"),
                arguments: [String(decoding: try JSONEncoder().encode(ids.sorted()), as: UTF8.self)]
            ).map { ($0.id, $0) })
        let look = OwnershipLookThrough(
            root: root, entities: entities, edgesByOwned: Dictionary(grouping: ownership, by: \.ownedId),
            euCountries: eu)
        return (look, OwnershipWording(root: root, entities: entities))
    }

    /// The provider's SecNumCloud 3.2 qualification that counts on the day for one of its offers, if any.
    func secNumCloud32InForce(_ provider: Provider) throws -> Attestation? {
        guard let (cache, revision) = cache else { return try findSecNumCloud32(provider) }
        return try cache.finding(provider.id, on: day, revision: revision) {
            try Self.secNumCloud32ByProvider(db, rule: CountingRule(day: day))
        }
    }

    /// Every provider's SecNumCloud 3.2 qualification in force under `rule`, in one statement: the first by id,
    /// as `secNumCloud32(providerId:rule:)` finds it for one provider (a day's page asks for hundreds).
    static func secNumCloud32ByProvider(_ db: Database, rule: CountingRule) throws -> [String: Attestation] {
        var found: [String: Attestation] = [:]
        let rows = try Row.fetchCursor(
            db,
            SQLRequest(
                literal: """
                    SELECT offer.providerId AS qualifiedProviderId, attestation.* FROM attestation
                    CROSS JOIN offerAttestation ON offerAttestation.attestationId = attestation.id
                    CROSS JOIN offer ON offer.id = offerAttestation.offerId
                    WHERE attestation.schemeId = 'secnumcloud' AND attestation.version = '3.2'
                      AND attestation.status = 'qualified' AND \(rule.counts(offer: "offer.id"))
                    ORDER BY offer.providerId, attestation.id
                    """))
        while let row = try rows.next() {
            let providerId: String = row["qualifiedProviderId"]
            if found[providerId] == nil { found[providerId] = try Attestation(row: row) }
        }
        return found
    }

    private func findSecNumCloud32(_ provider: Provider) throws -> Attestation? {
        try Attestation.fetchOne(
            db,
            SQLRequest(literal: Self.secNumCloud32(providerId: provider.id, rule: CountingRule(day: day)), cached: true)
        )
    }

    /// By provider, not by scheme: a query assesses thousands of providers.
    static func secNumCloud32(providerId: String, rule: CountingRule) -> SQL {
        """
        SELECT attestation.* FROM offer
        CROSS JOIN offerAttestation ON offerAttestation.offerId = offer.id
        CROSS JOIN attestation ON attestation.id = offerAttestation.attestationId
        WHERE offer.providerId = \(providerId) AND attestation.schemeId = 'secnumcloud'
          AND attestation.version = '3.2' AND attestation.status = 'qualified'
          AND \(rule.counts(offer: "offer.id"))
        ORDER BY attestation.id LIMIT 1
        """
    }

    // MARK: - Offer tests (§19.2, HDS 2024)

    private func location(_ offer: Offer, _ hosting: [Hosting]) -> SovereigntyTest {
        placeTest(
            id: "secnumcloud-19.2-location", title: "§19.2 b) data stored and processed in the EU", offer: offer,
            hosting: hosting, inside: \.eu, union: "the EU")
    }

    private func eeaHosting(_ offer: Offer, _ hosting: [Hosting]) -> SovereigntyTest {
        placeTest(
            id: "hds-2024-eea-hosting", title: "HDS 2024: physical hosting in the European Economic Area", offer: offer,
            hosting: hosting, inside: \.eea, union: "the EEA")
    }

    private func placeTest(
        id: String, title: String, offer: Offer, hosting: [Hosting], inside: KeyPath<Hosting, Bool?>, union: String
    ) -> SovereigntyTest {
        let evidence = hosting.map { item in
            CitedFact(
                kind: "site", id: item.site.id,
                text: "\(item.site.name ?? item.site.code) in \(item.site.country ?? "an unknown country")",
                source: item.site.source, sourceKind: item.site.sourceKind, verifiedOn: item.site.verifiedOn)
        }
        let outside = hosting.filter { $0[keyPath: inside] == false }
        let unknown = hosting.filter { $0[keyPath: inside] == nil }
        let (result, explanation): (TestResult, String) =
            if hosting.isEmpty {
                (.unknown, "No hosting site of \(offer.name) is recorded.")
            } else if !outside.isEmpty {
                (
                    .fail,
                    "\(offer.name) can also host data outside \(union): "
                        + outside.map { "\($0.site.code) (\($0.site.country ?? "?"))" }.joined(separator: ", ") + "."
                )
            } else if !unknown.isEmpty {
                (.unknown, "The country of " + unknown.map(\.site.code).joined(separator: ", ") + " is not recorded.")
            } else {
                (.pass, "Every recorded site of \(offer.name) is in \(union).")
            }
        return SovereigntyTest(id: id, title: title, result: result, explanation: explanation, evidence: evidence)
    }

    private func administration(_ offer: Offer, eu: Set<String>) -> SovereigntyTest {
        let (result, explanation): (TestResult, String) =
            switch offer.adminCountry {
            case nil: (.unknown, "Where \(offer.name) is administered from is not recorded.")
            case let country? where eu.contains(country):
                (.pass, "\(offer.name) is administered from \(country), in the EU.")
            case let country?: (.fail, "\(offer.name) is administered from \(country), outside the EU.")
            }
        return SovereigntyTest(
            id: "secnumcloud-19.2-administration", title: "§19.2 c) administration and supervision from the EU",
            result: result, explanation: explanation,
            evidence: offer.adminCountry == nil
                ? []
                : [
                    CitedFact(
                        kind: "offer", id: offer.id, text: "administered from \(offer.adminCountry ?? "?")",
                        source: offer.source, sourceKind: offer.sourceKind, verifiedOn: offer.verifiedOn)
                ])
    }

    // MARK: - Facts

    func fact(_ attestation: Attestation) -> CitedFact {
        CitedFact(
            kind: "attestation", id: attestation.id,
            text: "\(attestation.schemeId) \(attestation.version ?? "") \(attestation.status.rawValue)",
            source: attestation.source, sourceKind: attestation.sourceKind, verifiedOn: attestation.verifiedOn)
    }

    /// The attestations that count on the day for the offers they cover (only `offers`, when given).
    private func inForce(_ attestations: [Attestation], offers: Set<String>?) throws -> [Evidence] {
        let standings = try CountingRule(day: day).standings(of: attestations.map(\.id), offers: offers, db)
        return try attestations.filter { standings[$0.id]?.counts == true }.map {
            var evidence = Evidence($0, activities: try Registry.activities(of: $0.id, db), on: day)
            evidence.place(standings[$0.id])
            return evidence
        }
    }
}

/// A share as the assessment writes it: « 24 % », « 12.5 % ».
private func percentText(_ value: Double) -> String {
    String(format: value == value.rounded() ? "%.0f %%" : "%.1f %%", value)
}

/// How §19.6 b)'s reasons and cited holdings are worded, for the entities a look-through read.
struct OwnershipWording {
    let root: String
    let entities: [String: Entity]

    func name(_ id: String) -> String {
        let entity = entities[id]
        return "\(entity?.name ?? id) (\(entity?.country ?? "country unknown"))"
    }

    /// Why the holdings fail the test; empty when nothing breaks a limit.
    func breaches(_ look: OwnershipLookThrough) -> [String] {
        var reasons: [String] = []
        for (label, reading) in [("capital", look.capital), ("votes", look.votes)] {
            if let largest = reading.largestNonEU, largest.share > OwnershipLookThrough.individualLimit {
                let share =
                    reading.controllingWithoutFigure.isEmpty
                    ? percentText(largest.share) : "more than \(percentText(largest.share)) (a controlling share)"
                reasons.append("\(name(largest.entity)) holds \(share) of \(label), above the 24 % limit")
            } else if reading.nonEUTotal > OwnershipLookThrough.collectiveLimit {
                reasons.append(
                    "non-EU entities hold \(percentText(reading.nonEUTotal)) of \(label) together, above the 39 % limit"
                )
            }
        }
        for edge in look.rights {
            reasons.append("\(name(edge.ownerId)) has a veto or the right to name the board majority")
        }
        return reasons
    }

    /// What keeps holdings that break no limit from passing; empty when the facts decide.
    func unknowns(_ look: OwnershipLookThrough) -> [String] {
        var unknowns: [String] = []
        if !look.hasHolders { unknowns.append("No holder of \(entities[root]?.name ?? root) is recorded") }
        if look.cycle { unknowns.append("the holdings form a cycle") }
        let missing = Set((look.capital.missingPercentages + look.votes.missingPercentages).map(\.ownerId)).sorted()
        if !missing.isEmpty {
            unknowns.append("the share of \(missing.map(name).joined(separator: ", ")) is not recorded")
        }
        for (label, reading) in [("capital", look.capital), ("votes", look.votes)] {
            let worstCase = (reading.largestNonEU?.share ?? 0) + reading.unknownShare
            if reading.unknownShare > 0 && worstCase > OwnershipLookThrough.individualLimit {
                unknowns.append(
                    "\(percentText(reading.unknownShare)) of \(label) is held by holders of unknown country or not recorded"
                )
            } else if reading.nonEUTotal + reading.unknownShare + reading.publicFloat
                > OwnershipLookThrough.collectiveLimit
                && reading.unknownShare + reading.publicFloat > 0
            {
                unknowns.append(
                    "the country of \(percentText(reading.unknownShare + reading.publicFloat)) of \(label) (public float or unrecorded holders) is unknown"
                )
            }
        }
        return unknowns
    }

    func cited(_ edge: Ownership) -> CitedFact {
        var shares = [
            edge.capitalPercent.map { "\(percentText($0)) of capital" },
            edge.votingPercent.map { "\(percentText($0)) of votes" },
        ]
        .compactMap { $0 }
        if shares.isEmpty && edge.controlling == true { shares = ["a controlling share (more than 50 %)"] }
        return CitedFact(
            kind: "ownership", id: "\(edge.ownerId) → \(edge.ownedId)",
            text:
                "\(name(edge.ownerId)) holds \(shares.isEmpty ? "an unrecorded share" : shares.joined(separator: ", ")) of \(entities[edge.ownedId]?.name ?? edge.ownedId)",
            source: edge.source, sourceKind: edge.sourceKind, verifiedOn: edge.verifiedOn)
    }
}
