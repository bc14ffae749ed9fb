import Foundation
import Testing

/// The README's « A few queries » and the desk guide's « More queries » are real runs on the embedded seeds:
/// each command is run again, in that order on one fresh database and on the day the sections name, and must
/// print what the documentation shows.
@Suite struct ReadmeTranscriptTests {
    struct Transcript: CustomTestStringConvertible {
        var command: String
        var output: String
        var testDescription: String { command }
    }

    /// The sections' day (« These are real runs on the embedded seeds, on YYYY-MM-DD. ») and their commands.
    static let section: (day: String, transcripts: [Transcript]) = {
        let parts = [
            Self.transcripts(in: DocumentationTests.file("README.md"), heading: "## A few queries"),
            Self.transcripts(in: DocumentationTests.file("docs/desk.md"), heading: "## More queries"),
        ]
        let days = Set(parts.map(\.day))
        return (days.count == 1 ? parts[0].day : "", parts.flatMap(\.transcripts))
    }()

    static func transcripts(in document: String, heading: String) -> (day: String, transcripts: [Transcript]) {
        guard let start = document.range(of: heading) else { return ("", []) }
        let end =
            document.range(of: "\n## ", range: start.upperBound..<document.endIndex)?.lowerBound ?? document.endIndex
        let text = String(document[start.upperBound..<end])
        let day = text.firstMatch(of: /on (\d{4}-\d{2}-\d{2})/).map { String($0.1) } ?? ""
        var transcripts: [Transcript] = []
        for block in text.matches(of: /```text\n((?s).*?)```/) {
            for line in block.1.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("$ ") {
                    transcripts.append(Transcript(command: String(line.dropFirst(2)), output: ""))
                } else if !transcripts.isEmpty {
                    transcripts[transcripts.count - 1].output += line + "\n"
                }
            }
            if !transcripts.isEmpty {
                // The block's closing fence follows its last line.
                transcripts[transcripts.count - 1].output = String(
                    transcripts[transcripts.count - 1].output.dropLast())
            }
        }
        return (day, transcripts)
    }

    /// The shell line as a user's terminal runs it: the table format unless the command names one, the
    /// section's day for the commands that judge one.
    static func asRun(_ command: String, day: String) -> String {
        let (head, pipe) =
            command.firstRange(of: " |").map { (String(command[..<$0.lowerBound]), String(command[$0.lowerBound...])) }
            ?? (command, "")
        var extra = head.contains("--format") ? "" : " --format table"
        if head.hasPrefix("registry query") || head.hasPrefix("registry show") { extra += " --valid-on \(day)" }
        return head + extra + pipe
    }

    @Test func theSectionHasItsDayAndItsCommands() {
        #expect(Self.section.day.count == 10)
        #expect(Self.section.transcripts.count >= 6)
    }

    /// One database for the section, in order: the first command creates it, as the README shows.
    @Test func eachTranscriptIsWhatTheToolPrints() throws {
        let runner = try BinaryRunner()
        for transcript in Self.section.transcripts {
            let script =
                "registry() { \"\(BinaryRunner.binary.path)\" \"$@\"; }\n"
                + Self.asRun(transcript.command, day: Self.section.day)
            let result = try runner.run(["-c", script], executable: "/bin/bash")
            var printed =
                result.stderr.hasPrefix("registry: created")
                ? result.stderr + result.stdout : result.stdout + result.stderr
            printed = printed.replacingOccurrences(of: runner.database, with: "/tmp/readme.sqlite")
            // A failing command's status, as the README notes it (141: `head` closed the pipe).
            if ![0, 141].contains(result.status) { printed += "(exit \(result.status))\n" }
            #expect(
                printed.trimmingCharacters(in: .newlines) == transcript.output.trimmingCharacters(in: .newlines),
                "README drifted for `\(transcript.command)`; printed:\n\(printed)")
        }
    }
}
