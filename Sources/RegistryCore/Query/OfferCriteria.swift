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
    /// The lowest SEAL level (0–4) the EU Cloud Sovereignty Framework's every objective must reach, on the
    /// lower bound of the registry's indicative levels: an unknown criterion never lets an offer through
    /// (`includeUnknown` does not apply).
    public var sealMin: Int?
    /// The regulation profile the criteria came from, if any.
    public var profile: String?
    /// Also explain, for each offer that fails, the first criterion it fails.
    public var whyNot = false

    public init(validOn: Day) {
        self.validOn = validOn
    }

    /// Whether every offer meeting these criteria meets `base`'s: these are `base`'s with criteria added, each
    /// a further condition (a list of models is any of them, so more models widen; the counting switches and
    /// `includeUnknown` change what counts, so they must be the same). Both prepared (profiles expanded).
    func narrows(_ base: OfferCriteria) -> Bool {
        let sameCounting =
            validOn == base.validOn && includeInProgress == base.includeInProgress
            && includeLeads == base.includeLeads && includeUnknown == base.includeUnknown
        let flags = [
            (secnumcloud, base.secnumcloud), (hds, base.hds), (euHQ, base.euHQ), (immune, base.immune),
            (sovereign, base.sovereign),
        ]
        let same = { (mine: String?, theirs: String?) in theirs == nil || mine == theirs }
        let models =
            base.serviceModels.isEmpty
            || (!serviceModels.isEmpty && Set(serviceModels).isSubset(of: base.serviceModels))
        return sameCounting && flags.allSatisfy { $0.0 || !$0.1 } && models
            && Set(base.hdsActivities).isSubset(of: hdsActivities) && Set(base.schemes).isSubset(of: schemes)
            && Set(base.catalogues).isSubset(of: catalogues)
            && same(hostedIn, base.hostedIn) && same(providerId, base.providerId) && same(search, base.search)
            && (base.sealMin.map { $0 <= (sealMin ?? -1) } ?? true)
    }

    /// The schemes whose attestations the offer needs, in the order the criteria name them.
    public var requiredSchemes: [String] {
        var schemes: [String] = []
        if secnumcloud { schemes.append("secnumcloud") }
        if hds || !hdsActivities.isEmpty { schemes.append("hds") }
        for scheme in self.schemes where !schemes.contains(scheme) { schemes.append(scheme) }
        return schemes
    }

    /// The criteria as the registry compares them: scheme, catalogue and profile ids in lower case, a
    /// country code or `EU`/`EEA` in upper case, each scheme, catalogue and activity once. `Registry.answer`
    /// applies it, so a library caller passing `"fr"` or `"UGAP"` gets the command line's answer.
    public var normalized: OfferCriteria {
        func unique<T: Hashable>(_ values: [T]) -> [T] {
            var seen: Set<T> = []
            return values.filter { seen.insert($0).inserted }
        }
        var criteria = self
        criteria.hdsActivities = unique(hdsActivities)
        criteria.schemes = unique(schemes.map { $0.lowercased() })
        criteria.catalogues = unique(catalogues.map { $0.lowercased() })
        criteria.hostedIn = hostedIn?.uppercased()
        criteria.profile = profile?.lowercased()
        return criteria
    }

    /// How the command line writes each criterion, for headings and explanations: one spelling per
    /// criterion, wherever it is printed.
    public static func flag(scheme: String) -> String {
        switch scheme {
        case "secnumcloud": "--secnumcloud"
        case "hds": "--hds"
        default: "--cert \(scheme)"
        }
    }

    public static func flag(catalogue: String) -> String { catalogue == "ugap" ? "--ugap" : "--catalogue \(catalogue)" }
    public static func flag(hdsActivity: Int) -> String { "--hds-activity \(hdsActivity)" }
    public static func flag(hostedIn place: String) -> String { "--hosted-in \(place)" }

    /// The criteria as the flags that express them, in the order `registry query --help` lists them.
    public var flags: [String] {
        var flags: [String] = []
        if secnumcloud { flags.append("--secnumcloud") }
        if hds { flags.append("--hds") }
        flags += hdsActivities.map(Self.flag(hdsActivity:))
        flags += schemes.map(Self.flag(scheme:))
        flags += catalogues.map(Self.flag(catalogue:))
        if let hostedIn { flags.append(Self.flag(hostedIn: hostedIn)) }
        flags += serviceModels.map { "--model \($0.rawValue)" }
        if let providerId { flags.append("--provider \(providerId)") }
        if let search { flags.append("--search \"\(search)\"") }
        if includeInProgress { flags.append("--include-in-progress") }
        if includeLeads { flags.append("--include-leads") }
        if euHQ { flags.append("--eu-hq") }
        if immune { flags.append("--immune") }
        if sovereign { flags.append("--sovereign") }
        if includeUnknown { flags.append("--include-unknown") }
        if let sealMin { flags.append("--seal-min \(sealMin)") }
        return flags
    }

    /// The criteria's names in the JSON the registry writes (`query --format json`'s `criteria`) and in the
    /// regulation profiles' table: one set of keys for both. (Receipts encode the criteria with the Swift names,
    /// as signed in version 2; renaming them there is a new receipt version.)
    public enum Key: String, CaseIterable, Sendable {
        case secnumcloud, hds, hdsActivities
        case certifications
        case catalogues, hostedIn, serviceModels
        case provider
        case search, includeInProgress, includeLeads
        case euHq
        case immune, sovereign, includeUnknown, sealMin, profile
    }

    /// Whether the criteria ask a question answered by an assessment rather than by SQL.
    var needsAssessment: Bool { euHQ || immune || sovereign || sealMin != nil }
}
