import Foundation
import GRDB

/// Finds the provider and offer a list row names — by id, SIREN, name, legal name or alias, ignoring case
/// and accents — and creates them when a list names them for the first time.
///
/// A provider whose id is the slug of its name (every provider a list created) is found through its id,
/// in the database; only the other names (aliases, legal names, curated names) are held in memory. So a
/// list naming 100,000 providers costs no memory per provider.
struct ProviderMatcher {
    let db: Database
    /// Folded names a slug does not lead to → the one provider that bears each. A name several providers
    /// bear is in `shared`.
    private var byName: [String: String] = [:]
    private var shared: [String: Set<String>] = [:]
    /// The last name looked up, and its match: a list names the same provider on consecutive rows.
    private let last = LastLookup()

    init(_ db: Database) throws {
        self.db = db
        let providers = try Row.fetchCursor(db, sql: "SELECT id, name, legalName FROM provider")
        while let row = try providers.next() {
            let id: String = row["id"]
            remember(id, names: [row["name"], row["legalName"]].compactMap { $0 })
        }
        let aliases = try Row.fetchCursor(db, sql: "SELECT providerId, alias FROM providerAlias")
        while let row = try aliases.next() {
            remember(row["providerId"], names: [row["alias"]], evenWithSlug: true)
        }
    }

    private mutating func remember(_ id: String, names: [String], evenWithSlug: Bool = false) {
        for name in names where evenWithSlug || Slug.make(name) != id {
            let key = SearchText.fold(name)
            if shared[key] != nil {
                shared[key]?.insert(id)
            } else if let other = byName[key], other != id {
                byName[key] = nil
                shared[key] = [other, id]
            } else {
                byName[key] = id
            }
        }
        last.clear()
    }

    enum Match: Equatable {
        case found(String)
        case missing
        case ambiguous([String])
    }

    /// The provider a row names: its SIREN decides when known; else its name must name one provider.
    func provider(named name: String, siren: String?) throws -> Match {
        if let siren,
            let id = try String.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM provider WHERE siren = ?"), arguments: [siren])
        {
            return .found(id)
        }
        let key = SearchText.fold(name)
        if let match = last.match(for: key) { return match }
        var candidates = shared[key] ?? byName[key].map { [$0] } ?? []
        // The providers whose id is the name's slug, or a numbered variant of it, and that bear the name.
        let base = Slug.make(name)
        let names = try db.cachedStatement(sql: "SELECT name, legalName FROM provider WHERE id = ?")
        var id = base
        var suffix = 2
        while let row = try Row.fetchOne(names, arguments: [id]) {
            let borne = [id, row["name"], row["legalName"]].compactMap { $0 as String? }
            if borne.contains(where: { SearchText.fold($0) == key }) { candidates.insert(id) }
            id = "\(base)-\(suffix)"
            suffix += 1
        }
        let match: Match =
            switch candidates.count {
            case 0: .missing
            case 1: .found(candidates.first!)
            default: .ambiguous(candidates.sorted())
            }
        last.remember(match, for: key)
        return match
    }

    /// Creates a provider first seen in an official list: only what the list says is known.
    mutating func createProvider(
        named name: String, siren: String?, source: String, kind: SourceKind, on day: Day, facts: FactWriter
    ) throws -> String {
        let base = Slug.make(name)
        var id = base
        var suffix = 2
        let exists = try facts.db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM provider WHERE id = ?)")
        while try Bool.fetchOne(exists, arguments: [id]) == true {
            id = "\(base)-\(suffix)"
            suffix += 1
        }
        let provider = Provider(
            id: id, name: name, legalName: nil, entityId: nil, hqCountry: nil, siren: siren, website: nil,
            note: "First seen in an official list; seat and ownership not yet recorded.", source: source,
            sourceKind: kind, verifiedOn: day)
        try facts.save(provider, key: ["id": id], id: id)
        remember(id, names: [name])
        return id
    }

    /// The offer of `providerId` a row names (by id, name or alias, ignoring case, accents and punctuation),
    /// if any.
    func offer(named name: String, of providerId: String, _ db: Database) throws -> String? {
        let index = try offers.offers(of: providerId, db)
        return index[SearchText.fold(name)] ?? index[Slug.make(name)]
    }

    /// The offer a row names, created when the list names it for the first time (`created`).
    func offer(
        named name: String, of providerId: String, model: ServiceModel?, source: String, kind: SourceKind,
        on day: Day, facts: FactWriter
    ) throws -> (id: String, created: Bool) {
        if let id = try offer(named: name, of: providerId, facts.db) { return (id, false) }
        var id = "\(providerId)/\(Slug.make(name))"
        var suffix = 2
        let exists = try facts.db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM offer WHERE id = ?)")
        while try Bool.fetchOne(exists, arguments: [id]) == true {
            id = "\(providerId)/\(Slug.make(name))-\(suffix)"
            suffix += 1
        }
        let offer = Offer(
            id: id, providerId: providerId, name: name, serviceModel: model, runsOnOfferId: nil, adminCountry: nil,
            note: nil, source: source, sourceKind: kind, verifiedOn: day)
        try facts.save(offer, key: ["id": id], id: id)
        try offers.remember(offer, facts.db)
        return (id, true)
    }

    /// Offers by provider, loaded once per provider: a list of thousands of rows looks them up in memory.
    private let offers = OfferIndex()
}

/// Each provider's offers by folded name, alias and slug.
private final class OfferIndex {
    private var byProvider: [String: [String: String]] = [:]

    func offers(of providerId: String, _ db: Database) throws -> [String: String] {
        if let known = byProvider[providerId] { return known }
        var index: [String: String] = [:]
        // Names first, then aliases: an offer's own name wins over another's alias. Each name also by its
        // slug, so that punctuation does not matter (« IaaS Secure Temple (VMware, …) »).
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT id, name, 0 AS rank FROM offer WHERE providerId = ?
                UNION ALL
                SELECT offerAlias.offerId, offerAlias.alias, 1 FROM offer
                JOIN offerAlias ON offerAlias.offerId = offer.id WHERE offer.providerId = ?
                ORDER BY rank, id
                """, arguments: [providerId, providerId])
        {
            let id: String = row["id"]
            let name: String = row["name"]
            index[SearchText.fold(name)] = index[SearchText.fold(name)] ?? id
            index[Slug.make(name)] = index[Slug.make(name)] ?? id
            index[String(id.dropFirst(providerId.count + 1))] = id
        }
        // Bounded: a list naming a hundred thousand providers must not keep every one's offers in memory.
        if byProvider.count >= 1_000 { byProvider.removeAll(keepingCapacity: true) }
        byProvider[providerId] = index
        return index
    }

    func remember(_ offer: Offer, _ db: Database) throws {
        _ = try offers(of: offer.providerId, db)
        // In place: copying a provider's index for each new offer would make a long list quadratic.
        for name in [SearchText.fold(offer.name), Slug.make(offer.name)]
        where byProvider[offer.providerId]?[name] == nil {
            byProvider[offer.providerId]?[name] = offer.id
        }
        byProvider[offer.providerId]?[String(offer.id.dropFirst(offer.providerId.count + 1))] = offer.id
    }
}

/// The last name a matcher looked up and what it found; cleared whenever the matcher learns a name.
private final class LastLookup {
    private var key: String?
    private var match: ProviderMatcher.Match?

    func match(for key: String) -> ProviderMatcher.Match? { key == self.key ? match : nil }

    func remember(_ match: ProviderMatcher.Match, for key: String) {
        self.key = key
        self.match = match
    }

    func clear() {
        key = nil
        match = nil
    }
}
