import ArgumentParser
import Foundation
import RegistryCore
import RegistryRendering

extension RegistryCommand {
    /// `registry assess ID`: the sovereignty tests, criterion by criterion, with their reasoning.
    struct Assess: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Assess a provider or an offer against SecNumCloud 3.2 §19.6 and §19.2 and HDS 2024 hosting.",
            discussion: """
                Each test passes, fails or is unknown — unknown is not no: the recorded facts do not decide. \
                A SecNumCloud 3.2 qualification in force is ANSSI's own finding that §19.6 holds: the tests then \
                pass on it, with the computed ownership look-through shown beside.
                """)

        @OptionGroup var database: DatabaseOptions

        @OptionGroup var asOf: AsOfOption

        @OptionGroup var subject: SubjectOptions

        func run() throws {
            let assessment = try asOf.view(of: database.open(forReading: true)).assess(
                subject.id, on: subject.day(database.clock))
            let rendering = AssessmentRendering(assessment: assessment)
            try emit(subject.json ? rendering.json.serialized() + "\n" : rendering.text)
        }
    }
}
