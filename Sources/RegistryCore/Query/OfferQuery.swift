import Foundation
import GRDB

extension Registry {
    // MARK: - Reads

    /// The offers that meet every criterion on `criteria.validOn`, with their evidence, sorted by provider
    /// and offer name. Unknown codes or ids in the criteria are usage errors that list the valid ones.
    public func query(_ criteria: OfferCriteria) throws -> [OfferMatch] {
        try answer(criteria).matches
    }

    /// The matches and, with `criteria.whyNot`, the offers left out with the first criterion each fails.
    public func answer(_ criteria: OfferCriteria) throws -> QueryAnswer {
        try answer(criteria) { 0..<$0 }
    }

    /// The answer with the evidence and listings of the matches `shown(count)` only: the others carry their
    /// provider, offer and hosting, for a page that counts and facets every match and shows a few. Their empty
    /// evidence means « not read », never « none »: such an answer is never rendered whole.
    public func answer(_ criteria: OfferCriteria, detailing shown: (Int) -> Range<Int>) throws -> QueryAnswer {
        var collected = CollectedAnswer()
        try guardingDatabaseErrors {
            try read { db in
                try Self.answer(criteria, db, cache: providerTests, into: &collected, detailing: shown)
                collected.revision = try ProviderTestsCache.revision(db)
            }
        }
        return collected.answer(criteria)
    }

    /// The same answer delivered in parts as it is read, in one read transaction, `batch` offers' evidence
    /// at a time: a large answer is written match by match and never held whole.
    public func answer(_ criteria: OfferCriteria, into sink: inout some QueryAnswerSink, batch: Int = 256) throws {
        try guardingDatabaseErrors {
            try read { db in try Self.answer(criteria, db, cache: providerTests, into: &sink, batch: max(1, batch)) }
        }
    }

    /// The answer, read in the transaction `db` is in.
    static func answer(_ criteria: OfferCriteria, _ db: Database, cache: ProviderTestsCache? = nil) throws
        -> QueryAnswer
    {
        var collected = CollectedAnswer()
        try answer(criteria, db, cache: cache, into: &collected)
        return collected.answer(criteria)
    }

    /// Matches are read, evidence and all, a batch of offers at a time: each batch's are handed over before
    /// the next is read.
    static func answer(
        _ criteria: OfferCriteria, _ db: Database, cache: ProviderTestsCache?, into sink: inout some QueryAnswerSink,
        batch: Int = 256, detailing shown: (Int) -> Range<Int> = { 0..<$0 }
    ) throws {
        let criteria = try prepared(criteria, db)
        var read: [String: SchemeCoverage] = [:]
        let query = try OfferQuery(criteria: criteria, verification: try Verification(db))
            .readingDrivingScheme(db, known: &read)
        var evaluator = CriterionEvaluator(criteria: criteria, db: db, cache: cache)
        evaluator.secNumCloudFacts = query.driving?.coverage
        let (rows, flags) = try matchingRows(query, &evaluator, db)
        // The candidates' sites, when their assessments read them, are the matches' hosting: not read twice.
        let hosting = evaluator.hostingRead
        try sink.begin(criteria, count: rows.count)
        let detailed = shown(rows.count).clamped(to: 0..<rows.count)
        for start in stride(from: 0, to: rows.count, by: batch) {
            let range = start..<min(start + batch, rows.count)
            let inside = range.clamped(to: detailed)
            var matches =
                inside.isEmpty
                ? try query.summaries(rows[range], db, hosting: hosting)
                : try query.summaries(rows[range.lowerBound..<inside.lowerBound], db, hosting: hosting)
                    + query.matches(Array(rows[inside]), db, hosting: hosting)
                    + query.summaries(rows[inside.upperBound..<range.upperBound], db, hosting: hosting)
            for index in matches.indices { matches[index].flags = flags[matches[index].offer.id] ?? [] }
            try sink.receive(matches)
        }
        guard criteria.whyNot else { return try sink.end(excluded: []) }
        let matched = Set(rows.map { $0["id"] as String })
        var excluded: [Exclusion] = []
        let scope = try Row.fetchAll(db, SQLRequest(literal: query.scopeOffers))
        if criteria.needsAssessment { evaluator.assessing(offers: scope.map { $0["id"] }) }
        for row in scope {
            let offerId: String = row["id"]
            guard !matched.contains(offerId) else { continue }
            let verdicts = try evaluator.verdicts(offerId: offerId, stopAtFirstFailure: false)
            guard
                let first = verdicts.first(where: {
                    $0.result == .fail || ($0.result == .unknown && !criteria.includeUnknown)
                })
            else { continue }
            excluded.append(
                Exclusion(
                    provider: ProviderSummary(
                        id: row["providerId"], name: row["providerName"], hqCountry: row["hqCountry"]),
                    offer: OfferSummary(id: offerId, row: row),
                    failed: first.detail, result: first.result))
        }
        try sink.end(excluded: excluded)
    }

    /// The rows of the offers that meet every criterion, SQL's and the assessments', with the flags of the
    /// tests the facts do not decide (kept with `includeUnknown`); no evidence is read.
    static func matchingRows(_ query: OfferQuery, _ evaluator: inout CriterionEvaluator, _ db: Database) throws
        -> (rows: [Row], flags: [String: [Phrase]])
    {
        let criteria = query.criteria
        var rows: [Row] = []
        var flags: [String: [Phrase]] = [:]
        guard criteria.needsAssessment else {
            return (try Row.fetchAll(db, SQLRequest(literal: query.matchingOffers)), [:])
        }
        let candidates = try Row.fetchAll(db, query.matchingOffersWithRecords(db))
        evaluator.assessing(offers: candidates.map { $0["id"] }, records: try candidates.map(OfferQuery.records(of:)))
        for row in candidates {
            // SQL has checked the rest: only the assessments' criteria remain.
            let verdicts = try evaluator.verdicts(offerId: row["id"], stopAtFirstFailure: false, assessmentsOnly: true)
            if verdicts.contains(where: { $0.result == .fail }) { continue }
            let unknown = verdicts.filter { $0.result == .unknown }
            if !unknown.isEmpty && !criteria.includeUnknown { continue }
            flags[row["id"]] = unknown.map {
                Phrase("\($0.detail.criterion) unknown: ", fr: "\($0.detail.criterion) inconnu : ")
                    + $0.detail.explanation
            }
            rows.append(row)
        }
        return (rows, flags)
    }
}

extension Registry {
    /// How many offers `answer(criteria)` matches, counted by SQL alone when no assessment is needed.
    public func count(_ criteria: OfferCriteria) throws -> Int {
        try counts([criteria])[0] ?? 0
    }

    /// How many offers each question matches, all read in one transaction: the web page's facet counts,
    /// many per page. A question refused as asked (a usage error: a profile contradicting a criterion) counts
    /// nil when there are several; a single question throws.
    ///
    /// With `answer`, a question that only adds criteria to the answer's (`narrows`) is asked among the
    /// answer's offers alone: a page's profile counts need not search the whole registry again. When the
    /// registry has not changed since the answer was read, what the answer's criteria required of its offers
    /// (its schemes, activities, catalogues, place) is not checked again.
    public func counts(_ questions: [OfferCriteria], among answer: QueryAnswer? = nil) throws -> [Int?] {
        let answered = try answer.map {
            String(decoding: try JSONEncoder().encode($0.matches.map(\.offer.id)), as: UTF8.self)
        }
        return try guardingDatabaseErrors {
            try read { db in
                let verification = try Verification(db)
                let vocabulary = try Vocabulary(db)
                let unchanged = try answer?.revision.map { try $0 == ProviderTestsCache.revision(db) } ?? false
                var coverages: [String: SchemeCoverage] = [:]
                return try questions.map { question -> Int? in
                    let prepared: OfferCriteria
                    do {
                        prepared = try Self.prepared(question, db, vocabulary: vocabulary)
                    } catch let error as RegistryError where questions.count > 1 {
                        if error.exitCode == 64 { return nil }
                        throw error
                    }
                    var query = OfferQuery(criteria: prepared, verification: verification)
                    if let answer, prepared.narrows(answer.criteria) {
                        query.among = answered
                        if unchanged { query.ensured = answer.criteria }
                    }
                    query = try query.readingDrivingScheme(db, known: &coverages)
                    if prepared.needsAssessment {
                        var evaluator = CriterionEvaluator(criteria: prepared, db: db, cache: providerTests)
                        evaluator.secNumCloudFacts = query.driving?.coverage
                        return try Self.matchingRows(query, &evaluator, db).rows.count
                    }
                    return try Int.fetchOne(db, SQLRequest(literal: "SELECT COUNT(*) FROM (\(query.matchingOffers))"))
                }
            }
        }
    }

    /// Whether the registry would answer `criteria` rather than refuse it (an unknown code, a profile that
    /// contradicts another criterion): what the web page checks before it counts a link.
    public func accepts(_ criteria: OfferCriteria) throws -> Bool {
        do {
            _ = try guardingDatabaseErrors { try read { try Self.prepared(criteria, $0) } }
            return true
        } catch let error as RegistryError where error.exitCode == 64 {
            return false
        }
    }

    /// The criteria as asked: normalised, the profile expanded, every code and the provider checked.
    static func prepared(_ criteria: OfferCriteria, _ db: Database, vocabulary: Vocabulary? = nil) throws
        -> OfferCriteria
    {
        var criteria = criteria.normalized
        if let id = criteria.profile {
            guard let profile = try RegulationProfile.fetchOne(db, key: id) else {
                let known = try String.fetchAll(db, sql: "SELECT id FROM profile ORDER BY id")
                throw RegistryError.usage(
                    "unknown profile '\(id)'; use one of: \(known.joined(separator: ", ")) (see `registry profiles`)")
            }
            try criteria.apply(profile)
        }
        try (vocabulary ?? Vocabulary(db)).check(criteria)
        if let providerId = criteria.providerId { try Registry.requireProvider(providerId, db) }
        return criteria
    }
}

/// A query's answer: the criteria as applied (a profile expanded), the matches, and the exclusions asked for.
public struct QueryAnswer: Hashable, Sendable {
    public var criteria: OfferCriteria
    public var matches: [OfferMatch]
    public var excluded: [Exclusion]
    /// The registry's revision the answer was read at (`ProviderTestsCache.revision`), when known.
    var revision: String? = nil
}

/// Receives an answer in parts, in order: the criteria as prepared with the number of matches, the matches a
/// batch at a time, then the offers left out (with `whyNot`).
public protocol QueryAnswerSink {
    mutating func begin(_ criteria: OfferCriteria, count: Int) throws
    mutating func receive(_ matches: [OfferMatch]) throws
    mutating func end(excluded: [Exclusion]) throws
}

/// The parts kept whole, for those who need the answer at once (receipts, the web page).
struct CollectedAnswer: QueryAnswerSink {
    private var criteria: OfferCriteria?
    private var matches: [OfferMatch] = []
    private var excluded: [Exclusion] = []
    var revision: String?

    mutating func begin(_ criteria: OfferCriteria, count: Int) {
        self.criteria = criteria
        matches.reserveCapacity(count)
    }
    mutating func receive(_ matches: [OfferMatch]) { self.matches += matches }
    mutating func end(excluded: [Exclusion]) { self.excluded = excluded }

    /// The whole answer; `asked` stands in for the prepared criteria only if nothing was received.
    func answer(_ asked: OfferCriteria) -> QueryAnswer {
        QueryAnswer(criteria: criteria ?? asked, matches: matches, excluded: excluded, revision: revision)
    }
}

/// The SQL behind `Registry.query`: values always travel as statement arguments.
struct OfferQuery {
    let criteria: OfferCriteria
    let verification: Verification
    /// The offers the question is asked among (a JSON array of ids), when its matches are known to be among
    /// them; nil: every offer.
    var among: String? = nil
    /// Criteria every offer of `among` is known to meet in this transaction's registry: their fact
    /// conditions are not asked again.
    var ensured: OfferCriteria? = nil
    /// The driving scheme's facts, once read (`readingDrivingScheme`), with the offers it counts for on the
    /// day (a JSON array of ids): SQL is given those offers rather than finding them.
    private(set) var driving: (coverage: SchemeCoverage, offers: String)? = nil

    /// Offers and their providers that meet every criterion SQL can check.
    var matchingOffers: SQL { offers(scopeOnly: false) }

    /// `matchingOffers`, each row with its offer's and its provider's whole records in the scopes `offer` and
    /// `provider` (`records(of:)`): the offers an assessment reads, without reading them a second time.
    func matchingOffersWithRecords(_ db: Database) throws -> SQLRequest<Row> {
        let (summary, offer) = (Self.summaryColumns.count, try db.columns(in: "offer").count)
        let provider = try db.columns(in: "provider").count
        return SQLRequest(
            literal: offers(scopeOnly: false, records: true),
            adapter: ScopeAdapter([
                "offer": RangeRowAdapter(summary..<summary + offer),
                "provider": RangeRowAdapter(summary + offer..<summary + offer + provider),
            ]))
    }

    /// The offer and provider records of a row of `matchingOffersWithRecords`.
    static func records(of row: Row) throws -> (offer: Offer, provider: Provider) {
        guard let offer = row.scopes["offer"], let provider = row.scopes["provider"] else {
            throw RegistryError.database("a candidate offer was read without its records")
        }
        return (try Offer(row: offer), try Provider(row: provider))
    }

    /// Offers within the query's scope (provider, search, model), whatever their facts: the candidates of
    /// `--why-not`.
    var scopeOffers: SQL { offers(scopeOnly: true) }

    /// What a match's summary reads of its offer and provider (`OfferSummary`, `ProviderSummary`).
    private static let summaryColumns: [SQL] = [
        "offer.id", "offer.name", "offer.serviceModel", OfferSummary.otherModelsColumn, "provider.id AS providerId",
        "provider.name AS providerName", "provider.hqCountry",
    ]

    private func offers(scopeOnly: Bool, records: Bool = false) -> SQL {
        let conditions = scopeConditions + (scopeOnly ? [] : factConditions)
        let whereClause: SQL = conditions.isEmpty ? "" : "WHERE \(conditions.joined(operator: .and))"
        let columns = Self.summaryColumns + (records ? ["offer.*", "provider.*"] : [])
        return """
            SELECT \(columns.joined(separator: ", "))
            FROM offer JOIN provider ON provider.id = offer.providerId
            \(whereClause)
            ORDER BY registry_fold(provider.name), provider.id, registry_fold(offer.name), offer.id
            """
    }

    /// The offers the query is about (provider, search, model), whatever their facts.
    private var scopeConditions: [SQL] {
        var conditions: [SQL] = []
        if let among { conditions.append("offer.id IN (SELECT value FROM json_each(\(among)))") }
        if !criteria.serviceModels.isEmpty {
            conditions.append(
                """
                (offer.serviceModel IN \(criteria.serviceModels) OR EXISTS (
                  SELECT 1 FROM offerServiceModel
                  WHERE offerServiceModel.offerId = offer.id AND offerServiceModel.model IN \(criteria.serviceModels)))
                """)
        }
        if let providerId = criteria.providerId {
            conditions.append("offer.providerId = \(providerId)")
        }
        if let search = criteria.search.map(SearchText.fold), !search.isEmpty {
            conditions.append(OfferSearch.condition(search))
        }
        return conditions
    }

    /// The facts the offers must hold on the day: schemes, HDS activities, catalogues, hosting.
    private var factConditions: [SQL] {
        var conditions: [SQL] = []
        let ensured = self.ensured ?? OfferCriteria(validOn: criteria.validOn)
        for scheme in pendingSchemes {
            if let driving, scheme == driving.coverage.schemeId {
                conditions.append("offer.id IN (SELECT value FROM json_each(\(driving.offers)))")
                continue
            }
            conditions.append(
                """
                EXISTS (SELECT 1 FROM offerAttestation
                        CROSS JOIN attestation ON attestation.id = offerAttestation.attestationId
                        WHERE offerAttestation.offerId = offer.id AND attestation.schemeId = \(scheme)
                          AND \(rule.counts(offer: "offer.id")))
                """)
        }
        for activity in Set(criteria.hdsActivities).subtracting(ensured.hdsActivities).sorted() {
            conditions.append(
                """
                EXISTS (SELECT 1 FROM offerAttestation
                        CROSS JOIN attestation ON attestation.id = offerAttestation.attestationId
                        JOIN attestationActivity ON attestationActivity.attestationId = attestation.id
                        WHERE offerAttestation.offerId = offer.id AND attestation.schemeId = 'hds'
                          AND attestationActivity.activity = \(activity) AND \(rule.counts(offer: "offer.id")))
                """)
        }
        for catalogue in criteria.catalogues where !ensured.catalogues.contains(catalogue) {
            conditions.append(
                """
                EXISTS (SELECT 1 FROM offerListing CROSS JOIN listing ON listing.id = offerListing.listingId
                        WHERE offerListing.offerId = offer.id AND listing.catalogueId = \(catalogue)
                          AND \(rule.listingHolds))
                """)
        }
        if let place = criteria.hostedIn, place != ensured.hostedIn {
            let inPlace: SQL =
                switch place {
                case "EU": "country.eu = 1"
                case "EEA": "country.eea = 1"
                default: "country.code = \(place)"
                }
            conditions.append(
                """
                EXISTS (SELECT 1 FROM offerSite JOIN site ON site.id = offerSite.siteId
                        JOIN country ON country.code = site.country
                        WHERE offerSite.offerId = offer.id AND \(inPlace))
                """)
        }
        return conditions
    }

    /// The schemes asked that `ensured` does not already vouch for.
    private var pendingSchemes: [String] {
        let ensured = self.ensured?.requiredSchemes ?? []
        return criteria.requiredSchemes.filter { !ensured.contains($0) }
    }

    /// The query with its driving scheme — the rarest asked, SecNumCloud when it is — read and the offers it
    /// counts for found by the counting rule's Swift form: the candidates are those offers, given to SQL as a
    /// list, instead of every offer of the registry looking for a fact. `known`: the coverages already read in
    /// this transaction, by scheme (a page's counts ask several questions of one scheme). Asked among known
    /// offers (`among`), SQL's checks stay: they look at those offers only.
    func readingDrivingScheme(_ db: Database, known: inout [String: SchemeCoverage]) throws -> OfferQuery {
        let schemes = pendingSchemes
        guard among == nil, let scheme = schemes.contains("secnumcloud") ? "secnumcloud" : schemes.first else {
            return self
        }
        let coverage =
            try known[scheme]?.keepingCounted(rule) ?? SchemeCoverage(scheme: scheme, db).keepingCounted(rule)
        known[scheme] = coverage
        var query = self
        let offers = coverage.counting(rule).keys.sorted()
        query.driving = (coverage, String(decoding: try JSONEncoder().encode(offers), as: UTF8.self))
        return query
    }

    /// What counts on the query's day.
    private var rule: CountingRule { CountingRule(criteria) }

    /// The matching offers with their hosting only (no evidence, no listings read). `known`: the sites of
    /// every offer of `rows` (an offer absent has none), when read already.
    func summaries(_ rows: ArraySlice<Row>, _ db: Database, hosting known: [String: [Hosting]]? = nil) throws
        -> [OfferMatch]
    {
        guard !rows.isEmpty else { return [] }
        let offerIds: [String] = rows.map { $0["id"] }
        let hosting = try known ?? Self.hosting(String(decoding: try JSONEncoder().encode(offerIds), as: UTF8.self), db)
        return zip(rows, offerIds).map { row, offerId in
            OfferMatch(
                provider: ProviderSummary(
                    id: row["providerId"], name: row["providerName"], hqCountry: row["hqCountry"]),
                offer: OfferSummary(id: offerId, row: row), evidence: [], hosting: hosting[offerId] ?? [],
                catalogues: [])
        }
    }

    /// The matching offers with their evidence, hosting and listings, read for all of them at once: a few
    /// statements whatever the number of matches. `known`: as `summaries`'.
    func matches(_ rows: [Row], _ db: Database, hosting known: [String: [Hosting]]? = nil) throws -> [OfferMatch] {
        let offerIds: [String] = rows.map { $0["id"] }
        let matched = String(decoding: try JSONEncoder().encode(offerIds), as: UTF8.self)
        let schemes = criteria.requiredSchemes
        let covering = try coveringAttestations(matched, offerIds, db)
        let attestations = covering.mapValues(rule.counting)
        let activities = try Self.activities(of: Set(attestations.values.joined().map(\.id)), db)
        let listings = try holdingListings(matched, db)
        let hosting = try known ?? Self.hosting(matched, db)
        // With activities asked for, the HDS evidence is the certificates that cover at least one of them.
        let requested = Set(criteria.hdsActivities)
        return zip(rows, offerIds).map { row, offerId in
            let evidence = (attestations[offerId] ?? []).sorted {
                (schemes.firstIndex(of: $0.schemeId) ?? 0, $0.id) < (schemes.firstIndex(of: $1.schemeId) ?? 0, $1.id)
            }.map {
                var evidence = Evidence(
                    verification.apply($0), activities: activities[$0.id] ?? [], on: criteria.validOn)
                evidence.place(rule.standing(of: $0, among: [covering[offerId] ?? []]))
                return evidence
            }
            .filter {
                $0.attestation.schemeId != "hds" || requested.isEmpty || !requested.isDisjoint(with: $0.activities)
            }
            return OfferMatch(
                provider: ProviderSummary(
                    id: row["providerId"], name: row["providerName"], hqCountry: row["hqCountry"]),
                offer: OfferSummary(id: offerId, row: row),
                evidence: evidence, hosting: hosting[offerId] ?? [],
                catalogues: (listings[offerId] ?? []).map { CatalogueListing(verification.apply($0)) })
        }
    }

    /// Every attestation of the schemes asked that covers a matched offer (a JSON array of ids), by offer: the
    /// winners are the evidence, the others are what they supersede.
    private func coveringAttestations(_ matched: String, _ offerIds: [String], _ db: Database) throws
        -> [String: [Attestation]]
    {
        var schemes = criteria.requiredSchemes
        var covering: [String: [Attestation]] = [:]
        if let coverage = driving?.coverage, schemes.contains(coverage.schemeId) {
            schemes.removeAll { $0 == coverage.schemeId }
            for offerId in offerIds { covering[offerId] = coverage.byOffer[offerId] }
        }
        guard !schemes.isEmpty else { return covering }
        let others = try Self.byMatchedOffer(
            db,
            """
            SELECT matched.value AS matchedOfferId, attestation.* FROM json_each(\(matched)) AS matched
            CROSS JOIN offerAttestation ON offerAttestation.offerId = matched.value
            CROSS JOIN attestation ON attestation.id = offerAttestation.attestationId
            WHERE attestation.schemeId IN \(schemes)
            ORDER BY attestation.id
            """, Attestation.init(row:))
        return covering.merging(others, uniquingKeysWith: +)
    }

    /// The HDS activities of each attestation.
    private static func activities(of ids: Set<String>, _ db: Database) throws -> [String: [Int]] {
        var activities: [String: [Int]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT attestationId, activity FROM attestationActivity
                WHERE attestationId IN (SELECT value FROM json_each(?)) ORDER BY attestationId, activity
                """, arguments: [String(decoding: try JSONEncoder().encode(ids.sorted()), as: UTF8.self)])
        {
            activities[row["attestationId"], default: []].append(row["activity"])
        }
        return activities
    }

    /// The catalogue listings that hold on the day, by matched offer.
    private func holdingListings(_ matched: String, _ db: Database) throws -> [String: [Listing]] {
        try Self.byMatchedOffer(
            db,
            """
            SELECT matched.value AS matchedOfferId, listing.* FROM json_each(\(matched)) AS matched
            CROSS JOIN offerListing ON offerListing.offerId = matched.value
            CROSS JOIN listing ON listing.id = offerListing.listingId
            WHERE \(rule.listingHolds)
            ORDER BY listing.catalogueId, listing.id
            """, Listing.init(row:))
    }

    /// The sites of each matched offer, with their country's EU and EEA membership.
    static func hosting(_ matched: String, _ db: Database) throws -> [String: [Hosting]] {
        try byMatchedOffer(
            db,
            """
            SELECT matched.value AS matchedOfferId, site.*, country.eu AS countryEU, country.eea AS countryEEA
            FROM json_each(\(matched)) AS matched
            CROSS JOIN offerSite ON offerSite.offerId = matched.value
            CROSS JOIN site ON site.id = offerSite.siteId
            LEFT JOIN country ON country.code = site.country
            ORDER BY site.id
            """
        ) { row in Hosting(site: try Site(row: row), eu: row["countryEU"], eea: row["countryEEA"]) }
    }

    /// The rows of `sql`, made into values and grouped by their `matchedOfferId` column.
    private static func byMatchedOffer<Value>(
        _ db: Database, _ sql: SQL, _ make: (Row) throws -> Value
    ) throws -> [String: [Value]] {
        var grouped: [String: [Value]] = [:]
        // A cursor's rows find a column by name in the statement's table; a fetched array's rows compare the
        // name with every column, lowercased (GRDB's copied rows): a tenth of a thousand-offer answer.
        let rows = try Row.fetchCursor(db, SQLRequest(literal: sql))
        while let row = try rows.next() {
            grouped[row["matchedOfferId"], default: []].append(try make(row))
        }
        return grouped
    }
}

extension Registry {
    static func activities(of attestationId: String, _ db: Database) throws -> [Int] {
        try Int.fetchAll(
            db.cachedStatement(
                sql: "SELECT activity FROM attestationActivity WHERE attestationId = ? ORDER BY activity"),
            arguments: [attestationId])
    }

    static func hosting(ofOffer offerId: String, _ db: Database) throws -> [Hosting] {
        try hosting(
            """
            SELECT site.*, country.eu AS countryEU, country.eea AS countryEEA
            FROM offerSite JOIN site ON site.id = offerSite.siteId
            LEFT JOIN country ON country.code = site.country
            WHERE offerSite.offerId = \(offerId) ORDER BY site.id
            """, db)
    }

    /// Sites with their country's EU and EEA membership, from a query selecting `site.*, countryEU, countryEEA`.
    static func hosting(_ sql: SQL, _ db: Database) throws -> [Hosting] {
        // Cached: a query asks this once per matching offer. Through a cursor, as `byMatchedOffer` reads.
        try Array(
            Row.fetchCursor(db, SQLRequest(literal: sql, cached: true)).map { row in
                Hosting(site: try Site(row: row), eu: row["countryEU"], eea: row["countryEEA"])
            })
    }
}
