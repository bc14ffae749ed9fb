/// What a purchasing desk asks of an offer. Every criterion must hold for the same offer, on `validOn`.
public struct OfferCriteria: Codable, Hashable, Sendable {
    /// A SecNumCloud qualification covers the offer.
    public var secnumcloud = false
    /// An HDS certificate covers the offer.
    public var hds = false
    /// HDS activities (1–6) that must be covered; implies `hds`.
    public var hdsActivities: [Int] = []
    /// Further schemes (`iso27001`, `c5`, ...) that must each cover the offer.
    public var schemes: [String] = []
    /// Catalogues (`ugap`, `resah`, `caih`) that must each list the offer.
    public var catalogues: [String] = []
    /// A country code, `EU` or `EEA`: the offer can host data there (one of its sites is there).
    public var hostedIn: String?
    /// The offer's service model is one of these (empty: any).
    public var serviceModels: [ServiceModel] = []
    /// The offer belongs to this provider.
    public var providerId: String?
    /// Text found in the provider's or offer's names or aliases, ignoring case and diacritics.
    public var search: String?
    /// The day on which attestations and listings must be valid.
    public var validOn: Day
    /// Count attestations still in progress (SecNumCloud J0–J2) as well as granted ones.
    public var includeInProgress = false
    /// Count facts whose only source is a research note (leads, not proof).
    public var includeLeads = false
    /// The provider's seat is in the EU (§19.6 a).
    public var euHQ = false
    /// The provider is immune to non-EU law (§19.6 a and b).
    public var immune = false
    /// Immune, and the offer's data are located and administered in the EU (§19.2).
    public var sovereign = false
    /// Keep offers whose seat, immunity or sovereignty is unknown, flagged, instead of excluding them.
    public var includeUnknown = false
    /// The regulation profile the criteria came from, if any.
    public var profile: String?
    /// Also explain, for each offer that fails, the first criterion it fails.
    public var whyNot = false

    public init(validOn: Day) {
        self.validOn = validOn
    }

    /// The schemes whose attestations the offer needs, in the order the criteria name them.
    public var requiredSchemes: [String] {
        var schemes: [String] = []
        if secnumcloud { schemes.append("secnumcloud") }
        if hds || !hdsActivities.isEmpty { schemes.append("hds") }
        for scheme in self.schemes where !schemes.contains(scheme) { schemes.append(scheme) }
        return schemes
    }

    /// Whether the criteria ask a question answered by an assessment rather than by SQL.
    var needsAssessment: Bool { euHQ || immune || sovereign }
}
