import Foundation
import RegistryCore

/// A query receipt for the procurement file: the question, the registry's state, the answer with its
/// evidence, and SHA-256 checksums. It is an integrity check, not a signature: `verify-receipt` re-runs
/// the query as of the receipt's time and compares.
struct Receipt {
    static let kind = "registry-query-receipt"

    /// Writes the receipt of `answer`, issued at `moment`.
    static func make(answer: QueryAnswer, moment: Moment, status: RegistryStatus) -> String {
        let results = JSON.array(answer.matches.map(JSON.match))
        let registry = JSON.object([
            ("schemaVersion", .string(status.schemaVersion)),
            (
                "lastImports",
                .array(
                    status.sources.compactMap { source in
                        source.lastRun.map { run in
                            .object([
                                ("source", .string(source.source)), ("runId", run.id.map { .int(Int($0)) } ?? .null),
                                ("endedAt", JSON(run.endedAt)), ("sha256", JSON(run.sha256)),
                            ])
                        }
                    })
            ),
        ])
        let body = JSON.object([
            ("receipt", .string(kind)), ("version", .int(1)), ("question", .string(question(answer.criteria))),
            ("criteria", .criteria(answer.criteria)), ("validOn", .string(answer.criteria.validOn.description)),
            ("issuedAt", .string(moment.timestamp)), ("registry", registry),
            ("dataSha256", .string(digest(results.serialized()))), ("count", .int(answer.matches.count)),
            ("results", results),
        ]).serialized()
        // The checksum covers every byte before it; it is the last member.
        return String(body.dropLast(2)) + ",\n  \"sha256\": \"\(digest(body))\"\n}\n"
    }

    static func digest(_ text: String) -> String {
        var hash = SHA256()
        hash.update(Array(text.utf8))
        return hash.hexDigest()
    }

    /// Whether the receipt's bytes still give its checksum.
    static func intact(_ text: String) -> Bool {
        guard let marker = text.range(of: ",\n  \"sha256\": \"", options: .backwards) else { return false }
        let claimed = text[marker.upperBound...].prefix(64)
        return digest(String(text[..<marker.lowerBound]) + "\n}") == claimed
            && text[marker.upperBound...].dropFirst(64).hasPrefix("\"\n}")
    }

    /// The question in plain French, for the procurement file.
    static func question(_ criteria: OfferCriteria) -> String {
        var parts: [String] = []
        if criteria.secnumcloud {
            parts.append(
                "qualifiées SecNumCloud" + (criteria.includeInProgress ? " (qualifications en cours comprises)" : ""))
        }
        if criteria.hds || !criteria.hdsActivities.isEmpty {
            let activities =
                criteria.hdsActivities.isEmpty
                ? "" : " pour les activités " + criteria.hdsActivities.map(String.init).joined(separator: ", ")
            parts.append("certifiées HDS\(activities)")
        }
        parts += criteria.schemes.map { "certifiées \($0)" }
        parts += criteria.catalogues.map { "référencées au catalogue \($0.uppercased())" }
        if let place = criteria.hostedIn {
            parts.append(
                place == "EU"
                    ? "hébergeant les données dans l'Union européenne"
                    : place == "EEA"
                        ? "hébergeant les données dans l'Espace économique européen"
                        : "hébergeant les données dans le pays \(place)")
        }
        if !criteria.serviceModels.isEmpty {
            parts.append(
                "de modèle " + criteria.serviceModels.map { $0.rawValue.uppercased() }.joined(separator: " ou "))
        }
        if let provider = criteria.providerId { parts.append("du fournisseur \(provider)") }
        if let search = criteria.search { parts.append("dont le nom contient « \(search) »") }
        if criteria.euHQ { parts.append("dont le prestataire a son siège dans l'Union européenne") }
        if criteria.immune {
            parts.append("dont le prestataire est immunisé contre le droit extra-européen (SecNumCloud 3.2 §19.6)")
        }
        if criteria.sovereign {
            parts.append(
                "souveraines (prestataire immunisé, données localisées et administrées dans l'Union européenne, §19.2)")
        }
        let day = String(format: "%02d/%02d/%04d", criteria.validOn.day, criteria.validOn.month, criteria.validOn.year)
        let profile = criteria.profile.map { ", selon le profil « \($0) »" } ?? ""
        let body = parts.isEmpty ? "sont enregistrées" : "sont " + parts.joined(separator: ", ")
        let leads = criteria.includeLeads ? " (pistes de notes de recherche comprises)" : ""
        return "Quelles offres d'informatique en nuage \(body) au \(day)\(profile)\(leads) ?"
    }
}

extension OfferCriteria {
    /// The criteria a receipt recorded.
    init(receipt criteria: [String: Any], validOn: Day) {
        self.init(validOn: validOn)
        secnumcloud = criteria["secnumcloud"] as? Bool ?? false
        hds = criteria["hds"] as? Bool ?? false
        hdsActivities = criteria["hdsActivities"] as? [Int] ?? []
        schemes = criteria["certifications"] as? [String] ?? []
        catalogues = criteria["catalogues"] as? [String] ?? []
        hostedIn = criteria["hostedIn"] as? String
        serviceModels = (criteria["serviceModels"] as? [String] ?? []).compactMap(ServiceModel.init)
        providerId = criteria["provider"] as? String
        search = criteria["search"] as? String
        includeInProgress = criteria["includeInProgress"] as? Bool ?? false
        includeLeads = criteria["includeLeads"] as? Bool ?? false
        euHQ = criteria["euHq"] as? Bool ?? false
        immune = criteria["immune"] as? Bool ?? false
        sovereign = criteria["sovereign"] as? Bool ?? false
        includeUnknown = criteria["includeUnknown"] as? Bool ?? false
        // The receipt records the profile's expanded criteria: the name is informative only.
    }
}
