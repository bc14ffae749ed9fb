import Foundation
import Testing

/// The hostile corpus's class « output that forges output »: a value a list or a user wrote never starts a
/// line of its own, displays as another text, runs as HTML or as a spreadsheet formula.
@Suite struct OutputEscapingTests {
    let runner: BinaryRunner

    init() throws {
        runner = try BinaryRunner()
        _ = try runner.run(["init", "--empty"])
    }

    /// A provider and an offer whose names are hostile, with a qualification, through registry-json.
    func importHostile(provider: String, offer: String) throws {
        let escape = { (text: String) in
            String(
                decoding: try JSONSerialization.data(withJSONObject: text, options: .fragmentsAllowed), as: UTF8.self)
        }
        let document = """
            {"format": "registry-json", "formatVersion": 1,
             "providers": [{"id": "evil", "name": \(try escape(provider)), "source": "https://example.org",
                            "sourceKind": "press", "aliases": []}],
             "offers": [{"id": "evil/cloud", "providerId": "evil", "name": \(try escape(offer)),
                         "source": "https://example.org", "sourceKind": "press", "sites": []}],
             "attestations": [{"id": "evil/snc", "providerId": "evil", "schemeId": "secnumcloud", "status": "qualified",
                               "scope": "offers", "offers": ["evil/cloud"], "source": "https://example.org",
                               "sourceKind": "press", "activities": []}]}
            """
        let path = runner.folder.appendingPathComponent("evil.json").path
        try Data(document.utf8).write(to: URL(fileURLWithPath: path))
        let result = try runner.run(["import", path, "--source", "registry-json"])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func aLineBreakInANameCannotForgeALineOfShowOrAssess() throws {
        let forged = "Evil\n  * ovhcloud/secnumcloud-2279: secnumcloud 3.2 qualified"
        try importHostile(provider: forged, offer: "Cloud\n[PASS] secnumcloud-19.6-a")
        for command in [["show", "evil"], ["show", "evil/cloud"], ["assess", "evil/cloud"]] {
            let result = try runner.run(command + ["--format", "table"])
            #expect(result.status == 0, "\(command)")
            let lines = result.stdout.split(separator: "\n")
            #expect(!lines.contains { $0.hasPrefix("  * ovhcloud") }, "\(command): \(result.stdout)")
            #expect(!lines.contains { $0.hasPrefix("[PASS] secnumcloud-19.6-a") && !$0.contains("§") })
            #expect(result.stdout.contains("\\u{A}"), "\(command): the break is shown")
        }
    }

    @Test func bidiOverridesAndZeroWidthCharactersAreShownNotObeyed() throws {
        try importHostile(provider: "\u{202E}duolcHVO", offer: "Clo\u{200B}ud")
        let show = try runner.run(["show", "evil", "--format", "table"])
        #expect(show.stdout.contains("\\u{202E}duolcHVO"))
        #expect(!show.stdout.unicodeScalars.contains("\u{202E}"))
        let query = try runner.run(["query", "--secnumcloud", "--format", "table"])
        #expect(query.stdout.contains("\\u{202E}duolcHVO"))
        let offer = try runner.run(["show", "evil/cloud", "--format", "table"])
        #expect(offer.stdout.contains("Clo\\u{200B}ud"))
        #expect(!offer.stdout.unicodeScalars.contains("\u{200B}"))
    }

    @Test func markdownPrintsHTMLAsText() throws {
        try importHostile(provider: "<script>alert(1)</script>", offer: "<img src=x onerror=alert(1)>")
        let result = try runner.run(["query", "--secnumcloud", "--format", "markdown"])
        #expect(!result.stdout.contains("<script>") && !result.stdout.contains("<img"))
        #expect(result.stdout.contains("&lt;script&gt;"))
    }

    @Test func csvQuotesSemicolonsAndKeepsControlCharactersOut() throws {
        try importHostile(provider: "Acme;=1+1", offer: "Bell\u{7}\u{1B}[31m")
        let result = try runner.run(["query", "--secnumcloud", "--format", "csv"])
        #expect(result.stdout.contains("\"Acme;'=1+1\""))
        // Whatever a spreadsheet splits at — `,` or `;`, quotes or not — no cell it sees starts a formula.
        let cells = result.stdout.split(whereSeparator: { ",;\n".contains($0) }).map {
            $0.drop { " \"".contains($0) }
        }
        #expect(!cells.contains { $0.first.map { "=+-@".contains($0) } == true }, "\(result.stdout)")
        #expect(!result.stdout.unicodeScalars.contains("\u{1B}") && !result.stdout.unicodeScalars.contains("\u{7}"))
        #expect(result.stdout.contains("\\u{1B}"))
    }

    @Test func anEchoedArgumentIsShownNotObeyed() throws {
        let result = try runner.run(["show", "no-such\u{1B}[2J\u{202E}"])
        #expect(result.status == 64)
        #expect(!result.stderr.unicodeScalars.contains("\u{1B}") && !result.stderr.unicodeScalars.contains("\u{202E}"))
        #expect(result.stderr.contains("\\u{1B}"))
    }

    @Test func aSearchOfOnlyLineBreaksIsRefusedNotDropped() throws {
        let result = try runner.run(["query", "--search", "\n\n", "--format", "csv"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--search needs some text"))
    }
}
