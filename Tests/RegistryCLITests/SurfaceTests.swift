import Foundation
import Testing

/// `Registry.swift` lists every use case: a public method of `Registry` missing from its index, or an index
/// entry that names no method, fails.
@Suite struct SurfaceTests {
    static let core = SourceShapeTests.root.appendingPathComponent("Sources/RegistryCore")

    @Test func registrySwiftListsEveryUseCase() throws {
        var declared: [String: String] = [:]
        let files =
            FileManager.default.enumerator(at: Self.core, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for block in text.matches(of: #/(?ms)^extension Registry \{(.*?)^\}/#) {
                for method in String(block.output.1).matches(of: #/(?m)^    public (?:static )?func (\w+)\(/#) {
                    declared[String(method.output.1)] = file.path.replacingOccurrences(
                        of: Self.core.path + "/", with: "")
                }
            }
        }
        let index = try String(contentsOf: Self.core.appendingPathComponent("Registry.swift"), encoding: .utf8)
            .split(separator: "\n").filter { $0.hasPrefix("///") }.joined(separator: "\n")
        var listed: [String: String] = [:]
        for line in index.split(separator: "\n").joined(separator: " ").split(separator: "/// - ").dropFirst() {
            let file =
                line.matches(of: #/`([A-Za-z]+(?:/[A-Za-z]+)*/[A-Za-z+]+\.swift)`/#).last.map { String($0.output.1) }
                ?? "?"
            for name in line.matches(of: #/`(\w+)\(/#) { listed[String(name.output.1)] = file }
        }
        #expect(declared.count > 20)
        let unlisted = declared.filter { listed[$0.key] != $0.value }.map { "\($0.key) (\($0.value))" }.sorted()
        #expect(unlisted.isEmpty, "list these in Registry.swift, with their file: \(unlisted)")
        let stale = Set(listed.keys).subtracting(declared.keys).sorted()
        #expect(stale.isEmpty, "Registry.swift lists methods that do not exist: \(stale)")
    }
}
