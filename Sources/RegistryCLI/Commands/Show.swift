import ArgumentParser
import RegistryCore
import RegistryRendering

extension RegistryCommand {
    /// `registry show ID`: everything known about a provider or an offer.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show everything known about a provider or an offer, with the evidence.",
            discussion: "Provider ids look like 'ovhcloud'; offer ids like 'ovhcloud/hosted-private-cloud-snc'.")

        @OptionGroup var database: DatabaseOptions

        @OptionGroup var asOf: AsOfOption

        @OptionGroup var subject: SubjectOptions

        func validate() throws {
            if subject.format == .markdown {
                throw ValidationError("this command writes table or json; use --format table or --format json")
            }
        }

        func run() throws {
            let sheet = try asOf.view(of: database.open(forReading: true)).show(
                subject.id, on: subject.day(database.clock))
            try emit(
                FactSheetRendering(sheet: sheet, day: subject.day(database.clock)).render(
                    subject.json ? .json : .table))
        }
    }
}
