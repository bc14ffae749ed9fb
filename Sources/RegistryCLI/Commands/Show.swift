import ArgumentParser
import RegistryCore

extension RegistryCommand {
    /// `registry show ID`: everything known about a provider or an offer.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show everything known about a provider or an offer, with the evidence.",
            discussion: "Provider ids look like 'ovhcloud'; offer ids like 'ovhcloud/hosted-private-cloud-snc'.")

        @OptionGroup var database: DatabaseOptions

        @OptionGroup var asOf: AsOfOption

        @Argument(help: ArgumentHelp("A provider id or an offer id (see `registry list providers`).", valueName: "id"))
        var id: String

        @Option(
            name: .customLong("valid-on"),
            help: ArgumentHelp(
                "The day on which to judge which attestations are in force (default: today).", valueName: "YYYY-MM-DD"),
            transform: Day.argument)
        var validOn: Day?

        @Option(help: "Output format: table or json (default: table on a terminal, json otherwise).")
        var format: OutputFormat?

        func validate() throws {
            if let format, ![.table, .json].contains(format) {
                throw ValidationError("show writes table or json; use --format table or --format json")
            }
        }

        func run() throws {
            let day = validOn ?? Day.today()
            let profile = try asOf.view(of: database.open(forReading: true)).show(id, on: day)
            emit(ProfileRendering(profile: profile, day: day).render(OutputFormat.resolved(format)))
        }
    }
}
