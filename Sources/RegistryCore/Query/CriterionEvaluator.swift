import GRDB

/// Why an offer does not meet a criterion: the criterion, the reason in plain words, and the facts.
public struct Failure: Hashable, Sendable {
    /// The criterion as a flag: `--secnumcloud`, `--hds-activity 5`, `--immune`...
    public var criterion: String
    public var explanation: Phrase
    public var evidence: [CitedFact]
}

/// A criterion's verdict on one offer: the result, and the criterion with its explanation and facts.
struct Verdict {
    var result: TestResult
    var detail: Failure

    init(_ result: TestResult, _ detail: Failure) {
        self.result = result
        self.detail = detail
    }
}

/// An offer left out of the results, with the first criterion it fails.
public struct Exclusion: Hashable, Sendable {
    public var provider: ProviderSummary
    public var offer: OfferSummary
    /// The first criterion not met; `unknown` when the facts do not decide it.
    public var failed: Failure
    public var result: TestResult
}

/// Checks criteria one by one on one offer's facts, in Swift, to explain exclusions and to answer the
/// criteria that need an assessment (seat, immunity, sovereignty). What counts is `CountingRule`'s.
struct CriterionEvaluator {
    let criteria: OfferCriteria
    let db: Database
    /// Each offer's assessment, by offer and by whether it was made for its verdicts only.
    private var assessments: [AssessmentKey: Assessment] = [:]
    /// The registry's provider-level results, read at the revision of this transaction.
    private let cache: ProviderTestsCache?
    private var revision: String?
    /// The holders of the offers about to be assessed, when a query knows them (`assessing(offers:)`).
    private var pending: PendingOffers?
    private var eu: Set<String>?
    /// The SecNumCloud facts with the offers they cover, when the query has read them (its driving scheme).
    var secNumCloudFacts: SchemeCoverage?

    init(criteria: OfferCriteria, db: Database, cache: ProviderTestsCache? = nil) {
        self.criteria = criteria
        self.db = db
        self.cache = cache
    }

    /// An assessor of this question's day, sharing the registry's provider-level results.
    private mutating func assessor() throws -> Assessor {
        var assessor = Assessor(db: db, day: criteria.validOn, listsAttestations: false)
        assessor.pending = pending
        assessor.secNumCloudFacts = secNumCloudFacts
        eu = try eu ?? assessor.eu()
        assessor.euMembers = eu
        if let cache {
            let revision = try self.revision ?? ProviderTestsCache.revision(db)
            self.revision = revision
            assessor.cache = (cache, revision)
        }
        return assessor
    }

    /// The sites of the offers announced (`assessing(offers:)`), when their assessments have read them.
    var hostingRead: [String: [Hosting]]? { pending?.hostingRead }

    /// Announces the offers about to be assessed: their providers' holders and their sites are then read
    /// together, once; their records too, unless given (read with the offers).
    mutating func assessing(offers offerIds: [String], records: [(offer: Offer, provider: Provider)]? = nil) {
        pending = PendingOffers(offers: offerIds, records: records)
    }

    /// Each criterion asked, in order, with its verdict on `offerId`. With `assessmentsOnly`, only those an
    /// assessment answers (seat, immunity, sovereignty): for an offer SQL has matched, the others pass (the
    /// counting rule is one in SQL and in Swift, `CountingRuleTests`).
    mutating func verdicts(offerId: String, stopAtFirstFailure: Bool, assessmentsOnly: Bool = false) throws
        -> [Verdict]
    {
        let offer = try pending?.offer(offerId, db) ?? db.existingRecord(Offer.self, id: offerId)
        if assessmentsOnly {
            return try assessmentVerdicts(offer, stopAtFirstFailure: stopAtFirstFailure, quick: true)
        }
        let attestations = try Attestation.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT attestation.* FROM offerAttestation JOIN attestation ON attestation.id = offerAttestation.attestationId
                    WHERE offerAttestation.offerId = ? ORDER BY attestation.id
                    """), arguments: [offerId])
        var verdicts: [Verdict] = []
        func record(_ verdict: Verdict) -> Bool {
            verdicts.append(verdict)
            return stopAtFirstFailure && verdict.result != .pass
        }
        for scheme in criteria.requiredSchemes {
            if record(
                try attestationVerdict(
                    OfferCriteria.flag(scheme: scheme), attestations.filter { $0.schemeId == scheme }, scheme: scheme))
            {
                return verdicts
            }
        }
        for activity in Set(criteria.hdsActivities).sorted() {
            if record(try activityVerdict(activity, attestations.filter { $0.schemeId == "hds" })) { return verdicts }
        }
        for catalogue in criteria.catalogues {
            if record(try catalogueVerdict(catalogue, offerId: offerId)) { return verdicts }
        }
        if let place = criteria.hostedIn, record(try placeVerdict(place, offerId: offerId)) { return verdicts }
        if criteria.needsAssessment {
            verdicts += try assessmentVerdicts(offer, stopAtFirstFailure: stopAtFirstFailure)
        }
        return verdicts
    }

    /// The verdicts of the criteria an assessment answers: seat, immunity, sovereignty.
    /// `quick`: a verdict only, where a necessary condition fails without computing everything (matching);
    /// otherwise the full reasons (why not).
    private mutating func assessmentVerdicts(_ offer: Offer, stopAtFirstFailure: Bool, quick: Bool = false) throws
        -> [Verdict]
    {
        guard criteria.needsAssessment else { return [] }
        var verdicts: [Verdict] = []
        func record(_ verdict: Verdict) -> Bool {
            verdicts.append(verdict)
            return stopAtFirstFailure && verdict.result != .pass
        }
        let assessment = try assessment(of: offer, verdictsOnly: quick)
        let tests = Dictionary(uniqueKeysWithValues: assessment.tests.map { ($0.id, $0) })
        if criteria.euHQ, let seat = tests["secnumcloud-19.6-a"], record(verdict("--eu-hq", seat)) {
            return verdicts
        }
        if criteria.immune || criteria.sovereign {
            for id in ["secnumcloud-19.6-a", "secnumcloud-19.6-b"] {
                if let test = tests[id], record(verdict("--immune", test)) { return verdicts }
            }
        }
        if criteria.sovereign {
            for id in ["secnumcloud-19.2-location", "secnumcloud-19.2-administration"] {
                if let test = tests[id], record(verdict("--sovereign", test)) { return verdicts }
            }
        }
        if let level = criteria.sealMin, record(try sealVerdict(offer, level, quick: quick)) { return verdicts }
        return verdicts
    }

    /// `--seal-min N`: every objective's lower bound reaches N, or the offer fails — an unknown criterion
    /// included, so that it never lets an offer through. The explanation names, per objective short of N, the
    /// criteria that fall short and those still unknown.
    private mutating func sealVerdict(_ offer: Offer, _ level: Int, quick: Bool) throws -> Verdict {
        // A criterion no rule derives stays unknown without a recorded answer: when its ladder starts below the
        // level, no lower bound can reach it — the verdict needs nothing else.
        let recorded = Set(
            try String.fetchAll(
                db.cachedStatement(sql: "SELECT criterion FROM csfAnswer WHERE offerId = ?"), arguments: [offer.id]))
        let unreachable = CSF.criteria.filter {
            !CSFRules.derivable.contains($0.id) && !recorded.contains($0.id) && $0.seal(1...5).low < level
        }
        let below = Phrase("below SEAL-\(level): ", fr: "sous SEAL-\(level) : ")
        if quick, !unreachable.isEmpty {
            let ids = unreachable.map(\.id).joined(separator: ", ")
            return Verdict(
                .fail,
                Failure(
                    criterion: "--seal-min \(level)",
                    explanation: below
                        + Phrase(
                            "not known, and derived by no rule of the registry: \(ids)",
                            fr: "inconnus, et dérivés d'aucune règle du registre : \(ids)"), evidence: []))
        }
        let csf = try CSFRules(assessor: assessor()).assess(offer, weights: CSF.weights[0])
        let answers = Dictionary(uniqueKeysWithValues: csf.answers.map { ($0.criterion, $0) })
        var reasons: [Phrase] = []
        var evidence: [CitedFact] = []
        for objective in csf.levels.objectives where objective.level.low < level {
            var short: [Phrase] = []
            var open: [String] = []
            for criterion in CSF.criteria where criterion.objective == objective.objective.number {
                guard let answer = answers[criterion.id], criterion.seal(answer.rungs).low < level else { continue }
                if criterion.seal(answer.rungs).high < level {
                    short.append(Phrase(same: "\(criterion.id) (") + answer.explanation + Phrase(same: ")"))
                    evidence += answer.evidence
                } else {
                    open.append(criterion.id)
                }
            }
            let (id, name, reached) = (objective.objective.id, objective.objective.name, objective.level)
            var reason = Phrase("\(id) \(name) is \(reached)", fr: "\(id) \(name) est à \(reached.french)")
            if !short.isEmpty {
                reason =
                    reason + Phrase("; falls short: ", fr: " ; insuffisants : ") + Phrase.joined(short, separator: "; ")
            }
            if !open.isEmpty {
                let ids = open.joined(separator: ", ")
                reason = reason + Phrase("; not known: \(ids)", fr: " ; inconnus : \(ids)")
            }
            reasons.append(reason)
        }
        let explanation =
            reasons.isEmpty
            ? Phrase(
                "every objective reaches SEAL-\(level) at least (indicative: \(CSF.disclaimer.english))",
                fr: "chaque objectif atteint au moins SEAL-\(level) (indicatif : \(CSF.disclaimer.french))")
            : below + Phrase.joined(reasons, separator: " — ")
        return Verdict(
            reasons.isEmpty ? .pass : .fail,
            Failure(criterion: "--seal-min \(level)", explanation: explanation, evidence: evidence))
    }

    private mutating func assessment(of offer: Offer, verdictsOnly: Bool) throws -> Assessment {
        let key = AssessmentKey(offerId: offer.id, verdictsOnly: verdictsOnly)
        if let known = assessments[key] { return known }
        var assessor = try assessor()
        assessor.verdictsOnly = verdictsOnly
        let assessment = try assessor.assess(offer: offer, offerTests: criteria.sovereign)
        assessments[key] = assessment
        return assessment
    }

    private struct AssessmentKey: Hashable {
        let offerId: String
        let verdictsOnly: Bool
    }

    private func verdict(_ criterion: String, _ test: SovereigntyTest) -> Verdict {
        Verdict(test.result, Failure(criterion: criterion, explanation: test.explanation, evidence: test.evidence))
    }

    // MARK: - Attestations

    private var rule: CountingRule { CountingRule(criteria) }

    /// Why an attestation does not count, in plain words.
    func reason(_ a: Attestation) -> Phrase {
        let day = criteria.validOn
        let name = Self.name(a)
        let (en, fr) = (name.english, name.french)
        if a.status == .inProgress && !criteria.includeInProgress {
            let milestone = a.milestone.map { " at milestone \($0.rawValue)" } ?? ""
            let jalon = a.milestone.map { " au jalon \($0.rawValue)" } ?? ""
            return Phrase(
                "\(en) is still in progress\(milestone)\(a.statusSince.map { " since \($0)" } ?? ""), not granted",
                fr:
                    "\(fr) est encore en cours d'évaluation\(jalon)\(a.statusSince.map { " depuis le \($0.french)" } ?? ""), "
                    + "non accordée")
        }
        if !a.status.isGranted && a.status != .inProgress {
            return Phrase(
                "\(en) is \(a.status.rawValue)\(a.statusSince.map { " since \($0)" } ?? "")",
                fr: "\(fr) est \(a.status.french)\(a.statusSince.map { " depuis le \($0.french)" } ?? "")")
        }
        if let expires = a.expiresOn, expires < day {
            return Phrase("\(en) expired on \(expires)", fr: "\(fr) a expiré le \(expires.french)")
        }
        if let issued = a.issuedOn, issued > day {
            return Phrase(
                "\(en) was issued only on \(issued), after \(day)",
                fr: "\(fr) n'a été délivrée que le \(issued.french), après le \(day.french)")
        }
        if let since = a.statusSince, since > day {
            return Phrase(
                "\(en) has its status only since \(since), after \(day)",
                fr: "\(fr) n'a son statut que depuis le \(since.french), après le \(day.french)")
        }
        if a.sourceKind == .researchNote {
            return Phrase(
                "\(en) is known only from a research note (a lead, not proof; --include-leads counts it)",
                fr:
                    "\(fr) n'est connue que par une note de recherche (une piste, pas une preuve ; « compter les pistes » "
                    + "la compte)")
        }
        return Phrase("\(en) does not count on \(day)", fr: "\(fr) ne compte pas le \(day.french)")
    }

    /// « SecNumCloud 3.2 (id) », « HDS certificate HDS-123 (id) ».
    static func name(_ a: Attestation) -> Phrase {
        let version = a.version.map { " \($0)" } ?? ""
        let tail = "\(version)\(a.certificateRef.map { " \($0)" } ?? "") (\(a.id))"
        return switch a.schemeId {
        case "secnumcloud": Phrase(same: "SecNumCloud\(tail)")
        case "hds": Phrase("HDS certificate\(tail)", fr: "certificat HDS\(tail)")
        default: Phrase(same: a.schemeId + tail)
        }
    }

    private func cite(_ a: Attestation, supersededBy winner: Attestation? = nil) -> CitedFact {
        CitedFact(
            kind: "attestation", id: a.id, text: Phrase.attestation(a, supersededBy: winner), source: a.source,
            sourceKind: a.sourceKind, verifiedOn: a.verifiedOn)
    }

    /// The facts that speak for the scheme decide: one that holds passes; else the first explains. The facts
    /// they supersede are cited after them, marked so.
    private func attestationVerdict(_ flag: String, _ covering: [Attestation], scheme: String) throws -> Verdict {
        let winners = rule.winners(covering)
        guard let first = winners.first else {
            let none = Phrase(
                "no \(scheme) attestation covers this offer", fr: "aucune attestation \(scheme) ne couvre cette offre")
            return Verdict(.fail, Failure(criterion: flag, explanation: none, evidence: []))
        }
        let winner = winners.first(where: rule.holds) ?? first
        let superseded = covering.filter { other in winners.contains { rule.outranks($0, other) } }
        let evidence = [cite(winner)] + superseded.map { cite($0, supersededBy: winner) }
        let outranking =
            superseded.isEmpty
            ? Phrase(same: "")
            : Phrase("; it supersedes ", fr: " ; elle supplante ")
                + Phrase(
                    superseded.map { "\($0.id) (\($0.sourceKind.words))" }.joined(separator: ", "),
                    fr: superseded.map { "\($0.id) (\($0.sourceKind.french))" }.joined(separator: ", "))
        if rule.holds(winner) {
            let counts = Self.name(winner) + Phrase(" counts", fr: " compte")
            return Verdict(.pass, Failure(criterion: flag, explanation: counts + outranking, evidence: evidence))
        }
        return Verdict(.fail, Failure(criterion: flag, explanation: reason(winner) + outranking, evidence: evidence))
    }

    private func activityVerdict(_ activity: Int, _ hds: [Attestation]) throws -> Verdict {
        let flag = OfferCriteria.flag(hdsActivity: activity)
        let counting = rule.counting(hds)
        var known: [Int] = []
        for attestation in counting {
            let activities = try Registry.activities(of: attestation.id, db)
            if activities.contains(activity) {
                return Verdict(
                    .pass,
                    Failure(
                        criterion: flag, explanation: Phrase("covered", fr: "couverte"), evidence: [cite(attestation)]))
            }
            known += activities
        }
        let activities = Set(known).sorted().map(String.init).joined(separator: ", ")
        let explanation =
            counting.isEmpty
            ? Phrase(
                "no HDS certificate in force covers this offer",
                fr: "aucun certificat HDS en vigueur ne couvre cette offre")
            : known.isEmpty
                ? Phrase(
                    "the activities of its HDS certificate are not recorded",
                    fr: "les activités de son certificat HDS ne sont pas enregistrées")
                : Phrase(
                    "its HDS certificate covers activities \(activities), not \(activity)",
                    fr: "son certificat HDS couvre les activités \(activities), pas la \(activity)")
        return Verdict(.fail, Failure(criterion: flag, explanation: explanation, evidence: counting.map { cite($0) }))
    }

    // MARK: - Listings and places

    private func catalogueVerdict(_ catalogue: String, offerId: String) throws -> Verdict {
        let flag = OfferCriteria.flag(catalogue: catalogue)
        let listings = try Listing.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT listing.* FROM offerListing JOIN listing ON listing.id = offerListing.listingId
                    WHERE offerListing.offerId = ? AND listing.catalogueId = ? ORDER BY listing.id
                    """), arguments: [offerId, catalogue])
        let day = criteria.validOn
        let cite = { (l: Listing) in
            CitedFact(
                kind: "listing", id: l.id, text: Phrase(same: "\(l.catalogueId): \(l.market)"), source: l.source,
                sourceKind: l.sourceKind, verifiedOn: l.verifiedOn)
        }
        for listing in listings {
            if rule.holds(listing) {
                return Verdict(
                    .pass,
                    Failure(criterion: flag, explanation: Phrase("listed", fr: "référencée"), evidence: [cite(listing)])
                )
            }
        }
        guard let first = listings.first else {
            let none = Phrase(
                "not listed in the \(catalogue) catalogue", fr: "non référencée au catalogue \(catalogue)")
            return Verdict(.fail, Failure(criterion: flag, explanation: none, evidence: []))
        }
        let explanation =
            if let withdrawn = first.withdrawnOn {
                Phrase(
                    "withdrawn from the \(catalogue) catalogue on \(withdrawn)",
                    fr: "retirée du catalogue \(catalogue) le \(withdrawn.french)")
            } else if let until = first.validUntil, until < day {
                Phrase(
                    "its \(catalogue) listing ended on \(until)",
                    fr: "son référencement \(catalogue) a pris fin le \(until.french)")
            } else if let from = first.validFrom, from > day {
                Phrase(
                    "its \(catalogue) listing starts only on \(from)",
                    fr: "son référencement \(catalogue) ne commence que le \(from.french)")
            } else {
                Phrase(
                    "its \(catalogue) listing is known only from a research note",
                    fr: "son référencement \(catalogue) n'est connu que par une note de recherche")
            }
        return Verdict(.fail, Failure(criterion: flag, explanation: explanation, evidence: listings.map(cite)))
    }

    private func placeVerdict(_ place: String, offerId: String) throws -> Verdict {
        let flag = OfferCriteria.flag(hostedIn: place)
        let hosting = try Registry.hosting(ofOffer: offerId, db)
        let evidence = hosting.map { item in
            CitedFact(
                kind: "site", id: item.site.id, text: Phrase.site(item.site.code, item.site.country),
                source: item.site.source, sourceKind: item.site.sourceKind, verifiedOn: item.site.verifiedOn)
        }
        let inside = hosting.contains { item in
            switch place {
            case "EU": item.eu == true
            case "EEA": item.eea == true
            default: item.site.country == place
            }
        }
        if inside {
            return Verdict(
                .pass,
                Failure(criterion: flag, explanation: Phrase("hosted there", fr: "hébergée là"), evidence: evidence))
        }
        let explanation =
            hosting.isEmpty
            ? Phrase(
                "no hosting site of this offer is recorded",
                fr: "aucun site d'hébergement de cette offre n'est enregistré")
            : Phrase("no site in \(place): ", fr: "aucun site en \(place) : ")
                + Phrase(
                    hosting.map { "\($0.site.code) (\($0.site.country ?? "country unknown"))" }.joined(separator: ", "),
                    fr: hosting.map { "\($0.site.code) (\($0.site.country ?? "pays inconnu"))" }.joined(separator: ", ")
                )
        return Verdict(.fail, Failure(criterion: flag, explanation: explanation, evidence: evidence))
    }
}
