import Foundation
import GRDB

/// The holders above many providers at once, read in two statements: a query assessing a thousand providers
/// looks each one's holders up here instead of asking SQLite twice per provider. What a look-through reads from
/// it is what it reads from the database: the edges whose owned entity is `root` or one of its holders, and
/// those entities.
struct OwnershipGraph {
    let edgesByOwned: [String: [Ownership]]
    let entities: [String: Entity]

    /// The holders above every provider of the offers `offerIds`.
    init(offers offerIds: [String], _ db: Database) throws {
        let holders: SQL = """
            WITH RECURSIVE holder(id) AS (
                SELECT provider.entityId FROM json_each(\(String(decoding: try JSONEncoder().encode(offerIds), as: UTF8.self))) AS asked
                CROSS JOIN offer ON offer.id = asked.value CROSS JOIN provider ON provider.id = offer.providerId
                WHERE provider.entityId IS NOT NULL
                UNION SELECT ownership.ownerId FROM ownership JOIN holder ON ownership.ownedId = holder.id)
            """
        let edges = try Ownership.fetchAll(
            db, SQLRequest(literal: holders + " SELECT * FROM ownership WHERE ownedId IN holder"))
        edgesByOwned = Dictionary(grouping: edges, by: \.ownedId)
        entities = Dictionary(
            uniqueKeysWithValues: try Entity.fetchAll(
                db, SQLRequest(literal: holders + " SELECT * FROM entity WHERE id IN holder")
            ).map { ($0.id, $0) })
    }

    /// The part of the graph above `root`, as `Assessor.lookThrough(from:eu:)` reads it from the database; nil
    /// when `root` was not among the providers read.
    func above(_ root: String) -> (edgesByOwned: [String: [Ownership]], entities: [String: Entity])? {
        guard entities[root] != nil || edgesByOwned[root] != nil else { return nil }
        var edges: [String: [Ownership]] = [:]
        var ids: Set<String> = [root]
        var pending = [root]
        while let id = pending.popLast() {
            guard edges[id] == nil, let above = edgesByOwned[id] else { continue }
            edges[id] = above
            for edge in above where ids.insert(edge.ownerId).inserted { pending.append(edge.ownerId) }
        }
        return (edges, Dictionary(uniqueKeysWithValues: ids.compactMap { id in entities[id].map { (id, $0) } }))
    }
}

/// The offers a query is about to assess: their records and their providers', their providers' holders and
/// their own sites, each read for all of them in one pass when an assessment first needs it — a page whose tests
/// the registry's cache already holds reads no holders and no sites.
final class PendingOffers {
    private let offerIds: [String]
    private let asked: Set<String>
    private var encoded: String?
    private var graph: OwnershipGraph?
    private var hosting: [String: [Hosting]]?
    private var records: (offers: [String: Offer], providers: [String: Provider])?

    /// `records`: the offers' records with their providers', when read already.
    init(offers offerIds: [String], records: [(offer: Offer, provider: Provider)]? = nil) {
        self.offerIds = offerIds
        asked = Set(offerIds)
        self.records = records.map { read in Self.byId(offers: read.map(\.offer), providers: read.map(\.provider)) }
    }

    private static func byId(offers: [Offer], providers: [Provider]) -> (
        offers: [String: Offer], providers: [String: Provider]
    ) {
        (
            Dictionary(offers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }),
            Dictionary(providers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        )
    }

    func graph(_ db: Database) throws -> OwnershipGraph {
        if let graph { return graph }
        let read = try OwnershipGraph(offers: offerIds, db)
        graph = read
        return read
    }

    /// The sites of `offerId` as `Registry.hosting(ofOffer:_:)` reads them; nil when it is not among the offers.
    func hosting(of offerId: String, _ db: Database) throws -> [Hosting]? {
        if hosting == nil { hosting = try OfferQuery.hosting(try json(), db) }
        guard let sites = hosting?[offerId] else { return asked.contains(offerId) ? [] : nil }
        return sites
    }

    /// The sites of every offer, when an assessment has read them (an offer absent has none).
    var hostingRead: [String: [Hosting]]? { hosting }

    /// The offer `offerId`; nil when it is not among the offers.
    func offer(_ offerId: String, _ db: Database) throws -> Offer? { try read(db).offers[offerId] }

    /// The provider `providerId` of one of the offers; nil when it is none of theirs.
    func provider(_ providerId: String, _ db: Database) throws -> Provider? { try read(db).providers[providerId] }

    private func read(_ db: Database) throws -> (offers: [String: Offer], providers: [String: Provider]) {
        if let records { return records }
        let offers = try Offer.fetchAll(
            db, sql: "SELECT offer.* FROM json_each(?) AS asked CROSS JOIN offer ON offer.id = asked.value",
            arguments: [try json()])
        let providers = try Provider.fetchAll(
            db,
            sql: """
                SELECT * FROM provider WHERE id IN (
                    SELECT offer.providerId FROM json_each(?) AS asked CROSS JOIN offer ON offer.id = asked.value)
                """, arguments: [try json()])
        let read = Self.byId(offers: offers, providers: providers)
        records = read
        return read
    }

    /// The offers as a JSON array, for `json_each`.
    private func json() throws -> String {
        if let encoded { return encoded }
        let json = String(decoding: try JSONEncoder().encode(offerIds), as: UTF8.self)
        encoded = json
        return json
    }
}
