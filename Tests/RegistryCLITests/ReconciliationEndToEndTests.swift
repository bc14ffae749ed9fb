import Foundation
import Testing

/// The steward's session of the README, run with the built binary: a dry run that reports a twin, an alias,
/// the import, and the answers afterwards; then a merge, and the refusals.
@Suite struct ReconciliationEndToEndTests {
    let runner: BinaryRunner
    static let list = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/anssi-secnumcloud-with-in-qualification-2026-09-15.csv").path

    static let guardOf40 = ["--max-withdrawn", "40"]

    init() throws {
        runner = try BinaryRunner()
        _ = try runner.run(["init"])
    }

    @Test func aTwinIsReportedThenAnAliasMakesTheImportLandOnTheOffer() throws {
        // The transcription leaves out Cloud Solutions and (under its own spelling) Bleu's service: 2 of the 7
        // entries a transcription speaks for, above the default guard.
        let dry = try runner.run(
            ["import", Self.list, "--source", "secnumcloud", "--dry-run", "--format", "text"] + Self.guardOf40)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(
            dry.stdout.contains(
                "line 17: offer « Cloud de confiance (IaaS, PaaS, CaaS) » → would create "
                    + "bleu/cloud-de-confiance-iaas-paas-caas; did you mean bleu/cloud?"))
        let alias = try runner.run([
            "alias", "add", "bleu/cloud", "Cloud de confiance (IaaS, PaaS, CaaS)", "--format", "json",
        ])
        #expect(alias.status == 0, "\(alias.stderr)")
        let report = try #require(alias.json as? [String: Any])
        #expect(report["source"] as? String == "steward")
        #expect(report["action"] as? String == "alias add bleu/cloud \"Cloud de confiance (IaaS, PaaS, CaaS)\"")

        let applied = try runner.run(
            ["import", Self.list, "--source", "secnumcloud", "--format", "json"] + Self.guardOf40)
        #expect(applied.status == 0, "\(applied.stderr)")
        let unmatched = try #require((applied.json as? [String: Any])?["unmatched"] as? [[String: Any]])
        #expect(unmatched.isEmpty, "every name lands on an entry")

        let query = try runner.run([
            "query", "--secnumcloud", "--include-in-progress", "--provider", "bleu", "--valid-on", "2026-09-20",
            "--format", "json",
        ])
        let results = try #require((query.json as? [String: Any])?["results"] as? [[String: Any]])
        let evidence = try #require((results.first?["evidence"] as? [[String: Any]])?.first)
        #expect(evidence["milestone"] as? String == "J1")
        #expect(evidence["conflict"] as? Bool == true)
        #expect((evidence["supersedes"] as? [[String: Any]])?.first?["attestationId"] as? String == "bleu/secnumcloud")

        let conflicts = try runner.run(["conflicts", "--valid-on", "2026-09-20", "--format", "csv"])
        #expect(conflicts.status == 0)
        #expect(
            conflicts.stdout.contains("bleu/cloud,secnumcloud,bleu/secnumcloud-j1,official-list,bleu/secnumcloud"))

        let history = try runner.run(["history", "bleu/cloud", "--source", "steward", "--format", "json"])
        #expect(history.status == 0, "\(history.stderr)")
        #expect(history.stdout.contains("Cloud de confiance"))
    }

    @Test func aDecisionShowsOnOneOfferAndAnEndedQualificationNoLongerCounts() throws {
        _ = try runner.run(["import", Self.list, "--source", "secnumcloud"] + Self.guardOf40)
        let before = try runner.run(["query", "--secnumcloud", "--valid-on", "2026-11-30", "--format", "csv"])
        #expect(before.stdout.contains("outscale/cloud-iaas"))
        #expect(before.stdout.components(separatedBy: ",2118,").count == 2, "decision 2118 on one row")
        let after = try runner.run(["query", "--secnumcloud", "--valid-on", "2026-12-01", "--format", "csv"])
        #expect(!after.stdout.contains("outscale/cloud-iaas"))
        let check = try runner.run(["check", "--format", "text"])
        #expect(check.status == 0, "an ended qualification is a warning: \(check.stdout)")
    }

    @Test func aMergeMovesTheTwinAndTheStewardsWritesRefuseWhatTheyCannotDo() throws {
        _ = try runner.run(["import", Self.list, "--source", "secnumcloud"] + Self.guardOf40)
        let twin = "bleu/cloud-de-confiance-iaas-paas-caas"
        let dry = try runner.run(["merge", twin, "--into", "bleu/cloud", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(try runner.run(["show", twin]).status == 0, "a dry run moves nothing")
        let merged = try runner.run(["merge", twin, "--into", "bleu/cloud", "--format", "text"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.contains("offer \(twin): merged into bleu/cloud"))
        #expect(merged.stdout.contains("^ attestation bleu/secnumcloud-j1: back on the list as"))
        #expect(try runner.run(["show", twin]).status == 64)

        let readOnly = try runner.run(["alias", "add", "s3ns", "S3NS SAS", "--read-only"])
        #expect(readOnly.status == 64)
        let unknown = try runner.run(["merge", "no-such", "--into", "s3ns"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("no provider or offer has the id 'no-such'"))
        let taken = try runner.run(["alias", "add", "s3ns", "OVH"])
        #expect(taken.status == 64)
        #expect(taken.stderr.contains("'OVH' already names provider 'ovhcloud'"))
        #expect(!taken.stderr.contains("SQLite"))
    }
}
