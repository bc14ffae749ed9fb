import Foundation

/// The EU Cloud Sovereignty Framework (CSF) as data: framework v1.2.1 (20 October 2025) and the Commission's
/// sovereignty assessment calculator of 1 June 2026, as `../shared/facts/csf-2026.md` gives them (a test holds
/// this table to that one). The Commission publishes no level per service: every level the registry computes
/// from these is its own reading of the facts it cites.
public enum CSF {
    public static let edition = "framework v1.2.1, calculator of 2026-06-01"
    /// What every output says beside a level.
    public static let disclaimer = Phrase(
        "indicative level computed by the registry from the facts cited; not an assessment by the European Commission",
        fr: "niveau indicatif calculé par le registre à partir des faits cités ; pas une évaluation de la Commission "
            + "européenne")

    /// One answer of a criterion's ladder: its points towards the score and its SEAL tag (0–4). Points are
    /// nil where the source row is blank (the rung exists, its points are not given).
    public struct Rung: Hashable, Sendable {
        public var points: Double?
        public var seal: Int
        /// The source row is blank (« - »): not an answer anyone can give, only a place on the ladder. (Rungs
        /// the fact sheet elides with « … » exist; their points are not given.)
        public var blank = false
    }

    public struct Criterion: Hashable, Sendable {
        /// « 2.2 »: the objective's number, then the criterion's.
        public var id: String
        public var title: String
        /// Rungs 1 to 5, never falling in points or in SEAL going up.
        public var rungs: [Rung]

        init(_ id: String, _ title: String, _ rungs: [(Double?, Int)], blank: Set<Int> = []) {
            self.id = id
            self.title = title
            self.rungs = rungs.enumerated().map {
                Rung(points: $0.element.0, seal: $0.element.1, blank: blank.contains($0.offset + 1))
            }
        }

        /// The SEAL levels an answer somewhere in `rungs` can have: from the lowest answerable rung in it (or
        /// above) to the highest (or below). Blank rungs are no answer.
        public func seal(_ rungs: ClosedRange<Int>) -> SealInterval {
            let low = self.rungs.indices.first { $0 + 1 >= rungs.lowerBound && !self.rungs[$0].blank } ?? 4
            let high = self.rungs.indices.last { $0 + 1 <= rungs.upperBound && !self.rungs[$0].blank } ?? 0
            // Only blank rungs in the range (no answer gives that): between the answers on either side.
            let (a, b) = (self.rungs[low].seal, self.rungs[high].seal)
            return SealInterval(low: min(a, b), high: max(a, b))
        }

        /// The objective it belongs to, 1–8.
        public var objective: Int { Int(id.prefix { $0 != "." }) ?? 0 }
        /// Whether it can gate a level (some rung below SEAL-4); the others count in the score only.
        public var gates: Bool { rungs.contains { $0.seal < 4 } }
    }

    public struct Objective: Hashable, Sendable {
        public var number: Int
        public var name: String
        public var id: String { "SOV-\(number)" }
    }

    /// A weight per objective, in percent, summing to 100.
    public struct Weights: Hashable, Sendable {
        public var name: String
        public var percent: [Int]
    }

    public static let objectives: [Objective] = [
        "Strategic", "Legal & Jurisdictional", "Data & AI", "Operational", "Supply Chain", "Technology",
        "Security & Compliance", "Environmental",
    ].enumerated().map { Objective(number: $0.offset + 1, name: $0.element) }

    /// The default (`csf-2026`, the 2026 guidance's matrix and the calculator's column D) and v1.2.1 §5's.
    public static let weights: [Weights] = [
        Weights(name: "csf-2026", percent: [20, 10, 10, 15, 10, 15, 15, 5]),
        Weights(name: "csf-v1.2.1", percent: [15, 10, 10, 15, 20, 15, 10, 5]),
    ]

    public static let criteria: [Criterion] = [
        .init(
            "1.1", "EU/EEA legal entity control", [(0, 1), (41.67, 1), (nil, 1), (83.34, 3), (125.01, 4)], blank: [3]),
        .init("1.2", "Change-of-control risk", [(0, 4), (nil, 4), (nil, 4), (nil, 4), (125, 4)]),
        .init("1.3", "Control over roadmap", [(0, 2), (41.67, 2), (nil, 2), (83.34, 3), (125.01, 4)], blank: [3]),
        .init("1.4", "Financial independence from non-EU capital", [(0, 4), (nil, 4), (nil, 4), (nil, 4), (125, 4)]),
        .init("1.5", "EU economic contribution", [(0, 4), (nil, 4), (nil, 4), (nil, 4), (125, 4)]),
        .init("1.6", "Participation in EU strategic programmes", [(0, 4), (nil, 4), (nil, 4), (nil, 4), (125, 4)]),
        .init("1.7", "Alignment with EU industrial strategies", [(0, 4), (nil, 4), (nil, 4), (nil, 4), (125.01, 4)]),
        .init("1.8", "Resilience to cut-off", [(0, 0), (31.25, 0), (62.5, 2), (93.75, 2), (125, 4)]),
        .init("2.1", "Primary legal jurisdiction", [(0, 1), (84, 1), (nil, 1), (nil, 3), (167, 4)], blank: [3, 4]),
        .init("2.2", "Extraterritorial laws", [(0, 1), (41.75, 1), (83.5, 1), (125.25, 2), (167, 4)]),
        .init("2.3", "Data access pathways", [(0, 1), (41.75, 1), (83.5, 1), (125.25, 1), (167, 4)]),
        .init("2.4", "Export control", [(0, 0), (41.75, 1), (83.5, 2), (125.25, 3), (167, 4)]),
        .init("2.5", "Origin of IP", [(0, 4), (nil, 4), (nil, 4), (nil, 4), (167, 4)]),
        .init("2.6", "IP holder jurisdiction", [(0, 3), (41.75, 3), (83.5, 3), (125.25, 4), (167, 4)]),
        .init("3.1", "Customer control of encryption keys", [(0, 0), (50, 1), (100, 2), (150, 3), (200, 4)]),
        .init("3.2", "Data flows and access logs", [(0, 0), (50, 1), (100, 2), (150, 3), (200, 4)]),
        .init("3.3", "Secure deletion and proof of erasure", [(0, 0), (50, 1), (100, 1), (150, 3), (200, 4)]),
        .init("3.4", "Data location strictly EU/EEA", [(0, 0), (50, 0), (100, 1), (150, 1), (200, 4)]),
        .init("3.5", "AI services", [(0, 2), (50, 2), (100, 2), (150, 3), (200, 4)]),
        .init("4.1", "Portability and interoperability", [(0, 1), (41.75, 1), (83.5, 4), (125.25, 4), (167, 4)]),
        .init("4.2", "Operate without foreign dependencies", [(0, 1), (41.75, 1), (83.5, 3), (125.25, 3), (167, 4)]),
        .init("4.3", "Skill availability", [(0, 1), (41.75, 1), (83.5, 3), (125.25, 3), (167, 4)]),
        .init("4.4", "Support channels", [(0, 1), (41.75, 2), (83.5, 3), (125.25, 3), (167, 4)]),
        .init(
            "4.5", "Documentation and knowledge transfer location",
            [(0, 0), (41.75, 2), (83.5, 4), (125.25, 4), (167, 4)]),
        .init(
            "4.6", "Subcontractor and supplier jurisdiction", [(0, 0), (41.75, 2), (83.5, 3), (125.25, 3), (167, 4)]),
        .init("5.1", "Origin of components", [(0, 1), (35.75, 1), (71.5, 3), (107.25, 3), (143, 4)]),
        .init("5.2", "Manufacturing location", [(0, 1), (35.75, 1), (71.5, 3), (107.25, 3), (143, 4)]),
        .init("5.3", "Firmware provenance", [(0, 4), (nil, 4), (nil, 4), (nil, 4), (143, 4)]),
        .init("5.4", "Origin of software", [(0, 0), (35.75, 2), (71.5, 3), (107.25, 3), (143, 4)]),
        .init("5.5", "Packaging, distribution, updates", [(0, 1), (35.75, 1), (71.5, 3), (107.25, 3), (143, 4)]),
        .init("5.6", "Single point of dependency", [(0, 1), (35.75, 1), (71.5, 2), (107.25, 3), (143, 4)]),
        .init(
            "5.7", "Supply-chain transparency, audit rights", [(0, 1), (35.75, 1), (71.5, 2), (107.25, 3), (143, 4)]),
        .init("6.1", "Open interfaces", [(0, 0), (50, 1), (100, 2), (150, 3), (200, 4)]),
        .init("6.2", "Open-standards policy", [(0, 0), (50, 0), (100, 2), (150, 3), (200, 4)]),
        .init("6.3", "Open source", [(0, 2), (50, 2), (100, 3), (150, 4), (200, 4)]),
        .init("6.4", "Architecture transparency", [(0, 2), (50, 2), (100, 3), (150, 3), (200, 4)]),
        .init("6.5", "HPC sovereignty", [(0, 0), (50, 3), (100, 3), (150, 3), (200, 4)]),
        .init("7.1", "Security certification", [(0, 1), (35.75, 1), (71.5, 2), (107.25, 3), (143, 4)]),
        .init("7.2", "EU regulatory compliance", [(0, 4), (nil, 4), (nil, 4), (nil, 4), (143, 4)]),
        .init("7.3", "EU-based SOC and incident handling", [(0, 1), (35.75, 1), (71.5, 1), (107.25, 3), (143, 4)]),
        .init(
            "7.4", "Control of security monitoring and logs", [(0, 0), (35.75, 1), (71.5, 1), (107.25, 3), (143, 4)]),
        .init("7.5", "Disclosure of incidents", [(0, 0), (35.75, 1), (71.5, 2), (107.25, 3), (143, 4)]),
        .init("7.6", "Maintenance", [(0, 1), (35.75, 1), (71.5, 4), (107.25, 4), (143, 4)]),
        .init("7.7", "Auditability", [(0, 1), (35.75, 1), (71.5, 1), (107.25, 1), (143, 4)]),
        .init("8.1", "Energy efficiency", [(0, 1), (62.5, 1), (125, 4), (187.5, 4), (250, 4)]),
        .init("8.2", "Hardware reuse and recycling", [(0, 0), (62.5, 0), (125, 3), (187.5, 4), (250, 4)]),
        .init("8.3", "Environmental impact reporting", [(0, 1), (62.5, 1), (125, 2), (187.5, 3), (250, 4)]),
        .init("8.4", "Energy supplies", [(0, 4), (nil, 4), (nil, 4), (nil, 4), (250, 4)]),
    ]

    public static func criterion(_ id: String) -> Criterion? { criteria.first { $0.id == id } }
}
