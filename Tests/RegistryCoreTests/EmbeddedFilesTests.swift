import Foundation
import RegistryResources
import Testing

@testable import RegistryCore

/// The binary carries Migrations/ and Seeds/: the hand-written lists must match the folders, byte for byte.
@Suite struct EmbeddedFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    // The argument is the folder's name, not its files: a failure's log names the folder, not 650 KB of bytes.
    @Test(arguments: ["Migrations", "Seeds"])
    func theEmbeddedListMatchesTheFolder(folder: String) throws {
        let embedded = folder == "Migrations" ? EmbeddedFiles.migrations : EmbeddedFiles.seeds
        let directory = Self.root.appendingPathComponent(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasPrefix(".") }
            .sorted()
        #expect(embedded.map(\.name) == names, "add the file to EmbeddedFiles.swift, in order")
        for file in embedded {
            let bytes = try Data(contentsOf: directory.appendingPathComponent(file.name))
            #expect(Data(file.bytes) == bytes, "\(folder)/\(file.name) is embedded under the wrong name")
        }
    }

    /// The SHA-256 of every shipped migration: a database migrated by an earlier build holds what these files
    /// said then, so a shipped migration is never edited — a change is a new migration.
    static let shipped: [String: String] = [
        "0001_create_reference_tables.sql": "0e824bc299471077828ab47bfcf13e29cf86bb2c6a64b42d11f15dc90e5acbcd",
        "0002_insert_countries.sql": "b5b3bfcfbd8e0a1f162fc867c8a4feb1e7a857dbb1ef9f1ce57dd1ca011bc42e",
        "0003_create_fact_tables.sql": "80dbf9d5eb502f0ac3e37350faa69af6224fe07845d0dfdc8f7d296d7c978f71",
        "0004_create_coverage_views.sql": "cd235008398acb545756138c346a2115ec831e1f0a36042562bc66702ec5f566",
        "0005_create_import_runs_and_history.sql": "88b4749e5fe718e5828d8b45a85da7a2b18c4f53b7974f0710cb2a59481f7b07",
        "0006_create_profiles.sql": "ff9fd6d0f4d64bc418258f523628b6cd80ca408f6a2822785960a00a3dd20d6f",
        "0007_add_import_run_day.sql": "25e5bf410b01587a97326479a1a0db05d16bc1ee945ce298df1c2ff57f3b0b60",
        "0008_create_offer_aliases.sql": "92e6111828732da8495fa8fb83b10500a1418ab282387841f9c421ed4521c859",
        "0009_allow_steward_runs.sql": "e991b50d5bcd6aed8d6dda3f44f90dad24c2f7a2c68c384d7a7b2afbb292b812",
        "0010_add_attestation_via.sql": "27e7abd88617e717fcc82edb59ed7493c8265b7006dd9ea6102e79279e2b2a16",
        "0011_create_list_editions.sql": "1275edfd7567011f4603fe5c1fedce1cb867a0aa0185523a8a8242a1743e5c99",
        "0012_add_history_chain.sql": "69a598b76532703227c19e25c4166a312e6fc9ce7a3b0b0b01b1a8ee05baae7d",
        "0013_add_publication_evidence.sql": "efd8af9f0ea1f9ffa9868c83ff7fc57a8d4f2016eb25d31d3af0e043f729ad51",
        "0014_create_publication_sources.sql": "1265140e24b0a73ab2a39d611a3b300ba0f151b16e65e85b3c3edaa818de9a23",
        "0015_read_transparency_pages.sql": "b981c869cc96e89c7b12952c51a6c83ec57e719b6959e0175c27364b35c5e033",
        "0016_add_sovereignty_facts.sql": "3a2018918115457a74fcfe1036ff6937806cb6fdd89fe2e24c3ec7b33ab31ffb",
        "0017_create_offer_search.sql": "249e06b00e519ac5a892917d5ebec14ae36fe908184da7748cf9b72dc31a5c45",
        "0018_flatten_coverage_views.sql": "f0da9a85b961f6ea4528b9b31c57c17128c576ce435a13a8feec50731ee375f1",
    ]

    @Test func aShippedMigrationIsNeverEdited() {
        for file in EmbeddedFiles.migrations {
            guard let pinned = Self.shipped[file.name] else {
                Issue.record("\(file.name) is new: pin its SHA-256 in EmbeddedFilesTests.shipped once it ships")
                continue
            }
            #expect(
                Fingerprint.sha256(file.bytes) == pinned,
                "Migrations/\(file.name) changed after it shipped: add a new migration instead")
        }
    }

    @Test func migrationsAreNumberedInOrderAndNamedVerbObject() {
        for (index, file) in EmbeddedFiles.migrations.enumerated() {
            #expect(file.name.hasPrefix(String(format: "%04d_", index + 1)))
            #expect(file.name.hasSuffix(".sql"))
        }
    }
}
