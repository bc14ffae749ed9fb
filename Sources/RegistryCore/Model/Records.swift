import GRDB

// One record type per table. Optional properties are exactly the nullable columns: nil means unknown.
// `CodingKeys` are the column names and the keys of the canonical JSON format.

/// A country (ISO 3166-1 alpha-2) and whether it is in the EU and the EEA.
public struct Country: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "country"
    public var code: String
    public var name: String
    public var eu: Bool
    public var eea: Bool
}

/// A certification or qualification scheme: reference data from the migrations.
public struct Scheme: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "scheme"
    public var id: String
    public var name: String
    public var authority: String
    public var kind: String
}

/// A purchasing catalogue (central purchasing body): reference data from the migrations.
public struct Catalogue: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "catalogue"
    public var id: String
    public var name: String
    public var kind: String
}

/// A legal person or holder: a provider's company, or one of its owners.
public struct Entity: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "entity"
    public var id: String
    public var name: String
    public var kind: EntityKind
    public var country: String?
    public var note: String?
    public var source: String
    public var sourceKind: SourceKind
    public var verifiedOn: Day?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, kind, country, note, source, sourceKind, verifiedOn
    }
}

/// An ownership edge: what an owner holds of an owned entity (SecNumCloud 3.2 §19.6 b).
public struct Ownership: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "ownership"
    public var ownerId: String
    public var ownedId: String
    public var capitalPercent: Double?
    public var votingPercent: Double?
    public var vetoRight: Bool?
    public var boardMajorityRight: Bool?
    /// The owner controls the owned entity (> 50 %), as a source says even without a figure.
    public var controlling: Bool?
    public var asOf: Day?
    public var note: String?
    public var source: String
    public var sourceKind: SourceKind
    public var verifiedOn: Day?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case ownerId, ownedId, capitalPercent, votingPercent, vetoRight, boardMajorityRight, controlling, asOf, note
        case source, sourceKind, verifiedOn
    }
}

/// A cloud provider.
public struct Provider: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "provider"
    public var id: String
    public var name: String
    public var legalName: String?
    public var entityId: String?
    public var hqCountry: String?
    public var siren: String?
    public var website: String?
    public var note: String?
    public var source: String
    public var sourceKind: SourceKind
    public var verifiedOn: Day?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, legalName, entityId, hqCountry, siren, website, note, source, sourceKind, verifiedOn
    }
}

/// Another name a provider is known by, for search.
public struct ProviderAlias: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "providerAlias"
    public var providerId: String
    public var alias: String
}

/// An offer (a service) of a provider: the unit that qualifications and certificates cover.
public struct Offer: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "offer"
    public var id: String
    public var providerId: String
    public var name: String
    public var serviceModel: ServiceModel?
    public var runsOnOfferId: String?
    public var adminCountry: String?
    public var note: String?
    public var source: String
    public var sourceKind: SourceKind
    public var verifiedOn: Day?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, providerId, name, serviceModel, runsOnOfferId, adminCountry, note, source, sourceKind, verifiedOn
    }
}

/// A hosting site: a region, zone or datacentre.
public struct Site: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "site"
    public var id: String
    public var providerId: String
    public var code: String
    public var name: String?
    public var city: String?
    public var country: String?
    public var note: String?
    public var source: String
    public var sourceKind: SourceKind
    public var verifiedOn: Day?
    /// What the offers hosted there keep on it; nil when not recorded.
    public var role: SiteRole?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, providerId, code, name, city, country, note, source, sourceKind, verifiedOn, role
    }
}

/// A site's role for the data of the offers it hosts.
public enum SiteRole: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case primary
    case disasterRecovery = "disaster-recovery"
    case backup
}

/// A term of an offer the sovereignty framework asks about, with its own source: the contract's governing law,
/// who holds the encryption keys, where support and the security operations centre are.
public struct OfferTerm: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "offerTerm"
    public enum Term: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
        /// The law governing the contract: a country code.
        case governingLaw = "governing-law"
        /// provider-held, customer-managed (keys the customer controls in the provider's service) or
        /// customer-held (outside the provider, which cannot read the data).
        case keyCustody = "key-custody"
        /// Where support is delivered from; where the security operations centre is: country codes.
        case supportCountry = "support-country"
        case socCountry = "soc-country"
        /// Whether support escalates outside the EU: yes or no.
        case supportEscalation = "support-escalation"
        /// The licence of the stack the offer runs: proprietary, source-available or open-source.
        case stackLicence = "stack-licence"
    }

    public var offerId: String
    public var term: Term
    public var value: String
    public var note: String?
    public var source: String
    public var sourceKind: SourceKind
    public var verifiedOn: Day?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case offerId, term, value, note, source, sourceKind, verifiedOn
    }
}

/// A CSF criterion answered for an offer by a person, with the source of the answer: the rung (1–5) of the
/// criterion's ladder. It takes the place of the registry's derivation, which is shown beside it.
public struct CSFRecordedAnswer: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "csfAnswer"
    public var offerId: String
    public var criterion: String
    public var rung: Int
    public var note: String?
    public var source: String
    public var sourceKind: SourceKind
    public var verifiedOn: Day?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case offerId, criterion, rung, note, source, sourceKind, verifiedOn
    }
}

/// The edition of an official list the registry's facts of that source reflect, when they were read in a
/// transcription rather than imported by the steward.
public struct ListEdition: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "listEdition"
    /// The import source the list feeds: `secnumcloud`, `hds`…
    public var source: ImportSource
    public var title: String
    public var url: String?
    /// The day of the edition (« mis à jour le 15/09/2026 »), or the day it was read when it has none.
    public var editionOn: Day?
    /// The dated transcription it was read in.
    public var via: String?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case source, title, url, editionOn, via
    }
}

/// Another name an offer is known by: the name an official list gives it.
public struct OfferAlias: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "offerAlias"
    public var offerId: String
    public var alias: String
}

/// Which site an offer can host data in.
public struct OfferSite: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "offerSite"
    public var offerId: String
    public var siteId: String
}

/// A qualification, certification, report or code-of-conduct adherence held by a provider.
public struct Attestation: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "attestation"
    public var id: String
    public var providerId: String
    public var schemeId: String
    public var version: String?
    public var status: AttestationStatus
    public var milestone: Milestone?
    public var statusSince: Day?
    public var scope: Scope
    public var hdsPerimeter: HDSPerimeter?
    public var certificateRef: String?
    public var issuer: String?
    public var issuedOn: Day?
    public var expiresOn: Day?
    public var note: String?
    public var source: String
    public var sourceKind: SourceKind
    public var verifiedOn: Day?
    /// The official-list source that owns it: its next file is the whole truth for it. nil: seeded or manual.
    public var origin: ImportSource?
    /// The dated transcription the fact was read in, when it was not read in the official list itself
    /// (« research note of 2026-09-26 transcribing ANSSI's catalogue of 15/09/2026 »). nil: read at its source.
    public var via: String? = nil
    /// Which of ANSSI's publications a SecNumCloud list fact belongs to: its imports withdraw only their own.
    public var publication: Publication? = nil
    /// ANSSI's decision: its year (numbers restart each year) and its own link, as the catalogue gives them.
    public var decisionYear: Int? = nil
    public var decisionUrl: String? = nil
    /// The edition that last listed it, in the publication's words (« mis à jour le 04/03/2026 à 15:34:17 »),
    /// the SHA-256 of the copy read, and the page: set when the fact was read in the document itself.
    public var edition: String? = nil
    public var copySha256: String? = nil
    public var page: Int? = nil
    /// The service's name as the list prints it (a rename under the same decision changes it, in the history).
    public var listedName: String? = nil

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, providerId, schemeId, version, status, milestone, statusSince, scope, hdsPerimeter
        case certificateRef, issuer, issuedOn, expiresOn, note, source, sourceKind, verifiedOn, origin, via
        case publication, decisionYear, decisionUrl, edition, copySha256, page, listedName
    }

    /// Whether the fact was read in the publication itself (not a transcription, not a seeded summary).
    public var readInDocument: Bool { copySha256 != nil }
}

extension Attestation {
    /// ANSSI's decision number, for a SecNumCloud qualification: its `certificateRef`, the key of the
    /// qualification (a renewal is a new decision).
    public var decision: String? { schemeId == "secnumcloud" ? certificateRef : nil }
}

/// An offer named in an attestation's scope.
public struct AttestationOffer: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "attestationOffer"
    public var attestationId: String
    public var offerId: String
}

/// An HDS activity (1–6) an HDS certificate covers.
public struct AttestationActivity: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "attestationActivity"
    public var attestationId: String
    public var activity: Int
}

/// A listing in a purchasing catalogue.
public struct Listing: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "listing"
    public var id: String
    public var catalogueId: String
    public var providerId: String
    public var market: String
    public var reference: String?
    public var intermediary: String?
    public var lot: String?
    public var scope: Scope
    public var validFrom: Day?
    public var validUntil: Day?
    /// The day the listing was seen gone from its catalogue; nil while listed.
    public var withdrawnOn: Day?
    public var note: String?
    public var source: String
    public var sourceKind: SourceKind
    public var verifiedOn: Day?
    /// The official-list source that owns it. nil: seeded or manual.
    public var origin: ImportSource?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, catalogueId, providerId, market, reference, intermediary, lot, scope, validFrom, validUntil
        case withdrawnOn, note, source, sourceKind, verifiedOn, origin
    }
}

/// An offer named in a listing's scope.
public struct ListingOffer: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "listingOffer"
    public var listingId: String
    public var offerId: String
}

/// A row of a host's HDS 2024 transparency table (exigences 29 and 30).
public struct HDSTransparency: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "hdsTransparency"
    public var id: String
    /// The host that publishes the table.
    public var providerId: String
    /// The company taking part in the hosting (« raison sociale de l'acteur »).
    public var actor: String
    public var role: HostingRole
    public var hdsCertified: HDSCertification?
    /// Whether the actor is SecNumCloud 3.2-qualified, as the table says.
    public var secnumcloud32: Bool?
    /// HDS activities (1–6) the actor performs.
    public var activities: [Int]
    /// Exigence 29 as published: access to data from outside the EEA, with the country and legal basis.
    public var exigence29: String?
    /// Whether data can be accessed from outside the EEA (exigence 29); nil when the table does not say.
    public var accessFromOutsideEEA: Bool?
    /// Whether the actor is exposed to third-country law in breach of EU law (exigence 30).
    public var exigence30: Bool?
    /// The day the row was seen gone from the host's table; nil while published.
    public var withdrawnOn: Day?
    public var note: String?
    public var source: String
    public var sourceKind: SourceKind
    public var verifiedOn: Day?
    /// The offer whose table the row is in, when the host publishes one per service (a page read as
    /// published); nil for a row of a host-wide table.
    public var offerId: String?
    /// Exigence 30 as published, beside its yes or no.
    public var exigence30Text: String?
    /// The SHA-256 of the copy of the page the row was read from (`registry archive export`).
    public var copySha256: String?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, providerId, actor, role, hdsCertified, secnumcloud32, activities, exigence29, accessFromOutsideEEA
        case exigence30, withdrawnOn, note, source, sourceKind, verifiedOn, offerId, exigence30Text, copySha256
    }
}

// MARK: - Columns

extension Provider {
    /// The columns queries filter and sort on, named once.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
    }
}

extension Offer {
    /// The columns queries filter and sort on, named once.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let providerId = Column(CodingKeys.providerId)
        public static let runsOnOfferId = Column(CodingKeys.runsOnOfferId)
    }
}

extension Site {
    /// The columns queries filter and sort on, named once.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let providerId = Column(CodingKeys.providerId)
        public static let code = Column(CodingKeys.code)
    }
}

extension Attestation {
    /// The columns queries filter and sort on, named once.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let providerId = Column(CodingKeys.providerId)
        public static let schemeId = Column(CodingKeys.schemeId)
    }
}

extension Listing {
    /// The columns queries filter and sort on, named once.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let providerId = Column(CodingKeys.providerId)
    }
}

extension Entity {
    /// The columns queries filter and sort on, named once.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
    }
}

extension Ownership {
    /// The columns queries filter and sort on, named once.
    public enum Columns {
        public static let ownerId = Column(CodingKeys.ownerId)
        public static let ownedId = Column(CodingKeys.ownedId)
    }
}

extension Country {
    /// The columns queries filter and sort on, named once.
    public enum Columns {
        public static let code = Column(CodingKeys.code)
    }
}

extension Scheme {
    /// The columns queries filter and sort on, named once.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
    }
}

extension Catalogue {
    /// The columns queries filter and sort on, named once.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
    }
}

extension HDSTransparency {
    /// The columns queries filter and sort on, named once.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let providerId = Column(CodingKeys.providerId)
    }
}

extension ListEdition {
    /// The columns queries filter and sort on, named once.
    public enum Columns {
        public static let source = Column(CodingKeys.source)
    }
}

extension ProviderAlias {
    /// The columns queries filter and sort on, named once.
    public enum Columns {
        public static let alias = Column(CodingKeys.alias)
    }
}

extension OfferAlias {
    /// The columns queries filter and sort on, named once.
    public enum Columns {
        public static let alias = Column(CodingKeys.alias)
    }
}

extension OfferSite {
    /// The columns queries filter and sort on, named once.
    public enum Columns {
        public static let siteId = Column(CodingKeys.siteId)
    }
}

extension AttestationOffer {
    /// The columns queries filter and sort on, named once.
    public enum Columns {
        public static let offerId = Column(CodingKeys.offerId)
    }
}

extension AttestationActivity {
    /// The columns queries filter and sort on, named once.
    public enum Columns {
        public static let activity = Column(CodingKeys.activity)
    }
}

extension ListingOffer {
    /// The columns queries filter and sort on, named once.
    public enum Columns {
        public static let offerId = Column(CodingKeys.offerId)
    }
}
