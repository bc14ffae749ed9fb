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
    public var flags: [String] = []
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
    /// Warnings such as "expiry unknown".
    public var flags: [String]
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
            flags.append("superseded by \(entry.winner.id) (\(entry.winner.sourceKind.words))")
        }
        for entry in (supersedes + supersededBy) where entry.isConflict {
            let other = entry.superseded.id == attestation.id ? entry.winner : entry.superseded
            flags.append(
                "conflict: \(other.id) (\(other.sourceKind.words)) differs on \(entry.differences.joined(separator: ", "))"
            )
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
    /// Warnings such as "validity dates unknown".
    public var flags: [String]
}

extension Evidence {
    /// Builds the evidence for `attestation` as seen on `day`.
    init(_ attestation: Attestation, activities: [Int], on day: Day) {
        self.attestation = attestation
        self.activities = activities
        var flags: [String] = []
        if attestation.status == .inProgress {
            flags.append("not granted yet: still under evaluation")
        }
        if attestation.status.isGranted && attestation.expiresOn == nil {
            flags.append("expiry unknown")
        }
        if attestation.schemeId == "hds" && attestation.version == "2018" && day > Evidence.hds2018TransitionEnd {
            flags.append("HDS 2018 referential: the transition to HDS 2024 ended on \(Evidence.hds2018TransitionEnd)")
        }
        if attestation.schemeId == "secnumcloud" && attestation.status.isGranted && attestation.version != "3.2" {
            flags.append(
                attestation.version == nil
                    ? "referential version unknown (only 3.2 carries the §19.6 immunity criteria)"
                    : "referential \(attestation.version ?? "") predates 3.2's §19.6 immunity criteria")
        }
        if attestation.sourceKind == .researchNote {
            flags.append("lead only: sourced from a research note")
        }
        if let via = attestation.via {
            flags.append("taken from a transcription, not checked against the document itself: \(via)")
        }
        if let sha = attestation.copySha256 {
            let page = attestation.page.map { ", page \($0)" } ?? ""
            flags.append(
                "read in the document itself: \(attestation.edition ?? "edition unknown")\(page), copy SHA-256 \(sha)")
        }
        if let url = attestation.decisionUrl { flags.append("decision's link: \(url)") }
        self.flags = flags
    }

    /// HDS 2018 certificates had 24 months from the 2024 referential's publication (16 May 2024) to move on.
    static let hds2018TransitionEnd = Day(year: 2026, month: 5, day: 16)!
}

extension CatalogueListing {
    init(_ listing: Listing) {
        self.listing = listing
        var flags: [String] = []
        if let withdrawn = listing.withdrawnOn { flags.append("withdrawn from the catalogue on \(withdrawn)") }
        if listing.validFrom == nil && listing.validUntil == nil {
            flags.append("validity dates unknown")
        } else if listing.validUntil == nil {
            flags.append("end date unknown")
        }
        if listing.sourceKind == .researchNote {
            flags.append("lead only: sourced from a research note")
        }
        self.flags = flags
    }
}
