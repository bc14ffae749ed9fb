import Foundation
import RegistryResources
import Testing

/// The binary carries Migrations/ and Seeds/: the hand-written lists must match the folders, byte for byte.
@Suite struct EmbeddedFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test(arguments: [("Migrations", EmbeddedFiles.migrations), ("Seeds", EmbeddedFiles.seeds)])
    func theEmbeddedListMatchesTheFolder(folder: String, embedded: [EmbeddedFile]) throws {
        let directory = Self.root.appendingPathComponent(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasPrefix(".") }
            .sorted()
        #expect(embedded.map(\.name) == names, "add the file to EmbeddedFiles.swift, in order")
        for file in embedded {
            let bytes = try Data(contentsOf: directory.appendingPathComponent(file.name))
            #expect(Data(file.bytes) == bytes, "\(folder)/\(file.name) is embedded under the wrong name")
        }
    }

    @Test func migrationsAreNumberedInOrderAndNamedVerbObject() {
        for (index, file) in EmbeddedFiles.migrations.enumerated() {
            #expect(file.name.hasPrefix(String(format: "%04d_", index + 1)))
            #expect(file.name.hasSuffix(".sql"))
        }
    }
}
