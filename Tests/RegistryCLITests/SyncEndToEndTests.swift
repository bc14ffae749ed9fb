import Foundation
import Testing

/// `registry sync` run by the binary against a server on 127.0.0.1: ANSSI's real editions one night after
/// another, and the traps between them — each changes nothing and exits as documented.
@Suite struct SyncEndToEndTests {
    let runner: BinaryRunner
    let server: LocalServer
    /// Retries without a pause: the tests need not wait for the backoff.
    static let quick = ["REGISTRY_SYNC_BACKOFF": "0"]

    init() throws {
        runner = try BinaryRunner()
        server = try LocalServer()
        _ = try runner.run(["init", "--empty"])
    }

    func point(at path: String) throws {
        let set = try runner.run([
            "sources", "set", "anssi-catalogue", "--url", server.url(path), "--kind", "anssi-catalogue",
        ])
        #expect(set.status == 0, "\(set.stderr)")
    }

    func sync(_ extra: [String] = []) throws -> BinaryRunner.Result {
        try runner.run(["sync", "--format", "json"] + extra, environment: Self.quick)
    }

    func outcome(_ result: BinaryRunner.Result) -> [String: Any]? {
        ((result.json as? [String: Any])?["sources"] as? [[String: Any]])?.first
    }

    @Test(
        arguments: [
            ("404", [LocalServer.Answer(status: 404)], [String](), 75, "answered 404"),
            ("500 every time", [LocalServer.Answer(status: 500)], [], 75, "answered 500"),
            (
                "a body cut short", [LocalServer.Answer(body: Data("%PDF-1.4 short".utf8), announced: 5_000)], [], 75,
                "cut short"
            ),
            (
                "a body slower than the timeout", [LocalServer.Answer(body: Data("%PDF".utf8), delay: 4)],
                ["--timeout", "1"], 75, ""
            ),
            (
                "a Content-Length over the limit", [LocalServer.Answer(body: Data("%PDF".utf8), announced: 1 << 30)],
                ["--max-bytes", "2048"], 65, "more than the limit"
            ),
            (
                "a redirect loop", [LocalServer.Answer(status: 302, headers: [("Location", "/trap")])], [], 65,
                "redirects"
            ),
            (
                "a redirect to plain HTTP elsewhere",
                [LocalServer.Answer(status: 301, headers: [("Location", "http://example.invalid/c.pdf")])], [], 65,
                "HTTPS only"
            ),
            (
                "an HTML challenge page with 200",
                [LocalServer.Answer.file(Data("<!DOCTYPE html><html><title>Just a moment...</title></html>".utf8))], [],
                65, "not the publication"
            ),
        ] as [(String, [LocalServer.Answer], [String], Int32, String)])
    func aTrapChangesNothingAndExitsAsDocumented(
        trap: String, answers: [LocalServer.Answer], options: [String], status: Int32, words: String
    ) throws {
        try point(at: "/trap")
        for answer in answers { server.answer("/trap", answer) }
        let before = try runner.run(["export"]).stdout
        let result = try sync(options)
        #expect(result.status == status, "\(trap): \(result.stdout)\(result.stderr)")
        #expect((outcome(result)?["message"] as? String ?? "").contains(words), "\(trap): \(result.stdout)")
        #expect(try runner.run(["export"]).stdout == before, "\(trap) changed the registry")
    }

    @Test func twoServerErrorsThenTheCopyIsRetriedThreeTimes() throws {
        try point(at: "/flaky")
        server.answer("/flaky", .init(status: 503), .init(status: 500), .file(Data("<html>late</html>".utf8)))
        let result = try sync()
        #expect(outcome(result)?["httpStatus"] as? Int == 200, "\(result.stdout)")
        #expect(server.received.count == 3)
        #expect(server.received.allSatisfy { $0.contains("User-Agent: registry/") })
    }

    @Test(
        .enabled(if: CatalogueEndToEndTests.available, "../shared/fixtures/anssi-catalogue is not beside the project"))
    func eachNightsEditionIsImportedOnceAndTheCopyComesBackByteForByte() throws {
        let december = try Data(contentsOf: CatalogueEndToEndTests.editions.appendingPathComponent("2025-12-05.pdf"))
        let march = try Data(contentsOf: CatalogueEndToEndTests.editions.appendingPathComponent("2026-03-04.pdf"))
        try point(at: "/catalogue.pdf")
        server.answer("/catalogue.pdf", .file(december, etag: "\"dec\""))
        let first = try sync()
        #expect(first.status == 0 && outcome(first)?["outcome"] as? String == "imported", "\(first.stdout)")
        #expect(outcome(first)?["edition"] as? String == "mis à jour le 05/12/2025 à 13:08:19")

        // An unchanged night: the server answers 304 to the copy's ETag.
        server.answer("/catalogue.pdf", .init(status: 304))
        let quiet = try sync()
        #expect(quiet.status == 0 && outcome(quiet)?["outcome"] as? String == "unchanged", "\(quiet.stdout)")
        #expect(server.received.last?.contains("If-None-Match: \"dec\"") == true)

        // A trap night, then the next edition.
        server.answer("/catalogue.pdf", .file(Data("<html>blocked</html>".utf8)))
        #expect(try sync().status == 65)
        server.answer("/catalogue.pdf", .file(march, etag: "\"mar\""))
        let next = try sync()
        #expect(next.status == 0 && outcome(next)?["edition"] as? String == "mis à jour le 04/03/2026 à 15:34:17")

        // The copy every fact cites comes back byte for byte.
        let sha = try #require(outcome(next)?["sha256"] as? String)
        let back = runner.folder.appendingPathComponent("back.pdf")
        #expect(try runner.run(["archive", "export", sha, "--out", back.path]).status == 0)
        #expect(try Data(contentsOf: back) == march)
        let query = try runner.run(["query", "--secnumcloud", "--valid-on", "2026-03-04", "--format", "json"])
        #expect(query.stdout.contains(sha))
    }

    /// A host's transparency page, configured for its offer: imported, unchanged the next night, and a
    /// challenge page served with 200 in its place refused, kept, and changing nothing.
    @Test func aHostsPageLandsOnItsOfferAndAChallengePageInItsPlaceChangesNothing() throws {
        let document = """
            {"format": "registry-json", "formatVersion": 1,
             "providers": [{"id": "ovhcloud", "name": "OVHcloud", "source": "test", "sourceKind": "provider-statement"}],
             "offers": [{"id": "ovhcloud/search-engine", "providerId": "ovhcloud", "name": "Search Engine",
                         "source": "test", "sourceKind": "provider-statement"}]}
            """
        let path = runner.folder.appendingPathComponent("ovhcloud.json")
        try Data(document.utf8).write(to: path)
        #expect(try runner.run(["import", "--source", "registry-json", path.path]).status == 0)
        let unknown = try runner.run([
            "sources", "set", "ovh-search", "--url", server.url("/page"), "--kind", "hds-transparency-page",
            "--offer", "ovhcloud/no-such-offer",
        ])
        #expect(unknown.status == 64 && unknown.stderr.contains("no offer has the id"), "\(unknown.stderr)")
        let set = try runner.run([
            "sources", "set", "ovh-search", "--url", server.url("/page"), "--kind", "hds-transparency-page",
            "--offer", "ovhcloud/search-engine",
        ])
        #expect(set.status == 0, "\(set.stderr)")
        let page = try Data(
            contentsOf: SourceShapeTests.root.appendingPathComponent(
                "Tests/Fixtures/transparency-ovhcloud-search-engine.html"))
        server.answer("/page", .file(page, etag: "\"p1\""))
        let first = try sync(["ovh-search"])
        #expect(first.status == 0 && outcome(first)?["outcome"] as? String == "imported", "\(first.stdout)")
        server.answer("/page", .init(status: 304))
        #expect(outcome(try sync(["ovh-search"]))?["outcome"] as? String == "unchanged")

        let before = try runner.run(["export"]).stdout
        let challenge = try Data(
            contentsOf: SourceShapeTests.root.appendingPathComponent("Tests/Fixtures/challenge-page.html"))
        server.answer("/page", .file(challenge))
        let trap = try sync(["ovh-search"])
        #expect(trap.status == 65 && (outcome(trap)?["message"] as? String ?? "").contains("not the publication"))
        #expect(try runner.run(["export"]).stdout == before)
        let archive = try runner.run(["archive", "--format", "json"]).stdout
        #expect(archive.contains(outcome(trap)?["sha256"] as? String ?? "-"), "the refused copy is kept to look at")
        let show = try runner.run(["show", "ovhcloud", "--format", "json"]).stdout
        #expect(show.contains("ovhcloud/search-engine-transparency-aiven-oy") && show.contains(server.url("/page")))
    }
}
