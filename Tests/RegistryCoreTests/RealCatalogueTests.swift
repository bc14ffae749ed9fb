import Foundation
import Testing

@testable import RegistryCore

/// ANSSI's real editions, in `../shared/fixtures/anssi-catalogue/` beside the project (CI always has it; a
/// newcomer's clone does not, and these tests then say they were skipped). The expected rows were written by
/// reading the PDFs' section 3.3, not by recording the reader's output.
@Suite(.enabled(if: RealEditions.available, "../shared/fixtures/anssi-catalogue is not beside the project"))
struct RealCatalogueTests {
    typealias Row = (
        provider: String, service: String, models: [ServiceModel], from: String, to: String, decision: String
    )

    static let december2025: [Row] = [
        ("Cegedim", "CegNumCloud Secured IaaS", [.iaas], "2024-12-04", "2027-12-04", "2024/1951"),
        (
            "Cloud Temple",
            "IAAS - Secure Temple (IaaS Vmware, IaaS Opensource, stockage objet S3, brique HSM-KMS, Baremetal)",
            [.iaas], "2025-05-30", "2028-05-30", "2025/918"
        ),
        ("Cloud Temple", "PaaS Openshift", [.paas], "2025-05-30", "2028-05-30", "2025/919"),
        ("Index Education", "Pronote", [.saas], "2025-05-05", "2027-06-18", "2025/795"),
        ("Index Education", "Pronote Primaire", [.saas], "2025-05-05", "2027-06-18", "2025/796"),
        ("Index Education", "Hyperplanning", [.saas], "2025-05-05", "2027-06-18", "2025/797"),
        ("Index Education", "EDT", [.saas], "2025-05-05", "2027-06-18", "2025/798"),
        ("OVH", "Hosted Private Cloud powered by VMware", [.iaas], "2023-12-28", "2026-12-29", "2023/2279"),
        ("OVH", "Bare Metal Pod", [.iaas], "2025-03-24", "2028-03-24", "2025/559"),
        ("Oodrive", "Oodrive_Meet", [.saas], "2025-01-20", "2028-01-25", "2025/242"),
        ("Oodrive", "Oodrive_Work", [.saas], "2025-01-20", "2028-01-25", "2025/243"),
        ("Oodrive", "Oodrive_Work_Share", [.saas], "2025-01-20", "2028-01-25", "2025/241"),
        ("Orange Business Services", "Cloud Avenue SecNum", [.iaas], "2025-07-11", "2028-07-11", "2025/1147"),
        ("Outscale", "IaaS", [.iaas], "2023-11-30", "2026-11-30", "2023/2118"),
        ("Whaller", "Whaller Donjon SaaS", [.saas], "2024-08-02", "2027-08-02", "2024/1369"),
        ("Worldline", "Worldline Cloud Services - Secured IaaS", [.iaas], "2025-03-24", "2028-03-31", "2025/561"),
    ]

    /// The March edition: Outscale's 2118 renamed, S3NS's 2057 added with three ticks.
    static let march2026: [Row] = {
        var rows = december2025
        let outscale = rows.firstIndex { $0.decision == "2023/2118" }!
        rows[outscale].service = "IaaS Cloud on Demand"
        rows.insert(
            (
                "Thales Cloud Sécurisé", "Cloud de confiance S3NS", [.paas, .caas, .iaas], "2025-12-17", "2028-12-17",
                "2025/2057"
            ), at: outscale + 1)
        return rows
    }()

    @Test(arguments: [
        ("2025-12-05.pdf", "05/12/2025 à 13:08:19", 62, december2025),
        ("2026-03-04.pdf", "04/03/2026 à 15:34:17", 68, march2026),
    ])
    func everyServiceOfTheEditionIsRead(file: String, stamp: String, page: Int, expected: [Row]) throws {
        let catalogue = try RealEditions.read(file)
        #expect(catalogue.stamp == stamp)
        #expect(catalogue.editionOn == Day(parsing: String(stamp.prefix(10))))
        let read = catalogue.rows.map {
            "\($0.provider) | \($0.service) | \($0.models) | \($0.startsOn!) | \($0.endsOn!) | \($0.decision)"
        }
        let written = expected.map {
            "\($0.provider) | \($0.service) | \($0.models) | \($0.from) | \($0.to) | \($0.decision)"
        }
        #expect(read == written)
        for row in catalogue.rows {
            #expect(row.page == page)
            #expect(
                row.decision.url
                    == "https://messervices.cyber.gouv.fr/visas/\(row.decision.year)_\(row.decision.number)_np.pdf")
        }
    }
}

/// The seeds' SecNumCloud qualifications are what the reader makes of the two real editions, imported in
/// order: `Seeds/_anssi-catalogue.json` holds exactly the facts read in the documents. With
/// REGISTRY_RECORD_SEEDS=1 the test writes that file instead (after a change to the reader or the editions).
@Suite(.enabled(if: RealEditions.available, "../shared/fixtures/anssi-catalogue is not beside the project"))
struct SeededEditionsTests {
    /// The day the seeds were read from the editions: their facts' « verified on ».
    static let readOn = Day(year: 2026, month: 12, day: 6)!
    static let file = EmbeddedFilesTests.root.appendingPathComponent("Seeds/_anssi-catalogue.json")

    /// The seeds without what was read in the catalogue (the documents' facts, the transcriptions of the
    /// catalogue and the transcribed edition that would refuse older editions), then both editions.
    static func readFromTheEditions() throws -> (facts: [AttestationEntry], reports: [ImportReport]) {
        let registry = try Registry.inMemory(clock: .pinned(to: readOn))
        var base = try DocumentReader.seeds()
        base.attestations.removeAll { $0.attestation.publication == .anssiCatalogue }
        base.listEditions = []
        try registry.importDocument(base, origin: "seeds without the catalogue")
        var reports: [ImportReport] = []
        for edition in ["2025-12-05.pdf", "2026-03-04.pdf"] {
            reports.append(
                try registry.importFile(
                    at: RealEditions.url(edition).path, source: .anssiCatalogue, options: ImportOptions(day: readOn)))
        }
        let facts = try registry.exportDocument().attestations.filter { $0.attestation.readInDocument }
        return (facts, reports)
    }

    @Test func theSeedsHoldExactlyWhatTheReaderMakesOfBothEditions() throws {
        let (facts, reports) = try Self.readFromTheEditions()
        #expect(reports.map(\.status) == [.applied, .applied], "\(reports.flatMap(\.errors))")
        // The seeds already name every provider and offer as the catalogue prints them.
        let created = reports.flatMap(\.changes).filter { $0.table != "attestation" }
        #expect(created.isEmpty, "\(created.map(\.summary))")
        if ProcessInfo.processInfo.environment["REGISTRY_RECORD_SEEDS"] == "1" {
            var document = RegistryDocument()
            document.attestations = facts
            try DocumentReader.encode(document).write(to: Self.file)
            return
        }
        let seeded = try DocumentReader.seeds().attestations.filter { $0.attestation.readInDocument }
        #expect(seeded.count == 17)
        #expect(
            seeded.sorted { $0.attestation.id < $1.attestation.id }
                == facts.sorted { $0.attestation.id < $1.attestation.id })
    }
}

enum RealEditions {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
            "shared/fixtures/anssi-catalogue")

    static var available: Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("2025-12-05.pdf").path)
    }

    static func url(_ file: String) -> URL { folder.appendingPathComponent(file) }

    static func read(_ file: String) throws -> AnssiCatalogue {
        let (text, links) = try PDFText.read(url(file))
        return try CatalogueReader.read(text: text, links: links)
    }
}
