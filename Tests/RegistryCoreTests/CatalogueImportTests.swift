import Foundation
import GRDB
import Testing

@testable import RegistryCore

/// Editions of ANSSI's catalogue, as the reader gives them, imported in-process: one fact per decision citing
/// the copy, editions in order, the publication's absent services withdrawn on the edition's day, renames,
/// renewals, a service leaving the in-qualification page, and transcriptions that never override the document.
@Suite struct CatalogueImportTests {
    let registry: Registry
    static let copy = String(repeating: "c", count: 64)
    static let url = "https://messervices.cyber.gouv.fr/visas/"

    init() throws {
        registry = try Fixture.registry()
        var offer = Fixture.offer("acme/cloud")
        offer.offer.name = "Acme Cloud"
        var document = RegistryDocument()
        document.providers = [Fixture.provider("acme", aliases: ["ACME SAS"])]
        document.offers = [offer]
        try registry.importDocument(document, origin: "fixture")
    }

    static func row(
        _ provider: String, _ service: String, _ number: String, year: Int = 2025, models: [ServiceModel] = [.iaas],
        from: String? = "2025-01-10", to: String = "2028-01-10", page: Int = 60, line: Int = 20
    ) -> AnssiCatalogue.Row {
        AnssiCatalogue.Row(
            provider: provider, service: service, models: models, startsOn: from.map(Fixture.day),
            endsOn: Fixture.day(to), decision: .init(year: year, number: number, url: "\(url)\(year)_\(number)_np.pdf"),
            page: page, line: line)
    }

    static func edition(_ day: String, time: String = "10:00:00", _ rows: [AnssiCatalogue.Row]) -> AnssiCatalogue {
        let parts = day.split(separator: "-")
        return AnssiCatalogue(
            stamp: "\(parts[2])/\(parts[1])/\(parts[0]) à \(time)", editionOn: Fixture.day(day), editionTime: time,
            rows: rows)
    }

    func importing(_ catalogue: AnssiCatalogue, copy: String = Self.copy, force: Bool = false) throws -> ImportReport {
        var options = ImportOptions(day: Fixture.today)
        options.force = force
        return try registry.importCatalogue(catalogue, copySha256: copy, file: "catalogue.pdf", options: options)
    }

    func qualified(on day: String) throws -> [String] {
        var criteria = OfferCriteria(validOn: Fixture.day(day))
        criteria.secnumcloud = true
        return try registry.query(criteria).map(\.offer.id)
    }

    func fact(_ decision: String) throws -> Attestation {
        try #require(
            try registry.read {
                try Attestation.fetchOne(
                    $0, sql: "SELECT * FROM attestation WHERE certificateRef = ?", arguments: [decision])
            })
    }

    static let first = edition(
        "2025-12-05",
        [
            row("ACME SAS", "Acme Cloud", "918"), row("Acme", "Acme PaaS", "919", models: [.paas, .caas]),
            row("Beta", "Beta Mail", "241", models: [.saas]), row("Beta", "Beta Drive", "242", models: [.saas]),
            row("Gamma", "IaaS", "2118", year: 2023, from: "2023-11-30", to: "2026-11-30"),
        ])

    @Test func eachServiceIsOneFactOnOneOfferCitingTheCopyItWasReadIn() throws {
        let report = try importing(Self.first)
        #expect(report.status == .applied, "\(report.errors)")
        #expect(report.unmatched.filter { $0.kind == .provider }.map(\.name) == ["Beta", "Gamma"])
        #expect(report.unmatched.allSatisfy { $0.page == 60 })
        #expect(
            try qualified(on: "2025-12-05").sorted() == [
                "acme/acme-paas", "acme/cloud", "beta/beta-drive", "beta/beta-mail", "gamma/iaas",
            ])
        let fact = try fact("918")
        #expect(fact.id == "acme/secnumcloud-918")
        #expect(fact.decisionYear == 2025 && fact.decisionUrl == "\(Self.url)2025_918_np.pdf")
        #expect(
            fact.edition == "mis à jour le 05/12/2025 à 10:00:00" && fact.copySha256 == Self.copy && fact.page == 60)
        #expect(fact.listedName == "Acme Cloud" && fact.via == nil && fact.publication == .anssiCatalogue)
        #expect(fact.source.hasSuffix("section 3.3, mis à jour le 05/12/2025 à 10:00:00"))
        #expect(try registry.read { try ServiceModels.of("acme/acme-paas", $0) } == [.paas, .caas])
        var criteria = OfferCriteria(validOn: Fixture.day("2025-12-05"))
        criteria.serviceModels = [.caas]
        #expect(try registry.query(criteria).map(\.offer.id) == ["acme/acme-paas"], "any of its models matches")
    }

    @Test func anOlderEditionIsRefusedAndTheSameEditionChangesNothing() throws {
        let later = Self.edition("2026-03-04", Self.first.rows)
        #expect(try importing(later).status == .applied)
        let before = try DocumentReader.encode(try registry.exportDocument())
        let older = try importing(Self.first)
        #expect(older.status == .rejected)
        #expect(older.errors.first?.message.contains("05/12/2025 à 10:00:00") == true)
        #expect(older.errors.first?.message.contains("04/03/2026 à 10:00:00") == true)
        let again = try importing(later, copy: String(repeating: "d", count: 64))
        #expect(again.status == .unchanged && again.notes.contains { $0.contains("already imported") })
        #expect(try DocumentReader.encode(try registry.exportDocument()) == before)
        // Later the same day is a newer edition.
        #expect(try importing(Self.edition("2026-03-04", time: "16:00:00", Self.first.rows)).status == .applied)
    }

    @Test func aServiceAbsentFromTheNextEditionIsWithdrawnOnThatEditionsDay() throws {
        _ = try importing(Self.first)
        let next = try importing(Self.edition("2026-01-27", Array(Self.first.rows.dropLast())))
        #expect(next.counts.withdrawn == 1, "\(next.changes)")
        let gone = try fact("2118")
        #expect(gone.status == .withdrawn && gone.statusSince == Fixture.day("2026-01-27"))
        #expect(try !qualified(on: "2026-01-27").contains("gamma/iaas"))
        // A copy that lost most of the table is refused as a truncated download, unless forced.
        // Back in a later edition: qualified from that edition, not over the days the list left it out.
        _ = try importing(Self.edition("2026-01-30", Self.first.rows))
        #expect(try fact("2118").status == .qualified && fact("2118").statusSince == Fixture.day("2026-01-30"))
        #expect(try !qualified(on: "2026-01-28").contains("gamma/iaas"))
        #expect(try qualified(on: "2026-01-30").contains("gamma/iaas"))
        let truncated = Self.edition("2026-02-10", [Self.first.rows[0]])
        #expect(try importing(truncated).status == .rejected)
        #expect(try importing(truncated, force: true).counts.withdrawn == 4, "all but the one it keeps")
    }

    @Test func aRenameKeepsTheDecisionAndTheOldNameBecomesAnAlias() throws {
        _ = try importing(Self.first)
        var rows = Self.first.rows
        rows[4].service = "IaaS Cloud on Demand"
        let report = try importing(Self.edition("2026-01-27", rows))
        #expect(report.notes.contains { $0.contains("« IaaS » is now « IaaS Cloud on Demand »") })
        #expect(try fact("2118").id == "gamma/secnumcloud-2118" && fact("2118").listedName == "IaaS Cloud on Demand")
        let offer = try #require(try registry.read { try Offer.fetchOne($0, key: "gamma/iaas") })
        #expect(offer.name == "IaaS Cloud on Demand")
        let aliases = try registry.read {
            try String.fetchAll($0, sql: "SELECT alias FROM offerAlias WHERE offerId = 'gamma/iaas'")
        }
        #expect(aliases == ["IaaS"])
    }

    @Test func numbersRestartEachYearAndADecisionBelongsToOneProvider() throws {
        let report = try importing(
            Self.edition(
                "2025-12-05",
                [
                    Self.row("Acme", "Acme Cloud", "798"),
                    Self.row("Beta", "EDT", "798", year: 2023, from: "2023-05-05"),
                ]))
        #expect(report.status == .applied, "\(report.errors)")
        let years = try registry.read {
            try Int.fetchAll($0, sql: "SELECT decisionYear FROM attestation WHERE certificateRef = '798' ORDER BY 1")
        }
        #expect(years == [2023, 2025])
        let stolen = try importing(Self.edition("2026-01-27", [Self.row("Beta", "Acme Cloud", "798")]))
        #expect(stolen.status == .rejected)
        #expect(stolen.errors.first?.message.contains("belongs to provider 'acme'") == true)
    }

    @Test func anUnknownStartCountsFromTheEditionsDayOnly() throws {
        _ = try importing(Self.edition("2026-03-04", [Self.row("Acme", "Acme Cloud", "12", from: nil)]))
        #expect(try fact("12").statusSince == Fixture.day("2026-03-04"))
        #expect(try qualified(on: "2026-03-03").isEmpty)
        #expect(try qualified(on: "2026-03-04") == ["acme/cloud"])
    }

    @Test func aServiceInQualificationBecomesQualifiedAsOneFact() throws {
        var j2 = Fixture.attestation(
            "acme/secnumcloud-j2", scheme: "secnumcloud", status: .inProgress, offers: ["acme/cloud"], milestone: .j2)
        j2.attestation.origin = .secnumcloud
        j2.attestation.publication = .anssiInQualification
        var document = RegistryDocument()
        document.attestations = [j2]
        try registry.importDocument(document, origin: "fixture")
        _ = try importing(Self.edition("2026-03-04", [Self.row("Acme", "Acme Cloud", "918")]))
        let fact = try fact("918")
        #expect(fact.id == "acme/secnumcloud-j2" && fact.status == .qualified && fact.milestone == nil)
        #expect(try qualified(on: "2026-03-04") == ["acme/cloud"])
    }

    @Test func aTranscriptionNeverChangesWhatWasReadInTheDocument() throws {
        _ = try importing(Self.first)
        let before = try fact("918")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("transcription-\(UUID()).csv")
        try Data(
            "Prestataire;Service;Statut;Décision;Au\nAcme;Acme Cloud;Qualifié;918;01/01/2030\nAcme;Acme Next;J1;;\n"
                .utf8
        )
        .write(to: url)
        let report = try registry.importFile(
            at: url.path, source: .secnumcloud, options: ImportOptions(day: Fixture.today))
        #expect(report.status == .applied, "\(report.errors)")
        #expect(try fact("918") == before)
        #expect(report.notes.contains { $0.contains("was read in the catalogue itself") })
        #expect(report.counts.withdrawn == 0, "a transcription never withdraws the document's facts")
        let next = try registry.read {
            try Attestation.fetchOne($0, sql: "SELECT * FROM attestation WHERE milestone = 'J1'")
        }
        #expect(next?.publication == .anssiInQualification && next?.via?.hasPrefix("a transcription") == true)
    }

    @Test func aTranscriptionNamesItsEditionAndNeverOutranksANewerDocument() throws {
        _ = try importing(Self.edition("2026-03-04", Self.first.rows))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("edition-\(UUID()).csv")
        try Data("Prestataire;Service;Statut\nDelta;Delta Cloud;Qualifié\n".utf8).write(to: url)
        var options = ImportOptions(day: Fixture.today)
        options.edition = Fixture.day("2026-01-27")
        let older = try registry.importFile(at: url.path, source: .secnumcloud, options: options)
        #expect(older.status == .rejected)
        #expect(older.errors.first?.message.contains("older than the edition mis à jour le 04/03/2026") == true)
        options.edition = Fixture.day("2026-09-15")
        options.maxWithdrawnPercent = 100
        let newer = try registry.importFile(at: url.path, source: .secnumcloud, options: options)
        #expect(newer.status == .applied, "\(newer.errors)")
        let fact = try #require(
            try registry.read {
                try Attestation.fetchOne($0, sql: "SELECT * FROM attestation WHERE providerId = 'delta'")
            })
        #expect(fact.statusSince == Fixture.day("2026-09-15"), "counted from the edition transcribed")
        #expect(fact.via?.hasPrefix("a transcription of the edition of 2026-09-15") == true)
        // The registry now reflects that edition: an older edition of the PDF is refused.
        #expect(try importing(Self.edition("2026-06-01", Self.first.rows)).status == .rejected)
    }

    @Test func aFileThatIsNotAPDFIsNotThePublication() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("challenge-\(UUID()).pdf")
        try Data("<!DOCTYPE html><html><body>Checking your browser…</body></html>".utf8).write(to: url)
        let report = try registry.importFile(
            at: url.path, source: .anssiCatalogue, options: ImportOptions(day: Fixture.today))
        #expect(report.status == .rejected)
        #expect(report.errors.first?.message.contains("not the publication") == true)
        #expect(report.errors.first?.message.contains("an HTML page") == true)
    }
}
