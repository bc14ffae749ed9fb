import RegistryCore
import RegistryRendering

/// `/providers/ID` and `/offers/PROVIDER/OFFER`: what `registry show` prints, with the ownership chain drawn
/// and the attestations on a timeline; the `.json` twin is `show --format json`.
extension PageContext {
    func factSheetPage(id: String) throws -> DeskResponse {
        try requireFormat(["json"])
        try allow(["valid-on", "as-of"])
        let registry = try registry()
        let day = try day()
        let sheet = try registry.show(id, on: day)
        if path.format == "json" { return json(FactSheetRendering(sheet: sheet, day: day).json) }
        var values: [String: Any] = [
            "day": words.date(day),
            "assessHref": link(
                "/assess/" + id.split(separator: "/").map { urlEncoded(String($0)) }.joined(separator: "/")),
            "feedHref": link(Self.pagePath(of: id) + "/history.atom"),
            "jsonHref": link(Self.pagePath(of: id) + ".json", query.removing(["lang"])),
        ]
        let title: String
        switch sheet {
        case .provider(let p):
            title = p.provider.name
            values.merge(try providerValues(p, registry, day)) { $1 }
            values["attestations"] = p.attestations.map(attestationItem)
            values["timeline"] = Timeline(attestations: p.attestations, today: day).values
        case .offer(let o):
            title = "\(o.offer.name) — \(o.provider.name)"
            values.merge(offerValues(o)) { $1 }
            values["attestations"] = o.attestations.map(attestationItem)
            values["timeline"] = Timeline(attestations: o.attestations, today: day).values
        }
        values["title"] = title
        return html(
            title: title, template: "factsheet", values: values, current: "offers",
            alternates: [
                ("application/json", "JSON", values["jsonHref"] as? String ?? ""),
                ("application/atom+xml", words["feed"], values["feedHref"] as? String ?? ""),
            ])
    }

    private func providerValues(_ p: ProviderFactSheet, _ registry: Registry, _ day: Day) throws -> [String: Any] {
        let provider = p.provider
        let assessment = try registry.assess(provider.id, on: day)
        let eu = Set(try registry.vocabulary().countries.filter(\.eu).map(\.code))
        let graph = assessment.lookThrough.map {
            OwnershipGraph(look: $0, root: provider.entityId, eu: eu, words: words)
        }
        return [
            "isProvider": true, "name": provider.name, "id": provider.id,
            "fields": [
                ["label": words["legalName"], "value": provider.legalName ?? words["unknownWord"]],
                [
                    "label": words["headquarters"],
                    "value": p.hqCountry.map { "\($0.name) (\($0.code))" } ?? words["unknownWord"],
                ],
                ["label": "SIREN", "value": provider.siren ?? words["unknownWord"]],
                ["label": words["website"], "value": provider.website ?? words["unknownWord"]],
                [
                    "label": words["source"],
                    "value": words.citation(provider.source, provider.sourceKind, provider.verifiedOn),
                ],
            ],
            "graph": graph?.values ?? [:], "hasGraph": graph?.hasNodes ?? false,
            "holdings": (graph?.holdings ?? []),
            "offers": p.offers.map {
                [
                    "name": $0.name, "href": link(Self.pagePath(of: $0.id)),
                    "model": $0.serviceModel?.rawValue.uppercased() ?? "-",
                ]
            },
            "sites": p.sites.map(hostingItem),
            "listings": p.listings.map {
                ["text": words.listing($0.listing), "href": present(sourceURL($0.listing.listing.source))]
            },
        ]
    }

    private func offerValues(_ o: OfferFactSheet) -> [String: Any] {
        let offer = o.offer
        return [
            "isProvider": false, "name": offer.name, "id": offer.id,
            "fields": [
                ["label": words["provider"], "value": "\(o.provider.name) (\(o.provider.id))"],
                [
                    "label": words["model"],
                    "value": o.serviceModels.isEmpty
                        ? words["unknownWord"]
                        : o.serviceModels.map { $0.rawValue.uppercased() }.joined(separator: ", "),
                ],
                ["label": "Alias", "value": o.aliases.isEmpty ? "-" : o.aliases.joined(separator: ", ")],
                [
                    "label": words["source"],
                    "value": words.citation(offer.source, offer.sourceKind, offer.verifiedOn),
                ],
            ],
            "providerHref": link(Self.pagePath(of: o.provider.id)),
            "sites": o.hosting.map(hostingItem),
            "listings": o.listings.map {
                ["text": words.listing($0.listing), "href": present(sourceURL($0.listing.listing.source))]
            },
        ]
    }

    private func attestationItem(_ detail: AttestationDetail) -> [String: Any] {
        var item = evidenceItem(detail.evidence)
        item["inForce"] = detail.inForce
        item["standing"] = detail.inForce ? words["inForce"] : words["notInForce"]
        return item
    }
}

/// The holders above a provider's entity, drawn as layers: the provider at the bottom, each holder one layer
/// above what it holds. Non-EU holders are marked by a pattern and a word, not by colour alone.
struct OwnershipGraph {
    let look: OwnershipLookThrough
    let root: String?
    let eu: Set<String>
    let words: Words

    static let nodeWidth = 230
    static let nodeHeight = 48
    static let layerGap = 90

    var hasNodes: Bool { !look.edges.isEmpty }

    /// Each entity's layer: 0 for the root, one more than the deepest thing it holds.
    private var layers: [String: Int] {
        var layer: [String: Int] = [:]
        if let root { layer[root] = 0 }
        for _ in 0..<max(1, look.entities.count) {
            for edge in look.edges {
                let below = layer[edge.ownedId] ?? 0
                if (layer[edge.ownerId] ?? -1) < below + 1 && below + 1 <= look.entities.count {
                    layer[edge.ownerId] = below + 1
                }
            }
        }
        return layer
    }

    private func isNonEU(_ id: String) -> Bool {
        guard let country = look.entities[id]?.country else { return false }
        return !eu.contains(country)
    }

    var values: [String: Any] {
        let layers = self.layers
        let top = layers.values.max() ?? 0
        var byLayer: [Int: [String]] = [:]
        for (id, layer) in layers { byLayer[layer, default: []].append(id) }
        let widest = byLayer.values.map(\.count).max() ?? 1
        let width = max(widest * (Self.nodeWidth + 20) + 20, 300)
        var position: [String: (x: Int, y: Int)] = [:]
        for (layer, ids) in byLayer {
            let sorted = ids.sorted { (look.entities[$0]?.name ?? $0) < (look.entities[$1]?.name ?? $1) }
            let span = sorted.count * (Self.nodeWidth + 20) - 20
            for (index, id) in sorted.enumerated() {
                position[id] = ((width - span) / 2 + index * (Self.nodeWidth + 20), 20 + (top - layer) * Self.layerGap)
            }
        }
        let nodes: [[String: Any]] = position.sorted { $0.key < $1.key }.map { id, at in
            let entity = look.entities[id]
            let name = entity?.name ?? id
            return [
                "x": at.x, "y": at.y, "textX": at.x + 10, "textY": at.y + 20, "subY": at.y + 38,
                "name": name.count > 30 ? String(name.prefix(29)) + "…" : name,
                "country": (entity?.country ?? "?") + (isNonEU(id) ? " · \(words["nonEU"])" : ""),
                "nonEU": isNonEU(id), "root": id == root,
            ]
        }
        let edges: [[String: Any]] = look.edges.compactMap { edge in
            guard let from = position[edge.ownerId], let to = position[edge.ownedId] else { return nil }
            let x1 = from.x + Self.nodeWidth / 2
            let x2 = to.x + Self.nodeWidth / 2
            return [
                "x1": x1, "y1": from.y + Self.nodeHeight, "x2": x2, "y2": to.y,
                "labelX": (x1 + x2) / 2 + 4, "labelY": (from.y + Self.nodeHeight + to.y) / 2 + 4,
                "label": Self.share(edge),
            ]
        }
        return [
            "width": width, "height": (top + 1) * Self.layerGap + 10, "nodes": nodes, "edges": edges,
            "nodeWidth": Self.nodeWidth, "nodeHeight": Self.nodeHeight,
        ]
    }

    /// The holdings in words, for readers who do not see the drawing.
    var holdings: [String] {
        look.edges.map { edge in
            let owner = look.entities[edge.ownerId]
            let owned = look.entities[edge.ownedId]?.name ?? edge.ownedId
            let marker = isNonEU(edge.ownerId) ? " (\(words["nonEU"]))" : ""
            return "\(owner?.name ?? edge.ownerId) [\(owner?.country ?? "?")]\(marker) → \(owned): \(Self.share(edge))"
        }
    }

    static func share(_ edge: Ownership) -> String {
        let figure = { (value: Double) in value == value.rounded() ? "\(Int(value)) %" : "\(value) %" }
        if let capital = edge.capitalPercent { return figure(capital) }
        if let votes = edge.votingPercent { return figure(votes) + " (votes)" }
        return edge.controlling == true ? "> 50 %" : "?"
    }
}

/// Attestations on a time axis: one bar each, from issue to expiry (open-ended when the expiry is unknown),
/// with today marked.
struct Timeline {
    let attestations: [AttestationDetail]
    let today: Day

    static let width = 720
    static let left = 200
    static let rowHeight = 26

    var values: [String: Any] {
        let dated = attestations.filter {
            $0.evidence.attestation.issuedOn != nil || $0.evidence.attestation.expiresOn != nil
        }
        guard !dated.isEmpty else { return ["hasRows": false] }
        let days =
            dated.flatMap { [$0.evidence.attestation.issuedOn, $0.evidence.attestation.expiresOn].compactMap { $0 } }
            + [today]
        let start = days.min() ?? today
        let end = days.max() ?? today
        let span = max(start.days(until: end), 1)
        let scale = { (day: Day) in Self.left + (Self.width - Self.left - 20) * start.days(until: day) / span }
        let rows: [[String: Any]] = dated.enumerated().map { index, detail in
            let a = detail.evidence.attestation
            let from = scale(a.issuedOn ?? start)
            let to = scale(a.expiresOn ?? end)
            return [
                "y": 10 + index * Self.rowHeight, "textY": 24 + index * Self.rowHeight, "x": from,
                "barWidth": max(to - from, 3), "label": String(a.id.suffix(28)), "open": a.expiresOn == nil,
                "inForce": detail.inForce,
                "title": "\(a.id): \(a.issuedOn?.description ?? "?") → \(a.expiresOn?.description ?? "?")",
            ]
        }
        return [
            "hasRows": true, "rows": rows, "width": Self.width, "height": 30 + dated.count * Self.rowHeight,
            "todayX": scale(today), "start": start.description, "end": end.description,
            "axisY": 20 + dated.count * Self.rowHeight, "today": today.description, "labelX": 8,
        ]
    }
}
