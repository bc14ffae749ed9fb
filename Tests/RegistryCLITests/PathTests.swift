import Foundation
import Testing

/// The hostile corpus's class « paths »: a database path must be a regular file or nothing, judged through
/// its symbolic links, and an output never lands on the database or replaces a device.
@Suite struct PathTests {
    let runner: BinaryRunner

    init() throws {
        runner = try BinaryRunner()
        _ = try runner.run(["init"])
    }

    func path(_ name: String) -> String { runner.folder.appendingPathComponent(name).path }

    /// Major 1, minor 3: a copy of /dev/null (`mknod` needs root, as CI and the sessions have).
    static let nullDevice = dev_t((1 << 8) | 3)

    @Test(arguments: ["device", "fifo", "folder", "dangling", "empty-name"])
    func aDatabasePathThatIsNotARegularFileIsRefusedAndLeftAsItWas(kind: String) throws {
        let target = path(kind)
        switch kind {
        case "device": #expect(mknod(target, S_IFCHR | 0o644, Self.nullDevice) == 0)
        case "fifo": #expect(mkfifo(target, 0o644) == 0)
        case "folder": try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        case "dangling":
            try FileManager.default.createSymbolicLink(atPath: target, withDestinationPath: path("nothing"))
        default: break
        }
        let before = try? FileManager.default.attributesOfItem(atPath: target)[.type] as? FileAttributeType
        let result = try runner.run(["query", "--hds", "--db", kind == "empty-name" ? "" : target, "--format", "csv"])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(!result.stderr.contains("SQLite"))
        let after = try? FileManager.default.attributesOfItem(atPath: target)[.type] as? FileAttributeType
        #expect(after == before, "the path was left as it was")
    }

    @Test func anEmptyRegistryDBIsAUsageErrorNotTheDefault() throws {
        let result = try runner.run(["status"], environment: ["REGISTRY_DB": ""])
        #expect(result.status == 64)
        #expect(result.stderr.contains("the database path is empty"))
    }

    @Test func aSymbolicLinkIsJudgedByItsTarget() throws {
        try FileManager.default.createSymbolicLink(atPath: path("link.sqlite"), withDestinationPath: runner.database)
        let result = try runner.run(["query", "--hds", "--db", path("link.sqlite"), "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "the linked database is used, not created anew: \(result.stderr)")
    }

    @Test func aSQLiteFileOfAnotherApplicationIsRefusedAndNotWritten() throws {
        let foreign = path("foreign.sqlite")
        let setup = try runner.run(
            [foreign, "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine');"],
            executable: "/usr/bin/sqlite3")
        try #require(setup.status == 0, "\(setup.stderr)")
        let before = try Data(contentsOf: URL(fileURLWithPath: foreign))
        let commands = [
            ["query", "--hds"], ["query", "--hds", "--read-only"], ["status"],
            ["import", "/dev/null", "--source", "hds"],
        ]
        for command in commands {
            let result = try runner.run(command + ["--db", foreign])
            #expect(result.status != 0, "\(command)")
            #expect(result.stderr.contains("a SQLite database of another application"), "\(result.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: foreign)) == before)
    }

    @Test func aNewerSchemaIsRefusedByReadsToo() throws {
        let newer = try runner.run(
            [runner.database, "INSERT INTO grdb_migrations VALUES ('9999_from_the_future');"],
            executable: "/usr/bin/sqlite3")
        try #require(newer.status == 0, "\(newer.stderr)")
        for command in [["query", "--hds"], ["show", "ovhcloud"], ["export"], ["status"], ["history"]] {
            let result = try runner.run(command)
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr.contains("written by a newer version of registry"), "\(command): \(result.stderr)")
        }
    }

    @Test(arguments: ["registry.sqlite", "registry.sqlite-wal", "registry.sqlite-shm"])
    func anOutputNeverOverwritesTheDatabase(name: String) throws {
        let before = try runner.run(["export"]).stdout
        let export = try runner.run(["export", "--out", path(name)])
        #expect(export.status == 64, "\(export.stderr)")
        let receipt = try runner.run(["query", "--hds", "--receipt", path(name), "--format", "csv"])
        #expect(receipt.status == 64, "\(receipt.stderr)")
        #expect(try runner.run(["export"]).stdout == before)
    }

    @Test func aDeviceOutputIsWrittenInPlaceAndAFullOneExits73() throws {
        let device = path("null")
        #expect(mknod(device, S_IFCHR | 0o666, Self.nullDevice) == 0)
        #expect(try runner.run(["export", "--out", device]).status == 0)
        let type = try FileManager.default.attributesOfItem(atPath: device)[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial, "the device is still a device")
        let full = try runner.run(["export", "--out", "/dev/full"])
        #expect(full.status == 73)
        #expect(full.stderr.contains("No space left on device"))
    }

    @Test func theWALAndSHMFilesFollowTheDatabasesMode() throws {
        #expect(chmod(runner.database, 0o440) == 0)
        for suffix in ["-wal", "-shm"] { _ = chmod(runner.database + suffix, 0o600) }
        #expect(try runner.run(["query", "--hds", "--format", "csv"]).status == 0)
        for suffix in ["-wal", "-shm"] {
            let mode =
                try FileManager.default.attributesOfItem(atPath: runner.database + suffix)[.posixPermissions] as? Int
            #expect(mode == 0o440, "\(suffix): group readers keep access")
        }
    }
}
