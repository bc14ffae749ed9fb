import Foundation
import RegistryCore

/// Renders an offer's CSF levels (`assess ID --framework csf`): the JSON contract of the README, text, or
/// Markdown. Every form says the level is the registry's indicative reading, not the Commission's.
package struct CSFRendering {
    package let assessment: CSFAssessment
    package init(assessment: CSFAssessment) { self.assessment = assessment }

    private var levels: CSFLevels { assessment.levels }

    private func answers(of objective: CSF.Objective) -> [(CSF.Criterion, CSFAnswer)] {
        CSF.criteria.filter { $0.objective == objective.number }.compactMap { criterion in
            assessment.answers.first { $0.criterion == criterion.id }.map { (criterion, $0) }
        }
    }

    // MARK: - JSON

    package var json: JSON {
        .object([
            (
                "subject",
                .object([
                    ("kind", .string("offer")), ("id", .string(assessment.offer.id)),
                    ("name", .string(assessment.offer.name)), ("provider", .string(assessment.provider.id)),
                ])
            ),
            ("validOn", .string(assessment.day.description)),
            ("framework", .string(CSF.edition)),
            (
                "weights",
                .object([
                    ("name", .string(levels.weights.name)),
                    ("percent", .array(levels.weights.percent.map { .int($0) })),
                ])
            ),
            ("disclaimer", .string(CSF.disclaimer.english)),
            ("overall", Self.interval(levels.overall)),
            ("score", .double(Self.rounded(levels.score))), ("maxScore", .double(Self.rounded(levels.maxScore))),
            ("unknown", .array(levels.unknown.map { .string($0) })),
            (
                "objectives",
                .array(
                    levels.objectives.map { level in
                        .object([
                            ("id", .string(level.objective.id)), ("name", .string(level.objective.name)),
                            ("level", Self.interval(level.level)), ("points", .double(Self.rounded(level.points))),
                            ("maxPoints", .double(Self.rounded(level.maxPoints))),
                            ("settling", .array(level.settling.map { .string($0) })),
                            ("limiting", .array(level.limiting.map { .string($0) })),
                            ("criteria", .array(answers(of: level.objective).map(Self.criterion))),
                        ])
                    })
            ),
        ])
    }

    private static func interval(_ interval: SealInterval) -> JSON {
        .object([("low", .int(interval.low)), ("high", .int(interval.high)), ("text", .string(interval.description))])
    }

    private static func criterion(_ criterion: CSF.Criterion, _ answer: CSFAnswer) -> JSON {
        let (low, high) = (answer.rungs.lowerBound, answer.rungs.upperBound)
        return .object([
            ("id", .string(criterion.id)), ("title", .string(criterion.title)), ("kind", .string(answer.kind.rawValue)),
            ("rungs", .object([("low", .int(low)), ("high", .int(high))])),
            ("seal", interval(criterion.seal(answer.rungs))),
            (
                "points",
                .object([
                    ("low", .double(CSFLevels.points(criterion, atLeast: low))),
                    ("high", .double(CSFLevels.points(criterion, atMost: high))),
                ])
            ),
            ("rule", answer.rule.map { .string($0) } ?? .null), ("explanation", .string(answer.explanation.english)),
            ("setBy", answer.setBy.map { .string($0) } ?? .null),
            ("evidence", .array(answer.evidence.map(JSON.cited))),
        ])
    }

    private static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    // MARK: - Text and Markdown

    package var text: String { terminalText(lines(markdown: false)) }
    package var markdown: String { lines(markdown: true).joined(separator: "\n") + "\n" }

    private func lines(markdown: Bool) -> [String] {
        let say = { (text: String) in markdown ? markdownCell(text) : text }
        var lines = [
            (markdown ? "# " : "")
                + say(
                    "CSF levels of \(assessment.offer.name) (offer \(assessment.offer.id)), \(assessment.provider.name), on \(assessment.day)"
                ),
            "",
            say(
                "Indicative level computed by the registry from the facts cited; not an assessment by the European Commission."
            ),
            say(
                "\(CSF.edition); weights \(levels.weights.name) ("
                    + levels.weights.percent.map(String.init).joined(separator: "/") + ")."),
            "",
            (markdown ? "**Overall: \(levels.overall)**" : "Overall: \(levels.overall)"),
            String(
                format: "Score: %.2f (the highest still possible: %.2f); %d criteria unknown, counted 0.", levels.score,
                levels.maxScore, levels.unknown.count),
        ]
        for level in levels.objectives {
            lines.append("")
            var heading = "\(level.objective.id) \(level.objective.name): \(level.level)"
            if !level.settling.isEmpty, level.level.low != level.level.high {
                heading += "; would settle it: " + level.settling.joined(separator: ", ")
            }
            if !level.limiting.isEmpty {
                heading += "; held to SEAL-\(level.level.high) by " + level.limiting.joined(separator: ", ")
            }
            lines.append((markdown ? "## " : "") + say(heading))
            let rows = answers(of: level.objective)
            for (criterion, answer) in rows where answer.kind != .unknown {
                lines += describe(criterion, answer, markdown: markdown)
            }
            let unknown = rows.filter { $0.1.kind == .unknown }.map(\.0.id)
            if !unknown.isEmpty {
                lines.append(
                    (markdown ? "- " : "  ")
                        + say("unknown (whole ladder possible): " + unknown.joined(separator: ", ")))
            }
        }
        return lines
    }

    private func describe(_ criterion: CSF.Criterion, _ answer: CSFAnswer, markdown: Bool) -> [String] {
        let say = { (text: String) in markdown ? markdownCell(text) : text }
        let (low, high) = (answer.rungs.lowerBound, answer.rungs.upperBound)
        let seal = criterion.seal(answer.rungs)
        let rungs = low == high ? "rung \(low)" : "rungs \(low)–\(high)"
        let how =
            answer.kind == .assessed
            ? "answered by a person" : "derived by the registry's rule \(answer.rule ?? "")"
        var lines = [
            (markdown ? "- " : "  ")
                + say(
                    "\(criterion.id) \(criterion.title): \(rungs) (\(seal)) — \(how)"
                        + (answer.setBy.map { ", set by \($0)" } ?? "") + ": \(answer.explanation)")
        ]
        for fact in answer.evidence {
            lines.append(
                (markdown ? "  - " : "      - ")
                    + say("\(fact.text). \(Describe.source(fact.source, fact.sourceKind, fact.verifiedOn))"))
        }
        return lines
    }
}
