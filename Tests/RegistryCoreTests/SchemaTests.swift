import GRDB
import Testing

@testable import RegistryCore

/// The schema trusts SQLite: constraints reject what the validator might miss.
@Suite struct SchemaTests {
    @Test func everyTableIsStrict() throws {
        let registry = try Fixture.registry()
        let tables = try registry.read { db in
            try Row.fetchAll(db, sql: "PRAGMA table_list").filter {
                ($0["schema"] as String) == "main" && ($0["type"] as String) == "table"
                    && !($0["name"] as String).hasPrefix("sqlite_") && ($0["name"] as String) != "grdb_migrations"
            }
        }
        #expect(tables.count >= 14)
        for table in tables {
            #expect((table["strict"] as Int) == 1, "\(table["name"] as String) is not STRICT")
        }
    }

    @Test func countriesKnowTheEUAndTheEEA() throws {
        let registry = try Fixture.registry()
        let countries = try registry.vocabulary().countries
        #expect(countries.filter(\.eu).count == 27)
        #expect(countries.filter(\.eea).count == 30)
        for code in ["GB", "CH", "CA", "US"] {
            #expect(countries.first { $0.code == code }?.eea == false)
        }
    }

    @Test(arguments: [
        "INSERT INTO provider (id, name, source, sourceKind, verifiedOn) VALUES ('p', 'P', 's', 'press', '2026-02-30')",
        "INSERT INTO provider (id, name, source, sourceKind) VALUES ('P!', 'P', 's', 'press')",
        "INSERT INTO provider (id, name, source, sourceKind) VALUES ('p', 'P', '', 'press')",
        "INSERT INTO provider (id, name, source, sourceKind, siren) VALUES ('p', 'P', 's', 'press', '12345678A')",
        "INSERT INTO provider (id, name, source, sourceKind, hqCountry) VALUES ('p', 'P', 's', 'press', 'XX')",
        "INSERT INTO provider (id, name, source, sourceKind) VALUES ('p', 'P', 's', 'rumour')",
    ])
    func theSchemaRejectsBadFacts(sql: String) throws {
        let registry = try Fixture.registry()
        #expect(throws: DatabaseError.self) { try registry.write { try $0.execute(sql: sql) } }
    }

    /// The coverage views are each scope read over the offers of its own provider, each pair once: on the seeds,
    /// the first definition's pairs (a UNION ALL, kept here as the reference).
    @Test func theCoverageViewsAreEachScopeOverItsOwnProvidersOffers() throws {
        let registry = try Fixture.registry()
        try registry.loadSeeds()
        for (view, fact, link, id) in [
            ("offerAttestation", "attestation", "attestationOffer", "attestationId"),
            ("offerListing", "listing", "listingOffer", "listingId"),
        ] {
            let (pairs, reference, distinct) = try registry.read { db in
                (
                    try Row.fetchAll(db, sql: "SELECT offerId, \(id) FROM \(view)").map {
                        "\($0[0] as String) \($0[1] as String)"
                    },
                    Set(
                        try Row.fetchAll(
                            db,
                            sql: """
                                SELECT offer.id, \(fact).id FROM offer
                                JOIN \(fact) ON \(fact).providerId = offer.providerId AND \(fact).scope = 'provider'
                                UNION SELECT offerId, \(id) FROM \(link)
                                """
                        ).map { "\($0[0] as String) \($0[1] as String)" }),
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT DISTINCT offerId, \(id) FROM \(view))") ?? 0
                )
            }
            #expect(pairs.count > 20, "\(view) covers the seeded offers")
            #expect(Set(pairs) == reference, "\(view)")
            #expect(pairs.count == distinct, "\(view) gives each pair once")
        }
    }

    @Test func aScopeCannotNameAnotherProvidersOffer() throws {
        let registry = try Fixture.registry()
        try registry.write { db in
            try db.execute(
                sql: """
                    INSERT INTO provider (id, name, source, sourceKind) VALUES ('a', 'A', 's', 'press'), ('b', 'B', 's', 'press');
                    INSERT INTO offer (id, providerId, name, source, sourceKind) VALUES ('b/x', 'b', 'X', 's', 'press');
                    INSERT INTO attestation (id, providerId, schemeId, status, scope, source, sourceKind)
                        VALUES ('a/snc', 'a', 'secnumcloud', 'qualified', 'offers', 's', 'press');
                    """)
        }
        #expect(throws: DatabaseError.self) {
            try registry.write {
                try $0.execute(sql: "INSERT INTO attestationOffer (attestationId, offerId) VALUES ('a/snc', 'b/x')")
            }
        }
    }

    @Test func aDatabaseFromANewerBinaryIsRefused() throws {
        let queue = try DatabaseQueue(configuration: Registry.configuration())
        _ = try Registry(writer: queue)
        try queue.write {
            try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('9999_future_change')")
        }
        let error = #expect(throws: RegistryError.self) { try Registry(writer: queue) }
        #expect(error.map { "\($0)" }?.contains("upgrade registry") == true)
    }
}
