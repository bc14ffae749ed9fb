import Foundation
import Testing

@testable import RegistryCore

/// The catalogue reader on layout text written here, one shape of the real catalogue per test: the text is
/// what `pdftotext -layout` prints, placed column by column.
struct CatalogueReaderTests {
    /// One page's columns: where the header puts each title, and where the cells' text goes.
    struct Columns {
        var service = 37
        var saas = 66
        var start = 95
        var end = 114
        var decision = 135
        var ticks: [ServiceModel: Int] { [.saas: saas + 1, .paas: saas + 8, .caas: saas + 15, .iaas: saas + 22] }

        var header: [String] {
            [
                CatalogueReaderTests.place([
                    (5, "Nom du fournisseur de service"), (service + 9, "Nom du service"), (saas, "SaaS"),
                    (saas + 7, "PaaS"), (saas + 14, "CaaS"), (saas + 21, "IaaS"), (start, "Date de début de"),
                    (end, "Date de fin de"), (decision - 17, "Lien vers la décision"), (decision + 8, "Niveau de"),
                ]),
                CatalogueReaderTests.place([
                    (7, "(par ordre alphabétique)"), (start, "qualification"), (end, "qualification"),
                    (decision - 15, "de qualification"), (decision + 6, "recommandation"),
                ]),
                "", "",
            ]
        }

        /// The anchor line of a row.
        func anchor(
            _ provider: String?, _ service: String?, _ models: [ServiceModel], _ from: String, _ to: String,
            _ number: String
        ) -> String {
            var cells: [(Int, String)] = []
            if let provider { cells.append((0, provider)) }
            if let service { cells.append((self.service, service)) }
            cells += models.map { (ticks[$0]!, "X") }
            cells += [(start + 1, from), (end + 1, to), (decision, number)]
            return CatalogueReaderTests.place(cells)
        }

        func name(_ text: String, provider: Bool = false) -> String {
            CatalogueReaderTests.place([(provider ? 0 : service, text)])
        }
    }

    static func place(_ cells: [(Int, String)]) -> String { Layout.place(cells) }
    func place(_ cells: [(Int, String)]) -> String { Self.place(cells) }

    static let titlePage = [
        "                       Catalogue des produits, services et sites certifiés, qualifiés et agréés",
        "                                 Catalogue mis à jour le 04/03/2026 à 15:34:17",
        "",
        "                        3.3 Services d'informatique en nuage (SecNumCloud)...........................          68",
        "                        3.4 Services d'infogérance........................................................  70",
    ]

    static let intro = [
        "Les services d'informatique en nuage (« cloud computing ») permettent l’accès via un réseau à des ressources",
        "informatiques pouvant être partagées et attribuées à la demande.",
        "",
        "        –        SaaS : Software as a service16",
        "        –        IaaS : Infrastructure as a service19",
        "",
    ]

    static func link(_ page: Int, _ year: Int, _ number: String) -> PageLink {
        PageLink(page: page, url: "https://messervices.cyber.gouv.fr/visas/\(year)_\(number)_np.pdf")
    }

    static func text(_ pages: [[String]]) -> String {
        pages.map { $0.joined(separator: "\n") }.joined(separator: "\n\u{0C}")
    }

    func read(_ pages: [[String]], _ links: [PageLink]) throws -> AnssiCatalogue {
        try CatalogueReader.read(text: Self.text([Self.titlePage] + pages), links: links)
    }

    func problem(_ pages: [[String]], _ links: [PageLink]) -> CatalogueProblem? {
        do {
            _ = try read(pages, links)
            return nil
        } catch {
            return error as? CatalogueProblem
        }
    }

    @Test func theDecemberHeadingAloneOpensTheSectionAndTheContentsLineDoesNot() throws {
        let c = Columns()
        let page =
            ["            3.3. Services d'informatique en nuage (SecNumCloud)"] + Self.intro + c.header + [
                c.name("CegNumCloud Secured"),
                c.anchor("Cegedim", nil, [.iaas], "04/12/2024", "04/12/2027", "1951"),
                c.name("IaaS"),
                "", "",
                "                                                                          Page 62 sur 68",
            ]
        let catalogue = try read([page, ["            3.4. Services d'infogérance"]], [Self.link(3, 2024, "1951")])
        #expect(catalogue.stamp == "04/03/2026 à 15:34:17")
        #expect(catalogue.editionOn == Day(year: 2026, month: 3, day: 4))
        #expect(catalogue.rows.count == 1)
        let row = try #require(catalogue.rows.first)
        #expect(row.provider == "Cegedim")
        #expect(row.service == "CegNumCloud Secured IaaS")
        #expect(row.models == [.iaas])
        #expect(
            row.decision == AnssiCatalogue.Decision(year: 2024, number: "1951", url: Self.link(3, 2024, "1951").url))
        #expect(row.startsOn == Day(year: 2024, month: 12, day: 4))
        #expect(row.endsOn == Day(year: 2027, month: 12, day: 4))
        #expect((row.page, row.line) == (2, c.header.count + Self.intro.count + 3))
    }

    @Test func theMarchHeadingsAndTheBodiesTableYieldOnlyTheQualifiedServices() throws {
        let c = Columns(service: 41, saas: 70, start: 99, end: 120, decision: 140)
        let bodies = [
            "                                3.3.2          Les organismes d'évaluation de la conformité",
            "       Nom de l'organisme                               Contact                        SaaS     PaaS    CaaS   IaaS",
            "",
            "AFNOR Certification                  11, rue Francis de Pressensé                       X        X       X      X",
            "                                     95571 La Plaine Saint-Denis Cedex",
        ]
        let page =
            [
                "               3.3               Services d'informatique en nuage (SecNumCloud)", "",
                "                                3.3.1        Les services qualifiés",
            ]
            + Self.intro + c.header
            + [
                c.anchor(
                    "Thales Cloud Sécurisé", "Cloud de confiance S3NS", [.paas, .caas, .iaas], "17/12/2025",
                    "17/12/2028", "2057"), "", "",
            ]
            + bodies
        let next = [
            "     Nom de l'organisme       Contact     SaaS   PaaS   CaaS   IaaS", "",
            "BYCYB      Malakoff      X  X  X  X", "              3.4              Services d'infogérance",
        ]
        let catalogue = try read([page, next], [Self.link(2, 2025, "2057")])
        #expect(catalogue.rows.map(\.service) == ["Cloud de confiance S3NS"])
        #expect(catalogue.rows.first?.provider == "Thales Cloud Sécurisé")
        #expect(catalogue.rows.first?.models == [.paas, .caas, .iaas])
    }

    @Test func namesWrapAboveAndBelowTheAnchorAndAProviderWrapsToo() throws {
        let c = Columns()
        let page =
            ["3.3. Services d'informatique en nuage (SecNumCloud)"] + c.header + [
                c.name("IAAS - Secure Temple (IaaS"),
                c.name("Vmware, IaaS Opensource,"),
                c.anchor("Cloud Temple", nil, [.iaas], "30/05/2025", "30/05/2028", "918"),
                c.name("stockage objet S3, brique"),
                c.name("HSM-KMS, Baremetal)"),
                "", "",
                place([(0, "Orange Business"), (c.service, "Worldline Cloud Services -")]),
                c.anchor(nil, nil, [.iaas], "24/03/2025", "31/03/2028", "561"),
                place([(0, "Services"), (c.service, "Secured IaaS")]),
                "",
            ]
        let catalogue = try read(
            [page, ["3.4. Services d'infogérance"]], [Self.link(2, 2025, "918"), Self.link(2, 2025, "561")])
        #expect(
            catalogue.rows.map(\.service) == [
                "IAAS - Secure Temple (IaaS Vmware, IaaS Opensource, stockage objet S3, brique HSM-KMS, Baremetal)",
                "Worldline Cloud Services - Secured IaaS",
            ])
        #expect(catalogue.rows.map(\.provider) == ["Cloud Temple", "Orange Business Services"])
    }

    @Test func columnsAreReadFromEachPagesHeaderAndARowSplitByAPageBreakIsPutBackTogether() throws {
        let first = Columns()
        let second = Columns(service: 45, saas: 74, start: 101, end: 122, decision: 143)
        let page1 =
            ["3.3. Services d'informatique en nuage (SecNumCloud)"] + first.header + [
                first.anchor("OVH", "Bare Metal Pod", [.iaas], "24/03/2025", "24/03/2028", "559"),
                "",
                first.name("Hosted Private Cloud"),
                first.anchor("OVH", nil, [.iaas], "28/12/2023", "29/12/2026", "2279"),
                "",
                "16    logiciels en tant que service",
                "                        Page 62 sur 68",
            ]
        let page2 =
            second.header + [
                second.name("powered by VMware"),
                "",
                second.name("Oodrive_Work"),
                second.name("_Share"),
                "",
                "                        Page 63 sur 68",
            ]
        let page3 =
            second.header + [
                second.anchor("Oodrive", nil, [.saas], "20/01/2025", "25/01/2028", "241"),
                "",
                "3.4. Services d'infogérance",
            ]
        let links = [Self.link(2, 2025, "559"), Self.link(2, 2023, "2279"), Self.link(4, 2025, "241")]
        let catalogue = try read([page1, page2, page3], links)
        #expect(
            catalogue.rows.map(\.service) == [
                "Bare Metal Pod", "Hosted Private Cloud powered by VMware", "Oodrive_Work _Share",
            ])
        #expect(catalogue.rows.map(\.page) == [2, 2, 4])
        #expect(catalogue.rows[2].startsOn == Day(year: 2025, month: 1, day: 20))
        // Names closing one page and names opening the next: which row each belongs to cannot be told.
        let lost = page3.prefix(second.header.count) + [second.name("Lost"), ""] + page3.dropFirst(second.header.count)
        #expect(problem([page1, page2, Array(lost)], links)?.page == 4)
    }

    @Test func aNameAtTheFootOfAPageBelongsToTheNextPagesFirstRow() throws {
        let c = Columns()
        let page1 =
            ["3.3. Services d'informatique en nuage (SecNumCloud)"] + c.header + [
                c.anchor("Whaller", "Whaller Donjon SaaS", [.saas], "02/08/2024", "02/08/2027", "1369"),
                "", "",
                c.name("Worldline Cloud Services -"),
                "   Page 62 sur 68",
            ]
        let page2 =
            c.header + [
                c.anchor("Worldline", "Secured IaaS", [.iaas], "24/03/2025", "31/03/2028", "561"), "",
                "3.4. Services d'infogérance",
            ]
        let catalogue = try read([page1, page2], [Self.link(2, 2024, "1369"), Self.link(3, 2025, "561")])
        #expect(catalogue.rows.map(\.service) == ["Whaller Donjon SaaS", "Worldline Cloud Services - Secured IaaS"])
    }

    @Test func theYearComesFromTheLinkAndTheStartDateTellsTwoYearsApart() throws {
        let c = Columns()
        let page =
            ["3.3. Services d'informatique en nuage (SecNumCloud)"] + c.header + [
                c.anchor("Index Education", "EDT", [.saas], "05/05/2025", "18/06/2027", "798"), "",
                "3.4. Services d'infogérance",
            ]
        let both = [Self.link(2, 2023, "798"), Self.link(2, 2025, "798")]
        #expect(try read([page], both).rows.first?.decision.year == 2025)
        #expect(try read([page], [Self.link(9, 2024, "798")]).rows.first?.decision.year == 2024)
        let none = problem([page], [Self.link(2, 2025, "797")])
        #expect(none?.message.contains("no link") == true)
        #expect(none?.page == 2)
    }

    @Test(arguments: Layout.badAnchors)
    func aRowThatCannotBePlacedIsRefusedNamingItsPageAndLine(_ label: String, _ anchor: String, _ words: String) {
        let c = Columns()
        let page =
            ["3.3. Services d'informatique en nuage (SecNumCloud)"] + c.header + [
                anchor, "", "3.4. Services d'infogérance",
            ]
        let found = problem([page], [Self.link(2, 2024, "12")])
        #expect(found?.page == 2, "\(label)")
        #expect(found?.line == c.header.count + 2, "\(label)")
        #expect(found?.message.contains(words) == true, "\(label): \(found?.message ?? "read")")
    }

    @Test func aNameBetweenRowsOrNoSectionOrNoStampIsRefused() {
        let c = Columns()
        let orphan =
            ["3.3. Services d'informatique en nuage (SecNumCloud)"] + c.header + [
                c.anchor("Acme", "Cloud", [.iaas], "04/12/2024", "04/12/2027", "12"), "",
                c.name("Lost words"), "",
                c.anchor("Acme", "Other", [.iaas], "04/12/2024", "04/12/2027", "13"), "",
                "3.4. Services d'infogérance",
            ]
        let links = [Self.link(2, 2024, "12"), Self.link(2, 2024, "13")]
        let lost = problem([orphan], links)
        #expect(lost?.line == c.header.count + 4)
        #expect(lost?.message.contains("Lost words") == true)
        #expect(problem([["3.2. Autre chose"]], links)?.message.contains("no section") == true)
        #expect(throws: CatalogueProblem.self) {
            try CatalogueReader.read(text: Self.text([orphan]), links: links)
        }
    }

    @Test func aNameSeparatedFromItsRowByABlankLineGoesToTheNearerRow() throws {
        let c = Columns()
        let page =
            ["3.3. Services d'informatique en nuage (SecNumCloud)"] + c.header + [
                c.anchor("Acme", "Cloud", [.iaas], "04/12/2024", "04/12/2027", "12"),
                "", "", "",
                c.name("Secure"),
                "",
                c.anchor("Acme", nil, [.iaas], "04/12/2024", "04/12/2027", "13"),
                c.name("Storage"),
                "", "",
                "3.4. Services d'infogérance",
            ]
        let links = [Self.link(2, 2024, "12"), Self.link(2, 2024, "13")]
        #expect(try read([page], links).rows.map(\.service) == ["Cloud", "Secure Storage"])
        let between =
            ["3.3. Services d'informatique en nuage (SecNumCloud)"] + c.header + [
                c.anchor("Acme", "Cloud", [.iaas], "04/12/2024", "04/12/2027", "12"), "", c.name("Lost"), "",
                c.anchor("Acme", "Storage", [.iaas], "04/12/2024", "04/12/2027", "13"), "",
                "3.4. Services d'infogérance",
            ]
        #expect(problem([between], links)?.message.contains("as near the row above as the row below") == true)
    }

    @Test func cellsOnTwoBaselinesAreOneRow() throws {
        let c = Columns()
        let anchor = c.anchor("Acme", "Cloud", [.iaas], "04/12/2024", "04/12/2027", "12")
        let ticks = Layout.place([(0, "Acme"), (c.service, "Cloud"), (c.saas + 23, "X")])
        let dates = Layout.place([(c.start + 1, "04/12/2024"), (c.end + 1, "04/12/2027"), (c.decision, "12")])
        let page =
            ["3.3. Services d'informatique en nuage (SecNumCloud)"] + c.header + [
                ticks, dates, "", "3.4. Services d'infogérance",
            ]
        let row = try #require(try read([page], [Self.link(2, 2024, "12")]).rows.first)
        #expect(anchor.contains("X"))
        #expect(row.models == [.iaas] && row.decision.number == "12" && row.service == "Cloud")
    }

    @Test func pdfinfoOutputGivesEachLinkItsPage() {
        let output = """
            Page  Type          URL
              62  Annotation    https://messervices.cyber.gouv.fr/visas/2025_561_np.pdf
             101  Annotation    https://example.org/a
            """
        #expect(
            PageLink.parse(pdfinfo: output) == [
                PageLink(page: 62, url: "https://messervices.cyber.gouv.fr/visas/2025_561_np.pdf"),
                PageLink(page: 101, url: "https://example.org/a"),
            ])
    }
}

/// Layout lines for the tests' arguments (outside the suite, which an attribute cannot name).
enum Layout {
    static func place(_ cells: [(Int, String)]) -> String {
        var line = ""
        for (column, text) in cells.sorted(by: { $0.0 < $1.0 }) {
            line += String(repeating: " ", count: max(column - line.count, line.isEmpty ? 0 : 2)) + text
        }
        return line
    }

    static let badAnchors: [(String, String, String)] = [
        (
            "a stray word in the dates' columns",
            Layout.place([
                (0, "Acme"), (37, "Cloud"), (89, "X"), (96, "04/12/2024"), (105, "suspendu"), (115, "04/12/2027"),
                (135, "12"),
            ]), "fits no column"
        ),
        (
            "no tick",
            Layout.place([
                (0, "Acme"), (37, "Cloud"), (96, "04/12/2024"), (115, "04/12/2027"), (135, "12"),
            ]), "no service type"
        ),
        (
            "no decision",
            Layout.place([(0, "Acme"), (37, "Cloud"), (89, "X"), (96, "04/12/2024"), (115, "04/12/2027")]
            ), "no decision"
        ),
        (
            "an end before the start",
            Layout.place([
                (0, "Acme"), (37, "Cloud"), (89, "X"), (96, "04/12/2027"), (115, "04/12/2024"), (135, "12"),
            ]), "not after"
        ),
    ]
}
