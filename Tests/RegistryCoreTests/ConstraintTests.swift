import Foundation
import Testing

@testable import RegistryCore

/// The hostile corpus's class « raw SQLite errors »: each CHECK and UNIQUE rule of the schema that a document
/// or a list can break is checked before the write, with a located message and exit 65; none reaches the user
/// as « SQLite error ».
@Suite struct ConstraintTests {
    let registry: Registry

    init() throws {
        registry = try Fixture.registry()
        try registry.loadSeeds()
    }

    static func document(_ body: String) -> RegistryDocument? {
        try? DocumentReader.decode(
            Data(#"{"format": "registry-json", "formatVersion": 1, \#(body)}"#.utf8), origin: "d.json")
    }

    static let cases: [(name: String, body: String, message: String)] = [
        (
            "controlling with 30 %",
            #""entities": [{"id": "a1", "name": "A", "kind": "company", "source": "s", "sourceKind": "press"}, {"id": "b1", "name": "B", "kind": "company", "source": "s", "sourceKind": "press"}], "ownership": [{"ownerId": "a1", "ownedId": "b1", "capitalPercent": 30, "controlling": true, "source": "s", "sourceKind": "press"}]"#,
            "controlling means more than 50 %"
        ),
        (
            "an offer that runs on itself",
            #""providers": [{"id": "p1", "name": "P", "source": "s", "sourceKind": "press", "aliases": []}], "offers": [{"id": "p1/o", "providerId": "p1", "name": "O", "runsOnOfferId": "p1/o", "source": "s", "sourceKind": "press", "sites": []}]"#,
            "an offer cannot run on itself"
        ),
        (
            "a SIREN another provider has",
            #""providers": [{"id": "p2", "name": "P", "siren": "432735082", "source": "s", "sourceKind": "press", "aliases": []}]"#,
            "provider 'oodrive' already has this SIREN"
        ),
        (
            "a site code the provider already has",
            #""sites": [{"id": "ovhcloud/again", "providerId": "ovhcloud", "code": "roubaix", "source": "s", "sourceKind": "press"}]"#,
            "already has this code"
        ),
        (
            "a certificate another attestation has",
            #""providers": [{"id": "p4", "name": "P", "source": "s", "sourceKind": "press", "aliases": []}], "attestations": [{"id": "p4/h", "providerId": "p4", "schemeId": "hds", "status": "certified", "scope": "provider", "certificateRef": "FR094504", "source": "s", "sourceKind": "press", "activities": []}]"#,
            "the same certificate as attestation 'clever-cloud/hds'"
        ),
        (
            "holdings above 100 % with the registry's",
            #""entities": [{"id": "x1", "name": "X", "kind": "company", "country": "FR", "source": "s", "sourceKind": "press"}], "ownership": [{"ownerId": "x1", "ownedId": "thales", "capitalPercent": 60, "source": "s", "sourceKind": "press"}]"#,
            "holdings add up to more than 100 %"
        ),
    ]

    @Test(arguments: 0..<cases.count)
    func aDocumentBreakingARuleIsRefusedWithALocatedMessage(index: Int) throws {
        let (name, body, message) = Self.cases[index]
        let before = try DocumentReader.encode(try registry.exportDocument())
        let document = try #require(Self.document(body), "\(name) decodes")
        let error = #expect(throws: RegistryError.self, "\(name)") {
            try registry.importDocument(document, origin: "d.json")
        }
        #expect(error?.exitCode == 65, "\(name)")
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains(message), "\(name): \(text)")
        #expect(!text.contains("SQLite"), "\(name): \(text)")
        #expect(try DocumentReader.encode(try registry.exportDocument()) == before)
    }

    @Test func aNULCharacterInAJSONStringIsRefusedNotTruncated() {
        let error = #expect(throws: RegistryError.self) {
            try DocumentReader.decode(
                Data(
                    #"{"format": "registry-json", "formatVersion": 1, "providers": [{"id": "p", "name": "\u0000P"}]}"#
                        .utf8),
                origin: "d.json")
        }
        #expect(error?.exitCode == 65)
        #expect(error.map { "\($0)" }?.contains("a NUL character") == true)
    }

    @Test func aReImportWhoseNewStartFallsAfterTheKeptEndKeepsTheEndUnknown() throws {
        let bare = try Fixture.registry()
        try bare.importDocument(try Fixture.seedsWithoutListEntries(), origin: "seeds without list entries")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("renewal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let list = { (name: String, text: String) throws -> String in
            let url = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url.path
        }
        let options = ImportOptions(day: Fixture.today)
        let first = try bare.importFile(
            at: try list("a.csv", "Prestataire;Service;Qualifié du;Au\nOVH;Bare Metal Pod;24/03/2022;24/03/2025\n"),
            source: .secnumcloud, options: options)
        #expect(first.status == .applied, "\(first.errors)")
        // A new start after the kept end, with no end of its own: refused by the schema before.
        let second = try bare.importFile(
            at: try list("b.csv", "Prestataire;Service;Qualifié du\nOVH;Bare Metal Pod;24/03/2025\n"),
            source: .secnumcloud, options: options)
        #expect(second.status == .applied, "\(second.errors)")
        let fact = try #require(
            try bare.read { try Attestation.fetchOne($0, key: "ovhcloud/secnumcloud-bare-metal-pod-snc") })
        #expect(fact.issuedOn == Fixture.day("2025-03-24") && fact.expiresOn == nil)
    }
}
