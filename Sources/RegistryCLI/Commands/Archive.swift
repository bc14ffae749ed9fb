import ArgumentParser
import Foundation
import RegistryCore
import RegistryRendering

extension RegistryCommand {
    /// `registry archive`: the copies of the publications the registry read, kept beside the database.
    struct Archive: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "archive",
            abstract: "List the copies of the publications the registry read, or give one back byte for byte.",
            discussion: """
                Every file an import reads is kept beside the database (DATABASE.copies/), named by its SHA-256, \
                never rewritten. A fact read from ANSSI's catalogue cites the SHA-256 of its copy: \
                registry archive export SHA --out FILE gives the procurement file the document itself.
                """,
            subcommands: [List.self, ExportCopy.self], defaultSubcommand: List.self)

        /// `registry archive list`.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list", abstract: "List the copies kept, oldest first.")

            @OptionGroup var database: DatabaseOptions

            @Option(help: "Output format: text or json (default: text on a terminal, json otherwise).")
            var format: ReportFormat?

            func run() throws {
                let copies = try CopyArchive(besideDatabase: database.resolvedPath).list()
                let format = format ?? (isatty(STDOUT_FILENO) == 1 ? .text : .json)
                if format == .json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    return try emit(try encoder.encode(copies) + Data("\n".utf8))
                }
                var table = TextTable("SHA-256", "KEPT", "KIND", "BYTES", "EDITION", "FROM")
                for copy in copies {
                    table.append([
                        copy.sha256, String(copy.keptAt.prefix(19)), copy.kind, "\(copy.bytes)", copy.edition ?? "-",
                        copy.url ?? copy.file ?? "-",
                    ])
                }
                let heading =
                    "\(copies.count) cop\(copies.count == 1 ? "y" : "ies") kept in \(database.resolvedPath).copies"
                try emit(terminalText([heading] + (copies.isEmpty ? [] : table.lines)))
            }
        }

        /// `registry archive export SHA --out FILE`.
        struct ExportCopy: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "export",
                abstract: "Write the very bytes of a kept copy, checked against their SHA-256, to a new file.")

            @OptionGroup var database: DatabaseOptions

            @Argument(help: ArgumentHelp("The copy's SHA-256, as `registry archive` lists it.", valueName: "sha256"))
            var sha256: String

            @Option(help: ArgumentHelp("The file to write; it must not exist.", valueName: "file"))
            var out: String

            func run() throws {
                try CopyArchive(besideDatabase: database.resolvedPath).export(
                    sha256, to: URL(fileURLWithPath: out))
                note("wrote the copy \(sha256) to \(out)")
            }
        }
    }
}
