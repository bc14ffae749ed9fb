import Foundation
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
    /// Options' counts read beside the answer (`answerBesideSwitchCounts`), by option key.
    let precounted: [String: Int?]

    init(
        context: PageContext, registry: Registry, criteria: OfferCriteria, answer: QueryAnswer,
        precounted: [String: Int?] = [:]
    ) throws {
        self.context = context
        self.registry = registry
        self.criteria = criteria
        self.answer = answer
        self.vocabulary = try registry.vocabulary()
        self.precounted = precounted
    }

    /// The answer and, beside it on the other core, the switches' counts (in progress, leads): a switch changes
    /// what counts, so its question is never asked among the answer's offers and need not wait for them.
    static func answerBesideSwitchCounts(
        context: PageContext, registry: Registry, criteria: OfferCriteria,
        answering: @Sendable () throws -> QueryAnswer
    ) throws -> (QueryAnswer, [String: Int?]) {
        let switches = switchOptions(items: context.criteriaItems, asked: criteria.normalized, words: context.words)
            .filter { !$0.chosen && $0.counted }
        let questions = try switches.map { try OfferCriteria(parameters: $0.next, today: criteria.validOn) }
        let results = Results(count: questions.count)
        // Two iterations rather than a queued job waited for: the calling thread runs whatever no other thread
        // takes, so the page never waits for a worker the pool has yet to start (all of them may be pages).
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            guard index == 1 else { return results.recordAnswer(answering) }
            results.record {
                .counts(
                    Dictionary(
                        uniqueKeysWithValues: try questions.indices.map {
                            ($0, try Self.count(questions[$0], registry, among: nil))
                        }))
            }
        }
        let answer = try results.answer()
        let (_, counts) = try results.collected()
        return (answer, Dictionary(uniqueKeysWithValues: zip(switches.map(\.key), counts)))
    }

    var items: [(name: String, value: String)] { context.criteriaItems }
    var words: Words { context.words }

    /// The groups, as the template reads them: a legend and its options. Schemes, activities and catalogues
    /// are counted on the answer's offers (`Registry.facetCounts`); the switches and profiles, which change
    /// how facts count, as questions of their own (a profile among the answer's offers).
    var groups: [[String: Any]] {
        get throws {
            let profiles = try profileOptions()
            let asked = (switchOptions + profiles).filter { !$0.chosen && $0.counted && precounted[$0.key] == nil }
            let (grouped, counts) = try counted(
                try asked.map { try OfferCriteria(parameters: $0.next, today: criteria.validOn) })
            var byQuestion = precounted
            for (option, count) in zip(asked, counts) { byQuestion[option.key] = count }
            let rendered = { (options: [Option], count: (Option) -> Int?) in
                options.map { option in
                    self.option(
                        option.label, option.next, chosen: option.chosen,
                        count: !option.counted ? nil : option.chosen ? self.answer.matches.count : count(option))
                }
            }
            let asQuestion = { (option: Option) in byQuestion[option.key] ?? nil }
            return [
                group("qualifications", rendered(schemeOptions) { grouped.schemes[$0.value] ?? 0 }),
                group("hdsActivities", rendered(activityOptions) { grouped.activities[Int($0.value) ?? 0] ?? 0 }),
                group("catalogues", rendered(catalogueOptions) { grouped.catalogues[$0.value] ?? 0 }),
                group("hostedIn", try hostingOptions()),
                group("model", try modelOptions()),
                group("provider", try providerOptions()),
                group("profile", rendered(profiles, asQuestion)),
                // Not counted: each count would compute every offer's levels.
                group("sealMin", rendered(sealOptions, asQuestion)),
                group("options", rendered(switchOptions, asQuestion)),
            ].filter { !($0["options"] as? [[String: Any]] ?? []).isEmpty }
        }
    }

    /// The facet counts and each question's count, read side by side (each its own read transaction, as a
    /// page's counts always were): the desk waits for the slowest, not for their sum.
    private func counted(_ questions: [OfferCriteria]) throws -> (FacetCounts, [Int?]) {
        let results = Results(count: questions.count)
        let (registry, answer) = (self.registry, self.answer)
        DispatchQueue.concurrentPerform(iterations: questions.count + 1) { index in
            results.record {
                index == questions.count
                    ? .facets(try registry.facetCounts(of: answer))
                    : .counts([index: try Self.count(questions[index], registry, among: answer)])
            }
        }
        return try results.collected()
    }

    /// An option's count, or nil when the registry refuses its question (a profile that contradicts a place).
    private static func count(_ question: OfferCriteria, _ registry: Registry, among answer: QueryAnswer?) throws
        -> Int?
    {
        do {
            return try registry.counts([question], among: answer)[0]
        } catch let error as RegistryError where error.exitCode == 64 {
            return nil
        }
    }

    /// What the side-by-side reads found, or the first error.
    private final class Results: @unchecked Sendable {
        enum Part {
            case facets(FacetCounts)
            /// Questions' counts by index.
            case counts([Int: Int?])
        }
        private let lock = NSLock()
        private var counts: [Int?]
        private var facets: FacetCounts?
        private var failure: (any Error)?
        /// Until the answer is recorded, asking for it is an error, never a trap.
        private var answered: Result<QueryAnswer, any Error> = .failure(CancellationError())

        init(count: Int) { counts = Array(repeating: nil, count: count) }

        func recordAnswer(_ read: () throws -> QueryAnswer) {
            let answer = Result(catching: read)
            lock.withLock { answered = answer }
        }

        /// The answer, or its error before any count's.
        func answer() throws -> QueryAnswer {
            try lock.withLock { try answered.get() }
        }

        func record(_ read: () throws -> Part) {
            let part = Result(catching: read)
            lock.withLock {
                switch part {
                case .success(.facets(let found)): facets = found
                case .success(.counts(let found)): for (index, count) in found { counts[index] = count }
                case .failure(let error): failure = failure ?? error
                }
            }
        }

        func collected() throws -> (FacetCounts, [Int?]) {
            try lock.withLock {
                if let failure { throw failure }
                return (facets ?? FacetCounts(), counts)
            }
        }
    }

    private func group(_ key: String, _ options: [[String: Any]]) -> [String: Any] {
        ["legend": words[key], "options": options]
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

    // MARK: - Options counted as questions of their own

    /// An option whose count is the answer to its link's question: its label, that question, and whether it
    /// is chosen (then its link removes it, and it shows the current count).
    struct Option {
        var label: String
        /// What the option adds or chooses: a scheme, an activity, a catalogue or a profile id.
        var value: String
        var next: [(name: String, value: String)]
        var chosen: Bool
        /// Whether the option shows a count at all (« explain the offers left out » does not).
        var counted = true
        var key: String { next.map { "\($0.name)=\($0.value)" }.joined(separator: "&") }
    }

    /// The criteria as the page asks them: whether an option is chosen is read here, never from the URL's
    /// spelling (`hds=off` leaves HDS unchosen).
    private var asked: OfferCriteria { criteria.normalized }

    /// The option that adds `item`, or, when the question already asks it (`chosen`), removes it: every
    /// spelling of it goes (a switch's name whatever its value; a value's name and value; `ugap` and
    /// `catalogue=ugap`, one criterion).
    private func adding(_ label: String, _ item: (name: String, value: String), chosen: Bool, count: Bool = true)
        -> Option
    {
        Self.adding(label, item, chosen: chosen, count: count, items: items)
    }

    private static func adding(
        _ label: String, _ item: (name: String, value: String), chosen: Bool, count: Bool = true,
        items: [(name: String, value: String)]
    ) -> Option {
        let isSwitch = CriteriaParameter(rawValue: item.name)?.takesValue == false
        let isUGAP = item.name == "ugap" || (item.name == "catalogue" && item.value.lowercased() == "ugap")
        let spells = { (other: (name: String, value: String)) in
            if isUGAP && (other.name == "ugap" || (other.name == "catalogue" && other.value.lowercased() == "ugap")) {
                return true
            }
            return other.name == item.name && (isSwitch || other.value.lowercased() == item.value.lowercased())
        }
        let others = items.filter { !spells($0) }
        return Option(
            label: label, value: item.value, next: chosen ? others : others + [item], chosen: chosen, counted: count)
    }

    private var schemeOptions: [Option] {
        [
            adding("SecNumCloud", ("secnumcloud", ""), chosen: asked.secnumcloud).with(value: "secnumcloud"),
            adding("HDS", ("hds", ""), chosen: asked.hds).with(value: "hds"),
        ]
            + vocabulary.schemes.filter { !["secnumcloud", "hds"].contains($0.id) }.map {
                adding($0.name, ("cert", $0.id), chosen: asked.schemes.contains($0.id))
            }
    }

    private var activityOptions: [Option] {
        (1...6).map {
            adding(
                "\(words["activity"]) \($0)", ("hds-activity", "\($0)"), chosen: asked.hdsActivities.contains($0))
        }
    }

    private var catalogueOptions: [Option] {
        vocabulary.catalogues.map { catalogue in
            adding(catalogue.name, ("catalogue", catalogue.id), chosen: asked.catalogues.contains(catalogue.id))
                .with(value: catalogue.id)
        }
    }

    private var switchOptions: [Option] { Self.switchOptions(items: items, asked: asked, words: words) }

    private static func switchOptions(items: [(name: String, value: String)], asked: OfferCriteria, words: Words)
        -> [Option]
    {
        [
            adding(words["inProgress"], ("include-in-progress", ""), chosen: asked.includeInProgress, items: items),
            adding(words["leads"], ("include-leads", ""), chosen: asked.includeLeads, items: items),
            adding(words["whyNot"], ("why-not", ""), chosen: asked.whyNot, count: false, items: items),
        ]
    }

    /// `seal-min=N`: every objective's lower bound at SEAL-N at least; one level at a time.
    private var sealOptions: [Option] {
        let others = items.filter { $0.name != "seal-min" }
        return (1...4).map { level in
            let chosen = asked.sealMin == level
            return Option(
                label: "SEAL-\(level)", value: "\(level)", next: chosen ? others : others + [("seal-min", "\(level)")],
                chosen: chosen, counted: false)
        }
    }

    /// A profile replaces the one chosen: its question is the others' with it.
    private func profileOptions() throws -> [Option] {
        let others = items.filter { $0.name != "profile" }
        return try registry.profiles().map { profile in
            let chosen = asked.profile == profile.id
            return Option(
                label: words.profileName(id: profile.id, stored: profile.name), value: profile.id,
                next: chosen ? others : others + [("profile", profile.id)],
                chosen: chosen)
        }
    }

    // MARK: - Options that choose one value

    /// An option that sets `name` to `value` (or, chosen, removes it), with its count.
    private func choosing(_ label: String, _ name: String, _ value: String, count: Int?) -> [String: Any] {
        let others = items.filter { $0.name != name }
        let chosen =
            switch name {
            case "hosted-in": asked.hostedIn == value.uppercased()
            case "model": asked.serviceModels.contains { $0.rawValue == value }
            default: asked.providerId == value
            }
        let next = chosen ? others : others + [(name, value)]
        // A profile may fix what this option chooses (health: hosting in the EEA): such a link is refused,
        // and shows no count.
        if !chosen && criteria.profile != nil,
            (try? OfferCriteria(parameters: next, today: criteria.validOn)).map({ (try? registry.accepts($0)) ?? false }
            )
                != true
        {
            return option(label, next, chosen: chosen, count: nil)
        }
        return option(label, next, chosen: chosen, count: count)
    }

    /// The matches of the question without any value of `name`.
    private func matches(without name: String) throws -> [OfferMatch] {
        guard items.contains(where: { $0.name == name }) else { return answer.matches }
        // Counted by hosting, model and provider: no evidence read.
        return try registry.answer(
            OfferCriteria(parameters: items.filter { $0.name != name }, today: criteria.validOn),
            detailing: { _ in 0..<0 }
        ).matches
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
                count: matches.filter { $0.offer.serviceModels.contains(model) }.count)
        }
    }

    /// At most this many providers are offered, those with the most offers first (as Datasette's facets):
    /// a list of a thousand links helps no one, and the search finds the others.
    static let providerLimit = 30

    /// The providers of the answer with the most matching offers, by name, and the one chosen.
    private func providerOptions() throws -> [[String: Any]] {
        let matches = try matches(without: "provider")
        let providers = Dictionary(grouping: matches, by: \.provider.id)
        let kept = providers.sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }.prefix(Self.providerLimit)
            .map(\.key)
        let shown = Set(kept + [asked.providerId].compactMap { $0 }.filter { providers[$0] != nil })
        return providers.filter { shown.contains($0.key) }
            .sorted { ($0.value[0].provider.name, $0.key) < ($1.value[0].provider.name, $1.key) }
            .map { choosing($0.value[0].provider.name, "provider", $0.key, count: $0.value.count) }
    }
}

extension Facets.Option {
    func with(value: String) -> Self {
        var option = self
        option.value = value
        return option
    }
}
