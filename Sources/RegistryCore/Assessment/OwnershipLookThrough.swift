import Foundation

/// SecNumCloud 3.2 §19.6 b) computed from the ownership graph: how much of a provider's capital and votes
/// non-EU entities hold, directly and indirectly.
///
/// Two readings, the stricter wins: shares multiplied along each chain; and an intermediate entity controlled
/// (> 50 %) by a non-EU entity counted as non-EU for its whole stake. A missing percentage, an entity of unknown
/// country, holdings that do not add up to 100 % or a cycle make the answer unknown unless what is known
/// already fails.
public struct OwnershipLookThrough: Hashable, Sendable {
    /// What one reading (capital or votes) found.
    public struct Reading: Hashable, Sendable {
        /// Each non-EU holder's total share, in percent, the stricter reading.
        public var nonEUHolders: [String: Double] = [:]
        /// Share held by entities whose country is unknown, or not recorded at all (holdings under 100 %).
        public var unknownShare = 0.0
        /// Share held by a dispersed public float (counts toward no individual threshold).
        public var publicFloat = 0.0
        /// Edges on a chain whose percentage is unknown.
        public var missingPercentages: [Ownership] = []
        /// Holders whose share is only known to be more than 50 % of an entity they control.
        public var controllingWithoutFigure: Set<String> = []

        public var nonEUTotal: Double { nonEUHolders.values.reduce(0, +) }
        public var largestNonEU: (entity: String, share: Double)? {
            nonEUHolders.max { $0.value < $1.value }.map { ($0.key, $0.value) }
        }
    }

    public var capital = Reading()
    public var votes = Reading()
    /// Non-EU holders with a veto or the right to name the board majority.
    public var rights: [Ownership] = []
    /// Every edge walked, for the evidence.
    public var edges: [Ownership] = []
    /// Entities met on the chains, by id.
    public var entities: [String: Entity] = [:]
    /// Whether a cycle was met (the computation then cannot conclude a pass).
    public var cycle = false
    /// Whether any holder is recorded at all.
    public var hasHolders: Bool { !edges.isEmpty }

    static let individualLimit = 24.0
    static let collectiveLimit = 39.0
}

extension OwnershipLookThrough {
    /// Looks through the owners of `root`, given every entity and every edge by owned entity.
    init(root: String, entities: [String: Entity], edgesByOwned: [String: [Ownership]], euCountries: Set<String>) {
        self.entities = entities
        var walk = Walk(entities: entities, edgesByOwned: edgesByOwned, eu: euCountries)
        for measure in [Walk.Measure.capital, .votes] {
            for controlReading in [false, true] {
                var reading = Reading()
                walk.visit(root, weight: 100, path: [root], measure: measure, control: controlReading, into: &reading)
                var target = measure == .capital ? capital : votes
                target.merge(stricter: reading)
                if measure == .capital { capital = target } else { votes = target }
            }
        }
        rights = walk.rights
        edges = walk.walked.sorted { ($0.ownedId, $0.ownerId) < ($1.ownedId, $1.ownerId) }
        cycle = walk.cycle
    }

    private struct Walk {
        enum Measure { case capital, votes }
        let entities: [String: Entity]
        let edgesByOwned: [String: [Ownership]]
        let eu: Set<String>
        var rights: [Ownership] = []
        var walked: Set<Ownership> = []
        var cycle = false

        func isNonEU(_ id: String) -> Bool? {
            guard let entity = entities[id] else { return nil }
            if entity.kind == .publicFloat { return false }
            return entity.country.map { !eu.contains($0) }
        }

        /// Whether a non-EU entity controls `id` (> 50 %), directly or through controlled entities.
        func controller(of id: String, measure: Measure, seen: Set<String> = []) -> String? {
            for edge in edgesByOwned[id, default: []] where !seen.contains(edge.ownerId) {
                let share = measure == .capital ? edge.capitalPercent : edge.votingPercent
                guard (share ?? 0) > 50 || edge.controlling == true else { continue }
                if isNonEU(edge.ownerId) == true { return edge.ownerId }
                if let upper = controller(of: edge.ownerId, measure: measure, seen: seen.union([id])) { return upper }
            }
            return nil
        }

        mutating func visit(
            _ id: String, weight: Double, path: [String], measure: Measure, control: Bool, into reading: inout Reading
        ) {
            let owners = edgesByOwned[id, default: []]
            var recorded = 0.0
            for edge in owners {
                walked.insert(edge)
                if isNonEU(edge.ownerId) == true && (edge.vetoRight == true || edge.boardMajorityRight == true),
                    !rights.contains(edge)
                {
                    rights.append(edge)
                }
                // A controlling owner without a figure holds more than 50 %: 50 is a floor, not a guess.
                let figure = measure == .capital ? edge.capitalPercent : edge.votingPercent
                guard let percent = figure ?? (edge.controlling == true ? 50 : nil) else {
                    reading.missingPercentages.append(edge)
                    continue
                }
                if figure == nil { reading.controllingWithoutFigure.insert(edge.ownerId) }
                recorded += percent
                let share = weight * percent / 100
                let owner = edge.ownerId
                if path.contains(owner) {
                    cycle = true
                    reading.unknownShare += share
                    continue
                }
                if entities[owner]?.kind == .publicFloat {
                    reading.publicFloat += share
                } else if isNonEU(owner) == true {
                    reading.nonEUHolders[owner, default: 0] += share
                } else if control, let controller = controller(of: owner, measure: measure) {
                    // Controlled by a non-EU entity: its whole stake counts as non-EU.
                    reading.nonEUHolders[controller, default: 0] += share
                } else if edgesByOwned[owner, default: []].isEmpty {
                    // An ultimate holder: EU, or of unknown country.
                    if isNonEU(owner) == nil { reading.unknownShare += share }
                } else {
                    visit(
                        owner, weight: share, path: path + [owner], measure: measure, control: control, into: &reading)
                }
            }
            if !owners.isEmpty && recorded < 99.99 {
                // Holders not recorded: they could be anyone.
                reading.unknownShare += weight * max(0, 100 - recorded) / 100
            }
        }
    }
}

extension OwnershipLookThrough.Reading {
    /// Keeps, holder by holder, the larger share of two readings.
    mutating func merge(stricter other: Self) {
        for (holder, share) in other.nonEUHolders { nonEUHolders[holder] = max(nonEUHolders[holder] ?? 0, share) }
        unknownShare = max(unknownShare, other.unknownShare)
        publicFloat = max(publicFloat, other.publicFloat)
        for edge in other.missingPercentages where !missingPercentages.contains(edge) {
            missingPercentages.append(edge)
        }
        controllingWithoutFigure.formUnion(other.controllingWithoutFigure)
    }
}
