import Foundation
import RegistryCore
import RegistryRendering

/// `/assess/ID`, `/expiring`, `/history` (and its Atom feeds), `/sources` and the static assets. Each `.json`
/// twin is the command line's `--format json` of the same command.
extension PageContext {
    func assessPage(id: String) throws -> DeskResponse {
        try requireFormat(["json"])
        try allow(["valid-on", "as-of"])
        let assessment = try registry().assess(id, on: try day())
        let rendering = AssessmentRendering(assessment: assessment)
        if path.format == "json" { return json(rendering.json) }
        let name: String
        switch assessment.subject {
        case .provider(let provider): name = provider.name
        case .offer(let offer, _): name = offer.name
        }
        let tests: [[String: Any]] = assessment.tests.map { test in
            [
                "id": test.id, "title": words.phrase(test.title), "result": test.result.rawValue,
                "resultWord": words["result:\(test.result.rawValue)"], "explanation": words.phrase(test.explanation),
                "evidence": test.evidence.map { fact in
                    ["text": words.phrase(fact.text), "source": fact.source, "href": present(sourceURL(fact.source))]
                },
            ]
        }
        var values: [String: Any] = [
            "name": name, "day": words.date(assessment.day), "immune": assessment.immune.rawValue,
            "sovereign": assessment.sovereign?.rawValue ?? "", "hasSovereign": assessment.sovereign != nil,
            "immuneWord": words["result:\(assessment.immune.rawValue)"],
            "sovereignWord": assessment.sovereign.map { words["result:\($0.rawValue)"] } ?? "",
            "tests": tests, "inForce": assessment.attestationsInForce.map(evidenceItem),
            "pageHref": link(Self.pagePath(of: id)),
        ]
        if case .offer = assessment.subject {
            values["csf"] = csfValues(try registry().assessCSF(id, on: try day()))
        }
        let jsonHref = link(
            "/assess/\(id.split(separator: "/").map { urlEncoded(String($0)) }.joined(separator: "/")).json",
            query.removing(["lang"]))
        return html(
            title: "\(words["assess"]) — \(name)", template: "assess", values: values,
            alternates: [("application/json", "JSON", jsonHref)])
    }

    /// An offer's CSF levels for the assessment page: each objective's interval, and the answers the facts give.
    private func csfValues(_ csf: CSFAssessment) -> [String: Any] {
        let levels = csf.levels
        // « SEAL-1 to SEAL-3 » in the reader's language.
        let interval = { (level: SealInterval) in
            level.description.replacingOccurrences(of: " to ", with: " \(self.words["to"]) ")
        }
        return [
            "overall": interval(levels.overall),
            "score": words.number(String(format: "%.2f", levels.score)),
            "maxScore": words.number(String(format: "%.2f", levels.maxScore)),
            "objectives": levels.objectives.map { level -> [String: Any] in
                let answers = csf.answers.filter {
                    $0.kind != .unknown && CSF.criterion($0.criterion)?.objective == level.objective.number
                }
                return [
                    "id": level.objective.id, "name": level.objective.name, "level": interval(level.level),
                    "settling": level.level.low == level.level.high ? "" : level.settling.joined(separator: ", "),
                    "unknown": csf.answers.filter {
                        $0.kind == .unknown && CSF.criterion($0.criterion)?.objective == level.objective.number
                    }.map(\.criterion).joined(separator: ", "),
                    "answers": answers.map { answer -> [String: Any] in
                        let criterion = CSF.criterion(answer.criterion)
                        let (low, high) = (answer.rungs.lowerBound, answer.rungs.upperBound)
                        return [
                            "id": answer.criterion, "title": criterion?.title ?? "",
                            "rungs": low == high ? "\(low)" : "\(low)–\(high)",
                            "seal": criterion.map { interval($0.seal(answer.rungs)) } ?? "",
                            "how": answer.kind == .assessed ? words["assessedByPerson"] : answer.rule ?? "",
                            "explanation": words.phrase(answer.explanation),
                        ]
                    },
                ]
            },
        ]
    }

    func expiringPage() throws -> DeskResponse {
        try requireFormat(["json", "csv"])
        try allow(["within"])
        let text = query.value("within") ?? "90"
        guard let within = Int(text), within >= 0 else {
            throw RegistryError.usage("--within counts days ahead; use 0 or more, such as --within 90")
        }
        let today = server.registry.clock.today
        let facts = try server.registry.expiring(within: within, on: today)
        let rendering = ExpiringRendering(facts: facts)
        if path.format == "json" { return json(text: rendering.list.render(.json)) }
        if path.format == "csv" { return csv(rendering.list.render(.csv), name: "registry-expiring.csv") }
        let horizon = max(within, 1)
        let rows: [[String: Any]] = facts.enumerated().map { index, fact in
            let left = min(max(fact.daysLeft, -horizon), horizon)
            let x = 360 + Int(340 * Double(left) / Double(horizon))
            return [
                "kind": words["kind:\(fact.kind)"], "id": fact.id, "what": fact.what, "status": words.status(fact),
                "endsOn": words.date(fact.endsOn), "daysLeft": fact.daysLeft,
                "warning": fact.staleStatus ? words.staleWarning(fact) : "", "hasWarning": fact.staleStatus,
                "href": link(Self.pagePath(of: fact.providerId)), "ended": fact.daysLeft < 0,
                "x": x, "y": 30 + index * 22, "textY": 34 + index * 22, "textX": x + (fact.daysLeft < 0 ? -10 : 10),
                "label": String(fact.id.suffix(40)),
            ]
        }
        let twin = { (ext: String) in self.link("/expiring.\(ext)", self.query.removing(["lang"])) }
        return html(
            title: words["expiring"], template: "expiring",
            values: [
                "rows": rows, "hasRows": !rows.isEmpty, "within": within, "today": words.date(today),
                "height": 50 + rows.count * 22, "axisY": 24 + rows.count * 22, "labelY": 42 + rows.count * 22,
                "jsonHref": twin("json"),
                "csvHref": twin("csv"),
            ], current: "expiring",
            alternates: [("application/json", "JSON", twin("json")), ("text/csv", "CSV", twin("csv"))])
    }

    func historyPage() throws -> DeskResponse {
        try requireFormat(["json", "csv"])
        try allow(["id"])
        var filter = HistoryFilter()
        filter.id = query.value("id").flatMap { $0.isEmpty ? nil : $0 }
        filter.limit = 200
        let rendering = HistoryRendering(entries: try server.registry.history(filter))
        if path.format == "json" { return json(text: rendering.list.render(.json)) }
        if path.format == "csv" { return csv(rendering.list.render(.csv), name: "registry-history.csv") }
        let rows: [[String: Any]] = rendering.entries.map { entry in
            [
                "changedAt": String(entry.changedAt.prefix(19)), "table": entry.table, "id": entry.rowKey,
                "summary": HistoryRendering.describe(entry),
                "run": entry.runId.map { "\($0) \(entry.runSource ?? "")" } ?? "-",
                "href": present(entry.providerId.map { link(Self.pagePath(of: $0)) }),
            ]
        }
        let feedHref = filter.id.map { link(Self.pagePath(of: $0) + "/history.atom") } ?? link("/history.atom")
        return html(
            title: words["history"], template: "history",
            values: ["rows": rows, "feedHref": feedHref, "id": filter.id ?? ""], current: "history",
            alternates: [("application/atom+xml", words["feed"], feedHref)])
    }

    /// An Atom feed (RFC 4287) of the changes to everything, to a provider's facts, or to one offer.
    func feed(id: String?) throws -> DeskResponse {
        try allow([])
        var filter = HistoryFilter()
        filter.id = id
        filter.limit = 100
        let entries = try server.registry.history(filter)
        if let id, entries.isEmpty { _ = try server.registry.show(id, on: server.registry.clock.today) }
        let base = "urn:registry:"
        let items: [[String: Any]] = entries.map { entry in
            [
                "id": "\(base)history:\(entry.id)",
                "title": "\(entry.table) \(entry.rowKey): \(HistoryRendering.describe(entry))",
                "updated": Self.atomTime(entry.changedAt), "summary": HistoryRendering.line(entry),
                "href": entry.providerId.map { Self.pagePath(of: $0) } ?? "/history",
            ]
        }
        let values: [String: Any] = [
            "feedId": "\(base)feed:\(id ?? "all")", "title": "registry — " + (id ?? words["history"]),
            "updated": entries.first.map { Self.atomTime($0.changedAt) } ?? "1970-01-01T00:00:00Z",
            "self": id.map { Self.pagePath(of: $0) + "/history.atom" } ?? "/history.atom",
            "entries": items,
        ]
        return DeskResponse(
            contentType: "application/atom+xml; charset=utf-8", body: server.templates.render("feed", values))
    }

    /// An RFC 3339 time from the history's `YYYY-MM-DD HH:MM:SS[.fff]` (UTC).
    static func atomTime(_ changedAt: String) -> String {
        let text = changedAt.replacingOccurrences(of: " ", with: "T")
        let seconds = text.prefix(19)
        return seconds.count == 19 ? seconds + "Z" : String(text.prefix(10)) + "T00:00:00Z"
    }

    func sourcesPage() throws -> DeskResponse {
        try requireFormat(["json"])
        try allow(["stale-after"])
        let text = query.value("stale-after") ?? "7"
        guard let staleAfter = Int(text), staleAfter >= 0 else {
            throw RegistryError.usage("stale-after counts days; use 0 or more, such as stale-after=7")
        }
        let status = try server.registry.status(on: server.registry.clock.today)
        let rendering = StatusRendering(status: status, staleAfter: staleAfter)
        if path.format == "json" { return json(rendering.json) }
        let stale = rendering.stale
        let sources: [[String: Any]] = status.sources.map { source in
            [
                "source": source.source,
                "lastImport": source.lastRun?.endedAt.map { String($0.prefix(19)) } ?? words["never"],
                "age": source.ageInDays.map(String.init) ?? "-", "stale": stale.contains(source),
                "file": source.lastRun?.fileName ?? "-",
            ]
        }
        let editions: [[String: Any]] = status.editions.map { item in
            [
                "source": item.edition.source.rawValue, "title": item.edition.title,
                "href": present(item.edition.url.flatMap(sourceURL)),  // http(s) only: never a javascript: link
                "editionOn": words.date(item.edition.editionOn),
                "age": item.ageInDays.map(String.init) ?? "-", "via": present(item.edition.via),
            ]
        }
        let publications: [[String: Any]] = status.publications.map { item in
            [
                "name": item.state.source.name, "edition": item.newestEdition.map(words.phrase) ?? "-",
                "lastSuccess": item.state.lastSuccess.map { String($0.fetchedAt.prefix(16)) } ?? words["never"],
                "lastChange": item.state.lastChange.map { String($0.fetchedAt.prefix(16)) } ?? words["never"],
                "warnings": item.warnings.map(words.phrase),
            ]
        }
        return html(
            title: words["sources"], template: "sources",
            values: [
                "schema": status.schemaVersion, "sources": sources, "editions": editions,
                "publications": publications,
                "counts": status.counts.map { ["table": $0.table, "rows": $0.rows] },
            ], current: "sources",
            alternates: [("application/json", "JSON", link("/sources.json"))])
    }

    /// A static asset compiled into the binary, by name only.
    func asset(_ name: String) throws -> DeskResponse {
        try allow([])
        guard let asset = Templates.assets[name] else { return notFound() }
        return DeskResponse(contentType: asset.type, bytes: asset.bytes)
    }
}
