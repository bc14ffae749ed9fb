import Foundation
import Testing

@testable import RegistryCore

/// The canonical registry-json format: strict reading, validation before writing, deterministic export.
@Suite struct DocumentTests {
    @Test func exportThenImportIntoAnEmptyRegistryThenExportIsByteIdentical() throws {
        let seeded = try Fixture.registry()
        try seeded.loadSeeds()
        let first = try DocumentReader.encode(try seeded.exportDocument())

        let empty = try Fixture.registry()
        try empty.importDocument(try DocumentReader.decode(first, origin: "export"), origin: "export")
        let second = try DocumentReader.encode(try empty.exportDocument())
        #expect(first == second)
    }

    @Test func aMisspeltKeyIsAnErrorNotASilentlyDroppedFact() throws {
        let json = Data(
            """
            {"format": "registry-json", "formatVersion": 1, "providers": [
              {"id": "p", "name": "P", "source": "s", "sourceKind": "press", "hqCountri": "FR"}]}
            """.utf8)
        let error = #expect(throws: RegistryError.self) { try DocumentReader.decode(json, origin: "p.json") }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.contains("providers[0].hqCountri: unknown key 'hqCountri'; expected one of:"))
        #expect(error?.exitCode == 65)
    }

    @Test(arguments: [
        ("{", "not valid JSON"),
        (#"{"format": "csv", "formatVersion": 1}"#, "format is 'csv'; this reader takes 'registry-json'"),
        (#"{"format": "registry-json", "formatVersion": 2}"#, "formatVersion 2 is not supported"),
        (
            #"{"format": "registry-json", "formatVersion": 1, "providers": [{"id": "p"}]}"#,
            "providers[0]: required key 'name' is missing"
        ),
        (
            #"""
            {"format": "registry-json", "formatVersion": 1, "attestations": [{"id": "p/x", "providerId": "p",
             "schemeId": "hds", "status": "certified", "scope": "provider", "source": "s", "sourceKind": "press",
             "expiresOn": "2026-02-30"}]}
            """#,
            "attestations[0].expiresOn: '2026-02-30' is not a day that exists"
        ),
    ])
    func unreadableDocumentsSayWhatIsWrong(json: String, message: String) throws {
        let error = #expect(throws: RegistryError.self) { try DocumentReader.decode(Data(json.utf8), origin: "x.json") }
        #expect(error.map { "\($0)" }?.contains(message) == true)
    }

    @Test func thePrecheckReadsKeysThroughEscapesAndStopsAtTheFirstFinding() {
        func first(_ json: String, max: Int = 8) -> JSONPrecheck.Finding? {
            JSONPrecheck.first(in: Array(json.utf8), maxStringBytes: max)?.finding
        }
        #expect(first(#"{"a\"b": 1, "a\"c": 2}"#) == nil, "escaped quotes end no key")
        #expect(first(#"{"a\"b": 1, "a\"b": 2}"#) == .duplicateKey(#"a\"b"#))
        #expect(first(#"[{"a": 1}, {"a": 1}]"#) == nil, "the same key in two objects")
        #expect(first(#"{"a": {"a": 1}}"#) == nil, "the same key at two depths")
        #expect(first(#"{"a": "12345678"}"#) == nil, "exactly the limit")
        #expect(first(#"{"a": "123456789"}"#) == .longString)
        #expect(first(#"{"a": "unterminated\"#) == .longString, "the string runs to the end")
        #expect(first(#"{"a": "x\"#, max: 100) == nil)
    }

    /// One broken fact per case, added to an otherwise valid document.
    @Test(arguments: [
        ("country", "provider 'bad': hqCountry: 'XX': unknown country code"),
        ("siren", "provider 'bad': siren: '432735083': not a valid SIREN"),
        ("scheme", "attestation 'good/x': schemeId: 'iso9001': unknown scheme"),
        ("dates", "attestation 'good/x': expiresOn: '2024-01-01': expires on or before it was issued (2025-01-01)"),
        ("activities", "attestation 'good/x': activities: activities 1–6 apply to HDS certificates only"),
        ("activity7", "attestation 'good/x': activities: '7': HDS activities are 1 to 6"),
        ("foreignOffer", "attestation 'good/x': offers: 'bad/o': an offer of another provider"),
        ("emptyScope", "attestation 'good/x': offers: scope 'offers' needs the offers it covers"),
        ("duplicate", "offer 'good/o': the id appears twice"),
        ("childId", "offer 'good/o2': id: 'good/o2': ids read '<provider>/<slug>', like 'bad/my-offer'"),
        ("ownership", "ownership of 'e2': '110.00': holdings add up to more than 100 %"),
        ("percent", "ownership 'e1' → 'e2': capitalPercent: '-5.0': a percentage is between 0 and 100"),
        ("site", "offer 'good/o': sites: 'good/nowhere': no such site"),
    ])
    func invalidFactsRejectTheWholeDocumentAndWriteNothing(breakage: String, message: String) throws {
        let registry = try Fixture.registry()
        var document = RegistryDocument()
        document.providers = [Fixture.provider("good"), Fixture.provider("bad")]
        document.offers = [Fixture.offer("good/o"), Fixture.offer("bad/o")]
        var attestation = Fixture.attestation("good/x", scheme: "hds", status: .certified, offers: ["good/o"])
        switch breakage {
        case "country": document.providers[1].provider.hqCountry = "XX"
        case "siren": document.providers[1].provider.siren = "432735083"
        case "scheme": attestation.attestation.schemeId = "iso9001"
        case "dates":
            attestation.attestation.issuedOn = Fixture.day("2025-01-01")
            attestation.attestation.expiresOn = Fixture.day("2024-01-01")
        case "activities":
            attestation.attestation.schemeId = "iso27001"
            attestation.activities = [1]
        case "activity7": attestation.activities = [7]
        case "foreignOffer": attestation.offers = ["bad/o"]
        case "emptyScope": attestation.offers = []
        case "duplicate": document.offers.append(Fixture.offer("good/o"))
        case "childId": document.offers[1].offer.id = "good/o2"
        case "ownership", "percent":
            let entity = { (id: String) in
                Entity(id: id, name: id, kind: .company, source: "s", sourceKind: .press)
            }
            document.entities = [entity("e1"), entity("e2"), entity("e3")]
            let edge = { (owner: String, capital: Double) in
                Ownership(ownerId: owner, ownedId: "e2", capitalPercent: capital, source: "s", sourceKind: .press)
            }
            document.ownership =
                breakage == "percent" ? [edge("e1", -5)] : [edge("e1", 60), edge("e3", 50)]
        case "site": document.offers[0].sites = ["good/nowhere"]
        default: Issue.record("unknown breakage \(breakage)")
        }
        document.attestations = [attestation]

        let error = #expect(throws: RegistryError.self) { try registry.importDocument(document, origin: "doc.json") }
        #expect(error?.exitCode == 65)
        #expect(error.map { "\($0)" }?.contains(message) == true, "\(error.map { "\($0)" } ?? "")")
        #expect(try registry.exportDocument() == RegistryDocument(), "nothing is written")
    }

    @Test func reimportingAChangedFactUpdatesOnlyThatFact() throws {
        let registry = try Fixture.registry()
        try registry.loadSeeds()
        var document = try DocumentReader.seeds()
        let index = try #require(document.attestations.firstIndex { $0.attestation.id == "s3ns/secnumcloud-premi3ns" })
        document.attestations[index].attestation.expiresOn = Fixture.day("2028-12-17")
        let counts = try registry.importDocument(document, origin: "seeds")
        #expect(counts.counts.updated == 1)
        #expect(counts.counts.inserted == 0)
    }
}

extension Entity {
    init(id: String, name: String, kind: EntityKind, source: String, sourceKind: SourceKind) {
        self.init(
            id: id, name: name, kind: kind, country: nil, note: nil, source: source, sourceKind: sourceKind,
            verifiedOn: nil)
    }
}

extension Ownership {
    init(ownerId: String, ownedId: String, capitalPercent: Double?, source: String, sourceKind: SourceKind) {
        self.init(
            ownerId: ownerId, ownedId: ownedId, capitalPercent: capitalPercent, votingPercent: nil, vetoRight: nil,
            boardMajorityRight: nil, asOf: nil, note: nil, source: source, sourceKind: sourceKind, verifiedOn: nil)
    }
}
