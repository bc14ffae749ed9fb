import Foundation
import RegistryCore
import RegistryRendering
import Testing

@testable import RegistryServer

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The desk's pages as functions: each route's status, content type and headers, its twins, its refusals.
@Suite struct RouteTests {
    static let day = Day(year: 2026, month: 12, day: 1)!
    let registry: Registry
    let desk: DeskServer

    init() throws {
        registry = try Registry.inMemory(clock: .pinned(to: Self.day))
        _ = try registry.loadSeeds()
        desk = try DeskServer(registry: registry, receiptKey: ReceiptKey())
    }

    func get(_ target: String, method: String = "GET", language: String? = nil) -> DeskResponse {
        desk.respond(to: DeskRequest(method: method, target: target, acceptLanguage: language))
    }

    @Test(arguments: [
        "/", "/offers?secnumcloud&hds", "/offers?profile=sensitive&why-not", "/providers/ovhcloud",
        "/offers/ovhcloud/hosted-private-cloud-snc", "/assess/s3ns", "/assess/ovhcloud/hosted-private-cloud-snc",
        "/expiring", "/history", "/sources",
    ])
    func everyPageIsHTMLWithTheSecurityHeaders(target: String) {
        let response = get(target)
        #expect(response.status == 200, "\(response.text.prefix(300))")
        #expect(response.header("Content-Type") == "text/html; charset=utf-8")
        #expect(response.header("Content-Security-Policy")?.contains("default-src 'self'") == true)
        #expect(response.header("Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
        #expect(response.header("X-Content-Type-Options") == "nosniff")
        #expect(response.header("Referrer-Policy") == "no-referrer")
        // No inline script: the only script is the binary's own file.
        #expect(!response.text.contains("<script>") && !response.text.contains("onclick="))
        #expect(response.text.contains("<main id=\"main\""))
    }

    /// The `.json` twins are the command line's renderings of the same question, byte for byte.
    @Test func jsonTwinsAreTheCommandLinesJSON() throws {
        var criteria = OfferCriteria(validOn: Self.day)
        criteria.secnumcloud = true
        criteria.hds = true
        let query = QueryRendering(answer: try registry.answer(criteria)).json.serialized() + "\n"
        #expect(get("/offers.json?secnumcloud&hds").text == query)
        let sheet = FactSheetRendering(sheet: try registry.show("ovhcloud", on: Self.day), day: Self.day)
        #expect(get("/providers/ovhcloud.json").text == sheet.json.serialized() + "\n")
        let assessment = AssessmentRendering(assessment: try registry.assess("s3ns", on: Self.day))
        #expect(get("/assess/s3ns.json").text == assessment.json.serialized() + "\n")
        let expiring = ExpiringRendering(facts: try registry.expiring(within: 90, on: Self.day))
        #expect(get("/expiring.json").text == expiring.list.render(.json))
        #expect(get("/offers.csv?ugap").text == QueryRendering(answer: try registry.answer(ugap)).render(.csv))
        #expect(get("/offers.json?secnumcloud&hds").header("Content-Type") == "application/json; charset=utf-8")
    }

    /// An offer's assessment page shows its CSF levels with the disclaimer; `seal-min` is the command line's
    /// `--seal-min`, byte for byte in the twin.
    @Test func theAssessmentPageShowsCSFLevelsAndSealMinFilters() throws {
        let page = get("/assess/bleu/cloud", language: "en")
        #expect(page.text.contains("SEAL levels of the EU Cloud Sovereignty Framework"))
        #expect(page.text.contains("not an assessment by the European Commission"))
        #expect(!get("/assess/s3ns", language: "en").text.contains("SEAL levels"), "levels are per offer")
        var criteria = OfferCriteria(validOn: Self.day)
        criteria.sealMin = 2
        let twin = QueryRendering(answer: try registry.answer(criteria)).json.serialized() + "\n"
        #expect(get("/offers.json?seal-min=2").text == twin)
        #expect(get("/offers?seal-min=9").status == 400)
    }

    /// Each language with its own typography: French puts a no-break space before « : », English none; and no
    /// template writes a colon of either language by hand.
    @Test(arguments: ["/offers?secnumcloud&hds", "/providers/ovhcloud", "/assess/bleu/cloud", "/sources"])
    func eachLanguageHasItsOwnTypography(target: String) throws {
        let english = get(target, language: "en").text
        let french = get(target, language: "fr").text
        #expect(!english.contains("Results :") && !english.contains("Export :") && !english.contains("Source :"))
        #expect(french.contains("\u{00A0}:"), "French typography")
        for template in try FileManager.default.contentsOfDirectory(atPath: Self.templates.path) {
            let text = try String(contentsOf: Self.templates.appendingPathComponent(template), encoding: .utf8)
            #expect(!text.contains(" : ") && !text.contains(" ; "), "\(template) writes a colon by hand")
        }
    }

    /// The offers page words each fact in the reader's language: statuses, days, source kinds and every notice
    /// of every piece of evidence and listing shown, on several questions; what the sources wrote stays as is.
    @Test(arguments: ["secnumcloud&hds", "hds&ugap", "secnumcloud&include-in-progress", "include-leads"])
    func theOffersPageWordsEachFactInTheReadersLanguage(question: String) throws {
        let answer = try registry.answer(OfferCriteria(parameters: parameters(question), today: Self.day))
        let english = get("/offers?\(question)&valid-on=\(Self.day)", language: "en").text
        let french = get("/offers?\(question)&valid-on=\(Self.day)", language: "fr").text
        let (en, fr) = (Words(language: .en), Words(language: .fr))
        for match in answer.matches.prefix(PageContext.pageSize) {
            for item in match.evidence {
                let a = item.attestation
                #expect(french.contains(escaped(fr.status(a))) && english.contains(escaped(en.status(a))))
                if let expires = a.expiresOn { #expect(french.contains(fr.date(expires)), "\(a.id)") }
                #expect(french.contains(fr.kind(a.sourceKind)) && english.contains(en.kind(a.sourceKind)))
                for notice in item.notices {
                    #expect(french.contains(escaped(fr.notice(notice))), "\(a.id): \(notice)")
                    #expect(english.contains(escaped(en.notice(notice))), "\(a.id): \(notice)")
                    #expect(!french.contains(escaped(notice.english)), "\(a.id): English on the French page")
                }
            }
            for listing in match.catalogues {
                #expect(french.contains(escaped(fr.listing(listing))) && english.contains(escaped(en.listing(listing))))
            }
        }
        #expect(!answer.matches.isEmpty)
    }

    /// The provider facet offers the providers with the most matching offers, at most `providerLimit`, and
    /// always the one chosen; the search finds the others.
    @Test func theProviderFacetOffersTheLargestProvidersAndTheChosenOne() throws {
        let registry = try Registry.inMemory(clock: .pinned(to: Self.day))
        var providers: [String] = []
        var offers: [String] = []
        for index in 0..<40 {
            let id = String(format: "p%02d", index)
            providers.append(
                #"{"id": "\#(id)", "name": "Provider \#(id)", "source": "https://example.org", "sourceKind": "press"}"#)
            for offer in 0..<(1 + index % 3) {
                offers.append(
                    #"{"id": "\#(id)/o\#(offer)", "providerId": "\#(id)", "name": "Offer \#(offer)", "#
                        + #""source": "https://example.org", "sourceKind": "press"}"#)
            }
        }
        let json =
            #"{"format": "registry-json", "formatVersion": 1, "providers": ["#
            + providers.joined(separator: ",") + #"], "offers": ["# + offers.joined(separator: ",") + "]}"
        let document = try JSONDecoder().decode(RegistryDocument.self, from: Data(json.utf8))
        try registry.importDocument(document, origin: "fixture")
        let desk = try DeskServer(registry: registry, receiptKey: nil)
        let page = { (target: String) in desk.respond(to: DeskRequest(method: "GET", target: target)).text }
        let offered = { (text: String) in Set(text.matches(of: /provider=(p\d\d)/).map { String($0.1) }) }
        let all = offered(page("/offers"))
        let threes = Set((0..<40).filter { $0 % 3 == 2 }.map { String(format: "p%02d", $0) })
        let twos = Set((0..<40).filter { $0 % 3 == 1 }.map { String(format: "p%02d", $0) })
        let ones = (0..<40).filter { $0 % 3 == 0 }.map { String(format: "p%02d", $0) }
        #expect(all.count == Facets.providerLimit)
        #expect(threes.union(twos).isSubset(of: all), "the providers with the most offers come first")
        #expect(all == threes.union(twos).union(ones.prefix(4)), "ties by id")
        #expect(offered(page("/offers?provider=p39")).contains("p39"), "the chosen provider stays offered")
    }

    /// The page reads the evidence of the results it shows: the same range its cards come from.
    @Test func thePageShownIsWithinTheResults() {
        #expect(PageContext.shown(page: 1, of: 120) == 0..<50)
        #expect(PageContext.shown(page: 3, of: 120) == 100..<120)
        #expect(PageContext.shown(page: 99, of: 120) == 100..<120)
        #expect(PageContext.shown(page: -4, of: 120) == 0..<50)
        #expect(PageContext.shown(page: 1, of: 0) == 0..<0)
        #expect(PageContext.shown(page: 2, of: 50) == 0..<50)
    }

    @Test func daysAreWrittenInEachLanguage() {
        let first = Day(year: 2026, month: 12, day: 1)!
        #expect(Words(language: .fr).date(first) == "1er décembre 2026")
        #expect(Words(language: .en).date(first) == "1 December 2026")
        #expect(Words(language: .fr).date(Day(year: 2025, month: 8, day: 15)!) == "15 août 2025")
        #expect(Words(language: .fr).date(nil as Day?) == "inconnu")
    }

    func parameters(_ query: String) -> [(name: String, value: String)] {
        query.split(separator: "&").map { item in
            let pair = item.split(separator: "=", maxSplits: 1).map(String.init)
            return (pair[0], pair.count > 1 ? pair[1] : "")
        }
    }

    func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/RegistryServer/Templates")

    var ugap: OfferCriteria {
        var criteria = OfferCriteria(validOn: Self.day)
        criteria.catalogues = ["ugap"]
        return criteria
    }

    /// Every facet option's count is the number of results of the page it links to, on several questions. (A
    /// chosen option shows the current count: its link removes it.)
    @Test(arguments: [
        "/offers", "/offers?secnumcloud", "/offers?hds&hosted-in=FR", "/offers?ugap&model=iaas",
        "/offers?immune&include-unknown", "/offers?hds-activity=2&include-in-progress", "/offers?profile=health",
        "/offers?valid-on=2026-09-15&secnumcloud&include-leads", "/offers?secnumcloud=off&hds=on&catalogue=UGAP",
    ])
    func eachFacetCountIsTheCountOfItsLink(target: String) throws {
        let page = get(target).text
        let options = try Regex(
            #"<a href="(/offers[^"]*)"><span class="box"[^<]*</span>[^<]*</a> <span class="count">(\d+)</span>"#)
        var checked = 0
        for match in page.matches(of: options) {
            let href = String(match.output[1].substring ?? "").replacingOccurrences(of: "&amp;", with: "&")
            let count = Int(match.output[2].substring ?? "") ?? -1
            let twin = get(
                href == "/offers" ? "/offers.json" : href.replacingOccurrences(of: "/offers?", with: "/offers.json?"))
            let json = try JSONSerialization.jsonObject(with: Data(twin.body)) as? [String: Any]
            #expect(json?["count"] as? Int == count, "\(href) is counted \(count)")
            checked += 1
        }
        #expect(checked >= 20, "only \(checked) facet options found")
    }

    /// A facet shows as chosen exactly when the question asks it: `secnumcloud=off` is not SecNumCloud.
    @Test func aSwitchTurnedOffIsNotShownChosen() throws {
        let chosen = { (target: String) in
            self.get(target).text.matches(
                of: #/<li class="chosen"><a [^>]*><span class="box" aria-hidden="true">☑</span> ([^<]*)</a>/#
            )
            .map { String($0.output.1) }
        }
        #expect(chosen("/offers?secnumcloud=off&hds=false").isEmpty)
        #expect(chosen("/offers?secnumcloud=on&hds") == ["SecNumCloud", "HDS"])
        #expect(chosen("/offers?catalogue=UGAP").contains { $0.hasPrefix("UGAP") })
        let off = get("/offers?secnumcloud=off").text
        #expect(
            off.contains(
                "<span class=\"result-count\">\(try registry.answer(OfferCriteria(validOn: Self.day)).matches.count)</span>"
            ))
        // Its SecNumCloud link asks SecNumCloud once, not twice.
        #expect(off.contains("href=\"/offers?secnumcloud\""))
    }

    @Test func resultsComeFiftyToAPageAndTheTwinsHoldThemAll() throws {
        let providers = (0..<30).map {
            #"{"id": "p\#($0)", "name": "P\#($0)", "source": "https://example.org", "sourceKind": "press", "aliases": []}"#
        }
        let offers = (0..<30).map {
            #"{"id": "p\#($0)/o", "providerId": "p\#($0)", "name": "O", "source": "https://example.org", "sourceKind": "press", "sites": []}"#
        }
        let document = """
            {"format": "registry-json", "formatVersion": 1, "providers": [\(providers.joined(separator: ","))],
             "offers": [\(offers.joined(separator: ","))]}
            """
        _ = try registry.importDocument(
            try DocumentReader.decode(Data(document.utf8), origin: "many.json"), origin: "many.json")
        let all = try registry.answer(OfferCriteria(validOn: Self.day)).matches.count
        #expect(all > 50)
        let cards = { (target: String) in
            self.get(target).text.components(separatedBy: "<article class=\"card\">").count - 1
        }
        #expect(cards("/offers") == 50)
        #expect(cards("/offers?page=2") == all - 50)
        #expect(cards("/offers?page=99") == all - 50)
        #expect(get("/offers").text.contains("rel=\"next\""))
        #expect(get("/offers.json?page=2").status == 400)
        let twin = try JSONSerialization.jsonObject(with: Data(get("/offers.json").body)) as? [String: Any]
        #expect((twin?["results"] as? [Any])?.count == all)
    }

    @Test func aProfileSaysWhatItLeavesOutAndWhy() {
        let page = get("/offers?profile=sensitive").text
        #expect(page.contains("id=\"excluded-heading\""))
        #expect(page.contains("<code>--immune</code>") || page.contains("<code>--secnumcloud</code>"))
    }

    @Test func aHostileNameIsTextOnEveryPage() throws {
        let document = """
            {"format": "registry-json", "formatVersion": 1,
             "providers": [{"id": "evil", "name": "<script>alert(1)</script>", "source": "https://example.org/\\"><b>",
                            "sourceKind": "press", "aliases": []}],
             "offers": [{"id": "evil/cloud", "providerId": "evil", "name": "<img src=x onerror=alert(1)>",
                         "source": "javascript:alert(1)", "sourceKind": "press", "sites": []}],
             "listEditions": [{"source": "catalogue", "title": "<b>UGAP</b>", "url": "javascript:alert(2)",
                               "editionOn": "2026-09-01"}]}
            """
        _ = try registry.importDocument(
            try DocumentReader.decode(Data(document.utf8), origin: "evil.json"), origin: "evil.json")
        for target in [
            "/offers?search=evil", "/providers/evil", "/offers/evil/cloud", "/assess/evil", "/history", "/history.atom",
            "/providers/evil/history.atom", "/sources",
        ] {
            let text = get(target).text
            #expect(
                !text.contains("<script>alert") && !text.contains("<img src=x") && !text.contains("\"><b>"), "\(target)"
            )
            #expect(!text.contains("href=\"javascript:"), "\(target)")
        }
        #expect(get("/offers?search=evil").text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test(arguments: [
        ("/offers?colour=red", 400, "unknown parameter &#39;colour&#39;; this page takes: secnumcloud, hds"),
        ("/offers?hds-activity=7", 400, "--hds-activity 7 does not exist; HDS activities are 1 to 6"),
        ("/offers?cert=iso9001", 400, "unknown scheme &#39;iso9001&#39;"),
        ("/offers?valid-on=2026-02-30", 400, "is not a day that exists"),
        ("/offers?as-of=yesterday", 400, "is not a moment"),
        ("/providers/nobody", 404, "no provider or offer has the id"),
        ("/providers/ovhcloud?secnumcloud", 400, "this page takes: valid-on, as-of, lang"),
        ("/nowhere", 404, "/nowhere"),
        ("/assets/..%2F..%2Fetc%2Fpasswd", 400, "not well formed"),
        ("/assets/passwd", 404, "Page"),
        ("/offers?search=%ZZ", 400, "not well formed"),
    ])
    func badRequestsSayWhy(target: String, status: Int, message: String) {
        let response = get(target)
        #expect(response.status == status)
        #expect(response.text.contains(message), "\(response.text.suffix(400))")
    }

    @Test func aBadJSONRequestIsTheCommandLinesErrorAsJSON() throws {
        let response = get("/offers.json?hds-activity=7")
        #expect(response.status == 400)
        let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        #expect(json?["error"] as? String == "--hds-activity 7 does not exist; HDS activities are 1 to 6")
        #expect(json?["exitCode"] as? Int == 64)
    }

    @Test(arguments: ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
    func onlyGetAndHead(method: String) {
        let response = get("/offers", method: method)
        #expect(response.status == 405)
        #expect(response.header("Allow") == "GET, HEAD")
    }

    @Test func headIsGetWithoutABody() {
        let head = get("/offers?secnumcloud", method: "HEAD")
        #expect(head.status == 200 && head.body.isEmpty)
        let page = get("/offers?secnumcloud")
        #expect(head.header("Content-Type") == page.header("Content-Type"))
        #expect(head.header("Content-Length") == "\(page.body.count)", "HEAD's headers are GET's (RFC 9110 §9.3.2)")
    }

    @Test func limitsOnTheAddress() {
        #expect(get("/offers?search=" + String(repeating: "a", count: 5_000)).status == 414)
        let many = (0..<70).map { _ in "cert=iso27001" }.joined(separator: "&")
        #expect(get("/offers?" + many).status == 400)
    }

    @Test func frenchByDefaultEnglishOnRequest() {
        #expect(get("/offers").text.contains("<html lang=\"fr\">"))
        #expect(get("/offers?lang=en").text.contains("<html lang=\"en\">"))
        #expect(get("/offers", language: "en-GB,en;q=0.8").text.contains("<html lang=\"en\">"))
        #expect(get("/offers", language: "de-DE,fr;q=0.5").text.contains("<html lang=\"fr\">"))
    }

    /// The registry's own sentences — tests, facts cited, CSF answers, why an offer is left out, what the facts
    /// leave unknown — read in the page's language, with its typography, on every seeded offer.
    @Test func theRegistrysOwnSentencesAreInThePagesLanguage() throws {
        var all = OfferCriteria(validOn: Self.day)
        all.includeUnknown = true
        let offers = try registry.query(all).map(\.offer.id)
        #expect(offers.count > 20)
        func expectIn(_ page: String, _ phrases: [Phrase], _ where_: String) {
            let french = Self.readable(page)
            for phrase in phrases {
                let shown = Words(language: .fr).phrase(phrase)
                #expect(french.contains(shown), "\(where_): « \(shown) » is not on the French page")
                if phrase.english != phrase.french {
                    #expect(!french.contains(phrase.english), "\(where_): « \(phrase.english) » is on the French page")
                }
            }
        }
        for id in offers {
            let assessment = try registry.assess(id, on: Self.day)
            let csf = try registry.assessCSF(id, on: Self.day)
            let phrases =
                assessment.tests.flatMap { [$0.title, $0.explanation] + $0.evidence.map(\.text) }
                + csf.answers.filter { $0.kind != .unknown }.map(\.explanation)
            expectIn(get("/assess/\(id)?valid-on=2026-12-01").text, phrases, id)
            let english = Self.readable(get("/assess/\(id)?valid-on=2026-12-01&lang=en").text)
            for phrase in phrases { #expect(english.contains(phrase.english), "\(id): « \(phrase.english) »") }
        }
        for question in ["profile=sensitive&why-not", "sovereign&include-unknown", "hds-activity=5&why-not"] {
            let parameters = question.split(separator: "&").map { item in
                let pair = item.split(separator: "=", maxSplits: 1).map(String.init)
                return (name: pair[0], value: pair.count > 1 ? pair[1] : "")
            }
            let answer = try registry.answer(OfferCriteria(parameters: parameters, today: Self.day))
            let phrases = answer.excluded.prefix(50).map(\.failed.explanation) + answer.matches.flatMap(\.flags)
            #expect(!phrases.isEmpty, "\(question)")
            expectIn(get("/offers?\(question)&valid-on=2026-12-01").text, phrases, question)
        }
        let freshness = try registry.publicationFreshness(on: Self.day)
        let warnings = freshness.flatMap(\.warnings) + freshness.compactMap(\.newestEdition)
        #expect(!warnings.isEmpty, "the seeds' transcription is older than the catalogue's cadence")
        expectIn(get("/sources").text, warnings, "/sources")
        let stale = try registry.expiring(within: 90, on: Self.day).filter(\.staleStatus)
        let expiring = Self.readable(get("/expiring").text)
        #expect(!stale.isEmpty)
        for fact in stale {
            #expect(expiring.contains(Words(language: .fr).staleWarning(fact)))
            #expect(!expiring.contains("but still marked") && !expiring.contains(">\(fact.status)<"))
        }
    }

    /// A page's text with the entities the templates write put back.
    static func readable(_ html: String) -> String {
        html.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&#x27;", with: "'")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test(arguments: [
        "/history.atom", "/providers/ovhcloud/history.atom", "/offers/ovhcloud/hosted-private-cloud-snc/history.atom",
    ])
    func feedsAreAtom(target: String) throws {
        let response = get(target)
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/atom+xml; charset=utf-8")
        let reader = AtomReader()
        let parser = XMLParser(data: Data(response.body))
        parser.delegate = reader
        #expect(parser.parse(), "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
        #expect(reader.root == "feed" && reader.namespace == "http://www.w3.org/2005/Atom")
        // RFC 4287 §4.1.1: a feed has an id, a title and an updated; so does each entry (§4.1.2).
        #expect(reader.feedChildren.isSuperset(of: ["id", "title", "updated"]))
        #expect(reader.entries > 0)
        #expect(reader.entriesComplete)
    }

    @Test func anUnknownIdHasNoFeed() {
        #expect(get("/providers/nobody/history.atom").status == 404)
    }

    @Test func theReceiptDownloadedVerifies() throws {
        let response = get("/offers.receipt?secnumcloud&hds")
        #expect(response.status == 200)
        #expect(response.header("Content-Disposition")?.contains("registry-receipt.json") == true)
        let receipt = try QueryReceipt(file: Data(response.body), origin: "download")
        let verification = try registry.verify(receipt, origin: "download")
        #expect(verification.differences.isEmpty)
        #expect(verification.signer == desk.receiptKey?.fingerprint)
    }
}

/// Reads just enough of an Atom document to check its required elements.
final class AtomReader: NSObject, XMLParserDelegate {
    var root: String?
    var namespace: String?
    var feedChildren: Set<String> = []
    var entries = 0
    var entriesComplete = true
    private var path: [String] = []
    private var entryChildren: Set<String> = []

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if path.isEmpty {
            root = name
            namespace = attributes["xmlns"] ?? namespaceURI
        }
        if path == ["feed"] { feedChildren.insert(name) }
        if path == ["feed", "entry"] { entryChildren.insert(name) }
        if name == "entry" { entryChildren = [] }
        path.append(name)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        path.removeLast()
        if name == "entry" {
            entries += 1
            entriesComplete = entriesComplete && entryChildren.isSuperset(of: ["id", "title", "updated"])
        }
    }
}
