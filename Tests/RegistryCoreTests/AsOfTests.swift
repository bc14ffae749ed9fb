import Foundation
import GRDB
import Testing

@testable import RegistryCore

/// `--as-of`: the registry as recorded at a moment, rebuilt from the history that real imports wrote.
@Suite struct AsOfTests {
    @Test(arguments: [
        ("2026-11-29", "2026-11-29T23:59:59.999Z"), ("2026-11-29T08:30Z", "2026-11-29T08:30:00.000Z"),
        ("2026-11-29T08:30:15", "2026-11-29T08:30:15.000Z"), ("2026-11-29T10:30:00+02:00", "2026-11-29T08:30:00.000Z"),
    ])
    func momentsParseToTheHistoryFormat(text: String, timestamp: String) {
        #expect(Moment(parsing: text)?.timestamp == timestamp)
    }

    @Test(arguments: [
        "yesterday", "2026-02-30", "2026-11-29T25:00Z", "2026-11-29T10:00+25:00", "2026-11-29T10:00+02:75",
    ])
    func badMomentsAreRefused(text: String) {
        #expect(Moment(parsing: text) == nil)
    }

    @Test func aQueryAsOfAMomentBeforeAWithdrawalSeesTheStateBeforeIt() throws {
        let registry = try Fixture.registry()
        try registry.importDocument(try Fixture.seedsWithoutListEntries(), origin: "seeds without list entries")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("asof-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let list = { (services: [String]) throws -> String in
            let url = folder.appendingPathComponent("list-\(services.count).csv")
            try Data(("provider;service;status\n" + services.map { "Exemple (fictif);\($0);Qualifié\n" }.joined()).utf8)
                .write(to: url)
            return url.path
        }
        let day = Fixture.day("2026-11-29")
        let services = (1...5).map { "Service \($0)" }
        let first = try registry.importFile(
            at: try list(services), source: .secnumcloud, options: ImportOptions(day: day))
        let before = try #require(
            try registry.read { try ImportRun.fetchOne($0, key: first.runId) }?.endedAt.flatMap(Moment.init))
        Thread.sleep(forTimeInterval: 0.01)
        var options = ImportOptions(day: day)
        options.maxWithdrawnPercent = 50
        let second = try registry.importFile(
            at: try list(Array(services.prefix(4))), source: .secnumcloud, options: options)
        #expect(second.counts.withdrawn == 1)

        var criteria = OfferCriteria(validOn: day)
        criteria.secnumcloud = true
        criteria.providerId = "exemple-fictif"
        #expect(try registry.query(criteria).count == 4)
        let then = try registry.asOf(before)
        #expect(try then.query(criteria).count == 5, "what we knew before the withdrawal import")
        #expect(try registry.query(criteria).count == 4, "the registry itself is untouched")

        let beforeAnything = try registry.asOf(try #require(Moment(parsing: "2000-01-01")))
        #expect(try beforeAnything.providerList().isEmpty)
    }

    /// What an import writes is seen at one moment, its commit: every history row of a run carries the run's
    /// end, and `--as-of` a moment inside the run (after its start, before its end) answers the state before.
    @Test func aMomentInsideAnImportSeesTheStateBeforeIt() throws {
        let registry = try Fixture.registry()
        try registry.importDocument(try Fixture.seedsWithoutListEntries(), origin: "seeds without list entries")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("inside-\(UUID().uuidString).csv")
        let rows = (1...300).map { "Exemple (fictif);Service \($0);Qualifié\n" }.joined()
        try Data(("provider;service;status\n" + rows).utf8).write(to: url)
        let report = try registry.importFile(
            at: url.path, source: .secnumcloud, options: ImportOptions(day: Fixture.day("2026-11-29")))
        let run = try #require(try registry.read { try ImportRun.fetchOne($0, key: report.runId) })
        let moments = try registry.read {
            try String.fetchAll($0, sql: "SELECT DISTINCT changedAt FROM history WHERE runId = ?", arguments: [run.id])
        }
        #expect(moments == [run.endedAt].compactMap { $0 }, "one moment: the commit's")
        let inside = try #require(Moment(parsing: run.startedAt))
        var criteria = OfferCriteria(validOn: Fixture.day("2026-11-29"))
        criteria.secnumcloud = true
        let ours = { (matches: [OfferMatch]) in matches.filter { $0.offer.id.hasPrefix("exemple-fictif/") }.count }
        #expect(ours(try registry.query(criteria)) == 300)
        if run.startedAt < run.endedAt ?? "" {
            #expect(ours(try registry.asOf(inside).query(criteria)) == 0, "no reader saw half of it")
        }
    }
}
