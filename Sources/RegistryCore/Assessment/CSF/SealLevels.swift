import Foundation

/// The answer to one criterion for one offer: the rungs the facts leave possible (one when the answer is
/// known, all five when nothing is), how it was obtained, and what it read.
public struct CSFAnswer: Hashable, Sendable {
    public enum Kind: String, Sendable, Codable {
        /// Computed by a named rule of the registry from stored facts, citing each.
        case derived
        /// Recorded by a person with its source.
        case assessed
        /// Neither: the whole ladder stays possible.
        case unknown
    }

    public var criterion: String
    public var kind: Kind
    /// Rungs 1–5 still possible.
    public var rungs: ClosedRange<Int>
    /// The registry's rule that derived it (`csf-1.1-control`…), nil otherwise.
    public var rule: String?
    public var explanation: Phrase
    public var evidence: [CitedFact]
    /// For a criterion about legal entities: the entity whose answer this is (the weakest of the offer's
    /// provider, its controlling holders and the providers it runs on).
    public var setBy: String?
    /// For a person's answer the registry's rule leaves no room for: what the rule found (the weaker stands).
    public var disagreement: Disagreement?

    public struct Disagreement: Hashable, Sendable {
        public var recordedRung: Int
        public var rule: String?
        public var derivedRungs: ClosedRange<Int>
        public var explanation: Phrase
    }

    public static func unknown(
        _ criterion: String,
        _ why: Phrase = Phrase("no fact recorded answers it", fr: "aucun fait enregistré n'y répond")
    ) -> CSFAnswer {
        CSFAnswer(criterion: criterion, kind: .unknown, rungs: 1...5, rule: nil, explanation: why, evidence: [])
    }

    /// A known answer when one rung is possible.
    public var isSettled: Bool { rungs.count == 1 }
}

/// A SEAL level known between two bounds: « SEAL-2 » when they agree, « SEAL-1 to SEAL-3 » otherwise.
public struct SealInterval: Hashable, Sendable, CustomStringConvertible {
    public var low: Int
    public var high: Int

    public init(low: Int, high: Int) {
        self.low = low
        self.high = high
    }

    public var description: String { low == high ? "SEAL-\(low)" : "SEAL-\(low) to SEAL-\(high)" }

    /// « SEAL-2 », « SEAL-1 à SEAL-3 ».
    public var french: String { low == high ? "SEAL-\(low)" : "SEAL-\(low) à SEAL-\(high)" }
}

/// An objective's level and points on the answers given.
public struct CSFObjectiveLevel: Hashable, Sendable {
    public var objective: CSF.Objective
    public var level: SealInterval
    /// Σ points of the answers (unknowns 0), and the most still possible.
    public var points: Double
    public var maxPoints: Double
    /// The criteria that keep the bounds apart: settling them would tell the level.
    public var settling: [String]
    /// The criteria whose highest possible answer sets the upper bound (what falls short).
    public var limiting: [String]
}

/// The levels of every objective, overall, and the score, on a set of answers.
public struct CSFLevels: Hashable, Sendable {
    public var weights: CSF.Weights
    public var objectives: [CSFObjectiveLevel]
    public var overall: SealInterval
    /// Σ weight × points / 1000 × 100, unknowns counted 0; and the highest score still possible.
    public var score: Double
    public var maxScore: Double
    /// The criteria no fact answers.
    public var unknown: [String]

    /// The levels on `answers` (one per criterion; a criterion without one is unknown).
    public init(_ answers: [String: CSFAnswer], weights: CSF.Weights) {
        self.weights = weights
        objectives = CSF.objectives.map { objective in
            let criteria = CSF.criteria.filter { $0.objective == objective.number }
            let ranges = criteria.map { ($0, answers[$0.id]?.rungs ?? 1...5) }
            let low = ranges.map { $0.0.seal($0.1).low }.min() ?? 0
            let high = ranges.map { $0.0.seal($0.1).high }.min() ?? 0
            return CSFObjectiveLevel(
                objective: objective, level: SealInterval(low: low, high: high),
                points: ranges.map { Self.points($0.0, atLeast: $0.1.lowerBound) }.reduce(0, +),
                maxPoints: ranges.map { Self.points($0.0, atMost: $0.1.upperBound) }.reduce(0, +),
                settling: ranges.filter { $0.0.seal($0.1).low < high }.map(\.0.id),
                limiting: ranges.filter { $0.0.seal($0.1).high == high && high < 4 }.map(\.0.id))
        }
        overall = SealInterval(
            low: objectives.map(\.level.low).min() ?? 0, high: objectives.map(\.level.high).min() ?? 0)
        let levels = objectives
        let weighted = { (points: KeyPath<CSFObjectiveLevel, Double>) in
            zip(levels, weights.percent).map { Double($0.1) / 100 * $0.0[keyPath: points] / 1000 * 100 }.reduce(0, +)
        }
        score = weighted(\.points)
        maxScore = weighted(\.maxPoints)
        unknown = CSF.criteria.map(\.id).filter { (answers[$0]?.kind ?? .unknown) == .unknown }
    }

    /// The points a rung at least this high is sure to give: its own, or, where the source gives none, those
    /// of the nearest rung below that has some.
    public static func points(_ criterion: CSF.Criterion, atLeast rung: Int) -> Double {
        criterion.rungs.prefix(rung).compactMap(\.points).last ?? 0
    }

    /// The points a rung at most this high can give: its own, or those of the nearest rung above.
    public static func points(_ criterion: CSF.Criterion, atMost rung: Int) -> Double {
        criterion.rungs.dropFirst(rung - 1).compactMap(\.points).first ?? 0
    }
}
