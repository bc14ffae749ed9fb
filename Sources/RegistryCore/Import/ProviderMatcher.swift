import Foundation
import GRDB

/// Finds the provider and offer a list row names — by id, SIREN, name, legal name or alias, ignoring case
/// and accents — and creates them when a list names them for the first time.
struct ProviderMatcher {
    private var bySIREN: [String: String] = [:]
    /// Folded id, name, legal name and aliases → the one provider that bears it. A name several providers
    /// bear moves to `shared`: one dictionary entry per name, not a set, for lists naming 100,000 providers.
    private var byName: [String: String] = [:]
    private var shared: [String: Set<String>] = [:]

    init(_ db: Database) throws {
        // Streamed: a registry of 100,000 providers is never held in memory as rows.
        let providers = try Row.fetchCursor(db, sql: "SELECT id, name, legalName, siren FROM provider")
        while let row = try providers.next() {
            let id: String = row["id"]
            remember(id, names: [id, row["name"], row["legalName"]].compactMap { $0 }, siren: row["siren"])
        }
        let aliases = try Row.fetchCursor(db, sql: "SELECT providerId, alias FROM providerAlias")
        while let row = try aliases.next() {
            remember(row["providerId"], names: [row["alias"]], siren: nil)
        }
    }

    private mutating func remember(_ id: String, names: [String], siren: String?) {
        if let siren { bySIREN[siren] = id }
        for name in names {
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
    }

    enum Match: Equatable {
        case found(String)
        case missing
        case ambiguous([String])
    }

    /// The provider a row names: its SIREN decides when known; else its name must name one provider.
    func provider(named name: String, siren: String?) -> Match {
        if let siren, let id = bySIREN[siren] { return .found(id) }
        let key = SearchText.fold(name)
        if let id = byName[key] { return .found(id) }
        if let ids = shared[key] { return .ambiguous(ids.sorted()) }
        return .missing
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
        remember(id, names: [id, name], siren: siren)
        return id
    }

    /// The offer of `providerId` a row names (by name or id, ignoring case and accents), if any.
    func offer(named name: String, of providerId: String, _ db: Database) throws -> String? {
        try offers.offers(of: providerId, db)[SearchText.fold(name)]
            ?? offers.offers(of: providerId, db)[Slug.make(name)]
    }

    /// The offer a row names, created when the list names it for the first time.
    func offer(
        named name: String, of providerId: String, model: ServiceModel?, source: String, kind: SourceKind,
        on day: Day, facts: FactWriter
    ) throws -> String {
        if let id = try offer(named: name, of: providerId, facts.db) { return id }
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
        return id
    }

    /// Offers by provider, loaded once per provider: a list of thousands of rows looks them up in memory.
    private let offers = OfferIndex()
}

/// Each provider's offers by folded name and by slug.
private final class OfferIndex {
    private var byProvider: [String: [String: String]] = [:]

    func offers(of providerId: String, _ db: Database) throws -> [String: String] {
        if let known = byProvider[providerId] { return known }
        var index: [String: String] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT id, name FROM offer WHERE providerId = ? ORDER BY id", arguments: [providerId])
        {
            let id: String = row["id"]
            index[SearchText.fold(row["name"])] = index[SearchText.fold(row["name"])] ?? id
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
        let name = SearchText.fold(offer.name)
        if byProvider[offer.providerId]?[name] == nil { byProvider[offer.providerId]?[name] = offer.id }
        byProvider[offer.providerId]?[String(offer.id.dropFirst(offer.providerId.count + 1))] = offer.id
    }
}

extension Slug {
    /// A slug made from a name: "Hosted Private Cloud – SecNumCloud" → "hosted-private-cloud-secnumcloud".
    static func make(_ name: String) -> String {
        let words = SearchText.fold(name).unicodeScalars.map { scalar -> Character in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) ? Character(scalar) : " "
        }
        let slug = String(words).split(separator: " ").joined(separator: "-").prefix(80)
        let trimmed = slug.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return trimmed.isEmpty ? "unnamed" : trimmed
    }
}
