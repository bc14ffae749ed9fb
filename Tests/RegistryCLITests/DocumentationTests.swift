import ArgumentParser
import Foundation
import Testing

@testable import RegistryCLI

/// The documentation — the README and the guides of `docs/` — is the reference: a command or option missing
/// from it fails the build, and so does a relative link that leads nowhere.
@Suite struct DocumentationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The Markdown files of the documentation, relative to the repository.
    static let documents: [String] =
        ["README.md"]
        + ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)) ?? [])
        .filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }

    static func file(_ path: String) -> String {
        (try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)) ?? ""
    }

    /// Every document, one after the other.
    static let readme: String = documents.map(file).joined(separator: "\n")

    /// Every relative link of a document leads to a file that exists, and an anchor to a heading of it.
    @Test func everyRelativeLinkResolves() {
        var broken: [String] = []
        for document in Self.documents {
            let folder = URL(fileURLWithPath: document).deletingLastPathComponent().relativePath
            var fenced = false
            for line in Self.file(document).split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("```") { fenced.toggle() }
                guard !fenced else { continue }
                for link in line.matches(of: /\]\(([^)\s]+)\)/) {
                    let target = String(link.1)
                    guard target.firstMatch(of: /^[a-z]+:/) == nil else { continue }
                    let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                    let path = parts[0].isEmpty ? document : folder == "." ? String(parts[0]) : "\(folder)/\(parts[0])"
                    let resolved = URL(fileURLWithPath: path, relativeTo: Self.root).standardizedFileURL
                    guard FileManager.default.fileExists(atPath: resolved.path) else {
                        broken.append("\(document): \(target)")
                        continue
                    }
                    if parts.count == 2, resolved.pathExtension == "md",
                        !Self.anchors(in: (try? String(contentsOf: resolved, encoding: .utf8)) ?? "").contains(
                            String(parts[1]))
                    {
                        broken.append("\(document): \(target) (no such heading)")
                    }
                }
            }
        }
        #expect(broken.isEmpty, "\(broken)")
    }

    /// GitHub's anchors of a document's headings.
    static func anchors(in text: String) -> Set<String> {
        var result: Set<String> = []
        var fenced = false
        for line in text.split(separator: "\n") {
            if line.hasPrefix("```") { fenced.toggle() }
            guard !fenced, let heading = line.firstMatch(of: /^#+ (.*)$/) else { continue }
            let words = heading.1.lowercased().filter {
                $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == " "
            }
            result.insert(words.replacingOccurrences(of: " ", with: "-"))
        }
        return result
    }

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
        #expect(missing.isEmpty, "the documentation lacks these commands: \(missing)")
    }

    @Test func everyOptionIsInTheReadme() throws {
        for command in RegistryCommand.configuration.subcommands {
            let help = command.helpMessage(columns: 500)
            // The OPTIONS section: one line per option, starting with its name.
            let options = help.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.hasPrefix("--") }.compactMap { $0.split(separator: " ").first.map(String.init) }
            let missing = Set(options).subtracting(["--help", "--version"]).filter { !Self.readme.contains($0) }
            #expect(
                missing.isEmpty, "the documentation lacks \(missing.sorted()) of `registry \(command._commandName)`")
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
