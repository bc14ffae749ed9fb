import ArgumentParser
import Foundation
import Testing

@testable import RegistryCLI

/// The README is the reference: a command or option missing from it fails the build.
@Suite struct DocumentationTests {
    static let readme: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
    }()

    @Test func everyCommandIsInTheReadme() {
        for command in RegistryCommand.configuration.subcommands {
            let name = command._commandName
            #expect(Self.readme.contains("`registry \(name)"), "README lacks `registry \(name)`")
        }
    }

    @Test func everyOptionIsInTheReadme() throws {
        for command in RegistryCommand.configuration.subcommands {
            let help = command.helpMessage(columns: 500)
            // The OPTIONS section: one line per option, starting with its name.
            let options = help.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.hasPrefix("--") }.compactMap { $0.split(separator: " ").first.map(String.init) }
            for option in Set(options) where !["--help", "--version"].contains(option) {
                #expect(Self.readme.contains(option), "README lacks \(option) of `registry \(command._commandName)`")
            }
        }
    }
}
