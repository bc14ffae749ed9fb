import Foundation
import Testing

/// ANSSI's catalogue imported by the built binary, as a steward runs it: the real editions from `../shared`
/// (skipped, and said so, where it is not beside the project), and what happens without poppler.
@Suite struct CatalogueEndToEndTests {
    let runner: BinaryRunner
    static let editions = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
            "shared/fixtures/anssi-catalogue")
    static var available: Bool {
        FileManager.default.fileExists(atPath: editions.appendingPathComponent("2025-12-05.pdf").path)
    }

    init() throws {
        runner = try BinaryRunner()
    }

    func services(on day: String) throws -> [[String: Any]] {
        let query = try runner.run(["query", "--secnumcloud", "--valid-on", day, "--format", "json"])
        return try #require((query.json as? [String: Any])?["results"] as? [[String: Any]])
    }

    @Test(.enabled(if: available, "../shared/fixtures/anssi-catalogue is not beside the project"))
    func anEditionIntoAnEmptyRegistryAnswersEachServiceOnItsDayCitingTheCopy() throws {
        _ = try runner.run(["init", "--empty"])
        let december = Self.editions.appendingPathComponent("2025-12-05.pdf").path
        let imported = try runner.run(["import", december, "--source", "anssi-catalogue", "--format", "json"])
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        let results = try services(on: "2025-12-05")
        #expect(results.count == 16)
        let decisions = results.compactMap { ($0["evidence"] as? [[String: Any]])?.first }
        #expect(Set(decisions.compactMap { $0["decisionUrl"] as? String }).count == 16, "one decision per offer")
        for evidence in decisions {
            #expect(evidence["edition"] as? String == "mis à jour le 05/12/2025 à 13:08:19")
            #expect(
                evidence["copySha256"] as? String == "cdb6881c92a4b6c153261ec1ca66fa7baf51193bd3764fd82dffd76ecea6fa9a")
            #expect(evidence["page"] as? Int == 62)
        }
        // The newer edition, then the older one again: refused, nothing changed.
        let march = Self.editions.appendingPathComponent("2026-03-04.pdf").path
        #expect(try runner.run(["import", march, "--source", "anssi-catalogue"]).status == 0)
        let before = try runner.run(["export"]).stdout
        let older = try runner.run(["import", december, "--source", "anssi-catalogue", "--format", "text"])
        #expect(older.status == 65)
        #expect(older.stdout.contains("older than the edition mis à jour le 04/03/2026 à 15:34:17"))
        #expect(try runner.run(["export"]).stdout == before)
        #expect(try services(on: "2026-03-04").count == 17)
    }

    @Test func withoutPopplerTheImportSaysWhichPackageToInstall() throws {
        _ = try runner.run(["init", "--empty"])
        let pdf = runner.folder.appendingPathComponent("catalogue.pdf")
        try Data("%PDF-1.4\n%âãÏÓ\n".utf8).write(to: pdf)
        let result = try runner.run(
            ["import", pdf.path, "--source", "anssi-catalogue"], environment: ["PATH": "/nonexistent"])
        #expect(result.status == 69)
        #expect(result.stderr.contains("poppler-utils"), "\(result.stderr)")
    }
}
