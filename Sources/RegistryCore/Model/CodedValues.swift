import GRDB

/// What kind of source a fact comes from, from most to least authoritative.
public enum SourceKind: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// An official list: ANSSI's catalogue, ANS's HDS directory, a purchasing body's catalogue.
    case officialList = "official-list"
    /// The provider's own page, documentation or press release.
    case providerStatement = "provider-statement"
    /// Press, law-firm notes, trade associations.
    case press
    /// An unattributed research note: a lead, not proof. Queries ignore it unless asked to include leads.
    case researchNote = "research-note"
}

extension SourceKind {
    /// In plain words: "official list", "press".
    public var words: String { rawValue.replacingOccurrences(of: "-", with: " ") }
}

/// The service model of an offer.
public enum ServiceModel: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case iaas, paas, caas, saas
}

/// Where an attestation stands.
public enum AttestationStatus: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// Under evaluation; for SecNumCloud, a milestone J0–J2 says how far.
    case inProgress = "in_progress"
    case qualified, certified, suspended, withdrawn, expired

    /// Whether the status, by itself, means the attestation is in force.
    public var isGranted: Bool { self == .qualified || self == .certified }
}

/// A SecNumCloud process milestone: J0 application accepted, J1 evaluation plan agreed, J2 on-site
/// evaluation, J3 ANSSI decision.
public enum Milestone: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case j0 = "J0", j1 = "J1", j2 = "J2", j3 = "J3"
}

/// Which offers an attestation or listing covers.
public enum Scope: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// Every offer of the provider.
    case provider
    /// The offers listed with it.
    case offers
    /// The sources do not say which offers: it covers none in queries.
    case unspecified
}

/// The two HDS certificate perimeters (esante.gouv.fr): physical infrastructure (activities 1–2) and
/// managed services, "hébergeur infogéreur" (activities 3–6).
public enum HDSPerimeter: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case physicalInfrastructure = "physical-infrastructure"
    case managedServices = "managed-services"
    case both
}

/// What kind of legal person an entity is.
public enum EntityKind: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case company, family, fund, state
    case publicFloat = "public-float"
    case other
}

/// The kinds of file `registry import` reads.
public enum ImportSource: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// The canonical format of seeds and exports.
    case registryJSON = "registry-json"
    /// ANSSI's SecNumCloud catalogue and in-qualification list, in one CSV.
    case secnumcloud
    /// The ANS list of HDS-certified hosts.
    case hds
    /// A host's HDS 2024 transparency table (exigences 29 and 30), in the CSV layout.
    case hdsTransparency = "hds-transparency"
    /// A host's transparency page as published (HTML), for the offers it is configured for.
    case hdsTransparencyPage = "hds-transparency-page"
    /// A purchasing body's catalogue listings.
    case catalogue
    /// ANSSI's catalogue of qualified products and services, the PDF as published (section 3.3).
    case anssiCatalogue = "anssi-catalogue"
}

/// One of ANSSI's SecNumCloud publications: a list fact belongs to one, and an import withdraws only the
/// absent entries of the publication it reads.
public enum Publication: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// The catalogue of qualified services (PDF, section 3.3), read as published or transcribed.
    case anssiCatalogue = "anssi-catalogue"
    /// The page of services in qualification (J0–J3), in the CSV layout until its page can be read.
    case anssiInQualification = "anssi-in-qualification"
}

/// Who made an import run: the embedded seeds, an import of one kind, or the steward by hand (`alias add`,
/// `merge`).
public enum RunSource: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case seeds
    case registryJSON = "registry-json"
    case secnumcloud, hds
    case hdsTransparency = "hds-transparency"
    case catalogue, steward
    case anssiCatalogue = "anssi-catalogue"

    /// The run of an import of this kind (a transparency page's is one of the transparency tables').
    public init(_ source: ImportSource) {
        self = source == .hdsTransparencyPage ? .hdsTransparency : RunSource(rawValue: source.rawValue) ?? .registryJSON
    }
}

/// Where an import run stands: `running` inside its transaction, then how it ended.
public enum RunStatus: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case running, applied, unchanged, rejected
}

/// An actor's role in an HDS hosting service.
public enum HostingRole: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case host, subcontractor
}

/// Whether an actor of an HDS transparency table is HDS-certified.
public enum HDSCertification: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case yes, no, exempt
}

extension Day: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { description.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Day? {
        String.fromDatabaseValue(dbValue).flatMap { Day(stored: $0) ?? Day(parsing: $0) }
    }
}
