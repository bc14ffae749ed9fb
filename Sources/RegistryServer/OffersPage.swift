import Foundation
import RegistryCore
import RegistryRendering

/// `/offers`: the search, its facets with counts on the filtered set, and the results with their evidence.
/// The question is `registry query`'s: the same parameters (`CriteriaParameter`), the same answer, and the
/// `.json` and `.csv` twins are its `--format json` and `--format csv`.
extension PageContext {
    /// The page's own parameters besides the criteria: the moment, and which page of results.
    static let offerExtras = ["as-of", "page"]

    /// Results per page: the twins hold them all.
    static let pageSize = 50

    /// The criteria items of the URL, in order (the language, the moment and the page set apart).
    var criteriaItems: [(name: String, value: String)] { query.removing(["lang", "as-of", "page"]) }

    func offersPage(format: String?) throws -> DeskResponse {
        try requireFormat(["json", "csv", "receipt"])
        let known = CriteriaParameter.allCases.map(\.rawValue) + Self.offerExtras
        try allow(known)
        let registry = try registry()
        if format != nil && query.value("page") != nil {
            throw RegistryError.usage("page is the web page's; a twin holds every result, so drop page")
        }
        let criteria = try OfferCriteria(parameters: criteriaItems, today: registry.clock.today)
        guard let format else {
            // The page counts and facets every match and shows one page of them: only those carry evidence.
            let page = requestedPage
            let (answer, precounted) = try Facets.answerBesideSwitchCounts(
                context: self, registry: registry, criteria: criteria
            ) { try registry.answer(criteria) { count in Self.shown(page: page, of: count) } }
            return try offersHTML(answer, criteria, registry, precounted: precounted)
        }
        let answer = try registry.answer(criteria)
        let rendering = QueryRendering(answer: answer)
        switch format {
        case "json": return json(text: rendering.render(.json))
        case "csv": return csv(rendering.render(.csv), name: "registry-offers.csv")
        default: return try receipt(answer, registry)
        }
    }

    private var requestedPage: Int { Int(query.value("page") ?? "1") ?? 1 }

    /// The page of results shown, kept within the results (a page past the last shows the last).
    static func page(_ requested: Int, of count: Int) -> (page: Int, pages: Int) {
        let pages = max(1, (count + pageSize - 1) / pageSize)
        return (min(max(requested, 1), pages), pages)
    }

    /// The indices of the results `page` shows.
    static func shown(page requested: Int, of count: Int) -> Range<Int> {
        let page = page(requested, of: count).page
        return ((page - 1) * pageSize)..<min(page * pageSize, count)
    }

    private func offersHTML(
        _ answer: QueryAnswer, _ criteria: OfferCriteria, _ registry: Registry, precounted: [String: Int?] = [:]
    ) throws -> DeskResponse {
        let facets = try Facets(
            context: self, registry: registry, criteria: criteria, answer: answer, precounted: precounted)
        let twin = { (ext: String) in self.link("/offers.\(ext)", query.removing(["lang", "page"])) }
        let (page, pages) = Self.page(requestedPage, of: answer.matches.count)
        let shown = answer.matches[Self.shown(page: page, of: answer.matches.count)]
        // With a profile, the page always says what the profile leaves out and why.
        let excluded =
            criteria.profile != nil && !criteria.whyNot
            ? try registry.answer(with(criteria) { $0.whyNot = true }).excluded : answer.excluded
        var values: [String: Any] = [
            "searchText": criteria.search ?? "", "validOn": criteria.validOn.description,
            "asOf": query.value("as-of") ?? "", "hidden": hiddenInputs(),
            "facets": try facets.groups, "count": answer.matches.count,
            "heading": "\(answer.matches.count) · \(QueryRendering(answer: answer).criteriaFlags)",
            "cards": shown.map(card), "hasResults": !answer.matches.isEmpty,
            "excluded": excluded.map(exclusion), "hasExcluded": !excluded.isEmpty,
            "jsonHref": twin("json"), "csvHref": twin("csv"), "receiptHref": twin("receipt"),
            "clearHref": link("/offers"), "question": Receipt.question(answer.criteria),
            "day": words.date(answer.criteria.validOn),
            "keyFingerprint": server.receiptKey?.fingerprint ?? words["noKey"],
            "pager": pages > 1 ? pager(page: page, of: pages) : false,
        ]
        values["chainHead"] = try registry.chainHead() ?? "-"
        return html(
            title: words["offers"], template: "offers", values: values, current: "offers",
            alternates: [
                ("application/json", "JSON", twin("json")), ("text/csv", "CSV", twin("csv")),
            ])
    }

    private func with(_ criteria: OfferCriteria, _ change: (inout OfferCriteria) -> Void) -> OfferCriteria {
        var criteria = criteria
        change(&criteria)
        return criteria
    }

    /// Links to the previous and next pages of results, and where this one stands.
    private func pager(page: Int, of pages: Int) -> [String: Any] {
        let at = { (number: Int) in
            self.link("/offers", self.query.removing(["lang", "page"]) + [("page", "\(number)")])
        }
        return [
            "page": page, "pages": pages, "previous": page > 1 ? at(page - 1) : false,
            "next": page < pages ? at(page + 1) : false,
        ]
    }

    /// The GET form keeps the facets chosen: each criterion other than the form's own fields, hidden.
    private func hiddenInputs() -> [[String: String]] {
        query.items.filter { !["search", "valid-on", "as-of"].contains($0.name) }.map {
            ["name": $0.name, "value": $0.value]
        }
    }

    /// The signed receipt of the answer, the same file `registry query --receipt` writes.
    private func receipt(_ answer: QueryAnswer, _ registry: Registry) throws -> DeskResponse {
        guard let key = server.receiptKey else {
            throw RegistryError.usage("this server has no receipt-signing key; start it after `registry key`")
        }
        let moment = query.value("as-of").flatMap(Moment.init(parsing:)) ?? registry.clock.now
        let record = try QueryReceipt(
            answer: answer, question: Receipt.question(answer.criteria), moment: moment,
            status: try registry.status(on: answer.criteria.validOn), key: key)
        var response = DeskResponse(
            contentType: "application/json; charset=utf-8", bytes: Array(try record.fileBytes()))
        response.headers.append(("Content-Disposition", "attachment; filename=\"registry-receipt.json\""))
        return response
    }

    private func card(_ match: OfferMatch) -> [String: Any] {
        [
            "offerName": match.offer.name, "offerHref": link(Self.pagePath(of: match.offer.id)),
            "offerId": match.offer.id, "providerName": match.provider.name,
            "providerHref": link(Self.pagePath(of: match.provider.id)),
            "assessHref": link(
                "/assess/" + match.offer.id.split(separator: "/").map { urlEncoded(String($0)) }.joined(separator: "/")),
            "model": match.offer.serviceModels.isEmpty
                ? words["unknownWord"]
                : match.offer.serviceModels.map { $0.rawValue.uppercased() }.joined(separator: ", "),
            "hq": match.provider.hqCountry ?? words["unknownWord"],
            "evidence": match.evidence.map(evidenceItem),
            "hosting": match.hosting.map(hostingItem), "hostingUnknown": match.hosting.isEmpty,
            "catalogues": match.catalogues.map {
                ["text": words.listing($0), "href": present(sourceURL($0.listing.source))]
            },
            "flags": match.flags.map(words.phrase), "hasFlags": !match.flags.isEmpty,
        ]
    }

    func evidenceItem(_ item: Evidence) -> [String: Any] {
        let a = item.attestation
        var facts: [String] = []
        if let version = a.version { facts.append("version \(version)") }
        facts.append(words.status(a))
        if let decision = a.decision {
            facts.append("\(words["decision"]) \(decision)")
        } else if let ref = a.certificateRef {
            facts.append("\(words["certificate"]) \(ref)")
        }
        if a.schemeId == "hds" {
            facts.append(
                item.activities.isEmpty
                    ? words["activitiesUnknown"]
                    : "\(words["activities"]) " + item.activities.map(String.init).joined(separator: ", "))
        }
        if let issued = a.issuedOn { facts.append("\(words["from"]) \(words.date(issued))") }
        facts.append(a.expiresOn.map { "\(words["until"]) \(words.date($0))" } ?? words["endUnknown"])
        var flags = item.notices.map(words.notice)
        flags += item.supersedes.map {
            "\(words["supersedes"]) \($0.superseded.id) (\(words.kind($0.superseded.sourceKind)))"
        }
        return [
            "scheme": a.schemeId, "id": a.id, "facts": facts.joined(separator: " · "), "flags": flags,
            "hasFlags": !flags.isEmpty, "source": a.source, "sourceHref": present(sourceURL(a.source)),
            "sourceKind": words.kind(a.sourceKind), "verifiedOn": words.date(a.verifiedOn),
        ]
    }

    func hostingItem(_ hosting: Hosting) -> [String: Any] {
        let site = hosting.site
        let place = [site.name, site.city, site.country].compactMap { $0 }.joined(separator: ", ")
        return ["text": place.isEmpty ? site.id : place, "nonEU": hosting.eu == false]
    }

    private func exclusion(_ item: Exclusion) -> [String: Any] {
        [
            "offerName": item.offer.name, "providerName": item.provider.name,
            "offerHref": link(Self.pagePath(of: item.offer.id)), "criterion": item.failed.criterion,
            "result": item.result.rawValue, "resultWord": words["result:\(item.result.rawValue)"],
            "explanation": words.phrase(item.failed.explanation),
        ]
    }
}
