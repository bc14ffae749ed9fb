import ArgumentParser
import Foundation
import RegistryCore
import RegistryRendering

extension RegistryCommand {
    /// `registry assess ID`: the sovereignty tests, criterion by criterion, with their reasoning.
    struct Assess: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assess",
            abstract: "Assess a provider or an offer against SecNumCloud 3.2 §19.6 and §19.2 and HDS 2024 hosting.",
            discussion: """
                Each test passes, fails or is unknown — unknown is not no: the recorded facts do not decide. \
                A SecNumCloud 3.2 qualification in force is ANSSI's own finding that §19.6 holds: the tests then \
                pass on it, with the computed ownership look-through shown beside. With --framework csf, an \
                offer's levels under the EU Cloud Sovereignty Framework: per objective an interval of SEAL levels \
                (an unknown criterion counts with its whole ladder), per criterion its answer and how it was \
                obtained, and the score — an indicative level computed by the registry from the facts cited, not an \
                assessment by the European Commission (the rules: docs/csf.md).
                """)

        @OptionGroup var database: DatabaseOptions

        @OptionGroup var asOf: AsOfOption

        @OptionGroup var subject: SubjectOptions

        @Option(
            help: ArgumentHelp(
                "csf: the EU Cloud Sovereignty Framework's SEAL levels (an offer only).", valueName: "name"))
        var framework: Framework?

        @Option(help: ArgumentHelp("With --framework csf: csf-2026 (default) or csf-v1.2.1.", valueName: "profile"))
        var weights: String?

        enum Framework: String, ExpressibleByArgument { case csf }

        func validate() throws {
            if weights != nil && framework == nil {
                throw ValidationError("--weights goes with --framework csf")
            }
            if let weights, !CSF.weights.contains(where: { $0.name == weights }) {
                throw ValidationError(
                    "no weights are named '\(weights)'; use " + CSF.weights.map(\.name).joined(separator: " or "))
            }
            if subject.format == .markdown && framework == nil {
                throw ValidationError("markdown is written with --framework csf; use --format table or json")
            }
        }

        func run() throws {
            if framework == .csf {
                let profile = CSF.weights.first { $0.name == weights } ?? CSF.weights[0]
                let levels = try asOf.view(of: database.open(forReading: true)).assessCSF(
                    subject.id, on: subject.day(database.clock), weights: profile)
                let rendering = CSFRendering(assessment: levels)
                return try emit(
                    subject.json
                        ? rendering.json.serialized() + "\n"
                        : subject.format == .markdown ? rendering.markdown : rendering.text)
            }
            let assessment = try asOf.view(of: database.open(forReading: true)).assess(
                subject.id, on: subject.day(database.clock))
            let rendering = AssessmentRendering(assessment: assessment)
            try emit(subject.json ? rendering.json.serialized() + "\n" : rendering.text)
        }
    }
}
