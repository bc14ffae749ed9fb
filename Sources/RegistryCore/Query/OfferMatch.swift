import GRDB

/// An offer that meets a query's criteria, with the facts that show it.
public struct OfferMatch: Hashable, Sendable {
    public var provider: ProviderSummary
    public var offer: OfferSummary
    /// The attestations that satisfied the criteria, in the order the criteria name their schemes.
    public var evidence: [Evidence]
    /// Every site where the offer can host data.
    public var hosting: [Hosting]
    /// The catalogue listings that cover the offer on the query's day.
    public var catalogues: [CatalogueListing]
    /// Criteria the facts do not decide, kept with `--include-unknown`: "--immune unknown: …".
    public var flags: [Phrase] = []
}

/// A provider as results show it.
public struct ProviderSummary: Hashable, Sendable {
    public var id: String
    public var name: String
    public var hqCountry: String?
}

/// An offer as results show it.
public struct OfferSummary: Hashable, Sendable {
    public var id: String
    public var name: String
    public var serviceModel: ServiceModel?
    /// Every model when the offer has several (`serviceModel` first); else `serviceModel` alone, or none.
    public var serviceModels: [ServiceModel]

    public init(id: String, name: String, serviceModel: ServiceModel?, others: [ServiceModel] = []) {
        self.id = id
        self.name = name
        self.serviceModel = serviceModel
        let rest = ServiceModel.allCases.filter { others.contains($0) && $0 != serviceModel }
        self.serviceModels = [serviceModel].compactMap { $0 } + rest
    }

    /// The summary of a row that carries `serviceModel` and `otherModels` (`otherModelsColumn`).
    init(id: String, row: Row) {
        let others: String? = row["otherModels"]
        self.init(
            id: id, name: row["name"], serviceModel: row["serviceModel"],
            others: (others ?? "").split(separator: ",").compactMap { ServiceModel(rawValue: String($0)) })
    }

    /// The offer's other models, as one column of a query over `offer`.
    static let otherModelsColumn: SQL = """
        (SELECT group_concat(model) FROM offerServiceModel WHERE offerServiceModel.offerId = offer.id) AS otherModels
        """
}

/// An attestation shown as evidence, with warnings a buyer must read.
public struct Evidence: Hashable, Sendable {
    public var attestation: Attestation
    /// HDS activities the certificate covers; empty when unknown.
    public var activities: [Int]
    /// Warnings a buyer must read, as facts each language words in its own way.
    public var notices: [Notice]
    /// The notices in English (the JSON's, receipts' and the command line's « flags »).
    public var flags: [String] { notices.map(\.english) }
    /// The facts of weaker (or older) sources this one outranks for the offer.
    public var supersedes: [Supersession] = []
    /// The facts that outrank this one for the offers it covers: it does not count for them.
    public var supersededBy: [Supersession] = []

    /// A superseded fact disagrees with the one that counts.
    public var hasConflict: Bool { (supersedes + supersededBy).contains(where: \.isConflict) }

    /// Adds how the attestation stands among the others that cover the same offers, with a flag for each
    /// disagreement: the buyer must read it.
    mutating func place(_ standing: Standing?) {
        guard let standing else { return }
        supersedes = standing.supersedes
        supersededBy = standing.supersededBy
        for entry in supersededBy {
            notices.append(.supersededBy(id: entry.winner.id, kind: entry.winner.sourceKind))
        }
        for entry in (supersedes + supersededBy) where entry.isConflict {
            let other = entry.superseded.id == attestation.id ? entry.winner : entry.superseded
            notices.append(.conflict(with: other.id, kind: other.sourceKind, differences: entry.differences))
        }
    }
}

/// A warning about a piece of evidence or a listing, as a fact: what the buyer must read twice.
public enum Notice: Hashable, Sendable {
    case notGrantedYet
    case expiryUnknown
    /// An HDS 2018 certificate after the transition to HDS 2024 ended.
    case hds2018(transitionEnd: Day)
    /// A SecNumCloud qualification whose referential version is unknown.
    case referentialUnknown
    /// A SecNumCloud qualification under a referential before 3.2.
    case referentialBefore32(version: String)
    case leadOnly
    /// Read in a transcription of the list (its description), not in the document.
    case transcription(String)
    /// Read in the document itself: its edition, page and the copy's SHA-256.
    case readInDocument(edition: String?, page: Int?, sha256: String)
    case decisionLink(String)
    case supersededBy(id: String, kind: SourceKind)
    case conflict(with: String, kind: SourceKind, differences: [String])
    case withdrawnFromCatalogue(Day)
    case validityUnknown
    case endUnknown

    /// The notice in a few words, for a terminal's short notes: what it is, without its details (the edition
    /// and copy read, the transcription, the link); a conflict stays whole.
    public var brief: String {
        switch self {
        case .notGrantedYet: "not granted yet"
        case .hds2018: "HDS 2018 referential, whose transition ended"
        case .referentialUnknown: "referential version unknown"
        case .leadOnly: "lead only"
        case .transcription: "taken from a transcription, not checked against the document itself"
        case .readInDocument: "read in the document itself"
        case .decisionLink: "decision's link"
        case .supersededBy(let id, _): "superseded by \(id)"
        default: english
        }
    }

    /// The notice in English, as the JSON's « flags » have always given it.
    public var english: String {
        switch self {
        case .notGrantedYet: "not granted yet: still under evaluation"
        case .expiryUnknown: "expiry unknown"
        case .hds2018(let end): "HDS 2018 referential: the transition to HDS 2024 ended on \(end)"
        case .referentialUnknown: "referential version unknown (only 3.2 carries the §19.6 immunity criteria)"
        case .referentialBefore32(let version): "referential \(version) predates 3.2's §19.6 immunity criteria"
        case .leadOnly: "lead only: sourced from a research note"
        case .transcription(let via): "taken from a transcription, not checked against the document itself: \(via)"
        case .readInDocument(let edition, let page, let sha):
            "read in the document itself: \(edition ?? "edition unknown")\(page.map { ", page \($0)" } ?? ""), "
                + "copy SHA-256 \(sha)"
        case .decisionLink(let url): "decision's link: \(url)"
        case .supersededBy(let id, let kind): "superseded by \(id) (\(kind.words))"
        case .conflict(let id, let kind, let differences):
            "conflict: \(id) (\(kind.words)) differs on \(differences.joined(separator: ", "))"
        case .withdrawnFromCatalogue(let day): "withdrawn from the catalogue on \(day)"
        case .validityUnknown: "validity dates unknown"
        case .endUnknown: "end date unknown"
        }
    }
}

/// A site where an offer can host data.
public struct Hosting: Hashable, Sendable {
    public var site: Site
    /// Whether the site's country is in the EU; nil when the country is unknown.
    public var eu: Bool?
    /// Whether the site's country is in the EEA; nil when the country is unknown.
    public var eea: Bool?
}

/// A catalogue listing shown with a result.
public struct CatalogueListing: Hashable, Sendable {
    public var listing: Listing
    /// Warnings such as « validity dates unknown », as facts.
    public var notices: [Notice]
    /// The notices in English.
    public var flags: [String] { notices.map(\.english) }
}

extension Evidence {
    /// Builds the evidence for `attestation` as seen on `day`.
    init(_ attestation: Attestation, activities: [Int], on day: Day) {
        self.attestation = attestation
        self.activities = activities
        var notices: [Notice] = []
        if attestation.status == .inProgress { notices.append(.notGrantedYet) }
        if attestation.status.isGranted && attestation.expiresOn == nil { notices.append(.expiryUnknown) }
        if attestation.schemeId == "hds" && attestation.version == "2018" && day > Evidence.hds2018TransitionEnd {
            notices.append(.hds2018(transitionEnd: Evidence.hds2018TransitionEnd))
        }
        if attestation.schemeId == "secnumcloud" && attestation.status.isGranted && attestation.version != "3.2" {
            notices.append(attestation.version.map { .referentialBefore32(version: $0) } ?? .referentialUnknown)
        }
        if attestation.sourceKind == .researchNote { notices.append(.leadOnly) }
        if let via = attestation.via { notices.append(.transcription(via)) }
        if let sha = attestation.copySha256 {
            notices.append(.readInDocument(edition: attestation.edition, page: attestation.page, sha256: sha))
        }
        if let url = attestation.decisionUrl { notices.append(.decisionLink(url)) }
        self.notices = notices
    }

    /// HDS 2018 certificates had 24 months from the 2024 referential's publication (16 May 2024) to move on.
    static let hds2018TransitionEnd = Day(year: 2026, month: 5, day: 16)!
}

extension CatalogueListing {
    init(_ listing: Listing) {
        self.listing = listing
        var notices: [Notice] = []
        if let withdrawn = listing.withdrawnOn { notices.append(.withdrawnFromCatalogue(withdrawn)) }
        if listing.validFrom == nil && listing.validUntil == nil {
            notices.append(.validityUnknown)
        } else if listing.validUntil == nil {
            notices.append(.endUnknown)
        }
        if listing.sourceKind == .researchNote { notices.append(.leadOnly) }
        self.notices = notices
    }
}
