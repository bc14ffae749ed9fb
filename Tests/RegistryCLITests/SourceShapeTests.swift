import Foundation
import Testing

/// The shape the issue « one home per rule » asked for, kept: short functions a reader takes in at once.
@Suite struct SourceShapeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let limit = 60

    /// Functions and initializers under `folder` over `limit` lines, as `path:line (n lines)`.
    static func longFunctions(in folder: URL = root.appendingPathComponent("Sources")) throws -> [String] {
        let files =
            FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        let declaration =
            #/^\s*(@\w+\s+)*((public|private|fileprivate|internal|package|static|override|mutating|nonisolated|final)\s+)*(func\s|init[(<?!])/#
        var long: [String] = []
        for file in files {
            let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
            for (start, line) in lines.enumerated() where line.firstMatch(of: declaration) != nil {
                var depth = 0
                var opened = false
                var end = start
                while end < lines.count {
                    // Braces inside string literals and comments do not count.
                    let code =
                        lines[end].replacing(#/"(?:[^"\\]|\\.)*"/#, with: "\"\"")
                        .split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                    for character in code {
                        if character == "{" { depth += 1; opened = true }
                        if character == "}" { depth -= 1 }
                    }
                    if opened && depth <= 0 { break }
                    end += 1
                }
                if end - start + 1 > limit {
                    let path = file.path.replacingOccurrences(
                        of: folder.deletingLastPathComponent().path + "/", with: "")
                    long.append("\(path):\(start + 1) (\(end - start + 1) lines)")
                }
            }
        }
        return long.sorted()
    }

    @Test func noFunctionIsLongerThanSixtyLines() throws {
        let long = try Self.longFunctions()
        #expect(long.isEmpty, "split these into their steps: \(long)")
    }

    @Test func theMeasureSeesALongFunction() throws {
        // The measure itself: a file with one 61-line function is caught.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shape-probe-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let body = (1...59).map { "    _ = \($0) // {" }.joined(separator: "\n")
        try "func probe() {\n\(body)\n}\n".write(
            to: folder.appendingPathComponent("Probe.swift"), atomically: true, encoding: .utf8)
        #expect(try Self.longFunctions(in: folder) == ["shape-probe-\(getpid())/Probe.swift:1 (61 lines)"])
    }
}
