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
}
