import ArgumentParser
import RegistryCore
import RegistryRendering

/// The options of the commands about one provider or offer (`show`, `assess`): the subject, the day, and a
/// table or JSON.
struct SubjectOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("A provider id or an offer id (see `registry list providers`).", valueName: "id"))
    var id: String

    @Option(
        name: .customLong("valid-on"),
        help: ArgumentHelp(
            "The day on which to judge which attestations are in force (default: today).", valueName: "YYYY-MM-DD"),
        transform: Day.argument)
    var validOn: Day?

    @Option(
        help:
            "Output format: table or json (default: table on a terminal, json otherwise); markdown too for assess --framework csf."
    )
    var format: OutputFormat?

    /// The day asked, else today on `clock`.
    func day(_ clock: Clock) -> Day { validOn ?? clock.today }

    /// Whether to write JSON.
    var json: Bool { OutputFormat.resolved(format) == .json }

    func validate() throws {
        if let format, ![.table, .json, .markdown].contains(format) {
            throw ValidationError("this command writes table or json; use --format table or --format json")
        }
    }
}
