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
    public var text: Phrase
    public var source: String
    public var sourceKind: SourceKind
    public var verifiedOn: Day?
}

/// One criterion checked, with its reasoning and the facts behind it.
public struct SovereigntyTest: Hashable, Sendable {
    /// `secnumcloud-19.6-a`, `secnumcloud-19.6-b`, `secnumcloud-19.2-location`, `secnumcloud-19.2-administration`,
    /// `hds-2024-eea-hosting`.
    public var id: String
    public var title: Phrase
    public var result: TestResult
    public var explanation: Phrase
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
    /// The offers a query is about to assess, whose holders and sites are read at once (else each in turn).
    var pending: PendingOffers? = nil
    /// The EU's member states, when the caller has read them (a query assessing many offers reads them once).
    var euMembers: Set<String>? = nil
    /// Whether the tests are wanted for their results alone (a query's verdicts): a test ANSSI's finding decides
    /// then goes without the reasons computed from the recorded facts, which only an assessment prints.
    var verdictsOnly = false
    /// The SecNumCloud facts with the offers they cover, when a query has read them already.
    var secNumCloudFacts: SchemeCoverage? = nil

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
        let provider =
            try pending?.provider(offer.providerId, db) ?? db.existingRecord(Provider.self, id: offer.providerId)
        let (providerTests, lookThrough) = try providerTests(provider)
        guard asked else {
            return Assessment(
                subject: .offer(offer, provider), day: day, tests: providerTests,
                immune: TestResult.worst(providerTests.map(\.result)), sovereign: .unknown, lookThrough: lookThrough,
                attestationsInForce: [])
        }
        let compute = {
            let hosting = try pending?.hosting(of: offer.id, db) ?? Registry.hosting(ofOffer: offer.id, db)
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
        let anssi = try secNumCloud32InForce(provider)
        if verdictsOnly, let anssi {
            // The finding passes both tests whatever the facts say: the look-through, a query's costliest step,
            // would only word what the verdict does not print.
            let cited = fact(anssi)
            return (
                [
                    decided("secnumcloud-19.6-a", Self.seatTitle, by: cited, anssi: anssi),
                    decided("secnumcloud-19.6-b", Self.ownershipTitle, by: cited, anssi: anssi),
                ], nil
            )
        }
        let compute = {
            let eu = try eu()
            let (ownership, lookThrough) = try ownershipTest(provider, eu: eu)
            return ProviderTestsCache.Entry(
                seat: seatTest(provider, eu: eu), ownership: ownership, lookThrough: lookThrough)
        }
        let entry = try cache.map { try $0.0.entry(provider.id, revision: $0.revision, compute: compute) } ?? compute()
        var (seat, ownership, lookThrough) = (entry.seat, entry.ownership, entry.lookThrough)
        if let anssi {
            // ANSSI's qualification under 3.2 is its own finding that §19.6 holds for this provider.
            let cited = fact(anssi)
            seat = overridden(seat, by: cited, anssi: anssi)
            ownership = overridden(ownership, by: cited, anssi: anssi)
        }
        return ([seat, ownership], lookThrough)
    }

    /// A test ANSSI's finding passes, with what the recorded facts gave (and a disagreement, when they fail it).
    private func overridden(_ test: SovereigntyTest, by cited: CitedFact, anssi: Attestation) -> SovereigntyTest {
        let computed = Phrase(
            " Computed from the recorded facts: \(test.result.rawValue) — \(test.explanation.english)",
            fr: " Calcul sur les faits enregistrés : \(test.result.french) — \(test.explanation.french)")
        let disagreement =
            test.result == .fail
            ? Phrase(
                " DISAGREEMENT: the recorded facts fail this test; check them.",
                fr: " DÉSACCORD : les faits enregistrés échouent à ce test ; vérifiez-les.") : Phrase(same: "")
        var passed = decided(test.id, test.title, by: cited, anssi: anssi)
        passed.explanation = passed.explanation + computed + disagreement
        passed.evidence += test.evidence
        return passed
    }

    /// A test ANSSI's SecNumCloud 3.2 qualification in force passes: 3.2 requires §19.6.
    private func decided(_ id: String, _ title: Phrase, by cited: CitedFact, anssi: Attestation) -> SovereigntyTest {
        SovereigntyTest(
            id: id, title: title, result: .pass,
            explanation: Phrase(
                "Passes on ANSSI's finding: \(anssi.id) is a SecNumCloud 3.2 qualification in force, and 3.2 requires "
                    + "§19.6.",
                fr:
                    "Satisfait sur le constat de l'ANSSI : \(anssi.id) est une qualification SecNumCloud 3.2 en vigueur, "
                    + "et la 3.2 exige le § 19.6."),
            evidence: [cited])
    }

    static let seatTitle = Phrase(
        "§19.6 a) seat, central administration and main establishment in the EU",
        fr: "§ 19.6 a) siège statutaire, administration centrale et établissement principal dans l'UE")
    static let ownershipTitle = Phrase(
        "§19.6 b) non-EU holders: at most 24 % each, 39 % together, no veto or board majority",
        fr: "§ 19.6 b) détenteurs hors UE : 24 % au plus chacun, 39 % au plus ensemble, ni veto ni majorité au conseil")

    private func seatTest(_ provider: Provider, eu: Set<String>) -> SovereigntyTest {
        let cited = CitedFact(
            kind: "provider", id: provider.id,
            text: Phrase(
                "headquarters: \(provider.hqCountry ?? "unknown")", fr: "siège : \(provider.hqCountry ?? "inconnu")"),
            source: provider.source, sourceKind: provider.sourceKind, verifiedOn: provider.verifiedOn)
        let name = provider.name
        let (result, explanation): (TestResult, Phrase) =
            switch provider.hqCountry {
            case nil:
                (.unknown, Phrase("\(name)'s seat is not recorded.", fr: "Le siège de \(name) n'est pas enregistré."))
            case let country? where eu.contains(country):
                (
                    .pass,
                    Phrase(
                        "\(name) has its seat in \(country), an EU member state.",
                        fr: "\(name) a son siège dans un État membre de l'UE (\(country)).")
                )
            case let country?:
                (
                    .fail,
                    Phrase(
                        "\(name) has its seat in \(country), outside the EU.",
                        fr: "\(name) a son siège hors de l'UE (\(country)).")
                )
            }
        return SovereigntyTest(
            id: "secnumcloud-19.6-a", title: Self.seatTitle, result: result, explanation: explanation, evidence: [cited]
        )
    }

    private func ownershipTest(_ provider: Provider, eu: Set<String>) throws -> (SovereigntyTest, OwnershipLookThrough?)
    {
        let title = Self.ownershipTitle
        guard let root = provider.entityId else {
            return (
                SovereigntyTest(
                    id: "secnumcloud-19.6-b", title: title, result: .unknown,
                    explanation: Phrase(
                        "\(provider.name)'s legal entity and its holders are not recorded.",
                        fr: "L'entité juridique de \(provider.name) et ses détenteurs ne sont pas enregistrés."),
                    evidence: []),
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
            let (capital, votes) = (percent(look.capital.nonEUTotal), percent(look.votes.nonEUTotal))
            reasons = [
                Phrase(
                    "non-EU holders: \(capital.english) of capital and \(votes.english) of votes, within the limits",
                    fr:
                        "détenteurs hors UE : \(capital.french) du capital et \(votes.french) des droits de vote, dans les limites"
                )
            ]
        }
        let test = SovereigntyTest(
            id: "secnumcloud-19.6-b", title: title, result: result,
            explanation: Phrase.joined(reasons, separator: "; ") + Phrase(same: "."),
            evidence: look.edges.map(words.cited))
        return (test, look)
    }

    /// The holders above `root` (only those, however many entities the registry knows), looked through.
    func lookThrough(from root: String, eu: Set<String>) throws -> (OwnershipLookThrough, OwnershipWording) {
        if let (edgesByOwned, entities) = try pending?.graph(db).above(root) {
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
            try Self.secNumCloud32ByProvider(db, rule: CountingRule(day: day), facts: secNumCloudFacts)
        }
    }

    /// Every provider's SecNumCloud 3.2 qualification in force under `rule`, from the scheme's facts read in one
    /// statement (`facts`, when read already): the first by id, as `secNumCloud32(providerId:rule:)` finds it for
    /// one provider (a day's page asks for hundreds).
    static func secNumCloud32ByProvider(_ db: Database, rule: CountingRule, facts: SchemeCoverage? = nil) throws
        -> [String: Attestation]
    {
        let facts =
            try facts.flatMap { $0.schemeId == "secnumcloud" ? $0 : nil }
            ?? SchemeCoverage(scheme: "secnumcloud", db)
        var found: [String: Attestation] = [:]
        // A fact covers its own provider's offers only (the offerAttestation view).
        for fact in facts.counting(rule).values.joined() where fact.version == "3.2" && fact.status == .qualified {
            if let kept = found[fact.providerId], kept.id <= fact.id { continue }
            found[fact.providerId] = fact
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
            id: "secnumcloud-19.2-location",
            title: Phrase(
                "§19.2 b) data stored and processed in the EU", fr: "§ 19.2 b) données stockées et traitées dans l'UE"),
            offer: offer, hosting: hosting, inside: \.eu, union: Phrase("the EU", fr: "l'UE"))
    }

    private func eeaHosting(_ offer: Offer, _ hosting: [Hosting]) -> SovereigntyTest {
        placeTest(
            id: "hds-2024-eea-hosting",
            title: Phrase(
                "HDS 2024: physical hosting in the European Economic Area",
                fr: "HDS 2024 : hébergement physique dans l'Espace économique européen"),
            offer: offer, hosting: hosting, inside: \.eea, union: Phrase("the EEA", fr: "l'EEE"))
    }

    private func placeTest(
        id: String, title: Phrase, offer: Offer, hosting: [Hosting], inside: KeyPath<Hosting, Bool?>, union: Phrase
    ) -> SovereigntyTest {
        let evidence = hosting.map { item in
            CitedFact(
                kind: "site", id: item.site.id, text: Phrase.site(item.site.name ?? item.site.code, item.site.country),
                source: item.site.source, sourceKind: item.site.sourceKind, verifiedOn: item.site.verifiedOn)
        }
        let outside = hosting.filter { $0[keyPath: inside] == false }
        let unknown = hosting.filter { $0[keyPath: inside] == nil }
        let name = offer.name
        let codes = unknown.map(\.site.code).joined(separator: ", ")
        let (result, explanation): (TestResult, Phrase) =
            if hosting.isEmpty {
                (
                    .unknown,
                    Phrase(
                        "No hosting site of \(name) is recorded.",
                        fr: "Aucun site d'hébergement de \(name) n'est enregistré.")
                )
            } else if !outside.isEmpty {
                (
                    .fail,
                    Phrase(
                        "\(name) can also host data outside \(union.english): ",
                        fr: "\(name) peut aussi héberger des données hors de \(union.french) : ")
                        + Phrase(
                            same: outside.map { "\($0.site.code) (\($0.site.country ?? "?"))" }.joined(separator: ", ")
                                + ".")
                )
            } else if !unknown.isEmpty {
                (
                    .unknown,
                    Phrase("The country of \(codes) is not recorded.", fr: "Le pays de \(codes) n'est pas enregistré.")
                )
            } else {
                (
                    .pass,
                    Phrase(
                        "Every recorded site of \(name) is in \(union.english).",
                        fr: "Tous les sites enregistrés de \(name) sont dans \(union.french).")
                )
            }
        return SovereigntyTest(id: id, title: title, result: result, explanation: explanation, evidence: evidence)
    }

    private func administration(_ offer: Offer, eu: Set<String>) -> SovereigntyTest {
        let name = offer.name
        let (result, explanation): (TestResult, Phrase) =
            switch offer.adminCountry {
            case nil:
                (
                    .unknown,
                    Phrase(
                        "Where \(name) is administered from is not recorded.",
                        fr: "Le pays d'où \(name) est administrée n'est pas enregistré.")
                )
            case let country? where eu.contains(country):
                (
                    .pass,
                    Phrase(
                        "\(name) is administered from \(country), in the EU.",
                        fr: "\(name) est administrée depuis l'UE (\(country)).")
                )
            case let country?:
                (
                    .fail,
                    Phrase(
                        "\(name) is administered from \(country), outside the EU.",
                        fr: "\(name) est administrée depuis l'extérieur de l'UE (\(country)).")
                )
            }
        return SovereigntyTest(
            id: "secnumcloud-19.2-administration",
            title: Phrase(
                "§19.2 c) administration and supervision from the EU",
                fr: "§ 19.2 c) administration et supervision depuis l'UE"),
            result: result, explanation: explanation,
            evidence: offer.adminCountry.map { country in
                [
                    CitedFact(
                        kind: "offer", id: offer.id, text: Phrase.administered(from: country), source: offer.source,
                        sourceKind: offer.sourceKind, verifiedOn: offer.verifiedOn)
                ]
            } ?? [])
    }

    // MARK: - Facts

    func fact(_ attestation: Attestation) -> CitedFact {
        CitedFact(
            kind: "attestation", id: attestation.id,
            text: Phrase.attestation(attestation),
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

/// A share as the assessment writes it: « 24 % », « 12.5 % » (« 12,5 % » in French).
func percent(_ value: Double) -> Phrase {
    // A whole share is most shares: written as an integer, it needs no C formatting (a fifth of a look-through's
    // wording). Any other value is formatted as before.
    let text =
        value == value.rounded() && value.magnitude < 1e15 && value.sign == .plus
        ? "\(Int(value)) %" : String(format: value == value.rounded() ? "%.0f %%" : "%.1f %%", value)
    return Phrase(text, fr: Phrase.frenchNumber(text))
}

/// How §19.6 b)'s reasons and cited holdings are worded, for the entities a look-through read.
struct OwnershipWording {
    let root: String
    let entities: [String: Entity]

    func name(_ id: String) -> Phrase {
        let entity = entities[id]
        let name = entity?.name ?? id
        return Phrase(
            "\(name) (\(entity?.country ?? "country unknown"))", fr: "\(name) (\(entity?.country ?? "pays inconnu"))")
    }

    private static let measures = [
        (Phrase("capital", fr: "du capital"), \OwnershipLookThrough.capital),
        (Phrase("votes", fr: "des droits de vote"), \OwnershipLookThrough.votes),
    ]

    /// Why the holdings fail the test; empty when nothing breaks a limit.
    func breaches(_ look: OwnershipLookThrough) -> [Phrase] {
        var reasons: [Phrase] = []
        for (label, measure) in Self.measures {
            let reading = look[keyPath: measure]
            if let largest = reading.largestNonEU, largest.share > OwnershipLookThrough.individualLimit {
                let share = percent(largest.share)
                let holds =
                    reading.controllingWithoutFigure.isEmpty
                    ? share
                    : Phrase(
                        "more than \(share.english) (a controlling share)",
                        fr: "plus de \(share.french) (une part de contrôle)")
                let who = name(largest.entity)
                reasons.append(
                    Phrase(
                        "\(who.english) holds \(holds.english) of \(label.english), above the 24 % limit",
                        fr: "\(who.french) détient \(holds.french) \(label.french), au-delà de la limite de 24 %"))
            } else if reading.nonEUTotal > OwnershipLookThrough.collectiveLimit {
                let total = percent(reading.nonEUTotal)
                reasons.append(
                    Phrase(
                        "non-EU entities hold \(total.english) of \(label.english) together, above the 39 % limit",
                        fr:
                            "des entités hors UE détiennent ensemble \(total.french) \(label.french), au-delà de la limite de 39 %"
                    ))
            }
        }
        for edge in look.rights {
            let who = name(edge.ownerId)
            reasons.append(
                Phrase(
                    "\(who.english) has a veto or the right to name the board majority",
                    fr: "\(who.french) dispose d'un veto ou du droit de nommer la majorité du conseil"))
        }
        return reasons
    }

    /// What keeps holdings that break no limit from passing; empty when the facts decide.
    func unknowns(_ look: OwnershipLookThrough) -> [Phrase] {
        var unknowns: [Phrase] = []
        if !look.hasHolders {
            let root = entities[root]?.name ?? root
            unknowns.append(
                Phrase("No holder of \(root) is recorded", fr: "Aucun détenteur de \(root) n'est enregistré"))
        }
        if look.cycle {
            unknowns.append(Phrase("the holdings form a cycle", fr: "les participations forment un cycle"))
        }
        let missing = Set((look.capital.missingPercentages + look.votes.missingPercentages).map(\.ownerId)).sorted()
        if !missing.isEmpty {
            let who = Phrase.joined(missing.map(name), separator: ", ")
            unknowns.append(
                Phrase(
                    "the share of \(who.english) is not recorded",
                    fr: "la part de \(who.french) n'est pas enregistrée"))
        }
        for (label, measure) in Self.measures {
            let reading = look[keyPath: measure]
            let worstCase = (reading.largestNonEU?.share ?? 0) + reading.unknownShare
            if reading.unknownShare > 0 && worstCase > OwnershipLookThrough.individualLimit {
                let share = percent(reading.unknownShare)
                unknowns.append(
                    Phrase(
                        "\(share.english) of \(label.english) is held by holders of unknown country or not recorded",
                        fr:
                            "\(share.french) \(label.french) sont détenus par des détenteurs de pays inconnu ou non enregistrés"
                    ))
            } else if reading.nonEUTotal + reading.unknownShare + reading.publicFloat
                > OwnershipLookThrough.collectiveLimit
                && reading.unknownShare + reading.publicFloat > 0
            {
                let share = percent(reading.unknownShare + reading.publicFloat)
                unknowns.append(
                    Phrase(
                        "the country of \(share.english) of \(label.english) (public float or unrecorded holders) is unknown",
                        fr:
                            "le pays de \(share.french) \(label.french) (flottant en bourse ou détenteurs non enregistrés) "
                            + "est inconnu"))
            }
        }
        return unknowns
    }

    func cited(_ edge: Ownership) -> CitedFact {
        var shares = [
            edge.capitalPercent.map { percent($0) + Phrase(" of capital", fr: " du capital") },
            edge.votingPercent.map { percent($0) + Phrase(" of votes", fr: " des droits de vote") },
        ]
        .compactMap { $0 }
        if shares.isEmpty && edge.controlling == true {
            shares = [Phrase("a controlling share (more than 50 %)", fr: "une part de contrôle (plus de 50 %)")]
        }
        let held =
            shares.isEmpty
            ? Phrase("an unrecorded share", fr: "une part non enregistrée") : Phrase.joined(shares, separator: ", ")
        let (owner, owned) = (name(edge.ownerId), entities[edge.ownedId]?.name ?? edge.ownedId)
        return CitedFact(
            kind: "ownership", id: "\(edge.ownerId) → \(edge.ownedId)",
            text: Phrase(
                "\(owner.english) holds \(held.english) of \(owned)",
                fr: "\(owner.french) détient \(held.french) de \(owned)"),
            source: edge.source, sourceKind: edge.sourceKind, verifiedOn: edge.verifiedOn)
    }
}
