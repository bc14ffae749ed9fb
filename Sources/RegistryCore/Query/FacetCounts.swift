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
}

extension Registry {
    /// The facet counts of `answer`'s matches, under the counting rule of its question.
    public func facetCounts(of answer: QueryAnswer) throws -> FacetCounts {
        let matched = String(decoding: try JSONEncoder().encode(answer.matches.map(\.offer.id)), as: UTF8.self)
        let rule = CountingRule(answer.criteria)
        let covering: SQL = """
            FROM json_each(\(matched)) AS matched
            CROSS JOIN offerAttestation ON offerAttestation.offerId = matched.value
            CROSS JOIN attestation ON attestation.id = offerAttestation.attestationId
            """
        return try guardingDatabaseErrors {
            try read { db in
                var counts = FacetCounts()
                for row in try Row.fetchAll(
                    db,
                    SQLRequest(
                        literal: """
                            SELECT attestation.schemeId, COUNT(DISTINCT matched.value) \(covering)
                            WHERE \(rule.counts(offer: "matched.value")) GROUP BY attestation.schemeId
                            """))
                {
                    counts.schemes[row[0]] = row[1]
                }
                for row in try Row.fetchAll(
                    db,
                    SQLRequest(
                        literal: """
                            SELECT attestationActivity.activity, COUNT(DISTINCT matched.value) \(covering)
                            CROSS JOIN attestationActivity ON attestationActivity.attestationId = attestation.id
                            WHERE attestation.schemeId = 'hds' AND \(rule.counts(offer: "matched.value"))
                            GROUP BY attestationActivity.activity
                            """))
                {
                    counts.activities[row[0]] = row[1]
                }
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
}
