import Foundation
import Testing

@testable import RegistryCore

/// The copies an import reads, kept beside the database by their SHA-256: written once, given back byte for
/// byte, and checked by `check` against the facts that cite them.
@Suite struct CopyArchiveTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("archive-\(UUID().uuidString)")

    func registry() throws -> Registry {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("registry.sqlite").path
        var (registry, _) = try Registry.open(path: path, seeded: false, clock: .pinned(to: Fixture.today))
        registry.archive = CopyArchive(besideDatabase: path)
        return registry
    }

    func write(_ text: String, _ name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func everyFileReadIsKeptOnceAndComesBackByteForByte() throws {
        let registry = try registry()
        let list = try write("provider;service;status\nExemple (fictif);Un;Qualifié\n", "list.csv")
        let report = try registry.importFile(
            at: list.path, source: .secnumcloud, options: ImportOptions(day: Fixture.today))
        let sha = try #require(report.sha256)
        let archive = try #require(registry.archive)
        #expect(try archive.list().map(\.sha256) == [sha])
        #expect(try archive.list().first?.file == list.path && archive.list().first?.kind == "secnumcloud")
        let kept = archive.folder.appendingPathComponent(sha)
        let before = try FileManager.default.attributesOfItem(atPath: kept.path)[.modificationDate] as? Date
        _ = try registry.importFile(at: list.path, source: .secnumcloud, options: ImportOptions(day: Fixture.today))
        #expect(try FileManager.default.attributesOfItem(atPath: kept.path)[.modificationDate] as? Date == before)
        let back = folder.appendingPathComponent("back.csv")
        try archive.export(sha, to: back)
        #expect(try Data(contentsOf: back) == Data(contentsOf: list))
        #expect(throws: RegistryError.self) { try archive.export(sha, to: back) }
        // No half-written file is left beside the copies.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: archive.folder.path).allSatisfy { !$0.hasPrefix(".") })
    }

    @Test func aRefusedFileIsKeptForAPersonToLookAt() throws {
        let registry = try registry()
        let page = try write("<!DOCTYPE html><title>Just a moment…</title>", "catalogue.pdf")
        let report = try registry.importFile(
            at: page.path, source: .anssiCatalogue, options: ImportOptions(day: Fixture.today))
        #expect(report.status == .rejected)
        #expect(try registry.archive?.list().map(\.sha256) == [report.sha256].compactMap { $0 })
    }

    /// Keeps `text` as a catalogue's copy, and imports facts citing each of `shas` (that copy's SHA-256 first).
    func keepAndCite(_ text: String, _ registry: Registry, also shas: [String] = []) throws -> String {
        let archive = try #require(registry.archive)
        let sha = Fingerprint.sha256(Data(text.utf8))
        try archive.keep(
            try write(text, "copy.bin"), sha256: sha,
            describedBy: .init(sha256: sha, bytes: text.utf8.count, kind: "anssi-catalogue", keptAt: "x"))
        var document = RegistryDocument()
        document.providers = [Fixture.provider("p")]
        document.offers = [Fixture.offer("p/o")]
        document.attestations = ([sha] + shas).enumerated().map { index, cited in
            var fact = Fixture.attestation("p/a\(index)", scheme: "secnumcloud", offers: ["p/o"])
            fact.attestation.copySha256 = cited
            return fact
        }
        try registry.importDocument(document, origin: "fixture")
        return sha
    }

    @Test func checkReportsACitedCopyThatIsDamagedAndOneNotKept() throws {
        let registry = try registry()
        let archive = try #require(registry.archive)
        let sha = try keepAndCite("a copy", registry, also: [String(repeating: "e", count: 64)])
        let warnings = try registry.check(on: Fixture.today).filter { $0.kind.hasPrefix("copy") }
        #expect(warnings.map(\.kind) == ["copy-not-kept"])
        try Data("another".utf8).write(to: archive.folder.appendingPathComponent(sha))
        let problems = try registry.check(on: Fixture.today).filter { $0.kind.hasPrefix("copy") }
        #expect(problems.map(\.kind).sorted() == ["copy", "copy-not-kept"])
        #expect(problems.contains { !$0.isWarning && $0.message.contains("no longer have that SHA-256") })
    }

    @Test func aBackupCarriesTheCopiesItsFactsCite() throws {
        let registry = try registry()
        let sha = try keepAndCite("the catalogue", registry)
        let backup = folder.appendingPathComponent("backup.sqlite").path
        #expect(try registry.backup(to: backup, on: Fixture.today).filter { !$0.isWarning }.isEmpty)
        let carried = CopyArchive(besideDatabase: backup)
        #expect(carried.problem(with: sha) == nil)
        #expect(try carried.list().map(\.kind) == ["anssi-catalogue"])
    }

    @Test func aRestoreBringsBackTheCopiesItsFactsCiteAndNoDamagedOne() throws {
        let registry = try registry()
        let sha = try keepAndCite("the catalogue", registry)
        let backup = folder.appendingPathComponent("backup.sqlite").path
        _ = try registry.backup(to: backup, on: Fixture.today)
        // Another machine: an empty database, its own empty archive.
        let other = folder.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        let path = other.appendingPathComponent("registry.sqlite").path
        var (restored, _) = try Registry.open(path: path, seeded: false, clock: .pinned(to: Fixture.today))
        restored.archive = CopyArchive(besideDatabase: path)
        try restored.restore(from: backup, on: Fixture.today)
        #expect(restored.archive?.problem(with: sha) == nil)
        #expect(try restored.check(on: Fixture.today).filter { $0.kind.hasPrefix("copy") }.isEmpty)

        // A copy damaged beside the backup is not brought back as if it were the one cited.
        let third = other.appendingPathComponent("third.sqlite").path
        var (again, _) = try Registry.open(path: third, seeded: false, clock: .pinned(to: Fixture.today))
        again.archive = CopyArchive(besideDatabase: third)
        try Data("tampered".utf8).write(to: CopyArchive(besideDatabase: backup).folder.appendingPathComponent(sha))
        try again.restore(from: backup, on: Fixture.today)
        #expect(again.archive?.problem(with: sha)?.hasPrefix("missing") == true)
    }
}
