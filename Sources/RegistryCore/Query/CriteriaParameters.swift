/// The criteria as named parameters: `registry query`'s long options and, with the same names, the web
/// page's URL parameters. One vocabulary, so a question asked in a browser is the command line's question;
/// a test requires `registry query` to declare exactly these options.
public enum CriteriaParameter: String, CaseIterable, Sendable {
    case secnumcloud, hds
    case hdsActivity = "hds-activity"
    case cert, ugap, catalogue
    case hostedIn = "hosted-in"
    case model, provider, search
    case validOn = "valid-on"
    case includeInProgress = "include-in-progress"
    case includeLeads = "include-leads"
    case euHQ = "eu-hq"
    case immune, sovereign
    case includeUnknown = "include-unknown"
    case profile
    case sealMin = "seal-min"
    case whyNot = "why-not"

    /// Whether the parameter names a value (`hds-activity=5`) rather than switching a criterion on.
    public var takesValue: Bool {
        switch self {
        case .hdsActivity, .cert, .catalogue, .hostedIn, .model, .provider, .search, .validOn, .profile, .sealMin: true
        default: false
        }
    }

    /// Whether the parameter may be given more than once (each value is one more criterion).
    public var repeatable: Bool { [.hdsActivity, .cert, .catalogue, .model].contains(self) }
}

extension OfferCriteria {
    /// Criteria from named parameters in the order given, as a URL's query holds them. A switch takes no
    /// value, or one of `on`, `true`, `1` (`off`, `false`, `0` leave it off); the day defaults to `today`.
    /// Throws `RegistryError.usage` naming the fix for an unknown name, a repeated single value or a value
    /// that does not parse; the codes themselves are checked by `Registry.answer`.
    public init(parameters: [(name: String, value: String)], today: Day) throws(RegistryError) {
        self.init(validOn: today)
        var seen: Set<CriteriaParameter> = []
        for (name, value) in parameters {
            guard let parameter = CriteriaParameter(rawValue: name) else {
                throw .usage(
                    "unknown parameter '\(name)'; use one of: "
                        + CriteriaParameter.allCases.map(\.rawValue).joined(separator: ", "))
            }
            if !parameter.repeatable && !seen.insert(parameter).inserted {
                throw .usage("\(name) is given twice; give it once")
            }
            if parameter.takesValue {
                try set(parameter, value)
            } else {
                try set(parameter, to: Self.switchValue(name, value))
            }
        }
        try validate()
    }

    private static func switchValue(_ name: String, _ value: String) throws(RegistryError) -> Bool {
        switch value.lowercased() {
        case "", "on", "true", "1": return true
        case "off", "false", "0": return false
        default: throw .usage("\(name) is a switch: give it no value, or on or off (not '\(value)')")
        }
    }

    private mutating func set(_ parameter: CriteriaParameter, to on: Bool) throws(RegistryError) {
        switch parameter {
        case .secnumcloud: secnumcloud = on
        case .hds: hds = on
        case .ugap: if on && !catalogues.contains("ugap") { catalogues.insert("ugap", at: 0) }
        case .includeInProgress: includeInProgress = on
        case .includeLeads: includeLeads = on
        case .euHQ: euHQ = on
        case .immune: immune = on
        case .sovereign: sovereign = on
        case .includeUnknown: includeUnknown = on
        case .whyNot: whyNot = on
        default: throw .usage("\(parameter.rawValue) needs a value")
        }
    }

    private mutating func set(_ parameter: CriteriaParameter, _ value: String) throws(RegistryError) {
        guard !value.isEmpty else { throw .usage("\(parameter.rawValue) needs a value") }
        switch parameter {
        case .hdsActivity:
            guard let activity = Int(value) else {
                throw .usage("hds-activity takes a number from 1 to 6, not '\(value)'")
            }
            hdsActivities.append(activity)
        case .cert: schemes.append(value)
        case .catalogue: catalogues.append(value)
        case .hostedIn: hostedIn = value
        case .model:
            guard let model = ServiceModel(rawValue: value.lowercased()) else {
                throw .usage(
                    "unknown model '\(value)'; use one of: "
                        + ServiceModel.allCases.map(\.rawValue).joined(separator: ", "))
            }
            serviceModels.append(model)
        case .provider: providerId = value
        case .search: search = value
        case .validOn:
            guard let day = Day(parsing: value) else {
                throw .usage("'\(value)' is not a day that exists; write it as YYYY-MM-DD, such as 2026-12-31")
            }
            validOn = day
        case .profile: profile = value
        case .sealMin:
            guard let level = Int(value), (0...4).contains(level) else {
                throw .usage("seal-min is a SEAL level, 0 to 4, such as seal-min=2")
            }
            sealMin = level
        default: throw .usage("\(parameter.rawValue) is a switch: give it no value, or on or off")
        }
    }

    /// The checks every entry point applies before asking: activities that exist, a search with some text.
    /// (Codes — schemes, catalogues, countries, profiles, providers — are checked against the registry.)
    public func validate() throws(RegistryError) {
        for activity in hdsActivities where !(1...6).contains(activity) {
            throw .usage("\(Self.flag(hdsActivity: activity)) does not exist; HDS activities are 1 to 6")
        }
        // Only spaces or line breaks would fold to nothing and silently drop the filter.
        if let search, SearchText.fold(search).isEmpty {
            throw .usage("--search needs some text, such as --search ovh")
        }
        if let sealMin, !(0...4).contains(sealMin) {
            throw .usage("--seal-min \(sealMin) is not a SEAL level; levels are 0 to 4, such as --seal-min 2")
        }
    }

    /// The criteria as named parameters, the inverse of `init(parameters:today:)`: what a link to the same
    /// question carries. The day is included only when asked (a link may leave it to « today »).
    public func parameters(includingDay: Bool = true) -> [(name: String, value: String)] {
        var items: [(CriteriaParameter, String)] = []
        if secnumcloud { items.append((.secnumcloud, "")) }
        if hds { items.append((.hds, "")) }
        items += hdsActivities.map { (.hdsActivity, "\($0)") }
        items += schemes.map { (.cert, $0) }
        items += catalogues.map { (.catalogue, $0) }
        if let hostedIn { items.append((.hostedIn, hostedIn)) }
        items += serviceModels.map { (.model, $0.rawValue) }
        if let providerId { items.append((.provider, providerId)) }
        if let search { items.append((.search, search)) }
        if includingDay { items.append((.validOn, validOn.description)) }
        if let sealMin { items.append((.sealMin, "\(sealMin)")) }
        let switches: [(Bool, CriteriaParameter)] = [
            (includeInProgress, .includeInProgress), (includeLeads, .includeLeads), (euHQ, .euHQ),
            (immune, .immune), (sovereign, .sovereign), (includeUnknown, .includeUnknown),
        ]
        items += switches.filter(\.0).map { ($0.1, "") }
        if let profile { items.append((.profile, profile)) }
        if whyNot { items.append((.whyNot, "")) }
        return items.map { (name: $0.0.rawValue, value: $0.1) }
    }
}
