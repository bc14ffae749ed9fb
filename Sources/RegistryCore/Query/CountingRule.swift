import Foundation
import GRDB

/// The one definition of « this attestation counts for this offer on day D », used by `query`, `show`,
/// `assess`, `profiles`, `expiring`, `--as-of` and receipts.
///
/// Several sources may speak of the same offer and scheme (the seeds' press fact, the provider's page,
/// ANSSI's list). They are reconciled, not stacked: the strongest source kind wins (official list, then
/// provider statement, then press, then research note); within it, the newest decision or issue date that
/// has begun by D; on a tie, the less favourable status (a wrong yes is the worst failure). Facts still tied
/// speak together. Only the facts that speak can count, and it counts when its status is one that counts, its dates hold on D and
/// its source kind is admitted. The others stay, superseded. A withdrawn official fact still wins: the
/// weaker facts do not come back to life when a list stops listing an offer.
///
/// The rule has a Swift form (for explanations) and an SQL form (for queries over large registries);
/// `CountingRuleTests` runs both on a table of cases and requires the same verdicts.
struct CountingRule: Hashable, Sendable {
    var day: Day
    var includeInProgress = false
    var includeLeads = false

    init(day: Day, includeInProgress: Bool = false, includeLeads: Bool = false) {
        self.day = day
        self.includeInProgress = includeInProgress
        self.includeLeads = includeLeads
    }

    init(_ criteria: OfferCriteria) {
        self.init(
            day: criteria.validOn, includeInProgress: criteria.includeInProgress, includeLeads: criteria.includeLeads)
    }

    /// Attestation statuses that count.
    var countingStatuses: [AttestationStatus] {
        includeInProgress ? [.qualified, .certified, .inProgress] : [.qualified, .certified]
    }

    /// Source kinds whose facts count.
    var countingSourceKinds: [SourceKind] {
        includeLeads ? SourceKind.allCases : SourceKind.allCases.filter { $0 != .researchNote }
    }

    // MARK: - Swift form

    /// Whether `a`, were it alone, would count on the day: status, dates and source kind.
    ///
    /// An official list's fact whose start is unknown never holds: a list speaks from the first day it showed
    /// the fact, and an importer dates it so (`statusSince`); without that date, unknown never counts as granted.
    func holds(_ a: some CountedFact) -> Bool {
        countingStatuses.contains(a.status) && (a.issuedOn.map { $0 <= day } ?? true)
            && (a.sourceKind != .officialList || a.issuedOn != nil || a.statusSince != nil)
            && (a.statusSince.map { $0 <= day } ?? true) && (a.expiresOn.map { $0 >= day } ?? true)
            && countingSourceKinds.contains(a.sourceKind)
    }

    /// Whether `listing` counts on the day (the Swift form of `listingHolds`).
    func holds(_ listing: Listing) -> Bool {
        (listing.validFrom.map { $0 <= day } ?? true) && (listing.validUntil.map { $0 >= day } ?? true)
            && (listing.withdrawnOn.map { $0 > day } ?? true) && countingSourceKinds.contains(listing.sourceKind)
    }

    /// Whether `a` takes precedence over `b` (same offer, same scheme) on the day.
    func outranks<Fact: CountedFact>(_ a: Fact, _ b: Fact) -> Bool {
        let (rankA, rankB) = (Self.rank(a.sourceKind), Self.rank(b.sourceKind))
        if rankA != rankB { return rankA < rankB }
        guard begun(a) else { return false }
        guard begun(b) else { return true }
        let (dateA, dateB) = (Self.date(a), Self.date(b))
        if dateA != dateB {
            guard let dateA else { return false }  // an unknown date is the oldest
            guard let dateB else { return true }
            return dateA > dateB
        }
        return Self.weight(a.status) < Self.weight(b.status)
    }

    /// The facts that speak for one offer and scheme on the day: those no other covering fact outranks, once
    /// the withdrawn entries a current one shadows are set aside. Usually one; facts of one source kind, one
    /// date and one standing (two provider pages, neither dated, that describe different activities of the
    /// same certificate) speak together.
    func winners<Fact: CountedFact>(_ covering: [Fact]) -> [Fact] {
        let speaking = covering.filter { !isShadowed($0, among: covering) }
        return speaking.filter { a in !speaking.contains { $0.id != a.id && outranks($0, a) } }
    }

    /// A withdrawn entry is shadowed by a current entry of the same decision (same scheme, source kind and
    /// decision date, no other decision number) that a source of that kind confirmed on or after the
    /// withdrawal: the list still shows that decision for the offer, under another name (a renamed service
    /// merged into its new name). Otherwise a withdrawal stands, and on a tie the less favourable status wins.
    func isShadowed<Fact: CountedFact>(_ x: Fact, among covering: [Fact]) -> Bool {
        guard x.status == .withdrawn, let issued = x.issuedOn, let withdrawn = x.statusSince else { return false }
        return covering.contains { y in
            y.id != x.id && y.schemeId == x.schemeId && y.sourceKind == x.sourceKind && y.status != .withdrawn
                && y.issuedOn == issued && (y.verifiedOn.map { $0 >= withdrawn } ?? false)
                && (y.certificateRef == nil || x.certificateRef == nil || y.certificateRef == x.certificateRef)
        }
    }

    /// The attestations of `covering` (one offer's, any schemes) that count on the day: the facts that speak
    /// for their scheme, when they hold.
    func counting<Fact: CountedFact>(_ covering: [Fact]) -> [Fact] {
        // A fact alone has no rival and no twin: it speaks, and counts when it holds (most offers' case).
        if covering.count == 1 { return holds(covering[0]) ? covering : [] }
        let schemes = Dictionary(grouping: covering, by: \.schemeId)
        return covering.filter { a in holds(a) && winners(schemes[a.schemeId] ?? []).contains(a) }
    }

    private func begun(_ a: some CountedFact) -> Bool {
        Self.date(a).map { $0 <= day } ?? true
    }

    /// The date a fact speaks from: its decision or issue date, else the day its status began.
    private static func date(_ a: some CountedFact) -> Day? { a.issuedOn ?? a.statusSince }

    /// 0 for the strongest source kind.
    static func rank(_ kind: SourceKind) -> Int {
        SourceKind.allCases.firstIndex(of: kind) ?? SourceKind.allCases.count
    }

    /// On a tie, the less favourable status wins: ended, then in progress, then granted.
    private static func weight(_ status: AttestationStatus) -> Int {
        status.isGranted ? 2 : status == .inProgress ? 1 : 0
    }

    // MARK: - SQL form

    /// Whether the row `attestation` counts for the offer `offer` (an SQL expression naming an offer id).
    func counts(offer: SQL) -> SQL {
        """
        (\(holdsSQL("attestation"))
         AND NOT EXISTS (
             SELECT 1 FROM offerAttestation AS rivalCover
             CROSS JOIN attestation AS rival ON rival.id = rivalCover.attestationId
             WHERE rivalCover.offerId = \(offer) AND rival.schemeId = attestation.schemeId
               AND rival.id <> attestation.id AND \(outranksSQL("rival", "attestation"))
               AND NOT \(shadowedSQL("rival", offer: offer))))
        """
    }

    /// `isShadowed(_:among:)` for the row `x` among the facts covering `offer`.
    private func shadowedSQL(_ x: String, offer: SQL) -> SQL {
        let x = SQL(sql: x)
        return """
            (\(x).status = 'withdrawn' AND \(x).issuedOn IS NOT NULL AND \(x).statusSince IS NOT NULL AND EXISTS (
                SELECT 1 FROM offerAttestation AS twinCover
                CROSS JOIN attestation AS twin ON twin.id = twinCover.attestationId
                WHERE twinCover.offerId = \(offer) AND twin.id <> \(x).id AND twin.schemeId = \(x).schemeId
                  AND twin.sourceKind = \(x).sourceKind AND twin.status <> 'withdrawn'
                  AND twin.issuedOn = \(x).issuedOn AND twin.verifiedOn >= \(x).statusSince
                  AND (twin.certificateRef IS NULL OR \(x).certificateRef IS NULL
                       OR twin.certificateRef = \(x).certificateRef)))
            """
    }

    /// Whether the row `listing` counts on the day: listings are not ranked, each holds on its own dates.
    var listingHolds: SQL {
        """
        (listing.validFrom IS NULL OR listing.validFrom <= \(day))
        AND (listing.validUntil IS NULL OR listing.validUntil >= \(day))
        AND (listing.withdrawnOn IS NULL OR listing.withdrawnOn > \(day))
        AND listing.sourceKind IN \(countingSourceKinds)
        """
    }

    private func holdsSQL(_ alias: String) -> SQL {
        let a = SQL(sql: alias)
        return """
            \(a).status IN \(countingStatuses)
            AND (\(a).issuedOn IS NULL OR \(a).issuedOn <= \(day))
            AND (\(a).statusSince IS NULL OR \(a).statusSince <= \(day))
            AND (\(a).sourceKind <> 'official-list' OR coalesce(\(a).issuedOn, \(a).statusSince) IS NOT NULL)
            AND (\(a).expiresOn IS NULL OR \(a).expiresOn >= \(day))
            AND \(a).sourceKind IN \(countingSourceKinds)
            """
    }

    /// `a` outranks `b`: the SQL of `outranks(_:_:)`. The table aliases are the rule's own, never input.
    private func outranksSQL(_ a: String, _ b: String) -> SQL {
        let rank = { (x: SQL) -> SQL in
            let cases: [SQL] = SourceKind.allCases.enumerated().map { "WHEN \($0.element) THEN \($0.offset)" }
            return "(CASE \(x).sourceKind \(cases.joined(separator: " ")) ELSE \(SourceKind.allCases.count) END)"
        }
        let date = { (x: SQL) -> SQL in "coalesce(\(x).issuedOn, \(x).statusSince, '')" }
        let weight = { (x: SQL) -> SQL in
            "(CASE WHEN \(x).status IN ('qualified', 'certified') THEN 2 WHEN \(x).status = 'in_progress' THEN 1 ELSE 0 END)"
        }
        let begun = { (x: SQL) -> SQL in "(\(date(x)) = '' OR \(date(x)) <= \(day))" }
        let (a, b) = (SQL(sql: a), SQL(sql: b))
        return """
            (\(rank(a)) < \(rank(b))
             OR (\(rank(a)) = \(rank(b)) AND \(begun(a))
                 AND (NOT \(begun(b)) OR \(date(a)) > \(date(b))
                      OR (\(date(a)) = \(date(b))
                          AND \(weight(a)) < \(weight(b))))))
            """
    }
}

/// An attestation another outranks for an offer, and where the two disagree.
public struct Supersession: Hashable, Sendable {
    /// The fact that no longer speaks for the offer.
    public var superseded: Attestation
    /// The fact that speaks for the offer instead.
    public var winner: Attestation
    /// The fields on which the superseded fact says otherwise (status, dates, version, reference, scope): a
    /// conflict when not empty.
    public var differences: [String]

    init(_ superseded: Attestation, by winner: Attestation) {
        self.superseded = superseded
        self.winner = winner
        // Another ANSSI decision for the same offer is a renewal, superseded from its date: no disagreement.
        if superseded.schemeId == "secnumcloud", let old = superseded.certificateRef, let new = winner.certificateRef,
            old != new, superseded.sourceKind == winner.sourceKind
        {
            self.differences = []
            return
        }
        var differences: [String] = []
        if superseded.status != winner.status || superseded.milestone != winner.milestone {
            differences.append("status")
        }
        func differ<T: Equatable>(_ path: KeyPath<Attestation, T?>, _ name: String) {
            if let mine = superseded[keyPath: path], let theirs = winner[keyPath: path], mine != theirs {
                differences.append(name)
            }
        }
        differ(\.issuedOn, "issuedOn")
        differ(\.expiresOn, "expiresOn")
        differ(\.version, "version")
        differ(\.certificateRef, "certificateRef")
        if superseded.scope != winner.scope { differences.append("scope") }
        self.differences = differences
    }

    public var isConflict: Bool { !differences.isEmpty }
}

/// How an attestation stands on a day among the facts that cover the same offers.
struct Standing: Hashable, Sendable {
    /// It counts for at least one offer it covers (or, covering none, it would count alone).
    var counts: Bool
    /// It speaks for at least one offer it covers (or covers none), whether or not it counts.
    var speaks: Bool
    /// The facts that outrank it for the offers it covers, one entry per winner.
    var supersededBy: [Supersession]
    /// The facts it outranks, for the offers it covers.
    var supersedes: [Supersession]
}

extension CountingRule {
    /// The standing of each of `attestationIds` on the day, among every attestation covering the same offers
    /// (only `offers` when given: an offer's own fact sheet).
    func standings(of attestationIds: [String], offers: Set<String>? = nil, _ db: Database) throws -> [String:
        Standing]
    {
        let ids = String(decoding: try JSONEncoder().encode(attestationIds), as: UTF8.self)
        var covered: [String: Set<String>] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT attestationId, offerId FROM offerAttestation
                WHERE attestationId IN (SELECT value FROM json_each(?))
                """, arguments: [ids])
        {
            let offerId: String = row["offerId"]
            if offers?.contains(offerId) ?? true { covered[row["attestationId"], default: []].insert(offerId) }
        }
        let offerIds = String(decoding: try JSONEncoder().encode(Set(covered.values.joined()).sorted()), as: UTF8.self)
        var rivals: [String: [Attestation]] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT offerAttestation.offerId AS coveredOfferId, attestation.* FROM offerAttestation
                JOIN attestation ON attestation.id = offerAttestation.attestationId
                WHERE offerAttestation.offerId IN (SELECT value FROM json_each(?)) ORDER BY attestation.id
                """, arguments: [offerIds])
        while let row = try rows.next() {
            rivals[row["coveredOfferId"], default: []].append(try Attestation(row: row))
        }
        var result: [String: Standing] = [:]
        let all = Dictionary(rivals.values.joined().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for id in attestationIds {
            guard let attestation = try all[id] ?? Attestation.fetchOne(db, key: id) else { continue }
            let offers = (covered[id] ?? []).sorted()
            result[id] = standing(of: attestation, among: offers.map { rivals[$0] ?? [] })
        }
        return result
    }

    /// The standing of `attestation` given, for each offer it covers, every attestation covering that offer.
    func standing(of attestation: Attestation, among coverings: [[Attestation]]) -> Standing {
        var standing = Standing(
            counts: coverings.isEmpty && holds(attestation), speaks: coverings.isEmpty, supersededBy: [], supersedes: []
        )
        for covering in coverings {
            let sameScheme = covering.filter { $0.schemeId == attestation.schemeId }
            let winners = winners(sameScheme)
            if winners.contains(attestation) {
                standing.speaks = true
                standing.counts = standing.counts || holds(attestation)
                for other in sameScheme
                where outranks(attestation, other)
                    && !standing.supersedes.contains(where: { $0.superseded.id == other.id })
                {
                    standing.supersedes.append(Supersession(other, by: attestation))
                }
            } else {
                for winner in winners where !standing.supersededBy.contains(where: { $0.winner.id == winner.id }) {
                    standing.supersededBy.append(Supersession(attestation, by: winner))
                }
            }
        }
        return standing
    }
}

/// A disagreement between the fact that speaks for an offer and one it supersedes: `registry conflicts`.
public struct Conflict: Hashable, Sendable {
    public var offerId: String
    public var schemeId: String
    /// What moved the winner ahead and how the two differ.
    public var supersession: Supersession
}

extension Registry {
    // MARK: - Reads

    /// Every offer and scheme whose facts disagree on `day`: the winner by precedence, each superseded fact
    /// that says otherwise (status, dates, version, reference, scope), and where.
    public func conflicts(on day: Day) throws -> [Conflict] {
        try guardingDatabaseErrors {
            try read { db in
                let rule = CountingRule(day: day, includeInProgress: true, includeLeads: true)
                var groups: [String: [Attestation]] = [:]
                var order: [String] = []
                // Only offers that two facts of one scheme cover.
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT offerAttestation.offerId AS coveredOfferId, attestation.* FROM offerAttestation
                        JOIN attestation ON attestation.id = offerAttestation.attestationId
                        WHERE EXISTS (
                            SELECT 1 FROM offerAttestation AS other
                            JOIN attestation AS rival ON rival.id = other.attestationId
                            WHERE other.offerId = offerAttestation.offerId AND rival.schemeId = attestation.schemeId
                              AND rival.id <> attestation.id)
                        ORDER BY offerAttestation.offerId, attestation.schemeId, attestation.id
                        """)
                while let row = try rows.next() {
                    let attestation = try Attestation(row: row)
                    let key = "\(row["coveredOfferId"] as String) \(attestation.schemeId)"
                    if groups[key] == nil { order.append(key) }
                    groups[key, default: []].append(attestation)
                }
                return order.flatMap { key -> [Conflict] in
                    let facts = groups[key] ?? []
                    let offerId = String(key.prefix { $0 != " " })
                    return rule.winners(facts).flatMap { winner in
                        facts.filter { rule.outranks(winner, $0) }.map { Supersession($0, by: winner) }
                            .filter(\.isConflict)
                            .map { Conflict(offerId: offerId, schemeId: winner.schemeId, supersession: $0) }
                    }
                }
            }
        }
    }
}

/// What the counting rule's Swift form reads of a fact, and no more: a page's facets read a hundred thousand
/// covering facts, and these nine columns rather than the whole attestation.
protocol CountedFact: Equatable {
    var id: String { get }
    var schemeId: String { get }
    var status: AttestationStatus { get }
    var issuedOn: Day? { get }
    var statusSince: Day? { get }
    var expiresOn: Day? { get }
    var sourceKind: SourceKind { get }
    var verifiedOn: Day? { get }
    var certificateRef: String? { get }
}

extension Attestation: CountedFact {}

/// An attestation as the counting rule reads it, from `columns` selected at a row's `offset`.
struct CountedFactRow: CountedFact {
    static let columns =
        "attestation.id, attestation.schemeId, attestation.status, attestation.issuedOn, attestation.statusSince, "
        + "attestation.expiresOn, attestation.sourceKind, attestation.verifiedOn, attestation.certificateRef"
    var id: String
    var schemeId: String
    var status: AttestationStatus
    var issuedOn: Day?
    var statusSince: Day?
    var expiresOn: Day?
    var sourceKind: SourceKind
    var verifiedOn: Day?
    var certificateRef: String?

    init(row: Row, offset: Int) throws {
        func column<Value: DatabaseValueConvertible>(_ index: Int) throws -> Value {
            try row.decode(atIndex: offset + index)
        }
        id = try column(0)
        schemeId = try column(1)
        status = try column(2)
        issuedOn = try column(3)
        statusSince = try column(4)
        expiresOn = try column(5)
        sourceKind = try column(6)
        verifiedOn = try column(7)
        certificateRef = try column(8)
    }
}
