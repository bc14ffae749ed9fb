import Foundation
import RegistryCore

/// The receipt's words: the question a receipt answers, in plain French for the procurement file.
package enum Receipt {
    /// The question in plain French, for the procurement file.
    package static func question(_ criteria: OfferCriteria) -> String {
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
        if let level = criteria.sealMin {
            parts.append(
                "atteignant au moins SEAL-\(level) sur chaque objectif du cadre européen de souveraineté du nuage "
                    + "(niveau indicatif calculé par le registre à partir des faits cités, borne basse)")
        }
        let day = String(format: "%02d/%02d/%04d", criteria.validOn.day, criteria.validOn.month, criteria.validOn.year)
        let profile = criteria.profile.map { ", selon le profil « \($0) »" } ?? ""
        let body = parts.isEmpty ? "sont enregistrées" : "sont " + parts.joined(separator: ", ")
        let leads = criteria.includeLeads ? " (pistes de notes de recherche comprises)" : ""
        return "Quelles offres d'informatique en nuage \(body) au \(day)\(profile)\(leads) ?"
    }
}
