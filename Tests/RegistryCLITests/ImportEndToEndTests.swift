import Foundation
import GRDB
import Testing

/// `registry import`, `history` and `status`, run as a data steward would.
@Suite struct ImportEndToEndTests {
    let runner: BinaryRunner
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/samples")

    /// An empty registry: the samples are fictitious lists, and over the seeds (which hold ANSSI's catalogue
    /// and the ANS directory as transcribed) a list of three rows is refused as a truncated download.
    init() throws {
        runner = try BinaryRunner()
        _ = try runner.run(["init", "--empty"])
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = runner.folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func aSampleImportsThenReportsNoChangeTheSecondTime() throws {
        let sample = Self.samples.appendingPathComponent("hds.csv").path
        let first = try runner.run(["import", sample, "--source", "hds", "--format", "json"])
        #expect(first.status == 0)
        let report = try #require(first.json as? [String: Any])
        #expect(report["status"] as? String == "applied")
        #expect(
            Set(report.keys) == [
                "status", "source", "file", "sha256", "runId", "counts", "changes", "changesOmitted", "errors",
                "errorsOmitted", "notes", "unmatched", "action",
            ])
        let counts = try #require(report["counts"] as? [String: Int])
        #expect(
            Set(counts.keys) == ["read", "inserted", "updated", "withdrawn", "reinstated", "unchanged", "rejected"])

        let second = try runner.run(["import", sample, "--source", "hds", "--format", "text"])
        #expect(second.status == 0)
        #expect(second.stdout.contains("changed nothing"))
    }

    @Test func aBrokenFileExits65WithEveryBadRowAndChangesNothing() throws {
        let before = try runner.run(["export"]).stdout
        let path = try write(
            "bad.csv", "provider;service;status;qualified_on\nA;B;Qualifié;31/02/2026\nA;C;=cmd|' /C calc'!A0;\n")
        let result = try runner.run(["import", path, "--source", "secnumcloud", "--format", "text"])
        #expect(result.status == 65)
        #expect(result.stdout.contains("\(path):2: qualified_on: '31/02/2026': not a day that exists"))
        #expect(result.stdout.contains("\(path):3: status: '=cmd|' /C calc'!A0': expected qualifié"))
        #expect(result.stderr.contains("rejected (2 problems, listed in the report); nothing was written"))
        #expect(try runner.run(["export"]).stdout == before)
    }

    @Test func standardInputIsReadWithDash() throws {
        let csv = Data("catalogue,provider,market\nCAIH,Exemple (fictif),Marché exemple\n".utf8)
        let result = try runner.run(["import", "-", "--source", "catalogue", "--format", "json"], stdin: csv)
        #expect(result.status == 0, "\(result.stderr)")
        #expect((result.json as? [String: Any])?["file"] as? String == "-")
    }

    @Test(arguments: [
        (["import", "/nonexistent/x.csv", "--source", "hds"], 66, "cannot read /nonexistent/x.csv: no such file"),
        (["import", "x.csv", "--source", "pdf"], 64, "The value 'pdf' is invalid for '--source <kind>'"),
        (["import", "x.csv"], 64, "Missing expected argument '--source <kind>'"),
        (["import", "x.csv", "--source", "hds", "--max-withdrawn", "150"], 64, "--max-withdrawn is a percentage"),
        (["history", "--source", "ftp"], 64, "unknown source 'ftp'"),
    ])
    func wrongImportArgumentsExitWithTheirStatus(arguments: [String], status: Int32, message: String) throws {
        let result = try runner.run(arguments)
        #expect(result.status == status)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func aSecondWriterWaitsThenExits75WhileReadersGoOn() throws {
        // Another writer holds the database: an import waits REGISTRY_BUSY_TIMEOUT seconds, then gives up.
        let queue = try DatabaseQueue(path: runner.database)
        let sample = Self.samples.appendingPathComponent("catalogue.csv").path
        try queue.inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            let busy = try runner.run(
                ["import", sample, "--source", "catalogue"], environment: ["REGISTRY_BUSY_TIMEOUT": "0.2"])
            #expect(busy.status == 75)
            #expect(busy.stderr.contains("the database is busy"))
            let query = try runner.run(["query", "--secnumcloud", "--format", "json"])
            #expect(query.status == 0, "readers are not blocked by a writer (WAL)")
            try db.execute(sql: "ROLLBACK")
        }
        #expect(try runner.run(["import", sample, "--source", "catalogue"]).status == 0)
    }

    @Test func historyShowsEachChangeWithItsRunAndStatusShowsFreshness() throws {
        let full = try write(
            "full.csv", "provider;service;status\nExemple (fictif);Un;Qualifié\nExemple (fictif);Deux;J1\n")
        // Deux leaves the in-qualification list (a file speaks for the publications its rows belong to).
        let short = try write(
            "short.csv", "provider;service;status\nExemple (fictif);Un;Qualifié\nExemple (fictif);Trois;J0\n")
        #expect(try runner.run(["import", full, "--source", "secnumcloud"]).status == 0)
        let withdrawal = try runner.run(["import", short, "--source", "secnumcloud", "--max-withdrawn", "50"])
        #expect(withdrawal.status == 0, "\(withdrawal.stdout)")

        let history = try runner.run(["history", "exemple-fictif/secnumcloud-deux", "--format", "table"])
        #expect(history.status == 0)
        let lines = history.stdout.split(separator: "\n")
        #expect(
            lines.first?.contains(
                "exemple-fictif/secnumcloud-deux: milestone J1 → unknown; status in_progress → withdrawn") == true)
        #expect(lines.first?.contains("secnumcloud, \(short))") == true)

        let status = try runner.run(["status", "--format", "json"])
        let object = try #require(status.json as? [String: Any])
        let sources = try #require(object["sources"] as? [[String: Any]])
        let secnumcloud = try #require(sources.first { $0["source"] as? String == "secnumcloud" })
        #expect(secnumcloud["ageInDays"] as? Int == 0)
        #expect(secnumcloud["file"] as? String == short)
        #expect((sources.first { $0["source"] as? String == "hds" })?["lastImportedAt"] is NSNull)
    }
}
