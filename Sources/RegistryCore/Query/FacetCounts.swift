import Foundation
import GRDB

/// For the offers an answer matched: how many would remain if its question also asked for each scheme, each
/// HDS activity or each catalogue. Adding one of these criteria only adds a condition on the offer's own
/// facts, so each count is a subset of the answer, read in three grouped statements whatever the number of
/// schemes — the web page's facets, without one query per option.
public struct FacetCounts: Hashable, Sendable {
    /// Offers with an attestation of the scheme that counts on the day.
    public var schemes: [String: Int] = [:]
    /// Offers with an HDS certificate that counts on the day and covers the activity.
    public var activities: [Int: Int] = [:]
    /// Offers listed in the catalogue on the day.
    public var catalogues: [String: Int] = [:]

    public init() {}
}

extension Registry {
    /// The facet counts of `answer`'s matches, under the counting rule of its question.
    public func facetCounts(of answer: QueryAnswer) throws -> FacetCounts {
        let matched = String(decoding: try JSONEncoder().encode(answer.matches.map(\.offer.id)), as: UTF8.self)
        let rule = CountingRule(answer.criteria)
        return try guardingDatabaseErrors {
            try read { db in
                var counts = FacetCounts()
                // Every fact covering the matched offers is read once, and the rule's Swift form (held to the
                // SQL form by CountingRuleTests) picks those that count: a correlated NOT EXISTS per fact
                // through the offerAttestation view cost more than the page's answer.
                var covering: [String: [CountedFactRow]] = [:]
                let rows = try Row.fetchCursor(
                    db,
                    SQLRequest(
                        literal: """
                            SELECT matched.value, \(sql: CountedFactRow.columns) FROM json_each(\(matched)) AS matched
                            CROSS JOIN offerAttestation ON offerAttestation.offerId = matched.value
                            CROSS JOIN attestation ON attestation.id = offerAttestation.attestationId
                            """))
                while let row = try rows.next() {
                    covering[try row.decode(atIndex: 0), default: []].append(try CountedFactRow(row: row, offset: 1))
                }
                var hdsOffers: [String: [String]] = [:]
                for (offerId, facts) in covering {
                    let counting = rule.counting(facts)
                    for scheme in Set(counting.map(\.schemeId)) { counts.schemes[scheme, default: 0] += 1 }
                    for fact in counting where fact.schemeId == "hds" {
                        hdsOffers[fact.id, default: []].append(offerId)
                    }
                }
                counts.activities = try Self.offersByActivity(hdsOffers, db).mapValues(\.count)
                for row in try Row.fetchAll(
                    db,
                    SQLRequest(
                        literal: """
                            SELECT listing.catalogueId, COUNT(DISTINCT matched.value) FROM json_each(\(matched)) AS matched
                            CROSS JOIN offerListing ON offerListing.offerId = matched.value
                            CROSS JOIN listing ON listing.id = offerListing.listingId
                            WHERE \(rule.listingHolds) GROUP BY listing.catalogueId
                            """))
                {
                    counts.catalogues[row[0]] = row[1]
                }
                return counts
            }
        }
    }

    /// The offers each HDS activity is covered for, given the offers each counting certificate covers.
    private static func offersByActivity(_ offers: [String: [String]], _ db: Database) throws -> [Int: Set<String>] {
        var byActivity: [Int: Set<String>] = [:]
        let ids = String(decoding: try JSONEncoder().encode(offers.keys.sorted()), as: UTF8.self)
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT attestationId, activity FROM attestationActivity
                WHERE attestationId IN (SELECT value FROM json_each(?))
                """, arguments: [ids])
        {
            byActivity[row["activity"], default: []].formUnion(offers[row["attestationId"] as String] ?? [])
        }
        return byActivity
    }
}
