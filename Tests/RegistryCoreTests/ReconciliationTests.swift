import Foundation
import GRDB
import Testing

@testable import RegistryCore

/// ANSSI's catalogue of 15/09/2026 as a steward transcribes it (the CSV kind), imported over the seeds without
/// their list facts: one entry per real offer, each decision on one offer, the official word over the press's,
/// and the steward's two writes. (The catalogue read as published is `CatalogueImportTests`.)
@Suite struct ReconciliationTests {
    let registry: Registry
    static let fixtures = EmbeddedFilesTests.root.appendingPathComponent("Tests/Fixtures")
    static let catalogue = fixtures.appendingPathComponent("anssi-secnumcloud-2026-09-15.csv").path
    static let withInQualification = fixtures.appendingPathComponent(
        "anssi-secnumcloud-with-in-qualification-2026-09-15.csv"
    ).path
    static let importDay = Fixture.day("2026-09-20")

    init() throws {
        registry = try Registry.inMemory(clock: .pinned(to: Self.importDay))
        try registry.importDocument(try Fixture.seedsWithoutListEntries(), origin: "seeds without list facts")
    }

    func run(_ path: String, day: Day = Self.importDay, dryRun: Bool = false, force: Bool = false) throws
        -> ImportReport
    {
        var options = ImportOptions(day: day)
        options.dryRun = dryRun
        options.force = force
        return try registry.importFile(at: path, source: .secnumcloud, options: options)
    }

    /// The steward's file with the sheet's own spelling of Bleu's service, once an alias says whose it is.
    func runWithBleuResolved() throws -> ImportReport {
        _ = try registry.addAlias("Cloud de confiance (IaaS, PaaS, CaaS)", to: "bleu/cloud")
        return try run(Self.withInQualification)
    }

    func file(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reconcile-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func secnumcloud(on day: String, inProgress: Bool = false) throws -> [OfferMatch] {
        var criteria = OfferCriteria(validOn: Fixture.day(day))
        criteria.secnumcloud = true
        criteria.includeInProgress = inProgress
        return try registry.query(criteria)
    }

    func count(_ sql: String) throws -> Int {
        try registry.read { try Int.fetchOne($0, sql: sql) ?? 0 }
    }

    // MARK: - The catalogue over the seeds

    @Test func theListLandsOnTheSeedsTranscriptionCreatingNoTwin() throws {
        let providers = try count("SELECT count(*) FROM provider")
        let offers = try count("SELECT count(*) FROM offer")
        let report = try runWithBleuResolved()
        #expect(report.status == .applied, "\(report.errors)")
        // « OVH », « Outscale », « Numspot », « Thales Cloud Sécurisé », « Orange Business Services » and every
        // service name land on the entries the seeds hold under those names.
        #expect(report.unmatched.isEmpty, "\(report.unmatched)")
        #expect(try count("SELECT count(*) FROM provider") == providers)
        #expect(try count("SELECT count(*) FROM offer") == offers)
        // Each row lands on the seeded fact with its decision: the list's fact, now read from the list.
        for (offer, decision) in [
            ("ovhcloud/hosted-private-cloud-snc", "2279"), ("ovhcloud/bare-metal-pod-snc", "559"),
            ("outscale/cloud-iaas", "2118"), ("cloud-temple/iaas", "3389"), ("cloud-temple/paas-openshift", "919"),
            ("s3ns/premi3ns", "2057"), ("numspot/paas", "3395"),
        ] {
            let facts = try registry.read { db in
                try Attestation.fetchAll(
                    db,
                    sql: """
                        SELECT attestation.* FROM attestationOffer
                        JOIN attestation ON attestation.id = attestationOffer.attestationId
                        WHERE attestationOffer.offerId = ? AND attestation.schemeId = 'secnumcloud'
                          AND attestation.certificateRef IS NOT NULL
                        """, arguments: [offer])
            }
            #expect(facts.map(\.certificateRef) == [decision], "\(offer)")
            #expect(facts.first?.origin == .secnumcloud, "\(offer): the list's fact")
            #expect(facts.first?.via?.hasPrefix("a transcription") == true, "\(offer): a transcription, said so")
            #expect(facts.first?.publication == .anssiCatalogue, "\(offer)")
        }
        #expect(report.counts.withdrawn == 0)
    }

    @Test func theCatalogueAsPublishedReadsEveryRowAsQualifiedWithItsDecision() throws {
        // ANSSI's six columns, no status: on the seeds without their own transcription of it.
        let bare = try Registry.inMemory(clock: .pinned(to: Self.importDay))
        try bare.importDocument(try Fixture.seedsWithoutListEntries(), origin: "seeds without list entries")
        let report = try bare.importFile(
            at: Self.catalogue, source: .secnumcloud, options: ImportOptions(day: Self.importDay))
        #expect(report.status == .applied, "\(report.errors)")
        #expect(report.unmatched.filter { $0.kind == .provider }.isEmpty, "the seeds name every provider")
        var criteria = OfferCriteria(validOn: Fixture.day("2026-09-15"))
        criteria.secnumcloud = true
        let matches = try bare.query(criteria)
        #expect(matches.count == 14)
        #expect(
            matches.first { $0.offer.id == "ovhcloud/hosted-private-cloud-snc" }?.evidence.first?.attestation.decision
                == "2279")
    }

    @Test func eachDecisionIsOnExactlyOneOfferAndTheCatalogueIsWhatCounts() throws {
        _ = try runWithBleuResolved()
        #expect(
            try count(
                """
                SELECT count(*) FROM (SELECT certificateRef FROM attestation JOIN attestationOffer
                  ON attestationOffer.attestationId = attestation.id
                  WHERE schemeId = 'secnumcloud' AND certificateRef IS NOT NULL
                  GROUP BY certificateRef HAVING count(DISTINCT attestationOffer.offerId) <> 1)
                """) == 0)
        let onTheCatalogueDay = try secnumcloud(on: "2026-09-15")
        // Fifteen qualified rows less Whaller's, undated: it counts from the day the list was read (20/09).
        #expect(onTheCatalogueDay.count == 14, "\(onTheCatalogueDay.map(\.offer.id))")
        #expect(Set(onTheCatalogueDay.map(\.offer.id)).count == onTheCatalogueDay.count, "one entry per offer")
        for match in onTheCatalogueDay {
            #expect(match.evidence.count == 1, "\(match.offer.id): one fact counts")
            #expect(match.evidence.first?.attestation.sourceKind == .officialList, "\(match.offer.id)")
        }
    }

    @Test func outscaleStopsCountingTheDayAfterItsQualificationEndedThoughThePressSaidNoExpiry() throws {
        _ = try runWithBleuResolved()
        #expect(try secnumcloud(on: "2026-11-30").contains { $0.offer.id == "outscale/cloud-iaas" })
        #expect(try !secnumcloud(on: "2026-12-01").contains { $0.offer.id == "outscale/cloud-iaas" })
        let evidence = try #require(
            try secnumcloud(on: "2026-11-30").first { $0.offer.id == "outscale/cloud-iaas" }?.evidence.first)
        #expect(evidence.attestation.decision == "2118")
        #expect(evidence.supersedes.map(\.superseded.id) == ["outscale/secnumcloud"])
        guard case .offer(let sheet) = try registry.show("outscale/cloud-iaas", on: Fixture.day("2026-12-01")) else {
            Issue.record("not an offer")
            return
        }
        let press = try #require(sheet.attestations.first { $0.evidence.attestation.id == "outscale/secnumcloud" })
        #expect(!press.inForce)
        #expect(press.evidence.flags.contains("superseded by outscale/secnumcloud-cloud-iaas (official list)"))
        let assessment = try registry.assess("outscale/cloud-iaas", on: Fixture.day("2026-12-01"))
        #expect(!assessment.attestationsInForce.contains { $0.attestation.schemeId == "secnumcloud" })
    }

    @Test func aRenewalIsANewDecisionThatSupersedesTheOldOneWithoutWithdrawingIt() throws {
        _ = try runWithBleuResolved()
        // A later catalogue: Outscale renewed (a fictitious decision, for the test), the rest unchanged.
        let renewed = try String(contentsOfFile: Self.withInQualification, encoding: .utf8).replacingOccurrences(
            of: "Outscale;IaaS Cloud on Demand;IaaS;30/11/2023;30/11/2026;2118",
            with: "Outscale;IaaS Cloud on Demand;IaaS;28/11/2026;28/11/2029;EXEMPLE-9999")
        let report = try run(try file(renewed), day: Fixture.day("2026-11-29"))
        #expect(report.status == .applied, "\(report.errors)")
        #expect(report.counts.withdrawn == 0, "the old decision is superseded, not withdrawn")
        let match = try #require(try secnumcloud(on: "2026-12-01").first { $0.offer.id == "outscale/cloud-iaas" })
        #expect(match.evidence.map(\.attestation.decision) == ["EXEMPLE-9999"])
        let old = try #require(
            try registry.read {
                try Attestation.fetchOne($0, sql: "SELECT * FROM attestation WHERE certificateRef = '2118'")
            })
        #expect(old.status == .qualified && old.decision == "2118")
        // Before the renewal, the old decision spoke for the offer.
        let before = try #require(try secnumcloud(on: "2026-11-01").first { $0.offer.id == "outscale/cloud-iaas" })
        #expect(before.evidence.map(\.attestation.decision) == ["2118"])
    }

    @Test func aServiceTheListStopsListingIsWithdrawnAndTheSeededFactStaysDown() throws {
        _ = try runWithBleuResolved()
        let without = try String(contentsOfFile: Self.withInQualification, encoding: .utf8).split(separator: "\n")
            .filter { !$0.contains("Bare Metal Pod") }.joined(separator: "\n")
        let report = try run(try file(without + "\n"), day: Fixture.day("2026-10-15"))
        #expect(report.counts.withdrawn == 1)
        #expect(try !secnumcloud(on: "2026-10-20").contains { $0.offer.id == "ovhcloud/bare-metal-pod-snc" })
        #expect(
            try !secnumcloud(on: "2026-10-20", inProgress: true).contains {
                $0.offer.id == "ovhcloud/bare-metal-pod-snc"
            },
            "the seeded provider statement does not come back to life")
    }

    @Test func statusPhrasesOfTheListAreReadExactlyAndAnUnknownOneChangesNothing() throws {
        let before = try DocumentReader.encode(try registry.exportDocument())
        let report = try run(
            try file(
                "Prestataire;Service;Statut\nOVH;Bare Metal Pod;Non qualifié\nOVH;Hosted Private Cloud (VMware);Peut-être\n"
            ))
        #expect(report.status == .rejected)
        #expect(report.errors.map(\.line) == [3])
        #expect(try DocumentReader.encode(try registry.exportDocument()) == before)
        let notQualified = try run(
            try file("Prestataire;Service;Statut\nOVH;Bare Metal Pod;Non qualifié\n"), force: true)
        #expect(notQualified.status == .applied, "\(notQualified.errors)")
        let fact = try #require(
            try registry.read {
                try Attestation.fetchOne(
                    $0,
                    sql: """
                        SELECT attestation.* FROM attestation JOIN attestationOffer ON attestationId = attestation.id
                        WHERE offerId = 'ovhcloud/bare-metal-pod-snc' AND origin = 'secnumcloud'
                        """)
            })
        #expect(fact.status == .withdrawn)
        #expect(try !secnumcloud(on: "2026-09-20").contains { $0.offer.id == "ovhcloud/bare-metal-pod-snc" })
    }

    // MARK: - Unmatched names, aliases and merges

    @Test func anUnmatchedServiceIsReportedWithTheNearestOffer() throws {
        let report = try run(Self.withInQualification, dryRun: true)
        #expect(report.unmatched.map(\.name) == ["Cloud de confiance (IaaS, PaaS, CaaS)"], "\(report.unmatched)")
        let bleu = try #require(report.unmatched.first)
        #expect(bleu.kind == .offer && bleu.line == 17 && bleu.createdId == "bleu/cloud-de-confiance-iaas-paas-caas")
        #expect(bleu.suggestions == ["bleu/cloud"])
        #expect(try count("SELECT count(*) FROM offer WHERE id LIKE 'bleu/cloud-de-confiance%'") == 0, "a dry run")
    }

    @Test func anAliasMakesTheNextImportLandOnTheOffer() throws {
        let alias = try registry.addAlias("Cloud de confiance (IaaS, PaaS, CaaS)", to: "bleu/cloud")
        #expect(alias.status == .applied && alias.runId != nil)
        let report = try run(Self.withInQualification)
        #expect(report.unmatched.isEmpty)
        let bleu = try #require(
            try secnumcloud(on: "2026-09-20", inProgress: true).first { $0.offer.id == "bleu/cloud" })
        #expect(bleu.evidence.map(\.attestation.milestone) == [.j1], "the list's J1 over the press's J0")
        #expect(bleu.evidence.first?.hasConflict == true, "the press said J0")
        #expect(
            try registry.conflicts(on: Fixture.day("2026-09-20")).contains {
                $0.offerId == "bleu/cloud" && $0.supersession.differences == ["status"]
            })
    }

    @Test func anAliasOfAnotherEntryOrAnUnknownIdIsRefused() throws {
        #expect(throws: RegistryError.self) { try registry.addAlias("OVH", to: "s3ns") }
        #expect(throws: RegistryError.self) { try registry.addAlias("x", to: "no-such-provider") }
        #expect(throws: RegistryError.self) { try registry.addAlias("  ", to: "s3ns") }
        let dry = try registry.addAlias("S3NS SAS", to: "s3ns", dryRun: true)
        #expect(dry.status == .dryRun)
        #expect(try count("SELECT count(*) FROM providerAlias WHERE alias = 'S3NS SAS'") == 0)
    }

    @Test func aMergeMovesEveryFactToTheSurvivorAndKeepsTheDuplicatesNames() throws {
        // Without the alias, the import makes a twin that holds Bleu's J1.
        _ = try run(Self.withInQualification)
        let twin = "bleu/cloud-de-confiance-iaas-paas-caas"
        let beforeMerge = try secnumcloud(on: "2026-09-20", inProgress: true).first { $0.offer.id == "bleu/cloud" }
        #expect(beforeMerge?.evidence.map(\.attestation.milestone) == [.j0], "only the press's J0, on the real offer")
        let history = try count("SELECT count(*) FROM history")
        let report = try registry.merge(twin, into: "bleu/cloud")
        #expect(report.status == .applied)
        #expect(report.changes.contains { $0.id == twin && $0.summary == "merged into bleu/cloud" })
        #expect(try count("SELECT count(*) FROM offer WHERE id = '\(twin)'") == 0)
        #expect(try count("SELECT count(*) FROM history") > history, "the merge is in the history")
        #expect(
            try count(
                """
                SELECT count(*) FROM offerAlias WHERE offerId = 'bleu/cloud'
                AND alias = 'Cloud de confiance (IaaS, PaaS, CaaS)'
                """) == 1)
        let bleu = try #require(
            try secnumcloud(on: "2026-09-20", inProgress: true).first { $0.offer.id == "bleu/cloud" })
        #expect(bleu.evidence.map(\.attestation.milestone) == [.j1], "the list's J1 over the press's J0")
        // The next import lands on the survivor, and changes nothing.
        let again = try run(Self.withInQualification, day: Fixture.day("2026-09-21"))
        #expect(again.unmatched.isEmpty)
        #expect(again.counts.withdrawn == 0 && again.counts.inserted == 0, "\(again.changes)")
    }

    @Test func aProviderMergeMovesOffersAttestationsAndNames() throws {
        // A twin of S3NS, as a list naming it otherwise makes it (forced: one row over the seeds' catalogue).
        _ = try run(try file("Prestataire;Service;Au\nS3NS Thales;PREMI3NS;17/12/2028\n"), force: true)
        let twin = try #require(
            try registry.read {
                try String.fetchOne($0, sql: "SELECT id FROM provider WHERE name = 'S3NS Thales'")
            })
        let report = try registry.merge(twin, into: "s3ns")
        #expect(report.status == .applied, "\(report.changes)")
        #expect(try count("SELECT count(*) FROM provider WHERE id = '\(twin)'") == 0)
        #expect(
            try count("SELECT count(*) FROM attestation WHERE providerId = 's3ns' AND origin = 'secnumcloud'") == 1)
        #expect(
            try count("SELECT count(*) FROM providerAlias WHERE providerId = 's3ns' AND alias = 'S3NS Thales'") == 1)
        #expect(try registry.check(on: Self.importDay).filter { !$0.isWarning }.isEmpty)
        #expect(try registry.read { try Offer.exists($0, key: "s3ns/premi3ns") })
    }

    @Test func aMergeAcrossProvidersOrOfAnEntryIntoItselfIsRefused() throws {
        #expect(throws: RegistryError.self) { try registry.merge("ovhcloud/dedicated-server", into: "s3ns/premi3ns") }
        #expect(throws: RegistryError.self) { try registry.merge("s3ns", into: "s3ns") }
        #expect(throws: RegistryError.self) { try registry.merge("s3ns", into: "s3ns/premi3ns") }
    }

    /// A merge keeps what each fact covered: the duplicate's provider-wide qualification and UGAP listing cover
    /// the duplicate's former offers after the merge, never the survivor's other offers.
    @Test func aMergeNeverWidensWhatAFactCovers() throws {
        let registry = try Fixture.registry()
        var document = RegistryDocument()
        document.providers = [Fixture.provider("dup"), Fixture.provider("kept")]
        document.offers = [Fixture.offer("dup/a"), Fixture.offer("kept/x")]
        document.attestations = [Fixture.attestation("dup/snc", scheme: "secnumcloud", scope: .provider)]
        document.listings = [Fixture.listing("dup/ugap", scope: .provider)]
        try registry.importDocument(document, origin: "fixture")
        let report = try registry.merge("dup", into: "kept")
        #expect(report.status == .applied)
        var criteria = OfferCriteria(validOn: Fixture.today)
        criteria.secnumcloud = true
        #expect(try registry.query(criteria).map(\.offer.id) == ["kept/a"])
        criteria.secnumcloud = false
        criteria.catalogues = ["ugap"]
        #expect(try registry.query(criteria).map(\.offer.id) == ["kept/a"])
    }

    @Test func anOfferIsNeverMergedIntoTheOfferItRunsOn() throws {
        let registry = try Fixture.registry()
        var upper = Fixture.offer("p/upper")
        upper.offer.runsOnOfferId = "p/base"
        var document = RegistryDocument()
        document.providers = [Fixture.provider("p")]
        document.offers = [Fixture.offer("p/base"), upper]
        try registry.importDocument(document, origin: "fixture")
        for (duplicate, survivor) in [("p/upper", "p/base"), ("p/base", "p/upper")] {
            let error = #expect(throws: RegistryError.self) { try registry.merge(duplicate, into: survivor) }
            #expect(error?.exitCode == 64)
            #expect("\(error.map { "\($0)" } ?? "")".contains("p/upper runs on p/base"))
        }
    }

    /// List 1: A qualified with decision 778, C at J1. List 2: C qualified with 778. The decision names one
    /// service: the second list is a conflict to resolve, never « unchanged » with A still qualified.
    @Test func aDecisionAListGivesToAnotherServiceIsAConflictNeverUnchanged() throws {
        let first = try file(
            "Prestataire;Service;Statut;Décision\nExemple (fictif);Svc A;Qualifié;778\nExemple (fictif);Svc C;J1;\n")
        #expect(try run(first).status == .applied)
        let second = try file("Prestataire;Service;Statut;Décision\nExemple (fictif);Svc C;Qualifié;778\n")
        let report = try run(second, force: true)
        #expect(report.status == .rejected)
        #expect(report.errors.first?.message.contains("is held by exemple-fictif/svc-a") == true, "\(report.errors)")
        // A new name for the decision's own service (none of the registry's) is a rename: the same offer.
        let renamed = try file(
            "Prestataire;Service;Statut;Décision\nExemple (fictif);Svc A Plus;Qualifié;778\nExemple (fictif);Svc C;J1;\n"
        )
        let again = try run(renamed)
        #expect(again.status == .applied, "\(again.errors)")
        #expect(again.notes.contains { $0.contains("now names « Svc A Plus »") })
        #expect(
            try secnumcloud(on: "2026-09-20").map(\.offer.id).filter { $0.hasPrefix("exemple-fictif/") } == [
                "exemple-fictif/svc-a"
            ])
    }
}
