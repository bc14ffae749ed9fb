import GRDB

/// Why an offer does not meet a criterion: the criterion, the reason in plain words, and the facts.
public struct Failure: Hashable, Sendable {
    /// The criterion as a flag: `--secnumcloud`, `--hds-activity 5`, `--immune`...
    public var criterion: String
    public var explanation: String
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
    private var assessments: [String: Assessment] = [:]
    /// The registry's provider-level results, read at the revision of this transaction.
    private let cache: ProviderTestsCache?
    private var revision: String?
    /// The holders of the offers about to be assessed, when a query knows them (`assessing(offers:)`).
    private var graph: PendingOwnershipGraph?
    private var eu: Set<String>?

    init(criteria: OfferCriteria, db: Database, cache: ProviderTestsCache? = nil) {
        self.criteria = criteria
        self.db = db
        self.cache = cache
    }

    /// An assessor of this question's day, sharing the registry's provider-level results.
    private mutating func assessor() throws -> Assessor {
        var assessor = Assessor(db: db, day: criteria.validOn, listsAttestations: false)
        assessor.graph = graph
        eu = try eu ?? assessor.eu()
        assessor.euMembers = eu
        if let cache {
            let revision = try self.revision ?? ProviderTestsCache.revision(db)
            self.revision = revision
            assessor.cache = (cache, revision)
        }
        return assessor
    }

    /// Announces the offers about to be assessed: their providers' holders are then read together, once.
    mutating func assessing(offers offerIds: [String]) {
        graph = PendingOwnershipGraph(offers: offerIds)
    }

    /// Each criterion asked, in order, with its verdict on `offerId`. With `assessmentsOnly`, only those an
    /// assessment answers (seat, immunity, sovereignty): for an offer SQL has matched, the others pass (the
    /// counting rule is one in SQL and in Swift, `CountingRuleTests`).
    mutating func verdicts(offerId: String, stopAtFirstFailure: Bool, assessmentsOnly: Bool = false) throws
        -> [Verdict]
    {
        let offer = try db.existingRecord(Offer.self, id: offerId)
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
        let assessment = try assessment(of: offer)
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
        if quick, !unreachable.isEmpty {
            return Verdict(
                .fail,
                Failure(
                    criterion: "--seal-min \(level)",
                    explanation: "below SEAL-\(level): not known, and derived by no rule of the registry: "
                        + unreachable.map(\.id).joined(separator: ", "), evidence: []))
        }
        let csf = try CSFRules(assessor: assessor()).assess(offer, weights: CSF.weights[0])
        let answers = Dictionary(uniqueKeysWithValues: csf.answers.map { ($0.criterion, $0) })
        var reasons: [String] = []
        var evidence: [CitedFact] = []
        for objective in csf.levels.objectives where objective.level.low < level {
            var short: [String] = []
            var open: [String] = []
            for criterion in CSF.criteria where criterion.objective == objective.objective.number {
                guard let answer = answers[criterion.id], criterion.seal(answer.rungs).low < level else { continue }
                if criterion.seal(answer.rungs).high < level {
                    short.append("\(criterion.id) (\(answer.explanation))")
                    evidence += answer.evidence
                } else {
                    open.append(criterion.id)
                }
            }
            reasons.append(
                "\(objective.objective.id) \(objective.objective.name) is \(objective.level)"
                    + (short.isEmpty ? "" : "; falls short: " + short.joined(separator: "; "))
                    + (open.isEmpty ? "" : "; not known: " + open.joined(separator: ", ")))
        }
        let explanation =
            reasons.isEmpty
            ? "every objective reaches SEAL-\(level) at least (indicative: \(CSF.disclaimer))"
            : "below SEAL-\(level): " + reasons.joined(separator: " — ")
        return Verdict(
            reasons.isEmpty ? .pass : .fail,
            Failure(criterion: "--seal-min \(level)", explanation: explanation, evidence: evidence))
    }

    private mutating func assessment(of offer: Offer) throws -> Assessment {
        if let known = assessments[offer.id] { return known }
        let assessment = try assessor().assess(offer: offer, offerTests: criteria.sovereign)
        assessments[offer.id] = assessment
        return assessment
    }

    private func verdict(_ criterion: String, _ test: SovereigntyTest) -> Verdict {
        Verdict(test.result, Failure(criterion: criterion, explanation: test.explanation, evidence: test.evidence))
    }

    // MARK: - Attestations

    private var rule: CountingRule { CountingRule(criteria) }

    /// Why an attestation does not count, in plain words.
    func reason(_ a: Attestation) -> String {
        let day = criteria.validOn
        let name = Self.name(a)
        if a.status == .inProgress && !criteria.includeInProgress {
            let milestone = a.milestone.map { " at milestone \($0.rawValue)" } ?? ""
            return "\(name) is still in progress\(milestone)\(a.statusSince.map { " since \($0)" } ?? ""), not granted"
        }
        if !a.status.isGranted && a.status != .inProgress {
            return "\(name) is \(a.status.rawValue)\(a.statusSince.map { " since \($0)" } ?? "")"
        }
        if let expires = a.expiresOn, expires < day { return "\(name) expired on \(expires)" }
        if let issued = a.issuedOn, issued > day { return "\(name) was issued only on \(issued), after \(day)" }
        if let since = a.statusSince, since > day { return "\(name) has its status only since \(since), after \(day)" }
        if a.sourceKind == .researchNote {
            return "\(name) is known only from a research note (a lead, not proof; --include-leads counts it)"
        }
        return "\(name) does not count on \(day)"
    }

    static func name(_ a: Attestation) -> String {
        let scheme = a.schemeId == "secnumcloud" ? "SecNumCloud" : a.schemeId == "hds" ? "HDS certificate" : a.schemeId
        let version = a.version.map { " \($0)" } ?? ""
        let reference = a.certificateRef.map { " \($0)" } ?? ""
        return "\(scheme)\(version)\(reference) (\(a.id))"
    }

    private func cite(_ a: Attestation, supersededBy winner: Attestation? = nil) -> CitedFact {
        let superseded = winner.map { "; superseded by \($0.id) (\($0.sourceKind.words))" } ?? ""
        return CitedFact(
            kind: "attestation", id: a.id,
            text: "\(a.schemeId) \(a.version ?? "") \(a.status.rawValue)\(superseded)",
            source: a.source, sourceKind: a.sourceKind, verifiedOn: a.verifiedOn)
    }

    /// The facts that speak for the scheme decide: one that holds passes; else the first explains. The facts
    /// they supersede are cited after them, marked so.
    private func attestationVerdict(_ flag: String, _ covering: [Attestation], scheme: String) throws -> Verdict {
        let winners = rule.winners(covering)
        guard let first = winners.first else {
            return Verdict(
                .fail, Failure(criterion: flag, explanation: "no \(scheme) attestation covers this offer", evidence: [])
            )
        }
        let winner = winners.first(where: rule.holds) ?? first
        let superseded = covering.filter { other in winners.contains { rule.outranks($0, other) } }
        let evidence = [cite(winner)] + superseded.map { cite($0, supersededBy: winner) }
        let outranking =
            superseded.isEmpty
            ? "" : "; it supersedes " + superseded.map { "\($0.id) (\($0.sourceKind.words))" }.joined(separator: ", ")
        if rule.holds(winner) {
            return Verdict(
                .pass,
                Failure(criterion: flag, explanation: "\(Self.name(winner)) counts\(outranking)", evidence: evidence))
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
                return Verdict(.pass, Failure(criterion: flag, explanation: "covered", evidence: [cite(attestation)]))
            }
            known += activities
        }
        let explanation =
            counting.isEmpty
            ? "no HDS certificate in force covers this offer"
            : known.isEmpty
                ? "the activities of its HDS certificate are not recorded"
                : "its HDS certificate covers activities \(Set(known).sorted().map(String.init).joined(separator: ", ")), not \(activity)"
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
                kind: "listing", id: l.id, text: "\(l.catalogueId): \(l.market)", source: l.source,
                sourceKind: l.sourceKind, verifiedOn: l.verifiedOn)
        }
        for listing in listings {
            if rule.holds(listing) {
                return Verdict(.pass, Failure(criterion: flag, explanation: "listed", evidence: [cite(listing)]))
            }
        }
        guard let first = listings.first else {
            return Verdict(
                .fail, Failure(criterion: flag, explanation: "not listed in the \(catalogue) catalogue", evidence: []))
        }
        let explanation =
            if let withdrawn = first.withdrawnOn {
                "withdrawn from the \(catalogue) catalogue on \(withdrawn)"
            } else if let until = first.validUntil, until < day {
                "its \(catalogue) listing ended on \(until)"
            } else if let from = first.validFrom, from > day {
                "its \(catalogue) listing starts only on \(from)"
            } else {
                "its \(catalogue) listing is known only from a research note"
            }
        return Verdict(.fail, Failure(criterion: flag, explanation: explanation, evidence: listings.map(cite)))
    }

    private func placeVerdict(_ place: String, offerId: String) throws -> Verdict {
        let flag = OfferCriteria.flag(hostedIn: place)
        let hosting = try Registry.hosting(ofOffer: offerId, db)
        let evidence = hosting.map { item in
            CitedFact(
                kind: "site", id: item.site.id,
                text: "\(item.site.code) in \(item.site.country ?? "an unknown country")",
                source: item.site.source, sourceKind: item.site.sourceKind, verifiedOn: item.site.verifiedOn)
        }
        let inside = hosting.contains { item in
            switch place {
            case "EU": item.eu == true
            case "EEA": item.eea == true
            default: item.site.country == place
            }
        }
        if inside { return Verdict(.pass, Failure(criterion: flag, explanation: "hosted there", evidence: evidence)) }
        let explanation =
            hosting.isEmpty
            ? "no hosting site of this offer is recorded"
            : "no site in \(place): "
                + hosting.map { "\($0.site.code) (\($0.site.country ?? "country unknown"))" }
                .joined(separator: ", ")
        return Verdict(.fail, Failure(criterion: flag, explanation: explanation, evidence: evidence))
    }
}
