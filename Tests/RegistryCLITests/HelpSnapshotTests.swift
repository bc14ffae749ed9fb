import ArgumentParser
import Foundation
import Testing

@testable import RegistryCLI

/// Every command's help, as `registry help COMMAND` prints it, against the snapshot kept in `Snapshots/`: a
/// change to an option or its wording shows in review. `REGISTRY_RECORD_SNAPSHOTS=1 swift test --filter
/// HelpSnapshotTests` writes them anew.
@Suite struct HelpSnapshotTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    static let commands: [any ParsableCommand.Type] = [RegistryCommand.self] + RegistryCommand.configuration.subcommands

    @Test(arguments: commands.map { $0._commandName })
    func helpMatchesItsSnapshot(command: String) throws {
        let type = try #require(Self.commands.first { $0._commandName == command })
        let help = type.helpMessage(columns: 100) + "\n"
        let file = Self.folder.appendingPathComponent("help-\(command).txt")
        if ProcessInfo.processInfo.environment["REGISTRY_RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try help.write(to: file, atomically: true, encoding: .utf8)
        }
        let kept = try? String(contentsOf: file, encoding: .utf8)
        #expect(kept != nil, "no snapshot of `\(command) --help`; record with REGISTRY_RECORD_SNAPSHOTS=1")
        #expect(kept == nil || kept == help, "`\(command) --help` changed; review it, then record the snapshot again")
    }
}

/// Each command names itself: without a name, the argument parser derives it from the type's name at every
/// start, through the runtime's protocol lookups — an eighth of a one-line question's time.
@Suite struct CommandNameTests {
    static func tree(_ command: any ParsableCommand.Type) -> [any ParsableCommand.Type] {
        [command] + command.configuration.subcommands.flatMap(tree)
    }

    @Test func everyCommandNamesItselfAsItsTypeWouldBeNamed() {
        let commands = Self.tree(RegistryCommand.self)
        #expect(commands.count > 25)
        for command in commands {
            let typeName = String(describing: command)
            // The parser's own rule: words of the type's name, lowercased, joined by hyphens.
            let derived = typeName.enumerated().map { index, character in
                character.isUppercase ? (index == 0 ? "" : "-") + character.lowercased() : String(character)
            }.joined()
            let expected = ["RegistryCommand": "registry", "ExportCopy": "export"][typeName] ?? derived
            #expect(command.configuration.commandName == expected, "\(typeName)")
        }
    }
}
