import Foundation

/// The canonical interchange format, `registry-json`: seeds, `export` and `import --source registry-json`.
///
/// One array per kind of fact; the rows of link tables travel inside their parent (an offer's sites, an
/// attestation's offers and activities). Absent optional keys mean unknown. Unknown keys are errors, so a
/// misspelt key never drops a fact silently. `Schemas/registry-json.schema.json` documents it.
public struct RegistryDocument: Hashable, Sendable {
    /// The value of the `format` key.
    public static let formatName = "registry-json"
    /// The value of the `formatVersion` key this binary reads and writes.
    public static let formatVersion = 1

    public var entities: [Entity] = []
    public var ownership: [Ownership] = []
    public var providers: [ProviderEntry] = []
    public var offers: [OfferEntry] = []
    public var sites: [Site] = []
    public var attestations: [AttestationEntry] = []
    public var listings: [ListingEntry] = []
    public var hdsTransparency: [HDSTransparency] = []
    /// Offers' terms the sovereignty framework asks about, and its criteria answered by a person.
    public var offerTerms: [OfferTerm] = []
    public var csfAnswers: [CSFRecordedAnswer] = []
    /// The editions of official lists that transcribed facts reflect.
    public var listEditions: [ListEdition] = []

    public init() {}

    /// Appends every fact of `other`.
    public mutating func append(contentsOf other: RegistryDocument) {
        entities += other.entities
        ownership += other.ownership
        providers += other.providers
        offers += other.offers
        sites += other.sites
        attestations += other.attestations
        listings += other.listings
        hdsTransparency += other.hdsTransparency
        offerTerms += other.offerTerms
        csfAnswers += other.csfAnswers
        listEditions += other.listEditions
    }
}

/// A provider with its aliases.
public struct ProviderEntry: Hashable, Sendable {
    public var provider: Provider
    public var aliases: [String]

    public init(provider: Provider, aliases: [String] = []) {
        self.provider = provider
        self.aliases = aliases
    }
}

/// An offer with the ids of the sites where it can host data, and the names sources give it.
public struct OfferEntry: Hashable, Sendable {
    public var offer: Offer
    public var sites: [String]
    /// Other names of the offer: those official lists use, so that their imports land on it.
    public var aliases: [String]
    /// Every service model when the offer has several (the first is `offer.serviceModel`); empty otherwise.
    public var serviceModels: [ServiceModel]

    public init(offer: Offer, sites: [String] = [], aliases: [String] = [], serviceModels: [ServiceModel] = []) {
        self.serviceModels = serviceModels
        self.offer = offer
        self.sites = sites
        self.aliases = aliases
    }
}

/// An attestation with the offers of its scope and, for HDS, its activities (empty: unknown).
public struct AttestationEntry: Hashable, Sendable {
    public var attestation: Attestation
    public var offers: [String]
    public var activities: [Int]

    public init(attestation: Attestation, offers: [String] = [], activities: [Int] = []) {
        self.attestation = attestation
        self.offers = offers
        self.activities = activities
    }
}

/// A catalogue listing with the offers of its scope.
public struct ListingEntry: Hashable, Sendable {
    public var listing: Listing
    public var offers: [String]

    public init(listing: Listing, offers: [String] = []) {
        self.listing = listing
        self.offers = offers
    }
}

// MARK: - Coding

extension RegistryDocument: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case format, formatVersion, entities, ownership, providers, offers, sites, attestations, listings
        case hdsTransparency, listEditions, offerTerms, csfAnswers
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: CodingKeys.allCases.map(\.stringValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let format = try container.decode(String.self, forKey: .format)
        guard format == Self.formatName else {
            throw DecodingError.dataCorruptedError(
                forKey: .format, in: container,
                debugDescription: "format is '\(format)'; this reader takes '\(Self.formatName)'")
        }
        let version = try container.decode(Int.self, forKey: .formatVersion)
        guard version == Self.formatVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .formatVersion, in: container,
                debugDescription:
                    "formatVersion \(version) is not supported; this binary reads version \(Self.formatVersion)"
            )
        }
        entities = try container.decodeIfPresent([Strict<Entity>].self, forKey: .entities)?.map(\.value) ?? []
        ownership = try container.decodeIfPresent([Strict<Ownership>].self, forKey: .ownership)?.map(\.value) ?? []
        providers = try container.decodeIfPresent([ProviderEntry].self, forKey: .providers) ?? []
        offers = try container.decodeIfPresent([OfferEntry].self, forKey: .offers) ?? []
        sites = try container.decodeIfPresent([Strict<Site>].self, forKey: .sites)?.map(\.value) ?? []
        attestations = try container.decodeIfPresent([AttestationEntry].self, forKey: .attestations) ?? []
        listings = try container.decodeIfPresent([ListingEntry].self, forKey: .listings) ?? []
        hdsTransparency =
            try container.decodeIfPresent([Strict<HDSTransparency>].self, forKey: .hdsTransparency)?.map(\.value) ?? []
        listEditions =
            try container.decodeIfPresent([Strict<ListEdition>].self, forKey: .listEditions)?.map(\.value) ?? []
        offerTerms = try container.decodeIfPresent([Strict<OfferTerm>].self, forKey: .offerTerms)?.map(\.value) ?? []
        csfAnswers =
            try container.decodeIfPresent([Strict<CSFRecordedAnswer>].self, forKey: .csfAnswers)?.map(\.value) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.formatName, forKey: .format)
        try container.encode(Self.formatVersion, forKey: .formatVersion)
        try container.encode(entities, forKey: .entities)
        try container.encode(ownership, forKey: .ownership)
        try container.encode(providers, forKey: .providers)
        try container.encode(offers, forKey: .offers)
        try container.encode(sites, forKey: .sites)
        try container.encode(attestations, forKey: .attestations)
        try container.encode(listings, forKey: .listings)
        try container.encode(hdsTransparency, forKey: .hdsTransparency)
        try container.encode(listEditions, forKey: .listEditions)
        // Newer kinds only when present: documents written before them stay byte for byte what they were.
        if !offerTerms.isEmpty { try container.encode(offerTerms, forKey: .offerTerms) }
        if !csfAnswers.isEmpty { try container.encode(csfAnswers, forKey: .csfAnswers) }
    }
}

// Entries flatten their record and add the keys of its link rows.

extension ProviderEntry: Codable {
    enum ExtraKeys: String, CodingKey, CaseIterable { case aliases }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: Provider.CodingKeys.allCases.map(\.stringValue) + ["aliases"])
        provider = try Provider(from: decoder)
        aliases = try decoder.container(keyedBy: ExtraKeys.self).decodeIfPresent([String].self, forKey: .aliases) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        try provider.encode(to: encoder)
        var container = encoder.container(keyedBy: ExtraKeys.self)
        try container.encode(aliases, forKey: .aliases)
    }
}

extension OfferEntry: Codable {
    enum ExtraKeys: String, CodingKey, CaseIterable { case sites, aliases, serviceModels }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(
            allowed: Offer.CodingKeys.allCases.map(\.stringValue) + ExtraKeys.allCases.map(\.stringValue))
        offer = try Offer(from: decoder)
        let container = try decoder.container(keyedBy: ExtraKeys.self)
        sites = try container.decodeIfPresent([String].self, forKey: .sites) ?? []
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
        serviceModels = try container.decodeIfPresent([ServiceModel].self, forKey: .serviceModels) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        try offer.encode(to: encoder)
        var container = encoder.container(keyedBy: ExtraKeys.self)
        if serviceModels.count > 1 { try container.encode(serviceModels, forKey: .serviceModels) }
        try container.encode(sites, forKey: .sites)
        try container.encode(aliases, forKey: .aliases)
    }
}

extension AttestationEntry: Codable {
    enum ExtraKeys: String, CodingKey, CaseIterable { case offers, activities }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(
            allowed: Attestation.CodingKeys.allCases.map(\.stringValue) + ["offers", "activities"])
        attestation = try Attestation(from: decoder)
        let container = try decoder.container(keyedBy: ExtraKeys.self)
        offers = try container.decodeIfPresent([String].self, forKey: .offers) ?? []
        activities = try container.decodeIfPresent([Int].self, forKey: .activities) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        try attestation.encode(to: encoder)
        var container = encoder.container(keyedBy: ExtraKeys.self)
        try container.encode(offers, forKey: .offers)
        try container.encode(activities, forKey: .activities)
    }
}

extension ListingEntry: Codable {
    enum ExtraKeys: String, CodingKey, CaseIterable { case offers }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: Listing.CodingKeys.allCases.map(\.stringValue) + ["offers"])
        listing = try Listing(from: decoder)
        offers = try decoder.container(keyedBy: ExtraKeys.self).decodeIfPresent([String].self, forKey: .offers) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        try listing.encode(to: encoder)
        var container = encoder.container(keyedBy: ExtraKeys.self)
        try container.encode(offers, forKey: .offers)
    }
}

/// Decodes a record after checking that the object has no key the record does not know.
struct Strict<Value: Decodable & KeyedRecord>: Decodable {
    let value: Value

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: Value.CodingKeys.allCases.map(\.stringValue))
        value = try Value(from: decoder)
    }
}

/// A record whose coding keys can be listed.
protocol KeyedRecord {
    associatedtype CodingKeys: CodingKey & CaseIterable
}

extension Entity: KeyedRecord {}
extension Ownership: KeyedRecord {}
extension Site: KeyedRecord {}
extension HDSTransparency: KeyedRecord {}
extension ListEdition: KeyedRecord {}
extension OfferTerm: KeyedRecord {}
extension CSFRecordedAnswer: KeyedRecord {}

private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension Decoder {
    /// Throws when the object being decoded has a key outside `allowed`, naming the keys it expects.
    func rejectUnknownKeys(allowed: [String]) throws {
        let container = try self.container(keyedBy: AnyKey.self)
        let unknown = container.allKeys.map(\.stringValue).filter { !allowed.contains($0) }.sorted()
        guard let first = unknown.first else { return }
        throw DecodingError.dataCorrupted(
            DecodingError.Context(
                codingPath: codingPath + [AnyKey(stringValue: first)],
                debugDescription:
                    "unknown key '\(first)'; expected one of: \(allowed.joined(separator: ", "))"))
    }
}
