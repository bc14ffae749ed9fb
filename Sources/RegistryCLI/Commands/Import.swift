import ArgumentParser
import Foundation
import RegistryCore
import RegistryRendering

extension RegistryCommand {
    /// `registry import`: load an official list or a canonical document, atomically.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract:
                "Import an official list (ANSSI's PDF catalogue, a CSV) or a registry-json document, in one transaction.",
            discussion: """
                anssi-catalogue reads ANSSI's catalogue as published (the PDF, with Debian's poppler-utils): \
                each edition once and in order, each qualification by its decision, citing the edition and the \
                copy's SHA-256. hds-transparency-page reads a host's transparency page as published (HTML, with \
                libxml2), each row landing on the offers named by --offer. For official lists (anssi-catalogue, \
                secnumcloud, hds, hds-transparency, hds-transparency-page, catalogue) the file is the whole truth for its source: entries absent from it are marked withdrawn (never deleted), entries that come \
                back are reinstated, unchanged entries are not rewritten. One bad row rejects the file (exit 65, \
                nothing written) unless --skip-invalid. The CSV layouts are documented in docs/import-formats.md.
                """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The file to import, or - for standard input.", valueName: "file"))
        var file: String

        @Option(
            help: ArgumentHelp(
                "What the file is: anssi-catalogue, registry-json, secnumcloud, hds, hds-transparency, hds-transparency-page or catalogue.",
                valueName: "kind"))
        var source: ImportSource

        @Option(
            name: .customLong("offer"),
            help: ArgumentHelp(
                "For a host's transparency page (--source hds-transparency-page): an offer it speaks for (repeat for several).",
                valueName: "id"))
        var offers: [String] = []

        @Flag(help: "Compute and print the report, write nothing.")
        var dryRun = false

        @Option(
            help: ArgumentHelp(
                "For a transcription (--source secnumcloud): the day of the edition it was made from.",
                valueName: "day"))
        var edition: String?

        @Flag(help: "Apply the valid rows and report the rejected ones, instead of rejecting the file.")
        var skipInvalid = false

        @Option(
            name: .customLong("max-withdrawn"),
            help: ArgumentHelp(
                "Refuse an import that would withdraw more than this percentage of the source's current entries.",
                valueName: "percent"))
        var maxWithdrawn: Double = 20

        @Flag(help: "Apply even an empty file, or one that withdraws more than --max-withdrawn.")
        var force = false

        @Option(help: "Report format: text or json (default: text on a terminal, json otherwise).")
        var format: ReportFormat?

        @Flag(help: "No progress line on standard error.")
        var quiet = false

        func validate() throws {
            if let edition {
                guard Day(parsing: edition) != nil else {
                    throw ValidationError("--edition is a day, such as --edition 2026-09-15 or 15/09/2026")
                }
                guard source == .secnumcloud else {
                    throw ValidationError(
                        "--edition names the edition a transcription was made from: use it with --source secnumcloud")
                }
            }
            if source == .hdsTransparencyPage && offers.isEmpty {
                throw ValidationError(
                    "a host's transparency page speaks for the offers it was published for: name them with --offer ID")
            }
            if source != .hdsTransparencyPage && !offers.isEmpty {
                throw ValidationError(
                    "--offer names the offers of a host's page: use it with --source hds-transparency-page")
            }
            guard (0...100).contains(maxWithdrawn) else {
                throw ValidationError("--max-withdrawn is a percentage between 0 and 100, such as --max-withdrawn 20")
            }
        }

        func run() throws {
            var options = ImportOptions(day: database.clock.today)
            options.dryRun = dryRun
            options.skipInvalid = skipInvalid
            options.maxWithdrawnPercent = maxWithdrawn
            options.force = force
            options.edition = edition.flatMap(Day.init(parsing:))
            options.offers = offers
            for (variable, limit, range) in [
                ("REGISTRY_MAX_FILE_BYTES", \ImportOptions.maxFileBytes, Environment.maxFileBytes),
                ("REGISTRY_MAX_FIELD_BYTES", \.maxFieldBytes, Environment.maxFieldBytes),
                ("REGISTRY_MAX_ROWS", \.maxRows, Environment.maxRows),
            ] {
                let current = options[keyPath: limit]
                options[keyPath: limit] =
                    try Environment.number(variable, in: range, kind: "a whole number", example: "\(current * 2)")
                    ?? current
            }
            let showProgress = !quiet && isatty(STDERR_FILENO) == 1
            if showProgress {
                options.progress = { count in
                    warn("\rregistry: read \(count) rows")
                }
            }
            let report = try database.open().importFile(at: file, source: source, options: options)
            if showProgress { warn("\r\u{1B}[K") }
            let rendering = ImportReportRendering(report: report)
            try emit(format ?? (isatty(STDOUT_FILENO) == 1 ? .text : .json) == .json ? rendering.json : rendering.text)
            if report.status == .rejected {
                let problems = report.errors.count == 1 ? "1 problem" : "\(report.errors.count) problems"
                throw RegistryError.rejectedImport(
                    "import of \(file) rejected (\(problems), listed in the report); nothing was written")
            }
        }
    }
}

/// The formats of reports: one screen of text, or the JSON contract.
enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json
}

extension ImportSource: ExpressibleByArgument {}
