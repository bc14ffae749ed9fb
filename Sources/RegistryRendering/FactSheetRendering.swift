import Foundation
import RegistryCore

/// Renders `registry show` as text or JSON.
package struct FactSheetRendering {
    package let sheet: FactSheet
    package let day: Day

    package init(sheet: FactSheet, day: Day) {
        self.sheet = sheet
        self.day = day
    }

    package func render(_ format: OutputFormat) -> String {
        switch format {
        case .json, .ndjson: json.serialized(pretty: format == .json) + "\n"
        case .table, .markdown, .csv: text
        }
    }

    // MARK: - JSON

    package var json: JSON {
        switch sheet {
        case .provider(let p):
            let provider = p.provider
            return .object([
                ("kind", .string("provider")),
                (
                    "provider",
                    .object(
                        [
                            ("id", .string(provider.id)), ("name", .string(provider.name)),
                            ("legalName", JSON(provider.legalName)), ("hqCountry", JSON(provider.hqCountry)),
                            ("siren", JSON(provider.siren)), ("website", JSON(provider.website)),
                            ("aliases", JSON(p.aliases)), ("entityId", JSON(provider.entityId)),
                            ("note", JSON(provider.note)),
                        ] + JSON.source(provider.source, provider.sourceKind, provider.verifiedOn))
                ),
                ("entity", p.entity.map(Self.entity) ?? .null),
                ("owners", .array(p.owners.map(Self.holding))),
                ("offers", .array(p.offers.map { Self.offer($0) })),
                ("sites", .array(p.sites.map(JSON.hosting))),
                ("attestations", .array(p.attestations.map(Self.attestation))),
                ("listings", .array(p.listings.map(Self.listing))),
                ("hdsTransparency", .array(p.transparency.map(Self.transparency))),
                ("validOn", .string(day.description)),
            ])
        case .offer(let o):
            return .object([
                ("kind", .string("offer")), ("offer", Self.offer(o.offer, models: o.serviceModels)),
                ("provider", .provider(o.provider)),
                ("runsOn", o.runsOn.map(JSON.offer) ?? .null), ("underpins", .array(o.underpins.map(JSON.offer))),
                ("aliases", JSON(o.aliases)), ("hosting", .array(o.hosting.map(JSON.hosting))),
                ("attestations", .array(o.attestations.map(Self.attestation))),
                ("listings", .array(o.listings.map(Self.listing))),
                ("terms", .array(o.terms.map(Self.term))), ("csfAnswers", .array(o.csfAnswers.map(Self.csfAnswer))),
                ("validOn", .string(day.description)),
            ])
        }
    }

    private static func term(_ term: OfferTerm) -> JSON {
        .object(
            [("term", .string(term.term.rawValue)), ("value", .string(term.value)), ("note", JSON(term.note))]
                + JSON.source(term.source, term.sourceKind, term.verifiedOn))
    }

    private static func csfAnswer(_ answer: CSFRecordedAnswer) -> JSON {
        .object(
            [("criterion", .string(answer.criterion)), ("rung", .int(answer.rung)), ("note", JSON(answer.note))]
                + JSON.source(answer.source, answer.sourceKind, answer.verifiedOn))
    }

    private static func entity(_ entity: Entity) -> JSON {
        .object(
            [
                ("id", .string(entity.id)), ("name", .string(entity.name)), ("kind", .string(entity.kind.rawValue)),
                ("country", JSON(entity.country)), ("note", JSON(entity.note)),
            ] + JSON.source(entity.source, entity.sourceKind, entity.verifiedOn))
    }

    private static func holding(_ holding: Holding) -> JSON {
        let edge = holding.ownership
        return .object(
            [
                ("owner", entity(holding.owner)), ("capitalPercent", JSON(edge.capitalPercent)),
                ("votingPercent", JSON(edge.votingPercent)), ("vetoRight", JSON(edge.vetoRight)),
                ("boardMajorityRight", JSON(edge.boardMajorityRight)), ("asOf", JSON(edge.asOf)),
                ("note", JSON(edge.note)),
            ] + JSON.source(edge.source, edge.sourceKind, edge.verifiedOn))
    }

    /// An offer; with `models`, every service model it has (`serviceModels`).
    private static func offer(_ offer: Offer, models: [ServiceModel]? = nil) -> JSON {
        .object(
            [
                ("id", .string(offer.id)), ("name", .string(offer.name)), ("serviceModel", JSON(offer.serviceModel)),
            ] + (models.map { [("serviceModels", JSON($0.map(\.rawValue)))] } ?? []) + [
                ("runsOnOfferId", JSON(offer.runsOnOfferId)), ("adminCountry", JSON(offer.adminCountry)),
                ("note", JSON(offer.note)),
            ] + JSON.source(offer.source, offer.sourceKind, offer.verifiedOn))
    }

    private static func attestation(_ detail: AttestationDetail) -> JSON {
        guard case .object(let members) = JSON.evidence(detail.evidence) else { return .null }
        return .object(members + [("offers", JSON(detail.offers)), ("inForce", .bool(detail.inForce))])
    }

    private static func transparency(_ row: HDSTransparency) -> JSON {
        .object(
            [
                ("id", .string(row.id)), ("actor", .string(row.actor)), ("role", .string(row.role.rawValue)),
                ("hdsCertified", JSON(row.hdsCertified)), ("secnumcloud32", JSON(row.secnumcloud32)),
                ("activities", JSON(row.activities)), ("exigence29", JSON(row.exigence29)),
                ("accessFromOutsideEEA", JSON(row.accessFromOutsideEEA)), ("exigence30", JSON(row.exigence30)),
                ("exigence30Text", JSON(row.exigence30Text)), ("offer", JSON(row.offerId)),
                ("withdrawnOn", JSON(row.withdrawnOn)), ("note", JSON(row.note)),
            ] + JSON.source(row.source, row.sourceKind, row.verifiedOn) + [("copySha256", JSON(row.copySha256))])
    }

    private static func listing(_ detail: ListingDetail) -> JSON {
        guard case .object(let members) = JSON.listing(detail.listing) else { return .null }
        return .object(members + [("offers", JSON(detail.offers))])
    }

    // MARK: - Text

    private var text: String {
        switch sheet {
        case .provider(let p): providerText(p)
        case .offer(let o): offerText(o)
        }
    }

    private func providerText(_ p: ProviderFactSheet) -> String {
        let provider = p.provider
        var lines = ["\(provider.name) (provider \(provider.id))"]
        let country = p.hqCountry.map {
            "\($0.code), \($0.name)\($0.eu ? " (EU)" : $0.eea ? " (EEA, not EU)" : " (not EU)")"
        }
        lines += fields([
            ("Legal name", provider.legalName ?? "unknown"), ("Headquarters", country ?? "unknown"),
            ("SIREN", provider.siren ?? "unknown"),
            ("Aliases", p.aliases.isEmpty ? "-" : p.aliases.joined(separator: ", ")),
            ("Website", provider.website ?? "unknown"), ("Note", provider.note ?? "-"),
            ("Source", Describe.citation(provider.source, provider.sourceKind, provider.verifiedOn)),
        ])
        lines += ownerLines(p)
        lines.append("")
        lines.append("Offers (\(p.offers.count))")
        var offers = TextTable()
        offers.headers = ["  ID", "MODEL", "NAME"]
        for offer in p.offers {
            offers.append(["  " + offer.id, offer.serviceModel?.rawValue ?? "unknown", offer.name])
        }
        if !p.offers.isEmpty { lines += offers.lines }
        lines.append("")
        lines.append("Sites (\(p.sites.count))")
        var sites = TextTable()
        sites.headers = ["  ID", "COUNTRY", "CITY", "NAME"]
        for site in p.sites.map(\.site) {
            sites.append(["  " + site.id, site.country ?? "unknown", site.city ?? "unknown", site.name ?? "-"])
        }
        if !p.sites.isEmpty { lines += sites.lines }
        lines += attestationLines(p.attestations)
        lines += listingLines(p.listings)
        lines += transparencyLines(p.transparency)
        return terminalText(lines)
    }

    /// The provider's legal entity and its direct holders, with their shares and sources.
    private func ownerLines(_ p: ProviderFactSheet) -> [String] {
        guard let entity = p.entity else { return [] }
        var lines = ["", "Owners of \(entity.name) (\(entity.id), \(entity.country ?? "country unknown"))"]
        if p.owners.isEmpty { lines.append("  unknown") }
        for holding in p.owners {
            let edge = holding.ownership
            let capital = edge.capitalPercent.map { "\(percent($0)) of capital" } ?? "capital share unknown"
            let votes = edge.votingPercent.map { "\(percent($0)) of votes" } ?? "voting share unknown"
            let asOf = edge.asOf.map { " as of \($0)" } ?? ""
            lines.append(
                "  \(holding.owner.name) (\(holding.owner.kind.rawValue), \(holding.owner.country ?? "country unknown")): "
                    + "\(capital), \(votes)\(asOf). \(edge.note ?? "")")
            lines.append("    " + Describe.source(edge.source, edge.sourceKind, edge.verifiedOn))
        }
        return lines
    }

    /// The HDS 2024 transparency table: who does what, with which certification.
    private func transparencyLines(_ rows: [HDSTransparency]) -> [String] {
        guard !rows.isEmpty else { return [] }
        var lines = ["", "HDS 2024 transparency table (\(rows.count))"]
        let answer = { (value: Bool?) in value.map { $0 ? "yes" : "no" } ?? "unknown" }
        for row in rows {
            let activities =
                row.activities.isEmpty ? "unknown" : row.activities.map(String.init).joined(separator: ", ")
            let exigence30 = answer(row.exigence30) + (row.exigence30Text.map { " (« \($0) »)" } ?? "")
            lines.append(
                "  \(row.actor) (\(row.role.rawValue))\(row.offerId.map { ", for offer \($0)" } ?? ""): "
                    + "HDS \(row.hdsCertified?.rawValue ?? "unknown"), "
                    + "SecNumCloud 3.2 \(answer(row.secnumcloud32)), activities \(activities); "
                    + "exigence 29: \(row.exigence29 ?? "unknown"); exigence 30: \(exigence30)"
                    + (row.withdrawnOn.map { "; withdrawn on \($0)" } ?? ""))
            if let note = row.note { lines.append("    \(note)") }
            lines.append(
                "    " + Describe.source(row.source, row.sourceKind, row.verifiedOn)
                    + (row.copySha256.map { "; copy \($0) (registry archive export)" } ?? ""))
        }
        return lines
    }

    private func offerText(_ o: OfferFactSheet) -> String {
        let offer = o.offer
        var lines = ["\(offer.name) (offer \(offer.id))"]
        lines += fields([
            ("Provider", "\(o.provider.name) (\(o.provider.id)), headquarters \(o.provider.hqCountry ?? "unknown")"),
            (
                "Service model",
                o.serviceModels.isEmpty ? "unknown" : o.serviceModels.map(\.rawValue).joined(separator: ", ")
            ),
            ("Aliases", o.aliases.isEmpty ? "-" : o.aliases.joined(separator: ", ")),
            ("Runs on", o.runsOn.map { "\($0.name) (\($0.id))" } ?? "-"),
            ("Underpins", o.underpins.isEmpty ? "-" : o.underpins.map(\.id).joined(separator: ", ")),
            ("Administered from", offer.adminCountry ?? "unknown"),
            ("Note", offer.note ?? "-"),
            ("Source", Describe.citation(offer.source, offer.sourceKind, offer.verifiedOn)),
        ])
        lines.append("")
        lines.append("Hosting (\(o.hosting.count))")
        if o.hosting.isEmpty { lines.append("  unknown") }
        for hosting in o.hosting {
            let site = hosting.site
            let place = [site.city, site.country].compactMap { $0 }.joined(separator: ", ")
            let union =
                hosting.eu == true ? " (EU)" : hosting.eea == true ? " (EEA)" : hosting.eu == false ? " (not EU)" : ""
            lines.append(
                "  \(site.id): \(site.name ?? site.code), \(place.isEmpty ? "location unknown" : place)\(union)"
                    + (site.role.map { ", \($0.rawValue) site" } ?? ""))
        }
        lines += attestationLines(o.attestations)
        lines += listingLines(o.listings)
        if !o.terms.isEmpty || !o.csfAnswers.isEmpty {
            lines += ["", "Sovereignty terms and CSF answers recorded (\(o.terms.count + o.csfAnswers.count))"]
            for term in o.terms {
                lines.append(
                    "  \(term.term.rawValue): \(term.value). "
                        + Describe.source(term.source, term.sourceKind, term.verifiedOn))
            }
            for answer in o.csfAnswers {
                lines.append(
                    "  CSF \(answer.criterion): rung \(answer.rung)\(answer.note.map { " (\($0))" } ?? ""). "
                        + Describe.source(answer.source, answer.sourceKind, answer.verifiedOn))
            }
        }
        return terminalText(lines)
    }

    private func attestationLines(_ attestations: [AttestationDetail]) -> [String] {
        var lines = ["", "Attestations (\(attestations.count); * in force on \(day))"]
        for detail in attestations {
            let scope =
                switch detail.evidence.attestation.scope {
                case .provider: "covers every offer of the provider"
                case .offers: "covers " + detail.offers.joined(separator: ", ")
                case .unspecified: "offers covered unknown"
                }
            lines.append("  \(detail.inForce ? "*" : " ") \(Describe.evidence(detail.evidence))")
            lines.append("      Scope: \(scope).")
            if let note = detail.evidence.attestation.note { lines.append("      Note: \(note)") }
        }
        return lines
    }

    private func listingLines(_ listings: [ListingDetail]) -> [String] {
        var lines = ["", "Catalogue listings (\(listings.count))"]
        for detail in listings {
            lines.append("  \(Describe.listing(detail.listing))")
            if let note = detail.listing.listing.note { lines.append("      Note: \(note)") }
        }
        return lines
    }

    private func fields(_ pairs: [(String, String)]) -> [String] {
        let width = pairs.map(\.0.count).max() ?? 0
        return pairs.map { "  " + $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
    }

    private func percent(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) %" : "\(value) %"
    }
}

extension String {
    package var trimmingTrailingNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
