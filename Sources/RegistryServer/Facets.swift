import RegistryCore

/// The search's facets: each option a link that changes the question, with the number of offers the page
/// would show after following it — counted on the filtered set, as Datasette's facets are.
///
/// Options that add a criterion (a scheme, an activity, a catalogue, a switch) are counted by `Registry.count`
/// with that criterion added. Options that choose one value (hosting, model, provider, profile) are counted on
/// the answer without that choice, grouped by value: exactly what the link would show.
struct Facets {
    let context: PageContext
    let registry: Registry
    let criteria: OfferCriteria
    let answer: QueryAnswer
    let vocabulary: Vocabulary

    init(context: PageContext, registry: Registry, criteria: OfferCriteria, answer: QueryAnswer) throws {
        self.context = context
        self.registry = registry
        self.criteria = criteria
        self.answer = answer
        self.vocabulary = try registry.vocabulary()
    }

    var items: [(name: String, value: String)] { context.criteriaItems }
    var words: Words { context.words }

    /// The groups, as the template reads them: a legend and its options.
    var groups: [[String: Any]] {
        get throws {
            [
                try group("qualifications", schemeOptions()),
                try group("hdsActivities", activityOptions()),
                try group("catalogues", catalogueOptions()),
                try group("hostedIn", hostingOptions()),
                try group("model", modelOptions()),
                try group("provider", providerOptions()),
                try group("profile", profileOptions()),
                try group("options", switchOptions()),
            ].filter { !($0["options"] as? [[String: Any]] ?? []).isEmpty }
        }
    }

    private func group(_ key: String, _ options: [[String: Any]]) throws -> [String: Any] {
        ["legend": words[key], "options": options]
    }

    // MARK: - Options that add a criterion

    /// An option that adds `item` (or, chosen, removes it), counted with it added.
    private func adding(_ label: String, _ item: (name: String, value: String), count: Bool = true) throws
        -> [String: Any]
    {
        // A switch is one criterion whatever its spelling (`hds`, `hds=on`); a value is one per value.
        let isSwitch = CriteriaParameter(rawValue: item.name)?.takesValue == false
        let same = { (other: (name: String, value: String)) in
            other.name == item.name && (isSwitch || other.value.lowercased() == item.value.lowercased())
        }
        let chosen = items.contains(where: same)
        let next = chosen ? items.filter { !same($0) } : items + [item]
        let number = chosen ? answer.matches.count : count ? try counted(next) : nil
        return option(label, next, chosen: chosen, count: number)
    }

    /// The number of offers the question `items` matches, or nil when it is refused (a profile contradicting a
    /// criterion): its link then leads to the reason.
    private func counted(_ items: [(name: String, value: String)]) throws -> Int? {
        do {
            return try registry.count(try OfferCriteria(parameters: items, today: criteria.validOn))
        } catch RegistryError.usage {
            return nil
        }
    }

    private func option(_ label: String, _ next: [(name: String, value: String)], chosen: Bool, count: Int?)
        -> [String: Any]
    {
        [
            "label": label, "href": context.link("/offers", next + extras), "chosen": chosen,
            "count": count.map(String.init) ?? "", "hasCount": count != nil, "empty": count == 0 && !chosen,
        ]
    }

    /// `as-of` is kept by every link.
    private var extras: [(name: String, value: String)] {
        context.query.value("as-of").map { [("as-of", $0)] } ?? []
    }

    private func schemeOptions() throws -> [[String: Any]] {
        var options = [
            try adding("SecNumCloud", ("secnumcloud", "")), try adding("HDS", ("hds", "")),
        ]
        for scheme in vocabulary.schemes where !["secnumcloud", "hds"].contains(scheme.id) {
            options.append(try adding(scheme.name, ("cert", scheme.id)))
        }
        return options
    }

    private func activityOptions() throws -> [[String: Any]] {
        try (1...6).map { try adding("\(words["activity"]) \($0)", ("hds-activity", "\($0)")) }
    }

    private func catalogueOptions() throws -> [[String: Any]] {
        try vocabulary.catalogues.map { catalogue in
            // `ugap` and `catalogue=ugap` are one criterion: the option matches either spelling.
            let item =
                items.contains { $0.name == "ugap" } && catalogue.id == "ugap"
                ? ("ugap", "") : ("catalogue", catalogue.id)
            return try adding(catalogue.name, item)
        }
    }

    private func switchOptions() throws -> [[String: Any]] {
        [
            try adding(words["inProgress"], ("include-in-progress", "")),
            try adding(words["leads"], ("include-leads", "")),
            try adding(words["whyNot"], ("why-not", ""), count: false),
        ]
    }

    // MARK: - Options that choose one value

    /// An option that sets `name` to `value` (or, chosen, removes it), with its count.
    private func choosing(_ label: String, _ name: String, _ value: String, count: Int?) -> [String: Any] {
        let others = items.filter { $0.name != name }
        let chosen = items.contains { $0.name == name && $0.value.lowercased() == value.lowercased() }
        return option(label, chosen ? others : others + [(name, value)], chosen: chosen, count: count)
    }

    /// The matches of the question without any value of `name`.
    private func matches(without name: String) throws -> [OfferMatch] {
        guard items.contains(where: { $0.name == name }) else { return answer.matches }
        return try registry.answer(OfferCriteria(parameters: items.filter { $0.name != name }, today: criteria.validOn))
            .matches
    }

    private func hostingOptions() throws -> [[String: Any]] {
        let matches = try matches(without: "hosted-in")
        let count = { (test: (Hosting) -> Bool) in matches.filter { $0.hosting.contains(where: test) }.count }
        var options = [
            choosing(
                context.language == .fr ? "Union européenne" : "European Union", "hosted-in", "EU",
                count: count { $0.eu == true }),
            choosing(
                context.language == .fr ? "Espace économique européen" : "European Economic Area", "hosted-in", "EEA",
                count: count { $0.eea == true }),
        ]
        let names = Dictionary(uniqueKeysWithValues: vocabulary.countries.map { ($0.code, $0.name) })
        let codes = Set(matches.flatMap { $0.hosting.compactMap(\.site.country) }).sorted()
        options += codes.map { code in
            choosing("\(names[code] ?? code) (\(code))", "hosted-in", code, count: count { $0.site.country == code })
        }
        return options
    }

    private func modelOptions() throws -> [[String: Any]] {
        let matches = try matches(without: "model")
        return ServiceModel.allCases.map { model in
            choosing(
                model.rawValue.uppercased(), "model", model.rawValue,
                count: matches.filter { $0.offer.serviceModel == model }.count)
        }
    }

    private func providerOptions() throws -> [[String: Any]] {
        let matches = try matches(without: "provider")
        let providers = Dictionary(grouping: matches, by: \.provider.id)
        return providers.sorted { ($0.value[0].provider.name, $0.key) < ($1.value[0].provider.name, $1.key) }.map {
            choosing($0.value[0].provider.name, "provider", $0.key, count: $0.value.count)
        }
    }

    private func profileOptions() throws -> [[String: Any]] {
        try registry.profiles().map { profile in
            let others = items.filter { $0.name != "profile" }
            return choosing(profile.name, "profile", profile.id, count: try counted(others + [("profile", profile.id)]))
        }
    }
}
