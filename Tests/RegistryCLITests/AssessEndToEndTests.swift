import Foundation
import Testing

extension EndToEndTests {
    @Test func assessFollowsItsJSONContract() throws {
        let result = try runner.run(["assess", "aws", "--format", "json"])
        #expect(result.status == 0)
        let object = try #require(result.json as? [String: Any])
        #expect(
            (object["subject"] as? [String: String]) == [
                "kind": "provider", "id": "aws", "name": "Amazon Web Services (AWS)",
            ])
        #expect(object["immune"] as? String == "fail")
        #expect(object["sovereign"] is NSNull)
        let tests = try #require(object["tests"] as? [[String: Any]])
        #expect(tests.compactMap { $0["id"] as? String } == ["secnumcloud-19.6-a", "secnumcloud-19.6-b"])
        #expect((tests[1]["explanation"] as? String)?.contains("Amazon.com, Inc. (US)") == true)
        #expect(Set(tests[1].keys) == ["id", "title", "result", "explanation", "evidence"])
    }

    @Test func theSensitiveProfileExplainsEveryExclusion() throws {
        let result = try runner.run(["query", "--profile", "sensitive", "--why-not", "--format", "json"])
        #expect(result.status == 0)
        let object = try #require(result.json as? [String: Any])
        let excluded = try #require(object["excluded"] as? [[String: Any]])
        let results = try #require(object["results"] as? [Any])
        let offers = try #require(try runner.run(["export"]).json as? [String: Any])["offers"] as? [Any]
        #expect(excluded.count + results.count == offers?.count)
        for entry in excluded {
            let failed = try #require(entry["failed"] as? [String: Any])
            #expect((failed["explanation"] as? String)?.isEmpty == false)
            #expect(Set(entry.keys) == ["provider", "offer", "failed"])
        }
    }

    @Test(arguments: [
        (["profiles", "--format", "csv"], "sensitive,Sensitive State data"),
        (["expiring", "--within", "1000", "--format", "csv"], "clever-cloud/hds"),
        (["show", "ovhcloud", "--as-of", "2000-01-01"], "no provider or offer has the id 'ovhcloud'"),
        (
            ["query", "--profile", "secret"],
            "unknown profile 'secret'; use one of: health, sensitive, sensitive-health"
        ),
        (["query", "--as-of", "yesterday"], "'yesterday' is not a moment"),
    ])
    func assessmentCommandsAnswerOrExplain(arguments: [String], expected: String) throws {
        let result = try runner.run(arguments)
        #expect((result.stdout + result.stderr).contains(expected), "\(result.stdout)\(result.stderr)")
    }
}
