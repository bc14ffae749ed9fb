import Foundation
import Testing

@testable import RegistryCore

/// `status` and `check` say when a publication has gone stale: its newest edition older than its cadence
/// (ANSSI's catalogue: 45 days), or its fetches failing for three days.
@Suite struct PublicationFreshnessTests {
    @Test func theSeedsEditionIsStaleOnceOlderThanTheCatalogueCadence() throws {
        let registry = try Fixture.registry()
        try registry.loadSeeds()
        let fresh = try registry.publicationFreshness(on: Fixture.day("2026-10-15"))
        #expect(fresh.first?.newestEditionOn == Fixture.day("2026-09-15"))
        #expect(fresh.first?.warnings.isEmpty == true)
        let late = try registry.publicationFreshness(on: Fixture.day("2026-11-01")).flatMap(\.warnings)
        #expect(late.count == 1)
        #expect(late.first?.english.contains("47 days old") == true, "\(late)")
        #expect(CheckProblem(kind: "stale", message: "").isWarning, "check says it and exits 0")
    }

    @Test func fetchesFailingForThreeDaysAreSaid() throws {
        let registry = try Fixture.registry()
        var success = PublicationFetch(
            source: "anssi-catalogue", fetchedAt: "2026-11-20T02:00:00.000Z", outcome: .unchanged)
        success.url = "https://example.org"
        try registry.recordFetch(success)
        var failure = PublicationFetch(
            source: "anssi-catalogue", fetchedAt: "2026-11-22T02:00:00.000Z", outcome: .failed)
        failure.message = "answered 503"
        try registry.recordFetch(failure)
        #expect(try registry.publicationFreshness(on: Fixture.day("2026-11-22")).first?.warnings.isEmpty == true)
        let warnings = try registry.publicationFreshness(on: Fixture.day("2026-11-23")).first?.warnings ?? []
        #expect(
            warnings.map(\.english) == [
                "anssi-catalogue: no fetch has succeeded since 2026-11-20; the last said: answered 503"
            ])
    }
}
