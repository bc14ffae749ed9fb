import RegistryCore

/// Renders an assessment: the JSON contract of the README, or text.
package struct AssessmentRendering {
    package let assessment: Assessment
    package init(assessment: Assessment) { self.assessment = assessment }

    private var subject: (kind: String, id: String, name: String) {
        switch assessment.subject {
        case .provider(let provider): ("provider", provider.id, provider.name)
        case .offer(let offer, _): ("offer", offer.id, offer.name)
        }
    }

    package var json: JSON {
        let subject = self.subject
        var members: [(String, JSON)] = [
            (
                "subject",
                .object([("kind", .string(subject.kind)), ("id", .string(subject.id)), ("name", .string(subject.name))])
            ),
            ("validOn", .string(assessment.day.description)),
            ("tests", .array(assessment.tests.map(Self.test))),
            ("immune", .string(assessment.immune.rawValue)),
            ("sovereign", assessment.sovereign.map { .string($0.rawValue) } ?? .null),
        ]
        if let look = assessment.lookThrough {
            members.append(("ownership", Self.ownership(look)))
        }
        members.append(("attestationsInForce", .array(assessment.attestationsInForce.map(JSON.evidence))))
        return .object(members)
    }

    private static func test(_ test: SovereigntyTest) -> JSON {
        .object([
            ("id", .string(test.id)), ("title", .string(test.title.english)), ("result", .string(test.result.rawValue)),
            ("explanation", .string(test.explanation.english)),
            (
                "evidence",
                .array(test.evidence.map(JSON.cited))
            ),
        ])
    }

    private static func ownership(_ look: OwnershipLookThrough) -> JSON {
        func reading(_ reading: OwnershipLookThrough.Reading) -> JSON {
            .object([
                (
                    "nonEUHolders",
                    .object(reading.nonEUHolders.sorted { $0.key < $1.key }.map { ($0.key, .double($0.value)) })
                ),
                ("nonEUTotal", .double(reading.nonEUTotal)), ("unknownShare", .double(reading.unknownShare)),
                ("publicFloat", .double(reading.publicFloat)),
                ("missingPercentages", JSON(reading.missingPercentages.map { "\($0.ownerId) → \($0.ownedId)" })),
            ])
        }
        return .object([
            ("capital", reading(look.capital)), ("votes", reading(look.votes)), ("cycle", .bool(look.cycle)),
        ])
    }

    package var text: String {
        let subject = self.subject
        var lines = [
            "Assessment of \(subject.name) (\(subject.kind) \(subject.id)) on \(assessment.day)",
            "  immune to non-EU law (§19.6 a and b): \(assessment.immune.rawValue.uppercased())",
        ]
        if let sovereign = assessment.sovereign {
            lines.append("  sovereign (immune, data and administration in the EU): \(sovereign.rawValue.uppercased())")
        }
        for test in assessment.tests {
            lines.append("")
            lines.append("[\(test.result.rawValue.uppercased())] \(test.id): \(test.title)")
            lines.append("  \(test.explanation)")
            for fact in test.evidence {
                lines.append("  - \(fact.text). \(Describe.source(fact.source, fact.sourceKind, fact.verifiedOn))")
            }
        }
        lines.append("")
        lines.append("Attestations in force (\(assessment.attestationsInForce.count))")
        lines += assessment.attestationsInForce.map { "  " + Describe.evidence($0) }
        return terminalText(lines)
    }
}
