import Foundation
import GRDB
import Testing

@testable import RegistryCore

/// Hosts' transparency pages (HDS 2024, exigence 31) read as published: pages written from the headers and
/// rows `../shared/facts/publications-2026-12.md` quotes (Tests/Fixtures/README.md says which), then pages
/// written for each shape the reader must know or refuse.
@Suite struct TransparencyPageTests {
    static let fixtures = EmbeddedFilesTests.root.appendingPathComponent("Tests/Fixtures")

    static func page(_ name: String) throws -> TransparencyPage {
        try TransparencyPage.read(try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    /// A page of one table: the header cells, then each row's cells, as HTML cells already.
    static func html(_ header: [String], _ rows: [[String]]) -> Data {
        let cells = { (tag: String, row: [String]) in row.map { "<\(tag)>\($0)</\(tag)>" }.joined() }
        let body = ([cells("th", header)] + rows.map { cells("td", $0) }).map { "<tr>\($0)</tr>" }.joined(
            separator: "\n")
        return Data(
            "<!DOCTYPE html><html><head><meta charset=utf-8></head><body><table>\(body)</table></body></html>".utf8)
    }

    static let ovhHeader = [
        "Raison sociale de l'acteur", "Rôle dans le cadre de la prestation d'hébergement", "Certfié HDS",
        "Qualifié SecNumCloud 3.2", "Activités d'hébergement sur lesquelles l'acteur intervient",
        "Exigence n°29 du référentiel HDS", "Exigence n°30 du référentiel HDS",
    ]

    // MARK: - Reading

    @Test func ovhcloudsPageReadsTheHostRowWithItsActivitiesByLabelAndItsFootnoteApart() throws {
        let page = try Self.page("transparency-ovhcloud-file-storage.html")
        // The navigation table and the table inside a script are not transparency tables.
        #expect(page.rows.count == 1)
        let row = try #require(page.rows.first)
        #expect(row.actor == "OVHcloud" && row.role == .host && row.hdsCertified == .yes)
        #expect(row.secnumcloud32 == false)
        #expect(row.activities == [1, 2, 3, 4, 5, 6])
        #expect(row.accessFromOutsideEEA == false && row.exigence30 == false)
        #expect(row.exigence30Text == "Non", "the footnote mark is not part of the answer")
        #expect(row.marks == ["exigence 30: note 1"])
    }

    @Test func aSubcontractorOutsideTheEEAIsReadWithItsCountriesAndExemption() throws {
        let page = try Self.page("transparency-ovhcloud-search-engine.html")
        #expect(page.rows.map(\.actor) == ["OVHcloud", "Aiven OY"], "the table of 19.6 measures is not read as rows")
        let aiven = page.rows[1]
        #expect(aiven.role == .subcontractor && aiven.hdsCertified == .exempt && aiven.secnumcloud32 == false)
        #expect(aiven.activities == [4, 5, 6])
        #expect(aiven.accessFromOutsideEEA == true && aiven.exigence29?.contains("Canada, Royaume-Uni") == true)
        #expect(aiven.exigence30 == true)
        #expect(aiven.marks == ["hds certified: note 2", "exigence 30: note 3"])
        #expect(page.rows[0].activities == [1, 2, 3], "activities written one per paragraph")
    }

    @Test func cloudTemplesEnglishPageSpreadsItsRowSpansAndReadsActivityNumbers() throws {
        let page = try Self.page("transparency-cloud-temple-en.html")
        #expect(page.rows.map(\.actor) == ["Cloud Temple", "Cloud Temple", "Freelance engineers based in Tunisia"])
        #expect(page.rows.map(\.role) == [.host, .host, .subcontractor])
        #expect(page.rows.map(\.activities) == [[2, 3, 4, 6], [5], [5]])
        #expect(page.rows.map(\.secnumcloud32) == [true, false, false])
        #expect(page.rows.map(\.accessFromOutsideEEA) == [false, false, true])
    }

    @Test(
        arguments: [
            ("Raison sociale de l'acteur", TransparencyPage.Column.actor),
            ("Company name", .actor),
            ("Rôle dans le cadre de la prestation d'hébergement", .role),
            ("Role in providing accommodation", .role),
            ("Certfié HDS", .hdsCertified), ("HDS certified", .hdsCertified), ("Certifié HDS", .hdsCertified),
            ("Qualifié SecNumCloud 3.2", .secnumcloud), ("SecNumCloud 3.2 qualified", .secnumcloud),
            ("Qualification SecNumCloud 3.2", .secnumcloud),
            ("Activités d'hébergement sur lesquelles l'acteur intervient", .activities),
            ("Accommodation activities in which the player is involved", .activities),
            ("Exigence n°29 du référentiel HDS", .exigence29), ("Exigence n°30 du référentiel HDS", .exigence30),
            (
                "Access to personal health data from countries outside the European Economic Area, by the Host or one of its subcontractors (requirement no. 29 of the HDS standard)",
                .exigence29
            ),
            (
                "Host or subcontractor subject to a risk of access to personal health data imposed by the legislation of a third country in breach of EU law (requirement no. 30 of the HDS standard)",
                .exigence30
            ),
            ("Accès pays tiers EEE", .exigence29), ("Risque d'accès imposé", .exigence30),
        ] as [(String, TransparencyPage.Column)])
    func aHeaderIsReadByTheWordsHostsUse(label: String, column: TransparencyPage.Column) {
        #expect(TransparencyPage.column(label) == column)
    }

    @Test(
        arguments: [
            ("1° … 6°", [1, 6]),
            ("2, 3, 4, 6", [2, 3, 4, 6]),
            ("HDS-certified activities: 5", [5]),
            ("1° à 4° et 6°", [1, 2, 3, 4, 6]),
            ("1-6", [1, 2, 3, 4, 5, 6]),
            ("1<sup>o</sup> et 2<sup>o</sup>", [1, 2]),
            // By meaning where a label is given: a host numbering activities otherwise than the decree.
            ("3° La mise à disposition et le maintien en condition opérationnelle de l'infrastructure virtuelle", [4]),
            ("4° la plateforme d'hébergement d'applications", [3]),
            ("Externalised backups of health data", [6]),
        ] as [(String, [Int])])
    func activitiesAreReadByLabelElseByNumber(cell: String, expected: [Int]) throws {
        let page = try TransparencyPage.read(
            Self.html(Self.ovhHeader, [["Hôte", "Hébergeur", "Oui", "Non", cell, "Non", "Non"]]))
        #expect(page.rows.first?.activities == expected)
    }

    // MARK: - Refusals

    @Test(
        arguments: [
            ("a bot-protection page", "challenge-page.html", "not the publication"),
            ("a PDF where a page is expected", "", "not the publication"),
        ])
    func aPageWithoutATransparencyTableIsNotThePublication(what: String, fixture: String, words: String) throws {
        let data =
            fixture.isEmpty
            ? Data("%PDF-1.7\n1 0 obj << >> endobj".utf8)
            : try Data(contentsOf: Self.fixtures.appendingPathComponent(fixture))
        #expect(throws: InputProblem.self, "\(what)") { try TransparencyPage.read(data) }
        do {
            _ = try TransparencyPage.read(data)
        } catch {
            #expect(error.message.contains(words), "\(what): \(error.message)")
        }
    }

    @Test(
        arguments: [
            (["Acme", "Prestataire", "Oui", "Non", "1", "Non", "Non"], "role", "table 1, row 2"),
            (["Acme", "Hébergeur", "Peut-être", "Non", "1", "Non", "Non"], "hds certified", "table 1, row 2"),
            (["Acme", "Hébergeur", "Oui", "Non", "HDS 2024", "Non", "Non"], "activities", "table 1, row 2"),
            (["", "Hébergeur", "Oui", "Non", "1", "Non", "Non"], "actor", "table 1, row 2"),
        ])
    func aCellTheReaderCannotTellRefusesThePageNamingItsPlace(cells: [String], column: String, place: String) {
        do {
            _ = try TransparencyPage.read(Self.html(Self.ovhHeader, [cells]))
            Issue.record("\(cells) was read")
        } catch {
            #expect(error.column == column && error.record == place, "\(error)")
        }
    }

    @Test func aHeaderNamingOneColumnTwiceIsRefused() {
        // Cloud Temple's French page: « Activités certifiées HDS » heads two columns.
        let header = [
            "Raison sociale", "Rôle", "Activités certifiées HDS", "Qualification SecNumCloud 3.2",
            "Activités certifiées HDS (détail)", "Accès pays tiers EEE", "Risque d'accès imposé",
        ]
        do {
            _ = try TransparencyPage.read(Self.html(header, [["A", "Hébergeur", "1", "Oui", "1", "Non", "Non"]]))
            Issue.record("a header read two ways was accepted")
        } catch {
            #expect(error.column == "activities" && error.message.contains("cannot be told"), "\(error)")
        }
    }

    @Test func aPageNestedDeeperThanTheParserReadsIsRefusedNotReadInPart() throws {
        let deep = String(repeating: "<div>", count: 200) + "Acme" + String(repeating: "</div>", count: 200)
        let page = try TransparencyPage.read(
            Self.html(Self.ovhHeader, [[deep, "Hébergeur", "Oui", "Non", "1", "Non", "Non"]]))
        #expect(page.rows.map(\.actor) == ["Acme"])
        // Past libxml2's depth limit the parser stops where it is: the rows after would be lost.
        let deeper = String(repeating: "<div>", count: 20_000) + "Acme" + String(repeating: "</div>", count: 20_000)
        let rows = [
            [deeper, "Hébergeur", "Oui", "Non", "1", "Non", "Non"],
            ["B", "Hébergeur", "Oui", "Non", "1", "Non", "Non"],
        ]
        do {
            _ = try TransparencyPage.read(Self.html(Self.ovhHeader, rows))
            Issue.record("a page read in part was accepted")
        } catch {
            #expect(error.message.contains("could not be read whole"), "\(error)")
        }
    }
}

/// A page imported: its rows land on the offers it is configured for, cite the copy, and never grant.
@Suite struct TransparencyPageImportTests {
    let registry: Registry
    static let day = Fixture.day("2026-11-29")
    let searchEngine = TransparencyPageTests.fixtures.appendingPathComponent("transparency-ovhcloud-search-engine.html")
        .path

    init() throws {
        registry = try Fixture.registry()
        try registry.loadSeeds()
    }

    func run(_ path: String, offers: [String], force: Bool = false) throws -> ImportReport {
        var options = ImportOptions(day: Self.day)
        options.offers = offers
        options.force = force
        return try registry.importFile(at: path, source: .hdsTransparencyPage, options: options)
    }

    func rows(of offer: String) throws -> [HDSTransparency] {
        try registry.read { db in
            try HDSTransparency.filter(Column("offerId") == offer).order(Column("id")).fetchAll(db)
        }
    }

    @Test func eachRowLandsOnEveryConfiguredOfferCitingTheCopyAndASecondImportChangesNothing() throws {
        let offers = ["ovhcloud/object-storage", "ovhcloud/managed-kubernetes"]
        let first = try run(searchEngine, offers: offers)
        #expect(first.status == .applied && first.counts.inserted == 4, "\(first.errors)")
        let sha = try #require(first.sha256)
        for offer in offers {
            let rows = try rows(of: offer)
            #expect(rows.map(\.actor) == ["Aiven OY", "OVHcloud"])
            #expect(rows.allSatisfy { $0.copySha256 == sha && $0.providerId == "ovhcloud" })
            #expect(rows.allSatisfy { $0.sourceKind == .providerStatement })
            #expect(rows.first?.exigence30Text?.hasPrefix("Oui") == true && rows.first?.exigence30 == true)
        }
        let second = try run(searchEngine, offers: offers)
        #expect(second.status == .unchanged && second.changes.isEmpty)
    }

    @Test func aHostsStatementNeverMakesAnOfferCertifiedOrQualified() throws {
        var criteria = OfferCriteria(validOn: Self.day)
        criteria.hds = true
        let hds = try registry.query(criteria).map(\.offer.id)
        criteria.hds = false
        criteria.secnumcloud = true
        let secnumcloud = try registry.query(criteria).map(\.offer.id)
        // Cloud Temple's page says « HDS certified: Yes » and « SecNumCloud 3.2 qualified: Yes » for its host row.
        let page = TransparencyPageTests.fixtures.appendingPathComponent("transparency-cloud-temple-en.html").path
        let report = try run(page, offers: ["cloud-temple/iaas"])
        #expect(report.status == .applied)
        criteria.secnumcloud = false
        criteria.hds = true
        #expect(try registry.query(criteria).map(\.offer.id) == hds)
        criteria.hds = false
        criteria.secnumcloud = true
        #expect(try registry.query(criteria).map(\.offer.id) == secnumcloud)
    }

    @Test func rowsGoneFromThePageAreWithdrawnUnderTheGuard() throws {
        let offer = "ovhcloud/object-storage"
        #expect(try run(searchEngine, offers: [offer]).status == .applied)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("page-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: folder) }
        try TransparencyPageTests.html(
            TransparencyPageTests.ovhHeader, [["OVHcloud", "Hébergeur", "Oui", "Non", "1, 2, 3", "Non", "Non"]]
        ).write(to: folder)
        let before = try registry.exportDocument()
        let guarded = try run(folder.path, offers: [offer])
        #expect(guarded.status == .rejected && guarded.errors.first?.message.contains("would withdraw 1 of 2") == true)
        #expect(try registry.exportDocument() == before, "a refused page changes nothing")
        let forced = try run(folder.path, offers: [offer], force: true)
        #expect(forced.status == .applied)
        let aiven = try #require(try rows(of: offer).first { $0.actor == "Aiven OY" })
        #expect(aiven.withdrawnOn == Self.day)
    }

    @Test(
        arguments: [
            ([String](), "--offer"),
            (["ovhcloud/no-such-offer"], "no offer has the id"),
            (["ovhcloud/object-storage", "cloud-temple/iaas"], "one source per host"),
        ])
    func offersThatAreNotOneHostsAreRefused(offers: [String], words: String) throws {
        let before = try registry.exportDocument()
        let report = try run(searchEngine, offers: offers)
        #expect(report.status == .rejected && report.errors.contains { $0.message.contains(words) }, "\(report.errors)")
        #expect(try registry.exportDocument() == before)
    }

    @Test func rowsTravelInTheDocumentAndFollowAMergedOffer() throws {
        #expect(try run(searchEngine, offers: ["ovhcloud/object-storage"]).status == .applied)
        let document = try registry.exportDocument()
        let copy = try Fixture.registry()
        try copy.importDocument(document, origin: "export")
        #expect(try copy.exportDocument().hdsTransparency == document.hdsTransparency)

        #expect(try registry.merge("ovhcloud/object-storage", into: "ovhcloud/managed-kubernetes").status == .applied)
        #expect(try rows(of: "ovhcloud/managed-kubernetes").count == 2)
        // The page, now configured for the survivor, finds its rows there: nothing to withdraw or insert.
        let again = try run(searchEngine, offers: ["ovhcloud/managed-kubernetes"])
        #expect(again.status == .unchanged, "\(again.changes)")
        let problems = try registry.check(on: Self.day).map { "\($0)" }
        #expect(!problems.contains { $0.contains("foreign") || $0.contains("transparency") }, "\(problems)")
    }
}
