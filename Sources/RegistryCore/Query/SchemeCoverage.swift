import Foundation
import GRDB

/// Every fact of one scheme with the offers it covers, read in one statement, and the offers it counts for on
/// a day by the counting rule's Swift form (held to the SQL form by `CountingRuleTests`).
///
/// A fact's rivals are the facts of its own scheme covering the same offer, so the scheme's facts alone
/// decide which of them count: a question's rarest scheme finds its offers this way rather than through the
/// SQL form's correlated rival checks — one per fact and fact of its offers, through the `offerAttestation`
/// view —, which cost a fifth of `query --profile sensitive` and as much again for the day's SecNumCloud 3.2
/// findings.
struct SchemeCoverage {
    let schemeId: String
    /// By offer, the scheme's facts covering it, by id: what a query's evidence for the scheme is chosen from.
    let byOffer: [String: [Attestation]]
    /// The offers the scheme counts for under `counted.rule`, when found already (`keepingCounted(_:)`).
    private var counted: (rule: CountingRule, offers: [String: [Attestation]])?

    init(scheme: String, _ db: Database) throws {
        var byOffer: [String: [Attestation]] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT offerAttestation.offerId AS coveredOfferId, attestation.* FROM attestation
                CROSS JOIN offerAttestation ON offerAttestation.attestationId = attestation.id
                WHERE attestation.schemeId = ? ORDER BY attestation.id
                """, arguments: [scheme])
        while let row = try rows.next() {
            byOffer[row["coveredOfferId"], default: []].append(try Attestation(row: row))
        }
        self.schemeId = scheme
        self.byOffer = byOffer
    }

    /// The offers the scheme counts for on the rule's day, with the facts that count for each.
    func counting(_ rule: CountingRule) -> [String: [Attestation]] {
        if let counted, counted.rule == rule { return counted.offers }
        return byOffer.compactMapValues { facts in
            let counting = rule.counting(facts)
            return counting.isEmpty ? nil : counting
        }
    }

    /// The coverage with the offers it counts for under `rule` kept: asked again under the same rule (the
    /// query's, then the day's SecNumCloud 3.2 findings), they are not found twice.
    func keepingCounted(_ rule: CountingRule) -> SchemeCoverage {
        var kept = self
        kept.counted = (rule, counting(rule))
        return kept
    }
}
