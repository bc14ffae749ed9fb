import Foundation
import GRDB
import Testing

@testable import RegistryCore

@Suite struct CheckTests {
    static let day = Fixture.day("2026-11-29")

    @Test func theSeededRegistryIsClean() throws {
        let registry = try Fixture.registry()
        try registry.loadSeeds()
        #expect(try registry.check(on: Self.day).isEmpty)
    }

    @Test func brokenInvariantsAreEachReported() throws {
        let registry = try Fixture.registry()
        try registry.loadSeeds()
        // Writes that bypass the importer's validation, as a hand edit of the file would.
        try registry.write { db in
            try db.execute(
                sql: """
                    UPDATE ownership SET capitalPercent = 60 WHERE ownedId = 'bleu-sas';
                    UPDATE attestation SET expiresOn = '2026-01-01' WHERE id = 's3ns/secnumcloud-premi3ns';
                    DELETE FROM attestationOffer WHERE attestationId = 'aws/hds';
                    """)
        }
        let problems = try registry.check(on: Self.day)
        // The edits were made by hand: their history rows are not linked yet (a warning).
        #expect(problems.map(\.kind).sorted() == ["history-unlinked", "ownership", "scope", "status"])
        #expect(
            problems.contains {
                $0.message.contains(
                    "s3ns/secnumcloud-premi3ns is marked qualified but its validity ended on 2026-01-01")
            })
        #expect(problems.contains { $0.message == "attestation aws/hds has scope 'offers' but names no offer" })
    }

    @Test func aBackupIsAPrivateCheckedCopyAndNeverOverwrites() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backup-\(UUID().uuidString)")
        let (registry, _) = try Registry.open(path: folder.appendingPathComponent("registry.sqlite").path)
        let path = folder.appendingPathComponent("copy.sqlite").path
        #expect(try registry.backup(to: path, on: Self.day).isEmpty)
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions.map { $0 & 0o007 } == 0, "not world-readable or writable")
        let (copy, _) = try Registry.open(path: path, forReading: true)
        #expect(try copy.exportDocument() == (try registry.exportDocument()))
        let error = #expect(throws: RegistryError.self) { try registry.backup(to: path, on: Self.day) }
        #expect(error?.exitCode == 73)
    }

    /// Two contents never share a revision, even when a restore brings the row numbers back and another import
    /// reaches them again: the web server keys its kept pages on it.
    @Test func aRevisionNamesOneContentAcrossARestore() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("revision-\(UUID().uuidString)")
        let (registry, _) = try Registry.open(path: folder.appendingPathComponent("registry.sqlite").path)
        let backup = folder.appendingPathComponent("backup.sqlite").path
        #expect(try registry.backup(to: backup, on: Self.day).isEmpty)
        let one = { (id: String) in
            var document = RegistryDocument()
            document.providers = [Fixture.provider(id)]
            return document
        }
        try registry.importDocument(one("first-after-the-backup"), origin: "test")
        let first = try registry.revision()
        try registry.restore(from: backup, on: Self.day)
        try registry.importDocument(one("other-after-the-restore"), origin: "test")
        #expect(try registry.revision() != first)
    }

    @Test func aRestorePutsTheBackupBackWholeAndRefusesAnUnsoundOneWithoutChangingAnything() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("restore-\(UUID().uuidString)")
        let (registry, _) = try Registry.open(path: folder.appendingPathComponent("registry.sqlite").path)
        let backup = folder.appendingPathComponent("backup.sqlite").path
        #expect(try registry.backup(to: backup, on: Self.day).isEmpty)
        let saved = try registry.exportDocument()
        var document = RegistryDocument()
        document.providers = [Fixture.provider("added-after-the-backup")]
        try registry.importDocument(document, origin: "test")
        #expect(try registry.exportDocument() != saved)

        try registry.restore(from: backup, on: Self.day)
        #expect(try registry.exportDocument() == saved)

        // A backup holding a certificate still marked in force after its end is faithful, not damaged: the
        // official list said so, and it counts as ended. It restores.
        let (aged, _) = try Registry.open(path: backup)
        try aged.write {
            try $0.execute(sql: "UPDATE attestation SET expiresOn = '2000-01-01' WHERE id = 'aws/hds'")
        }
        let agedDocument = try aged.exportDocument()
        try registry.restore(from: backup, on: Self.day)
        #expect(try registry.exportDocument() == agedDocument)

        // An unsound backup: an attestation scoped to offers that names none.
        try aged.write {
            try $0.execute(
                sql: "DELETE FROM attestationOffer WHERE attestationId = 'ovhcloud/secnumcloud-hosted-private-cloud'")
        }
        try registry.importDocument(document, origin: "test")
        let before = try registry.exportDocument()
        let error = #expect(throws: RegistryError.self) { try registry.restore(from: backup, on: Self.day) }
        #expect(error?.exitCode == 65)
        #expect(
            error.map { "\($0)" }?.contains(
                "ovhcloud/secnumcloud-hosted-private-cloud has scope 'offers' but names no offer")
                == true,
            "\(String(describing: error))")
        #expect(try registry.exportDocument() == before)
    }

    @Test func aPlantedTriggerOrAMissingHistoryTriggerIsASchemaProblemAndARestoreRefusesIt() throws {
        let registry = try Fixture.registry()
        try registry.loadSeeds()
        #expect(try registry.check(on: Self.day).filter { $0.kind == "schema" }.isEmpty)
        let backup = FileManager.default.temporaryDirectory.appendingPathComponent(
            "planted-\(UUID().uuidString).sqlite"
        )
        .path
        _ = try registry.backup(to: backup, on: Self.day)
        let (planted, _) = try Registry.open(path: backup)
        try planted.write { db in
            // A J0 row would be stored as qualified, and deletions would go unrecorded.
            try db.execute(
                sql: """
                    CREATE TRIGGER promote AFTER INSERT ON attestation
                    BEGIN UPDATE attestation SET status = 'qualified', milestone = NULL WHERE id = NEW.id; END;
                    DROP TRIGGER attestation_history_delete;
                    """)
        }
        let problems = try planted.check(on: Self.day).filter { $0.kind == "schema" }.map(\.message)
        #expect(problems.contains("trigger promote is not one of the registry's; remove it"))
        #expect(problems.contains("trigger attestation_history_delete is missing; the database was altered"))
        let before = try registry.exportDocument()
        let error = #expect(throws: RegistryError.self) { try registry.restore(from: backup, on: Self.day) }
        #expect(error?.exitCode == 65)
        #expect(try registry.exportDocument() == before)
    }

    @Test(arguments: [
        ("a deleted row", "DELETE FROM history WHERE id = 40", "the history's chain breaks at row 41"),
        ("an edited row", "UPDATE history SET changedAt = '2001-01-01T00:00:00.000Z' WHERE id = 7", "breaks at row 7"),
        ("back-dated runs", "UPDATE importRun SET startedAt = '2001-01-01T00:00:00.000Z'", "breaks at row 1"),
        ("a cut tail", "DELETE FROM history WHERE id > (SELECT max(id) - 5 FROM history)", "it was cut"),
        (
            "a change by hand, back-dated",
            "INSERT INTO providerAlias VALUES ('aws', 'forged'); UPDATE history SET changedAt = '2001-01-01T00:00:00.000Z' WHERE hash IS NULL",
            "is dated before the row ahead of it"
        ),
        (
            "a change by hand passed off as a run's",
            "INSERT INTO providerAlias VALUES ('aws', 'forged'); UPDATE history SET runId = 1 WHERE hash IS NULL",
            "names an import run"
        ),
    ])
    func aRewrittenHistoryBreaksTheChainAndARestoreRefusesIt(name: String, sql: String, message: String) throws {
        let registry = try Fixture.registry()
        try registry.loadSeeds()
        #expect(try registry.check(on: Self.day).filter { $0.kind.hasPrefix("history") }.isEmpty)
        let backup = FileManager.default.temporaryDirectory.appendingPathComponent("chain-\(UUID().uuidString).sqlite")
            .path
        _ = try registry.backup(to: backup, on: Self.day)
        let (rewritten, _) = try Registry.open(path: backup)
        try rewritten.write { try $0.execute(sql: sql) }
        let problems = try rewritten.check(on: Self.day).filter { $0.kind == "history" }.map(\.message)
        #expect(problems.contains { $0.contains(message) }, "\(name): \(problems)")
        let error = #expect(throws: RegistryError.self, "\(name)") { try registry.restore(from: backup, on: Self.day) }
        #expect(error?.exitCode == 65)
    }

    /// The next write never links a back-dated row: it would make the forgery part of the chain.
    @Test func aBackDatedChangeByHandIsNeverLinked() throws {
        let registry = try Fixture.registry()
        try registry.loadSeeds()
        try registry.write {
            try $0.execute(
                sql: """
                    INSERT INTO providerAlias VALUES ('aws', 'forged');
                    UPDATE history SET changedAt = '2001-01-01T00:00:00.000Z' WHERE hash IS NULL;
                    """)
        }
        let error = #expect(throws: RegistryError.self) { try registry.addAlias("AWS EU", to: "aws") }
        #expect("\(error.map { "\($0)" } ?? "")".contains("is dated before the row ahead of it"))
        #expect(try registry.check(on: Self.day).map(\.kind).contains("history"))
    }

    @Test func aChangeMadeByHandIsLinkedByTheNextImport() throws {
        let registry = try Fixture.registry()
        try registry.loadSeeds()
        try registry.write { try $0.execute(sql: "INSERT INTO providerAlias VALUES ('aws', 'by hand')") }
        #expect(try registry.check(on: Self.day).map(\.kind).contains("history-unlinked"))
        _ = try registry.addAlias("AWS EU", to: "aws")
        #expect(try registry.check(on: Self.day).filter { $0.kind.hasPrefix("history") }.isEmpty)
    }

    @Test func aNewDatabaseIsNotWorldReadableOrWritable() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("perm-\(UUID().uuidString).sqlite")
            .path
        _ = try Registry.open(path: path, seeded: false)
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions.map { $0 & 0o007 } == 0)
    }

    @Test func aDatabaseIsCreatedWholeOrNotAtAllAndAnEmptyFileIsCreatedAnew() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("create-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("registry.sqlite").path
        // A zero-byte file, as `touch` or a creation killed by an older version leaves: seeded, not kept empty.
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        // What a creator killed meanwhile left behind (no process has this id) goes with the next creation.
        let stale = folder.appendingPathComponent(".registry.sqlite.creating-2147483646").path
        #expect(FileManager.default.createFile(atPath: stale, contents: Data("half made".utf8)))
        let (registry, created) = try Registry.open(path: path)
        #expect(created)
        #expect(try registry.providerList().count == 22)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") } == [])
        #expect(try Registry.open(path: path).created == false)
    }

    @Test func readOnlyAccessNeverCreatesOrWrites() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ro-\(UUID().uuidString).sqlite").path
        #expect(throws: RegistryError.self) { try Registry.open(path: path, readOnly: true) }
        #expect(!FileManager.default.fileExists(atPath: path))
        _ = try Registry.open(path: path)
        let (reader, _) = try Registry.open(path: path, readOnly: true)
        #expect(try reader.providerList().count == 22)
        #expect(throws: RegistryError.self) { try reader.loadSeeds() }
    }
}

/// No value is ever concatenated into SQL text: raw `sql:` strings may interpolate only identifiers quoted by
/// GRDB, in variables whose names start with `quoted`. Everything else binds arguments or uses `SQL` literals.
@Suite struct SQLSafetyTests {
    @Test func rawSQLStringsInterpolateOnlyQuotedIdentifiers() throws {
        let sources = EmbeddedFilesTests.root.appendingPathComponent("Sources")
        let files =
            FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") } ?? []
        #expect(files.count > 20)
        let literal = try Regex(#"sql:\s*("""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*")"#)
        let interpolation = try Regex(#"\\\((?!quoted)"#)
        var offenders: [String] = []
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: literal) where text[match.range].contains(interpolation) {
                offenders.append("\(file): \(text[match.range].prefix(80))")
            }
        }
        #expect(offenders.isEmpty, "values must be statement arguments: \(offenders)")
    }

    /// Another application's SQLite file is said to be one, with advice that works (not « run init »).
    @Test func restoringAnotherApplicationsDatabaseSaysWhatItIs() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("other-\(UUID()).sqlite").path
        let other = try DatabaseQueue(path: path)
        try other.write { try $0.execute(sql: "CREATE TABLE t (x); INSERT INTO t VALUES (1)") }
        try other.close()
        let registry = try Fixture.registry()
        let error = #expect(throws: RegistryError.self) { try registry.restore(from: path, on: Fixture.today) }
        #expect(error?.exitCode == 65)
        #expect("\(error.map { "\($0)" } ?? "")".contains("not a registry"))
        #expect(!"\(error.map { "\($0)" } ?? "")".contains("registry init"))
    }
}
