import ArgumentParser
import RegistryCore
import RegistryRendering

extension RegistryCommand {
    /// `registry conflicts`: where sources disagree about the same offer.
    struct Conflicts: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "conflicts",
            abstract: "List the offers whose sources disagree: the fact that counts and each one it supersedes.",
            discussion: """
                For the same offer and scheme the strongest source wins (official list, provider statement, press, \
                research note; then the newest decision). A superseded fact that says otherwise — status, dates, \
                version, reference or scope — is a conflict: check it, then correct or leave the weaker source. \
                A CSF answer recorded by a person that the registry's own rule leaves no room for is one too \
                (scheme « csf 1.1 »…): the weaker of the two stands.
                """)

        @OptionGroup var database: DatabaseOptions

        @Option(
            name: .customLong("valid-on"),
            help: ArgumentHelp("The day on which to rank the facts (default: today).", valueName: "YYYY-MM-DD"),
            transform: Day.argument)
        var validOn: Day?

        @Option(help: "Output format: table (default on a terminal), json (default otherwise), csv, ndjson, markdown.")
        var format: OutputFormat?

        func run() throws {
            let registry = try database.open(forReading: true)
            let day = validOn ?? database.clock.today
            let conflicts = try registry.conflicts(on: day)
            let columns = [
                "offer", "scheme", "counts", "countsSource", "superseded", "supersededSource", "differences", "says",
            ]
            let rows: [[JSON]] = conflicts.map { conflict in
                let (winner, other) = (conflict.supersession.winner, conflict.supersession.superseded)
                return [
                    .string(conflict.offerId), .string(conflict.schemeId), .string(winner.id),
                    .string(winner.sourceKind.rawValue), .string(other.id), .string(other.sourceKind.rawValue),
                    .string(conflict.supersession.differences.joined(separator: ", ")),
                    .string(Self.says(other, against: winner, conflict.supersession.differences)),
                ]
            }
            let csf: [[JSON]] = try registry.csfConflicts(on: day).compactMap { conflict in
                guard let disagreement = conflict.answer.disagreement else { return nil }
                let derived = disagreement.derivedRungs
                return [
                    .string(conflict.offerId), .string("csf \(conflict.answer.criterion)"),
                    .string(disagreement.rule ?? "derivation"), .string("registry rule"),
                    .string("answer recorded: rung \(disagreement.recordedRung)"),
                    .string(conflict.recorded.sourceKind.rawValue), .string("rung"),
                    .string(
                        "rung: \(disagreement.recordedRung) here, \(derived.lowerBound)–\(derived.upperBound) there "
                            + "(\(disagreement.explanation))"),
                ]
            }
            try emit(
                ListRendering(columns: columns, rows: rows + csf, nullText: "-").render(OutputFormat.resolved(format)))
        }

        /// "status: withdrawn here, qualified there; expiresOn: …".
        static func says(_ other: Attestation, against winner: Attestation, _ differences: [String]) -> String {
            func value(_ a: Attestation, _ field: String) -> String {
                switch field {
                case "status": a.status.rawValue + (a.milestone.map { " (\($0.rawValue))" } ?? "")
                case "issuedOn": a.issuedOn?.description ?? "unknown"
                case "expiresOn": a.expiresOn?.description ?? "unknown"
                case "version": a.version ?? "unknown"
                case "certificateRef": a.certificateRef ?? "unknown"
                default: a.scope.rawValue
                }
            }
            return differences.map { "\($0): \(value(other, $0)) vs \(value(winner, $0))" }.joined(separator: "; ")
        }
    }
}
