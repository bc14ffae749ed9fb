import Foundation
import Testing

@testable import RegistryCore

/// Schemas/registry-json.schema.json documents the format the reader enforces: their keys must agree.
@Suite struct JSONSchemaTests {
    static var schema: [String: Any] {
        let url = EmbeddedFilesTests.root.appendingPathComponent("Schemas/registry-json.schema.json")
        let data = (try? Data(contentsOf: url)) ?? Data()
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    static func properties(_ definition: String) -> Set<String> {
        let definitions = schema["$defs"] as? [String: Any]
        let properties = (definitions?[definition] as? [String: Any])?["properties"] as? [String: Any]
        return Set(properties?.keys ?? [:].keys)
    }

    @Test(arguments: [
        ("entity", Entity.CodingKeys.allCases.map(\.stringValue)),
        ("ownership", Ownership.CodingKeys.allCases.map(\.stringValue)),
        ("provider", Provider.CodingKeys.allCases.map(\.stringValue) + ["aliases"]),
        ("offer", Offer.CodingKeys.allCases.map(\.stringValue) + OfferEntry.ExtraKeys.allCases.map(\.stringValue)),
        ("site", Site.CodingKeys.allCases.map(\.stringValue)),
        ("attestation", Attestation.CodingKeys.allCases.map(\.stringValue) + ["offers", "activities"]),
        ("listing", Listing.CodingKeys.allCases.map(\.stringValue) + ["offers"]),
        ("hdsTransparency", HDSTransparency.CodingKeys.allCases.map(\.stringValue)),
        ("listEdition", ListEdition.CodingKeys.allCases.map(\.stringValue)),
    ])
    func theSchemaDocumentsExactlyTheKeysTheReaderAccepts(definition: String, keys: [String]) {
        #expect(Self.properties(definition) == Set(keys))
    }

    @Test func theSchemaListsEverySchemeTheMigrationsKnow() throws {
        let definitions = try #require(Self.schema["$defs"] as? [String: Any])
        let attestation = try #require(definitions["attestation"] as? [String: Any])
        let scheme = try #require((attestation["properties"] as? [String: Any])?["schemeId"] as? [String: Any])
        let registry = try Fixture.registry()
        #expect(Set(scheme["enum"] as? [String] ?? []) == Set(try registry.vocabulary().schemes.map(\.id)))
    }
}
