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
        let registry = try Registry.inMemory()
        let sql = OfferQuery(criteria: criteria, verification: try registry.writer.read { try Verification($0) })
            .matchingOffers
        let plan = try registry.writer.read { db -> [String] in
            let (text, arguments) = try sql.build(db)
            return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + text, arguments: arguments).map { $0["detail"] }
        }
        let scans = plan.filter { $0.hasPrefix("SCAN") && $0 != "SCAN offer" }
        #expect(scans.isEmpty, "\(name) scans: \(plan)")
        #expect(
            !plan.contains { $0.contains("attestation_schemeId_status") }, "\(name) walks a scheme per offer: \(plan)")
        if criteria.providerId != nil {
            #expect(!plan.contains("SCAN offer"), "\(name) scans every offer: \(plan)")
        }
    }

    /// Statements run once per row of a list or per assessed offer search one provider's attestations.
    @Test(arguments: [HDSList.unnumberedSQL, Assessor.secNumCloud32SQL])
    func aPerProviderLookupUsesTheProviderIndex(sql: String) throws {
        let registry = try Registry.inMemory()
        let placeholders = sql.filter { $0 == "?" }.count
        let plan = try registry.writer.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN " + sql,
                arguments: StatementArguments(Array(["p", "2026-11-29", "2026-11-29"].prefix(placeholders)))
            ).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("attestation_providerId") }, "\(plan)")
    }
}
