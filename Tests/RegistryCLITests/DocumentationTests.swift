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

    // The checks compare booleans, not the README: a failure names what is missing in one line.
    /// registry(1) is what the commands' own help gives (`Scripts/manual.py`), and it documents every command.
    @Test func theManualPageIsTheCommandsHelp() throws {
        let root = SourceShapeTests.root
        let runner = try BinaryRunner()
        let check = try runner.run(
            [
                root.appendingPathComponent("Scripts/manual.py").path, BinaryRunner.binary.path, "--check",
                root.appendingPathComponent("docs/registry.1").path,
            ], executable: "/usr/bin/python3")
        #expect(check.status == 0, "\(check.stderr)")
        let page = try String(contentsOf: root.appendingPathComponent("docs/registry.1"), encoding: .utf8)
        for command in RegistryCommand.configuration.subcommands.map({ $0._commandName }) {
            #expect(page.contains(".Ss registry \(command)"), "\(command) is not in the manual")
        }
    }

    @Test func everyCommandIsInTheReadme() {
        let missing = RegistryCommand.configuration.subcommands.map { $0._commandName }.filter {
            !Self.readme.contains("`registry \($0)")
        }
        #expect(missing.isEmpty, "README lacks these commands: \(missing)")
    }

    @Test func everyOptionIsInTheReadme() throws {
        for command in RegistryCommand.configuration.subcommands {
            let help = command.helpMessage(columns: 500)
            // The OPTIONS section: one line per option, starting with its name.
            let options = help.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.hasPrefix("--") }.compactMap { $0.split(separator: " ").first.map(String.init) }
            let missing = Set(options).subtracting(["--help", "--version"]).filter { !Self.readme.contains($0) }
            #expect(missing.isEmpty, "README lacks \(missing.sorted()) of `registry \(command._commandName)`")
        }
    }

    /// The Architecture section names the files a reader passes through: each must exist (under `Sources/`,
    /// or under `Sources/RegistryCore/` for the core's folders).
    @Test func everyFileTheArchitectureNamesExists() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let section = try #require(Self.readme.firstRange(of: "## Architecture")).upperBound
        let text = Self.readme[section...]
        let end = text.firstRange(of: "\n## ")?.lowerBound ?? text.endIndex
        let named = text[..<end].matches(of: /`([A-Za-z+\/]+\.swift)`/).map { String($0.1) }
        #expect(named.count >= 20)
        let missing = named.filter { path in
            !["Sources/\(path)", "Sources/RegistryCore/\(path)"].contains {
                FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path)
            }
        }
        #expect(missing.isEmpty, "the README's Architecture names files that do not exist: \(missing)")
    }
}
