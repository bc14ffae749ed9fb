import Foundation
import GRDB

/// What the database already knows, for checking the references of a document before writing it.
struct ReferenceData {
    var countries: Set<String>
    var schemes: Set<String>
    var catalogues: Set<String>
    var entityIds: Set<String>
    var providerIds: Set<String>
    /// Offer id → provider id.
    var offerProviders: [String: String]
    var siteIds: Set<String>
    /// Owned entity → its recorded owners, to find cycles an import would close.
    var owners: [String: [String]]
    /// The registry's unique keys, so that a document that repeats one is refused with a located message
    /// rather than by the schema: SIREN → provider, "provider code" → site, "scheme reference" → attestation.
    var sirens: [String: String] = [:]
    var siteCodes: [String: String] = [:]
    var certificates: [String: String] = [:]
    /// Owned entity → owner → the recorded capital and voting shares, so that holdings are summed over the
    /// registry, not only over the document.
    var shares: [String: [String: (capital: Double, votes: Double)]] = [:]

    static func fetch(_ db: Database) throws -> ReferenceData {
        ReferenceData(
            countries: Set(try String.fetchAll(db, sql: "SELECT code FROM country")),
            schemes: Set(try String.fetchAll(db, sql: "SELECT id FROM scheme")),
            catalogues: Set(try String.fetchAll(db, sql: "SELECT id FROM catalogue")),
            entityIds: Set(try String.fetchAll(db, sql: "SELECT id FROM entity")),
            providerIds: Set(try String.fetchAll(db, sql: "SELECT id FROM provider")),
            offerProviders: Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, providerId FROM offer").map {
                    ($0["id"] as String, $0["providerId"] as String)
                }),
            siteIds: Set(try String.fetchAll(db, sql: "SELECT id FROM site")),
            owners: Dictionary(
                grouping: try Row.fetchAll(db, sql: "SELECT ownerId, ownedId FROM ownership"),
                by: { $0["ownedId"] as String }
            )
            .mapValues { $0.map { $0["ownerId"] as String } },
            sirens: try pairs(db, "SELECT siren, id FROM provider WHERE siren IS NOT NULL"),
            siteCodes: try pairs(db, "SELECT providerId || ' ' || code, id FROM site"),
            certificates: try pairs(
                db, "SELECT schemeId || ' ' || certificateRef, id FROM attestation WHERE certificateRef IS NOT NULL"),
            shares: try Row.fetchAll(
                db,
                sql: "SELECT ownedId, ownerId, coalesce(capitalPercent, 0), coalesce(votingPercent, 0) FROM ownership"
            ).reduce(into: [:]) { result, row in
                result[row[0] as String, default: [:]][row[1] as String] = (row[2] as Double, row[3] as Double)
            })
    }

    private static func pairs(_ db: Database, _ sql: String) throws -> [String: String] {
        Dictionary(
            try Row.fetchAll(db, sql: sql).map { ($0[0] as String, $0[1] as String) }, uniquingKeysWith: { a, _ in a })
    }
}

/// Checks a whole document against itself and the database, collecting every problem before anything is
/// written: one bad record rejects the document.
struct DocumentValidator {
    private var reference: ReferenceData
    private(set) var problems: [InputProblem] = []

    init(reference: ReferenceData) {
        self.reference = reference
    }

    mutating func validate(_ document: RegistryDocument) {
        // Ids first, so that records may refer to records later in the document.
        let entityIds = unique(document.entities.map(\.id), kind: "entity")
        let providerIds = unique(document.providers.map(\.provider.id), kind: "provider")
        _ = unique(document.offers.map(\.offer.id), kind: "offer")
        _ = unique(document.sites.map(\.id), kind: "site")
        _ = unique(document.attestations.map(\.attestation.id), kind: "attestation")
        _ = unique(document.listings.map(\.listing.id), kind: "listing")
        _ = unique(document.hdsTransparency.map(\.id), kind: "transparency row")
        reference.entityIds.formUnion(entityIds)
        reference.providerIds.formUnion(providerIds)
        for entry in document.offers { reference.offerProviders[entry.offer.id] = entry.offer.providerId }
        reference.siteIds.formUnion(document.sites.map(\.id))

        for entity in document.entities { check(entity) }
        checkOwnership(document.ownership)
        for entry in document.providers { check(entry) }
        for site in document.sites { check(site) }
        for entry in document.offers { check(entry) }
        for entry in document.attestations { check(entry) }
        var certificates: [String: String] = [:]
        for entry in document.attestations {
            guard let reference = entry.attestation.certificateRef else { continue }
            let key = "\(entry.attestation.schemeId) \(reference)"
            if let first = certificates[key]
                ?? self.reference.certificates[key].flatMap({
                    $0 == entry.attestation.id ? nil : $0
                })
            {
                add(
                    "attestation '\(entry.attestation.id)'", field: "certificateRef", value: reference,
                    message: "the same certificate as attestation '\(first)'; one certificate is one attestation")
            }
            if certificates[key] == nil { certificates[key] = entry.attestation.id }
        }
        for entry in document.listings { check(entry) }
        for row in document.hdsTransparency { check(row) }
        _ = unique(document.offerTerms.map { "\($0.offerId) \($0.term.rawValue)" }, kind: "offer term")
        for term in document.offerTerms { check(term) }
        _ = unique(document.csfAnswers.map { "\($0.offerId) \($0.criterion)" }, kind: "CSF answer")
        for answer in document.csfAnswers { check(answer) }
        _ = unique(document.listEditions.map(\.source.rawValue), kind: "list edition")
        for edition in document.listEditions {
            let at = "list edition '\(edition.source.rawValue)'"
            text(edition.title, field: "title", at: at)
            if edition.source == .registryJSON {
                add(
                    at, field: "source", value: edition.source.rawValue,
                    message: "registry-json is not an official list")
            }
        }
    }

    // MARK: - Records

    private mutating func check(_ entity: Entity) {
        let at = "entity '\(entity.id)'"
        slug(entity.id, at: at)
        text(entity.name, field: "name", at: at)
        country(entity.country, field: "country", at: at)
        source(entity.source, at: at)
    }

    private mutating func checkOwnership(_ edges: [Ownership]) {
        var seen = Set<[String]>()
        var capital: [String: Double] = [:]
        var votes: [String: Double] = [:]
        for edge in edges {
            let at = "ownership '\(edge.ownerId)' → '\(edge.ownedId)'"
            if !seen.insert([edge.ownerId, edge.ownedId]).inserted {
                add(at, message: "appears twice; keep one edge per owner and owned entity")
            }
            if edge.ownerId == edge.ownedId {
                add(at, message: "an entity cannot own itself; fix ownerId or ownedId")
            }
            for (field, id) in [("ownerId", edge.ownerId), ("ownedId", edge.ownedId)]
            where !reference.entityIds.contains(id) {
                add(at, field: field, value: id, message: "no such entity; add it to entities first")
            }
            percent(edge.capitalPercent, field: "capitalPercent", at: at)
            percent(edge.votingPercent, field: "votingPercent", at: at)
            if edge.controlling == true {
                for (field, value) in [("capitalPercent", edge.capitalPercent), ("votingPercent", edge.votingPercent)]
                where value.map({ $0 <= 50 }) == true {
                    add(
                        at, field: field, value: value.map { "\($0)" },
                        message: "controlling means more than 50 %; correct the share or remove controlling")
                }
            }
            capital[edge.ownedId, default: 0] += edge.capitalPercent ?? 0
            votes[edge.ownedId, default: 0] += edge.votingPercent ?? 0
            source(edge.source, at: at)
        }
        checkCycles(edges)
        // The registry's holdings of the same entities that the document leaves as they are count too.
        for owned in Set(edges.map(\.ownedId)) {
            let restated = Set(edges.filter { $0.ownedId == owned }.map(\.ownerId))
            for (owner, share) in reference.shares[owned] ?? [:] where !restated.contains(owner) {
                capital[owned, default: 0] += share.capital
                votes[owned, default: 0] += share.votes
            }
        }
        for (owned, total) in capital.merging(votes, uniquingKeysWith: max).sorted(by: { $0.key < $1.key })
        where total > 100.0001 {
            add(
                "ownership of '\(owned)'", value: String(format: "%.2f", total),
                message: "holdings add up to more than 100 %; check the percentages and their dates")
        }
    }

    /// A cycle of holdings (A holds B holds A) cannot be looked through; it is refused.
    private mutating func checkCycles(_ edges: [Ownership]) {
        var owners = reference.owners
        for edge in edges where !(owners[edge.ownedId] ?? []).contains(edge.ownerId) {
            owners[edge.ownedId, default: []].append(edge.ownerId)
        }
        var reported = Set<String>()
        for start in owners.keys.sorted() {
            var frontier = owners[start] ?? []
            var seen: Set<String> = [start]
            while let next = frontier.popLast() {
                if next == start && reported.insert(start).inserted {
                    add(
                        "ownership of '\(start)'",
                        message: "the holdings form a cycle back to '\(start)'; check the edges")
                    break
                }
                if seen.insert(next).inserted { frontier += owners[next] ?? [] }
            }
        }
    }

    private mutating func check(_ entry: ProviderEntry) {
        let provider = entry.provider
        let at = "provider '\(provider.id)'"
        slug(provider.id, at: at)
        text(provider.name, field: "name", at: at)
        country(provider.hqCountry, field: "hqCountry", at: at)
        if let entityId = provider.entityId, !reference.entityIds.contains(entityId) {
            add(
                at, field: "entityId", value: entityId, message: "no such entity; add it to entities or remove entityId"
            )
        }
        if let siren = provider.siren, !SIREN.isValid(siren) {
            add(
                at, field: "siren", value: siren,
                message: "not a valid SIREN (9 digits with a Luhn check digit); copy it from the company register")
        }
        if let siren = provider.siren, let other = reference.sirens[siren], other != provider.id {
            add(
                at, field: "siren", value: siren,
                message: "provider '\(other)' already has this SIREN; one company is one provider (registry merge)")
        }
        if let siren = provider.siren { reference.sirens[siren] = provider.id }
        for alias in entry.aliases where alias.trimmingCharacters(in: .whitespaces).isEmpty {
            add(at, field: "aliases", message: "an alias is empty; remove it")
        }
        source(provider.source, at: at)
    }

    private mutating func check(_ site: Site) {
        let key = "\(site.providerId) \(site.code)"
        if let other = reference.siteCodes[key], other != site.id {
            add(
                "site '\(site.id)'", field: "code", value: site.code,
                message: "site '\(other)' of the same provider already has this code; one code is one site")
        }
        reference.siteCodes[key] = site.id
        let at = "site '\(site.id)'"
        owned(site.id, by: site.providerId, at: at)
        text(site.code, field: "code", at: at)
        country(site.country, field: "country", at: at)
        source(site.source, at: at)
    }

    private mutating func check(_ entry: OfferEntry) {
        let offer = entry.offer
        let at = "offer '\(offer.id)'"
        if !entry.serviceModels.isEmpty && entry.serviceModels.first != offer.serviceModel {
            add(
                at, field: "serviceModels",
                message: "the first of serviceModels is serviceModel; write serviceModel as its first")
        }
        if Set(entry.serviceModels).count != entry.serviceModels.count {
            add(at, field: "serviceModels", message: "a model is listed twice; list each once")
        }
        owned(offer.id, by: offer.providerId, at: at)
        text(offer.name, field: "name", at: at)
        country(offer.adminCountry, field: "adminCountry", at: at)
        if offer.runsOnOfferId == offer.id {
            add(
                at, field: "runsOnOfferId", value: offer.id,
                message: "an offer cannot run on itself; remove runsOnOfferId")
        } else if let base = offer.runsOnOfferId, reference.offerProviders[base] == nil {
            add(at, field: "runsOnOfferId", value: base, message: "no such offer; add it or remove runsOnOfferId")
        }
        for site in entry.sites where !reference.siteIds.contains(site) {
            add(at, field: "sites", value: site, message: "no such site; add it to sites first")
        }
        for alias in entry.aliases where alias.trimmingCharacters(in: .whitespaces).isEmpty {
            add(at, field: "aliases", message: "an alias is empty; remove it")
        }
        source(offer.source, at: at)
    }

    private mutating func check(_ entry: AttestationEntry) {
        let attestation = entry.attestation
        let at = "attestation '\(attestation.id)'"
        owned(attestation.id, by: attestation.providerId, at: at)
        known(attestation.schemeId, in: reference.schemes, field: "schemeId", noun: "scheme", at: at)
        scope(attestation.scope, offers: entry.offers, providerId: attestation.providerId, at: at)
        if attestation.milestone != nil && attestation.status != .inProgress {
            add(at, field: "milestone", message: "a milestone (J0–J3) goes only with status in_progress")
        }
        if attestation.hdsPerimeter != nil && attestation.schemeId != "hds" {
            add(at, field: "hdsPerimeter", message: "a perimeter applies to HDS certificates only; remove it")
        }
        if !entry.activities.isEmpty && attestation.schemeId != "hds" {
            add(at, field: "activities", message: "activities 1–6 apply to HDS certificates only; remove them")
        }
        for activity in entry.activities where !(1...6).contains(activity) {
            add(at, field: "activities", value: "\(activity)", message: "HDS activities are 1 to 6")
        }
        if Set(entry.activities).count != entry.activities.count {
            add(at, field: "activities", message: "an activity is listed twice; list each once")
        }
        if let issued = attestation.issuedOn, let expires = attestation.expiresOn, expires <= issued {
            add(
                at, field: "expiresOn", value: "\(expires)",
                message: "expires on or before it was issued (\(issued)); check both dates")
        }
        if let via = attestation.via { text(via, field: "via", at: at) }
        source(attestation.source, at: at)
        evidence(of: attestation, at: at)
    }

    /// What points at the document a fact was read in: a decision's link, an edition, a copy's SHA-256, a page.
    private mutating func evidence(of attestation: Attestation, at: String) {
        for (field, value) in [("edition", attestation.edition), ("listedName", attestation.listedName)] {
            if let value { text(value, field: field, at: at) }
        }
        if let url = attestation.decisionUrl, !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
            add(at, field: "decisionUrl", value: url, message: "a decision's link is an http(s) address")
        }
        if let sha = attestation.copySha256, sha.count != 64 || !sha.allSatisfy(\.isHexDigit) || sha != sha.lowercased()
        {
            add(at, field: "copySha256", value: sha, message: "a SHA-256 is 64 lower-case hexadecimal digits")
        }
        if let page = attestation.page, page < 1 {
            add(at, field: "page", value: "\(page)", message: "pages count from 1")
        }
        if let year = attestation.decisionYear, !(1990...2999).contains(year) {
            add(at, field: "decisionYear", value: "\(year)", message: "not a decision's year")
        }
        if attestation.publication != nil && attestation.schemeId != "secnumcloud" {
            add(at, field: "publication", message: "only SecNumCloud facts belong to one of ANSSI's publications")
        }
    }

    /// A code of the reference data (a scheme, a catalogue); any other names the valid ones.
    private mutating func known(_ code: String, in codes: Set<String>, field: String, noun: String, at: String) {
        guard !codes.contains(code) else { return }
        add(
            at, field: field, value: code,
            message: "unknown \(noun); use one of: \(codes.sorted().joined(separator: ", "))")
    }

    private mutating func check(_ entry: ListingEntry) {
        let listing = entry.listing
        let at = "listing '\(listing.id)'"
        owned(listing.id, by: listing.providerId, at: at)
        known(listing.catalogueId, in: reference.catalogues, field: "catalogueId", noun: "catalogue", at: at)
        text(listing.market, field: "market", at: at)
        scope(listing.scope, offers: entry.offers, providerId: listing.providerId, at: at)
        if let from = listing.validFrom, let until = listing.validUntil, until < from {
            add(
                at, field: "validUntil", value: "\(until)", message: "ends before it starts (\(from)); check both dates"
            )
        }
        source(listing.source, at: at)
    }

    private mutating func check(_ term: OfferTerm) {
        let at = "offer term '\(term.offerId) \(term.term.rawValue)'"
        if reference.offerProviders[term.offerId] == nil {
            add(at, field: "offerId", value: term.offerId, message: "no such offer; add it to offers first")
        }
        let allowed: [String]? =
            switch term.term {
            case .governingLaw, .supportCountry, .socCountry: nil
            case .keyCustody: ["provider-held", "customer-managed", "customer-held"]
            case .supportEscalation: ["yes", "no"]
            case .stackLicence: ["proprietary", "source-available", "open-source"]
            }
        if let allowed, !allowed.contains(term.value) {
            add(at, field: "value", value: term.value, message: "expected one of " + allowed.joined(separator: ", "))
        } else if allowed == nil, !reference.countries.contains(term.value) {
            add(
                at, field: "value", value: term.value,
                message: "not a country code of the registry (registry list countries)")
        }
        source(term.source, at: at)
    }

    private mutating func check(_ answer: CSFRecordedAnswer) {
        let at = "CSF answer '\(answer.offerId) \(answer.criterion)'"
        if reference.offerProviders[answer.offerId] == nil {
            add(at, field: "offerId", value: answer.offerId, message: "no such offer; add it to offers first")
        }
        if let criterion = CSF.criterion(answer.criterion) {
            if (1...5).contains(answer.rung), criterion.rungs[answer.rung - 1].blank {
                add(
                    at, field: "rung", value: "\(answer.rung)",
                    message: "rung \(answer.rung) of \(criterion.id) is blank in the calculator: not an answer")
            }
        } else {
            add(
                at, field: "criterion", value: answer.criterion,
                message: "no CSF criterion has this id; they run 1.1 to 8.4")
        }
        if !(1...5).contains(answer.rung) {
            add(at, field: "rung", value: "\(answer.rung)", message: "a criterion's rungs are 1 to 5")
        }
        source(answer.source, at: at)
    }

    private mutating func check(_ row: HDSTransparency) {
        let at = "transparency row '\(row.id)'"
        owned(row.id, by: row.providerId, at: at)
        text(row.actor, field: "actor", at: at)
        if let offer = row.offerId, reference.offerProviders[offer] != row.providerId {
            add(
                at, field: "offerId", value: offer,
                message: reference.offerProviders[offer] == nil
                    ? "no such offer; add it to offers first"
                    : "an offer of another provider; a host's table names its own offers")
        }
        if let sha = row.copySha256, sha.count != 64 || !sha.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) {
            add(at, field: "copySha256", value: sha, message: "a SHA-256 is 64 lower-case hexadecimal digits")
        }
        for activity in row.activities where !(1...6).contains(activity) {
            add(at, field: "activities", value: "\(activity)", message: "HDS activities are 1 to 6")
        }
        source(row.source, at: at)
    }

    // MARK: - Fields

    private mutating func unique(_ ids: [String], kind: String) -> Set<String> {
        var seen = Set<String>()
        for id in ids where !seen.insert(id).inserted {
            add("\(kind) '\(id)'", message: "the id appears twice; each \(kind) needs its own id")
        }
        return seen
    }

    private mutating func slug(_ id: String, at: String) {
        if !Slug.isValid(id) {
            add(
                at, field: "id", value: id,
                message: "ids are lower-case letters, digits and hyphens, like 'cloud-temple'")
        }
    }

    /// Checks that a child record's id reads `<provider>/<slug>` and that its provider exists.
    private mutating func owned(_ id: String, by providerId: String, at: String) {
        if !reference.providerIds.contains(providerId) {
            add(at, field: "providerId", value: providerId, message: "no such provider; add it to providers first")
        }
        let prefix = providerId + "/"
        if !id.hasPrefix(prefix) || !Slug.isValid(String(id.dropFirst(prefix.count))) {
            add(
                at, field: "id", value: id,
                message: "ids read '<provider>/<slug>', like '\(providerId)/my-offer'")
        }
    }

    private mutating func scope(_ scope: Scope, offers: [String], providerId: String, at: String) {
        switch scope {
        case .offers where offers.isEmpty:
            add(
                at, field: "offers",
                message: "scope 'offers' needs the offers it covers; list them or use another scope")
        case .provider, .unspecified:
            if !offers.isEmpty {
                add(at, field: "offers", message: "scope '\(scope.rawValue)' takes no offers; use scope 'offers'")
            }
        case .offers:
            break
        }
        for offer in offers where reference.offerProviders[offer] != providerId {
            let message =
                reference.offerProviders[offer] == nil
                ? "no such offer; add it to offers first"
                : "an offer of another provider; a scope names the holder's offers"
            add(at, field: "offers", value: offer, message: message)
        }
    }

    private mutating func text(_ value: String, field: String, at: String) {
        if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            add(at, field: field, message: "must not be empty")
        }
    }

    private mutating func country(_ code: String?, field: String, at: String) {
        if let code, !reference.countries.contains(code) {
            add(
                at, field: field, value: code,
                message:
                    "unknown country code; use an ISO 3166-1 alpha-2 code such as FR (see `registry list countries`)")
        }
    }

    private mutating func percent(_ value: Double?, field: String, at: String) {
        if let value, !(0...100).contains(value) || value.isNaN {
            add(at, field: field, value: "\(value)", message: "a percentage is between 0 and 100")
        }
    }

    private mutating func source(_ source: String, at: String) {
        text(source, field: "source", at: at)
    }

    private mutating func add(_ location: String, field: String? = nil, value: String? = nil, message: String) {
        problems.append(InputProblem(record: location, column: field, value: value, message: message))
    }
}
