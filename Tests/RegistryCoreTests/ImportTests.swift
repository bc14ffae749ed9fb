import Foundation
import GRDB
import Testing

@testable import RegistryCore

/// Official-list imports on an in-memory registry seeded with everything but the lists' own entries: what
/// they write, withdraw, refuse and record.
@Suite struct ImportTests {
    let registry: Registry
    let folder: URL
    static let day = Fixture.day("2026-11-29")

    init() throws {
        registry = try Fixture.registry()
        try registry.importDocument(try Fixture.seedsWithoutListEntries(), origin: "seeds without list entries")
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("import-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    static let samples = EmbeddedFilesTests.root.appendingPathComponent("docs/samples")

    func file(_ name: String, _ text: String) throws -> String {
        try file(name, Array(text.utf8))
    }

    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func run(
        _ path: String, _ source: ImportSource, day: Day = Self.day,
        _ configure: (inout ImportOptions) -> Void = { _ in }
    ) throws -> ImportReport {
        var options = ImportOptions(day: day)
        configure(&options)
        return try registry.importFile(at: path, source: source, options: options)
    }

    func snapshot() throws -> Data {
        try DocumentReader.encode(try registry.exportDocument())
    }

    func historyCount() throws -> Int {
        try registry.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM history") ?? 0 }
    }

    // MARK: - Samples, idempotence

    /// (ANSSI's PDF catalogue has no sample of our writing: it is read in the real editions, `RealCatalogueTests`;
    /// hosts' pages are read in `TransparencyPageTests`.)
    @Test(
        arguments: ImportSource.allCases.filter {
            ![.registryJSON, .anssiCatalogue, .hdsTransparencyPage].contains($0)
        })
    func eachSampleImportsAndASecondImportChangesNothing(source: ImportSource) throws {
        let path = Self.samples.appendingPathComponent("\(source.rawValue).csv").path
        let first = try run(path, source)
        #expect(first.status == .applied, "\(first.errors)")
        #expect(first.counts.inserted > 0)
        #expect(first.sha256?.count == 64)
        let history = try historyCount()

        let second = try run(path, source)
        #expect(second.status == .unchanged)
        #expect(second.counts.inserted + second.counts.updated + second.counts.withdrawn == 0)
        #expect(second.changes.isEmpty)
        #expect(try historyCount() == history, "an unchanged import writes no history")
    }

    @Test func theSecNumCloudSampleCreatesProvidersOffersAndAttestationsThatQueriesFind() throws {
        let report = try run(Self.samples.appendingPathComponent("secnumcloud.csv").path, .secnumcloud)
        #expect(report.changes.contains { $0.table == "provider" && $0.summary.contains("first seen in this list") })
        var criteria = OfferCriteria(validOn: Self.day)
        criteria.secnumcloud = true
        let match = try #require(
            try registry.query(criteria).first { $0.offer.id == "exemple-cloud-sas-fictif/exemple-iaas-souverain" })
        let evidence = try #require(match.evidence.first?.attestation)
        #expect(evidence.sourceKind == .officialList)
        #expect(evidence.verifiedOn == Self.day)
        #expect(evidence.issuedOn == Fixture.day("2025-03-15"))
        #expect(evidence.expiresOn == Fixture.day("2028-03-14"))
        #expect(evidence.issuer == "Exemple CESTI (fictif)")
    }

    // MARK: - Matching existing facts

    @Test func aListRowLandsOnTheSeededOfferAndSupersedesTheSeededFactBesideIt() throws {
        // "OVH SAS" is an alias of ovhcloud; "Hosted Private Cloud SNC" is the slug of its seeded offer.
        let path = try file(
            "snc.csv",
            "provider;service;service_type;version;status;qualified_on\nOVH SAS;Hosted Private Cloud SNC;IaaS;3.2;Qualifié;\n"
        )
        let report = try run(path, .secnumcloud)
        #expect(report.status == .applied)
        #expect(report.unmatched.isEmpty, "no new provider or offer")
        #expect(report.changes.map(\.id) == ["ovhcloud/secnumcloud-hosted-private-cloud-snc"])
        let (official, seeded) = try registry.read { db in
            (
                try Attestation.fetchOne(db, key: "ovhcloud/secnumcloud-hosted-private-cloud-snc"),
                try Attestation.fetchOne(db, key: "ovhcloud/secnumcloud-hosted-private-cloud")
            )
        }
        #expect(official?.version == "3.2")
        #expect(official?.origin == .secnumcloud)
        #expect(seeded?.sourceKind == .providerStatement, "the seeded fact is kept as it was")
        guard case .offer(let profile) = try registry.show("ovhcloud/hosted-private-cloud-snc", on: Self.day) else {
            Issue.record("not an offer")
            return
        }
        let seededDetail = profile.attestations.first { $0.evidence.attestation.id == seeded?.id }
        #expect(seededDetail?.inForce == false)
        #expect(seededDetail?.evidence.flags.contains("superseded by \(official?.id ?? "") (official list)") == true)
    }

    @Test func aRowGrantedUntilAPastDayImportsAsItIsCountsAsEndedAndIsNoted() throws {
        let path = try file(
            "past.csv", "Prestataire;Service;Statut;Qualifié du;Au\nOVH;Bare Metal Pod;Qualifié;01/01/2020;01/01/2021\n"
        )
        let report = try run(path, .secnumcloud)
        #expect(report.status == .applied, "\(report.errors)")
        #expect(report.notes.contains { $0.contains("line 2: marked qualified until 2021-01-01, already past") })
        var criteria = OfferCriteria(validOn: Self.day)
        criteria.secnumcloud = true
        #expect(try !registry.query(criteria).contains { $0.offer.id == "ovhcloud/bare-metal-pod-snc" })
        #expect(try registry.check(on: Self.day).allSatisfy(\.isWarning))
    }

    @Test func aNameThatMatchesSeveralProvidersIsRefused() throws {
        // "Orange" is an alias of both Bleu and Orange Business.
        let path = try file("snc.csv", "provider,service,status\nOrange,Cloud Avenue,J0\n")
        let report = try run(path, .secnumcloud)
        #expect(report.status == .rejected)
        #expect(report.errors.first?.message.contains("names several providers (bleu, orange-business)") == true)
    }

    @Test func anHDSCertificateNumberUpdatesTheAttestationThatCarriesIt() throws {
        let path = try file(
            "hds.csv",
            "host,certificate,certifier,version,activities,valid_until\nMicrosoft,HDS 701569,BSI Group,2024,1-6,31/12/2027\n"
        )
        let report = try run(path, .hds)
        #expect(report.status == .applied, "\(report.errors)")
        #expect(report.changes.map(\.id) == ["microsoft/hds"])
        let attestation = try #require(try registry.read { try Attestation.fetchOne($0, key: "microsoft/hds") })
        #expect(attestation.version == "2024")
        #expect(attestation.expiresOn == Fixture.day("2027-12-31"))
        #expect(try registry.read { try Registry.activities(of: "microsoft/hds", $0) } == [1, 2, 3, 4, 5, 6])
        #expect(attestation.scope == .offers, "the products named by Microsoft's own documentation stay the scope")
    }

    // MARK: - Withdrawal, reinstatement, guard

    func secNumCloudList(_ services: [String]) throws -> String {
        try file(
            "list-\(services.count).csv",
            "provider;service;status\n" + services.map { "Exemple (fictif);\($0);Qualifié\n" }.joined())
    }

    @Test func anEntryAbsentFromTheListIsWithdrawnThenReinstatedWhenItComesBack() throws {
        let services = (1...10).map { "Service \($0)" }
        #expect(try run(try secNumCloudList(services), .secnumcloud).status == .applied)

        let shorter = try run(
            try secNumCloudList(Array(services.dropLast())), .secnumcloud, day: Fixture.day("2026-11-30"))
        #expect(shorter.status == .applied)
        #expect(shorter.counts.withdrawn == 1)
        let withdrawn = try #require(
            try registry.read { try Attestation.fetchOne($0, key: "exemple-fictif/secnumcloud-service-10") })
        #expect(withdrawn.status == .withdrawn)
        #expect(withdrawn.statusSince == Fixture.day("2026-11-30"))

        let back = try run(try secNumCloudList(services), .secnumcloud, day: Fixture.day("2026-12-01"))
        #expect(back.counts.reinstated == 1)
        #expect(back.changes.first { $0.kind == .reinstated }?.id == "exemple-fictif/secnumcloud-service-10")

        var filter = HistoryFilter()
        filter.id = "exemple-fictif/secnumcloud-service-10"
        let statuses = try registry.history(filter).compactMap { entry in
            entry.changes.first { $0.field == "status" }.map { "\($0.old ?? "none") → \($0.new ?? "none")" }
        }
        #expect(statuses == ["withdrawn → qualified", "qualified → withdrawn", "none → qualified"])
    }

    @Test func anImportThatWouldWithdrawTooMuchIsRefusedUnlessForced() throws {
        let services = (1...10).map { "Service \($0)" }
        _ = try run(try secNumCloudList(services), .secnumcloud)
        let before = try snapshot()
        let truncated = try secNumCloudList(Array(services.prefix(7)))

        let refused = try run(truncated, .secnumcloud)
        #expect(refused.status == .rejected)
        #expect(refused.errors.first?.message.contains("would withdraw 3 of 10 current entries (30 %)") == true)
        #expect(try snapshot() == before)

        #expect(try run(truncated, .secnumcloud) { $0.maxWithdrawnPercent = 30 }.status == .applied)
    }

    /// The guard's base is the entries current before the import: a new entry the list does not grant is
    /// neither in it nor taken out of it (the message said « would withdraw 3 of 9 »).
    @Test func aNewEntryTheListDoesNotGrantLeavesTheGuardsBaseAsItWas() throws {
        let services = (1...10).map { "Service \($0)" }
        _ = try run(try secNumCloudList(services), .secnumcloud)
        let truncated = try file(
            "truncated.csv",
            "provider;service;status\n" + services.prefix(7).map { "Exemple (fictif);\($0);Qualifié\n" }.joined()
                + "Exemple (fictif);Service 11;Non qualifié\n")
        let refused = try run(truncated, .secnumcloud)
        #expect(refused.status == .rejected)
        #expect(refused.errors.first?.message.contains("would withdraw 3 of 10 current entries (30 %)") == true)
    }

    @Test func forceAppliesAGuardedImport() throws {
        let services = (1...4).map { "Service \($0)" }
        _ = try run(try secNumCloudList(services), .secnumcloud)
        let forced = try run(try secNumCloudList(["Service 1"]), .secnumcloud) { $0.force = true }
        #expect(forced.status == .applied)
        #expect(forced.counts.withdrawn == 3)
    }

    @Test(arguments: [("empty.csv", ""), ("header.csv", "provider;service;status\n")])
    func anEmptyOrHeaderOnlyFileIsRefused(name: String, text: String) throws {
        let before = try snapshot()
        let report = try run(try file(name, text), .secnumcloud)
        #expect(report.status == .rejected)
        #expect(report.errors.first?.message.contains("--force") == true)
        #expect(try snapshot() == before)
    }

    /// A seeded press or provider fact belongs to no list; the seeded transcriptions of ANSSI's catalogue do,
    /// and `ReconciliationTests` withdraws them.
    @Test func seededFactsOfNoListAreNeverWithdrawnByAnImport() throws {
        let report = try run(try secNumCloudList(["Only service"]), .secnumcloud)
        #expect(report.counts.withdrawn == 0)
        let seeded = try registry.read { try Attestation.fetchOne($0, key: "s3ns/secnumcloud-premi3ns") }
        #expect(seeded?.status == .qualified)
    }

    // MARK: - Dry run, bad rows

    @Test func aDryRunReportsTheSameAndWritesNothing() throws {
        let path = Self.samples.appendingPathComponent("hds.csv").path
        let before = try snapshot()
        let runs = try registry.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM importRun") }
        let dry = try run(path, .hds) { $0.dryRun = true }
        #expect(dry.status == .dryRun)
        #expect(dry.counts.inserted == 5)  // two providers, one offer, two certificates
        #expect(try snapshot() == before)
        #expect(try registry.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM importRun") } == runs)
        let real = try run(path, .hds)
        #expect(real.counts == dry.counts)
        #expect(real.changes == dry.changes)
    }

    @Test(
        arguments: [
            (
                "provider,service,status,qualified_on\nA,B,Qualifié,2026-02-30\n", 2, "qualified_on",
                "not a day that exists"
            ),
            (
                "provider,service,status,qualified_on,expires_on\nA,B,Qualifié,2026-01-01,2025-01-01\n", 2,
                "expires_on", "ends on or before"
            ),
            ("provider,service,status\nA,B,peut-être\n", 2, "status", "expected qualifié, non qualifié"),
            ("provider,service,status\n,B,J0\n", 2, "provider", "required; fill it in"),
            ("provider,siren,service,status\nA,123456789,B,J0\n", 2, "siren", "not a valid SIREN"),
            (
                "provider,service,service_type,status\nA,B,FaaS,J0\n", 2, "service_type",
                "expected IaaS, PaaS, CaaS or SaaS"
            ),
            ("provider,service,status\nA,B,J0\nA,B,J1\n", 3, nil, "the same entry as line 2"),
            ("provider,service,status\nA,B,J0,extra,fields\n", 2, nil, "5 fields but the header has 3"),
            (
                "provider,service,statut,remarks\nA,B,J0,x\n", 1, "remarks",
                "unknown column; expected columns: provider (required)"
            ),
            ("provider,status\nA,J0\n", 1, "service", "required column missing"),
            ("provider,service,status\nA,\"B,J0\n", 2, nil, "never ends"),
            ("{\"format\": \"registry-json\", \"formatVersion\": 1}\n", 1, nil, "use --source registry-json"),
        ] as [(String, Int, String?, String)])
    func aBadRowRejectsTheFileWithItsLineColumnValueAndFix(text: String, line: Int, column: String?, message: String)
        throws
    {
        let before = try snapshot()
        let report = try run(try file("bad.csv", text), .secnumcloud)
        #expect(report.status == .rejected)
        let error = try #require(report.errors.first { $0.message.contains(message) }, "\(report.errors)")
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(try snapshot() == before, "nothing was written")
    }

    @Test func everyBadRowIsListedNotOnlyTheFirst() throws {
        let text =
            "provider,service,status,qualified_on\nA,B,Qualifié,2026-02-30\nA,C,J0,\nA,D,nope,\nA,E,J1,31/04/2026\n"
        let report = try run(try file("bad.csv", text), .secnumcloud)
        #expect(report.errors.map(\.line) == [2, 4, 5])
        #expect(report.counts.rejected == 3)
    }

    @Test func skipInvalidAppliesTheValidRowsAndKeepsTheEntryOfARejectedRow() throws {
        _ = try run(try secNumCloudList(["Kept", "Typo", "Other"]), .secnumcloud)
        let text =
            "provider;service;status;qualified_on\nExemple (fictif);Kept;Qualifié;\n"
            + "Exemple (fictif);Typo;Qualifié;2026-02-30\nExemple (fictif);Other;Qualifié;\nExemple (fictif);New;J0;\n"
        let report = try run(try file("partial.csv", text), .secnumcloud) { $0.skipInvalid = true }
        #expect(report.status == .applied)
        #expect(report.counts.rejected == 1)
        #expect(report.counts.withdrawn == 0, "a row with a typo does not withdraw its entry")
        let typo = try registry.read { try Attestation.fetchOne($0, key: "exemple-fictif/secnumcloud-typo") }
        #expect(typo?.status == .qualified)
        #expect(try registry.read { try Attestation.exists($0, key: "exemple-fictif/secnumcloud-new") })
    }

    @Test func aRowRefusedForAnotherProvidersCertificateLeavesNothingBehind() throws {
        let text =
            "host,certificate,activities\nNouvel Hébergeur (fictif),HDS 701569,1-6\nAutre Hébergeur (fictif),HDS-2,1\n"
        let report = try run(try file("stolen.csv", text), .hds) { $0.skipInvalid = true }
        #expect(report.status == .applied)
        #expect(
            report.errors.map(\.message) == [
                "this certificate belongs to provider 'microsoft'; check the host name or the number"
            ])
        let providers = try registry.read {
            try String.fetchAll($0, sql: "SELECT id FROM provider WHERE name LIKE '%(fictif)' ORDER BY id")
        }
        #expect(providers == ["autre-hebergeur-fictif"], "the refused row's new host is not created")
    }

    @Test func aLongReportListsTheFirstChangesAndErrorsAndCountsTheRest() throws {
        let text = "provider,service,status\nA (fictif),S1,J0\nA (fictif),S2,J1\nA (fictif),S3,nope\nA (fictif),S4,no\n"
        let rejected = try run(try file("bad.csv", text), .secnumcloud) { $0.listLimit = 1 }
        #expect(rejected.errors.count == 1)
        #expect(rejected.errorsOmitted == 1)
        let report = try run(try secNumCloudList(["S1", "S2", "S3"]), .secnumcloud) { $0.listLimit = 2 }
        #expect(report.status == .applied)
        #expect(report.counts.inserted == 7, "a provider, three offers and three attestations")
        #expect(report.changes.count == 2)
        #expect(report.changesOmitted == 5)
        var filter = HistoryFilter()
        filter.run = report.runId
        #expect(
            try registry.history(filter).count == 10, "the history of the run holds every change and the scope links")
    }

    @Test func entriesSeenKeepTheFirstLineOfEachRowidDenseOrNot() {
        var seen = EntriesSeen()
        seen.insert(3, line: 10)
        seen.insert(3, line: 12)
        seen.insert(EntriesSeen.denseLimit + 5, line: 20)
        seen.insert(-1, line: 30)
        #expect(seen.line(of: 3) == 10, "the first row that named the entry")
        #expect(seen.line(of: EntriesSeen.denseLimit + 5) == 20)
        #expect(seen.line(of: -1) == 30)
        #expect(seen.line(of: 2) == nil)
        #expect(seen.line(of: 1_000) == nil)
    }

    @Test func aProviderAListCreatedIsFoundAgainWhateverTheCaseAccentsOrSlugCollision() throws {
        let hosts = ["Démo Hébergement (fictif)", "A.B (fictif)", "A B (fictif)"]
        func list(_ names: [String]) throws -> String {
            try file(
                "hosts-\(names.count)-\(names[0].count).csv",
                "host;certificate;activities\n"
                    + names.enumerated().map { "\($1);HDS-EX-\($0);1\n" }.joined())
        }
        let first = try run(try list(hosts), .hds)
        #expect(first.status == .applied, "\(first.errors)")
        let created = try registry.read {
            try String.fetchAll($0, sql: "SELECT id FROM provider WHERE name LIKE '%(fictif)' ORDER BY id")
        }
        #expect(created == ["a-b-fictif", "a-b-fictif-2", "demo-hebergement-fictif"])
        let again = try run(try list(["DEMO HEBERGEMENT (FICTIF)", "a.b (Fictif)", "a b (fictif)"]), .hds)
        #expect(again.status == .unchanged, "\(again.changes)")
    }

    // MARK: - Real files

    @Test func aWindows1252FileWithSemicolonsCRLFAndFrenchDatesIsReadAndReported() throws {
        var bytes = Array("Fournisseur;Nom du service;Statut;Date de qualification\r\n".utf8)
        bytes += Array("Soci".utf8) + [0xE9] + Array("t".utf8) + [0xE9] + Array(" G".utf8) + [0xE9, 0x6E, 0xE9]
        bytes += Array("rale (fictif);\"Cloud \"\"priv".utf8) + [0xE9] + Array("\"\"\";Qualifi".utf8) + [0xE9]
        bytes += Array(";05/03/2025\r\n".utf8)
        let report = try run(try file("cp1252.csv", bytes), .secnumcloud)
        #expect(report.status == .applied, "\(report.errors)")
        #expect(report.notes.contains { $0.contains("Windows-1252") })
        let offer = try registry.read { try Offer.fetchOne($0, key: "societe-generale-fictif/cloud-prive") }
        #expect(offer?.name == "Cloud \"privé\"")
    }

    @Test func aCanonicalDocumentImportsThroughTheSameReport() throws {
        let empty = try Fixture.registry()
        let path = try file("export.json", Array(try snapshot()))
        let report = try empty.importFile(at: path, source: .registryJSON, options: ImportOptions(day: Self.day))
        #expect(report.status == .applied)
        #expect(try DocumentReader.encode(try empty.exportDocument()) == (try snapshot()))
        let again = try empty.importFile(at: path, source: .registryJSON, options: ImportOptions(day: Self.day))
        #expect(again.status == .unchanged)
    }

    @Test func aMissingFileIsUnreadableInput() throws {
        let error = #expect(throws: RegistryError.self) { try run("/nonexistent/list.csv", .hds) }
        #expect(error?.exitCode == 66)
    }

    // MARK: - Runs and readers

    @Test func everyRunIsRecordedWithItsCountsAndFingerprint() throws {
        let path = Self.samples.appendingPathComponent("catalogue.csv").path
        let report = try run(path, .catalogue)
        let run = try #require(try registry.read { try ImportRun.fetchOne($0, key: report.runId) })
        #expect(run.source == .catalogue)
        #expect(run.status == .applied)
        #expect(run.sha256 == report.sha256)
        #expect(run.insertedCount == report.counts.inserted)
        #expect(run.endedAt != nil)
        var filter = HistoryFilter()
        filter.source = "catalogue"
        #expect(try registry.history(filter).allSatisfy { $0.runId == report.runId })
    }

    @Test func aReaderDuringAnImportSeesTheOldStateThenTheNew() throws {
        let path = folder.appendingPathComponent("registry.sqlite").path
        let (writer, _) = try Registry.open(path: path, seeded: false)
        let (reader, _) = try Registry.open(path: path)
        let rows = (1...2_500).map { "Exemple (fictif);Service \($0);J0\n" }.joined()
        let list = try file("big.csv", "provider;service;status\n" + rows)
        let seen = Mutex<[Int]>([])
        var options = ImportOptions(day: Self.day)
        options.progressInterval = 1_000
        options.progress = { _ in
            // Mid-import, from another connection: the import's rows are not visible yet.
            var criteria = OfferCriteria(validOn: Self.day)
            criteria.search = "exemple"
            let count = (try? reader.query(criteria).count) ?? -1
            seen.withLock { $0.append(count) }
        }
        let report = try writer.importFile(at: list, source: .secnumcloud, options: options)
        #expect(report.status == .applied)
        #expect(seen.withLock { $0 } == [0, 0])
        var criteria = OfferCriteria(validOn: Self.day)
        criteria.search = "exemple"
        #expect(try reader.query(criteria).count == 2_500)
    }
}

/// A value shared between the import and the test, behind a lock.
final class Mutex<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
