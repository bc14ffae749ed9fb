import ArgumentParser
import Foundation
import RegistryCore
import RegistryRendering

/// The options of a steward's write (`alias add`, `merge`): a dry run, and the report's format.
struct StewardWriteOptions: ParsableArguments {
    @Flag(help: "Say what would change, write nothing.")
    var dryRun = false

    @Option(help: "Report format: text or json (default: text on a terminal, json otherwise).")
    var format: ReportFormat?

    /// Prints the write's report as an import's.
    func report(_ report: ImportReport) throws {
        let rendering = ImportReportRendering(report: report)
        try emit(format ?? (isatty(STDOUT_FILENO) == 1 ? .text : .json) == .json ? rendering.json : rendering.text)
    }
}
