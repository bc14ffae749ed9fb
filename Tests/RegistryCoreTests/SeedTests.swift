import Foundation
import Testing

@testable import RegistryCore

@Suite struct SeedTests {
    @Test func seedsLoadIntoAnEmptyRegistry() throws {
        let registry = try Fixture.registry()
        let counts = try registry.loadSeeds()
        #expect(counts.counts.inserted > 100)
        #expect(counts.counts.updated == 0)
    }

    @Test func loadingTheSeedsTwiceChangesNothing() throws {
        let registry = try Fixture.registry()
        try registry.loadSeeds()
        let counts = try registry.loadSeeds()
        #expect(counts.counts.inserted == 0)
        #expect(counts.counts.updated == 0)
    }

    /// Every seeded fact links to its source, or says why it cannot (a brochure, a note, an article whose
    /// address was not recorded): `sourceUrl` in the JSON outputs is the link a source starts with.
    @Test func everySeededFactHasALinkOrSaysWhyNot() throws {
        let seeds = try DocumentReader.seeds()
        let sources: [(String, String)] =
            seeds.entities.map { ("entity \($0.id)", $0.source) }
            + seeds.ownership.map { ("ownership \($0.ownerId) → \($0.ownedId)", $0.source) }
            + seeds.providers.map { ("provider \($0.provider.id)", $0.provider.source) }
            + seeds.offers.map { ("offer \($0.offer.id)", $0.offer.source) }
            + seeds.sites.map { ("site \($0.id)", $0.source) }
            + seeds.attestations.map { ("attestation \($0.attestation.id)", $0.attestation.source) }
            + seeds.listings.map { ("listing \($0.listing.id)", $0.listing.source) }
            + seeds.hdsTransparency.map { ("transparency row \($0.id)", $0.source) }
        let silent = sources.filter { !$0.1.hasPrefix("https://") && !$0.1.contains("(no link: ") }.map(\.0)
        #expect(silent.isEmpty, "facts with neither a link nor a reason: \(silent)")
        #expect(sources.count > 200)
    }
}
