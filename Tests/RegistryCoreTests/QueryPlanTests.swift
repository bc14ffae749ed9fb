import GRDB
import Testing

@testable import RegistryCore

/// The main query shapes must reach attestations, listings and sites through indexes, from the offer: a
/// full scan, or a walk over every attestation of a scheme for each offer, would make a large registry slow.
@Suite struct QueryPlanTests {
    static let shapes: [(String, @Sendable (inout OfferCriteria) -> Void)] = [
        (
            "secnumcloud and hds",
            {
                $0.secnumcloud = true; $0.hds = true
            }
        ),
        ("hds activities", { $0.hdsActivities = [1, 5] }),
        ("certificate", { $0.schemes = ["iso27001"] }),
        ("catalogue", { $0.catalogues = ["ugap"] }),
        ("hosted in the EU", { $0.hostedIn = "EU" }),
        ("provider", { $0.providerId = "ovhcloud" }),
        ("search", { $0.search = "ovh" }),
    ]

    @Test(arguments: 0..<7)
    func aQueryShapeUsesIndexes(index: Int) throws {
        let (name, configure) = Self.shapes[index]
        var criteria = OfferCriteria(validOn: Fixture.day("2026-11-29"))
        configure(&criteria)
        let registry = try Fixture.registry()
        let sql = OfferQuery(criteria: criteria, verification: try registry.read { try Verification($0) })
            .matchingOffers
        let rows = try registry.read { db -> [Row] in
            let (text, arguments) = try sql.build(db)
            return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + text, arguments: arguments)
        }
        let plan: [String] = rows.map { $0["detail"] }
        // The trigram index answers a MATCH (« VIRTUAL TABLE INDEX 0:M… »): a lookup, not a scan.
        let scans = plan.filter {
            $0.hasPrefix("SCAN") && $0 != "SCAN offer" && !$0.hasPrefix("SCAN offerSearch VIRTUAL TABLE INDEX 0:M")
        }
        #expect(scans.isEmpty, "\(name) scans: \(plan)")
        if name == "search" {
            #expect(
                plan.contains { $0.contains("offerSearch VIRTUAL TABLE INDEX 0:M") }, "search folds every row: \(plan)")
        }
        // A scheme's attestations may be read once (the list of offers the rarest scheme drives), never
        // once per offer (inside a correlated subquery).
        let parents = Dictionary(
            uniqueKeysWithValues: rows.map { ($0["id"] as Int, ($0["parent"] as Int, $0["detail"] as String)) })
        func correlated(_ id: Int) -> Bool {
            guard let (parent, detail) = parents[id] else { return false }
            return detail.hasPrefix("CORRELATED") || correlated(parent)
        }
        let perOffer = rows.filter {
            ($0["detail"] as String).contains("attestation_schemeId_status") && correlated($0["id"])
        }
        #expect(perOffer.isEmpty, "\(name) walks a scheme per offer: \(plan)")
        if criteria.providerId != nil {
            #expect(!plan.contains("SCAN offer"), "\(name) scans every offer: \(plan)")
        }
    }

    /// Statements run once per row of a list or per assessed offer search one provider's facts.
    @Test(arguments: ["hds-unnumbered", "secnumcloud-3.2"])
    func aPerProviderLookupUsesTheProviderIndex(name: String) throws {
        let registry = try Fixture.registry()
        let plan = try registry.read { db -> [String] in
            let (sql, arguments): (String, StatementArguments) =
                name == "hds-unnumbered"
                ? (HDSList.unnumberedSQL, ["p"])
                : try Assessor.secNumCloud32(providerId: "p", rule: CountingRule(day: Fixture.today)).build(db)
            return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map {
                $0["detail"] as String
            }
        }
        #expect(plan.contains { $0.contains("attestation_providerId") || $0.contains("offer_providerId") }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN attestation") || $0 == "SCAN offer" }, "\(plan)")
    }

    /// An import's « current entries »: from each entry's own offers outwards, never through every decision of
    /// the list (which made SecNumCloud imports quadratic: 10,000 rows in 23 s, 20,000 in 100 s).
    @Test func theCurrentEntriesOfAListAreFoundFromEachEntrysOffers() throws {
        let registry = try Fixture.registry()
        let requests: [SQLRequest<Row>] = [
            CatalogueImport.currentEntries,
            "SELECT rowid FROM attestation AS old WHERE NOT \(SecNumCloudList.supersededByAnotherDecision(publication: nil))",
        ]
        for request in requests {
            let plan = try registry.read { db -> [String] in
                let prepared = try request.makePreparedRequest(db, forSingleResult: false)
                return try Row.fetchAll(
                    db, sql: "EXPLAIN QUERY PLAN " + prepared.statement.sql, arguments: prepared.statement.arguments
                ).map {
                    $0["detail"]
                }
            }
            let subquery = plan.drop { !$0.contains("SUBQUERY") }
            #expect(subquery.dropFirst().first?.contains("mine") == true, "\(plan)")
            #expect(!subquery.contains { $0.contains("newer") && !$0.contains("(id=?)") }, "\(plan)")
        }
    }

    /// Joining a coverage view to some offers, or to some facts, reads those through indexes: the view is never
    /// built whole first (as a UNION ALL it was, with an automatic index — 2.5 s a statement at 100,000
    /// providers, for 50 offers as for 10,000).
    @Test(arguments: [
        "SELECT * FROM json_each(?) AS m CROSS JOIN offerAttestation ON offerAttestation.offerId = m.value",
        "SELECT * FROM json_each(?) AS m CROSS JOIN offerListing ON offerListing.offerId = m.value",
        """
        SELECT * FROM attestation CROSS JOIN offerAttestation ON offerAttestation.attestationId = attestation.id
        WHERE attestation.schemeId = ?
        """,
        "SELECT * FROM json_each(?) AS m CROSS JOIN offerListing ON offerListing.listingId = m.value",
    ])
    func aCoverageViewJoinedIsReadThroughIndexes(sql: String) throws {
        let plan = try Fixture.registry().read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: ["[]"]).map { $0["detail"] as String }
        }
        #expect(!plan.contains { $0.contains("MATERIALIZE") || $0.contains("AUTOMATIC") }, "\(plan)")
        #expect(
            !plan.contains { $0.hasPrefix("SCAN") && !$0.hasPrefix("SCAN m") && $0 != "SCAN attestation" }, "\(plan)")
    }
}
