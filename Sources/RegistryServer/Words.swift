import Foundation

/// The page's language: French for the public buyers it serves, English on request.
enum Language: String, Sendable {
    case fr, en

    /// `?lang=` first, then the first of `Accept-Language` that the desk speaks, else French.
    init(parameter: String?, acceptLanguage: String?) {
        if let parameter, let language = Language(rawValue: parameter.lowercased()) {
            self = language
            return
        }
        let preferred = (acceptLanguage ?? "").split(separator: ",").compactMap {
            $0.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased().prefix(2)
        }
        self = preferred.compactMap { Language(rawValue: String($0)) }.first ?? .fr
    }
}

/// The words of the page chrome, by key, in both languages (the facts' words: `FactWords.swift`). What the
/// sources wrote stays as they wrote it.
struct Words {
    let language: Language

    subscript(_ key: String) -> String {
        guard let pair = Self.table[key] else { return key }
        return language == .fr ? Self.frenchTypography(pair.fr) : pair.en
    }

    /// A regulation profile's name in the page's language, or as the profile table gives it.
    func profileName(id: String, stored: String) -> String {
        Self.table["profile:\(id)"] == nil ? stored : self["profile:\(id)"]
    }

    /// Every word of the chrome, as a template reads them (`{{w.search}}`).
    var all: [String: String] { Self.table.mapValues { language == .fr ? Self.frenchTypography($0.fr) : $0.en } }

    static let table: [String: (fr: String, en: String)] = [
        "title": ("Registre des offres d'informatique en nuage", "Registry of cloud offers"),
        // Each language's typography: French puts a no-break space before « : » and a narrow one before « ; ».
        "colon": ("\u{00A0}:", ":"),
        "semicolon": ("\u{202F};", ";"),
        "to": ("à", "to"),
        "skip": ("Aller au contenu", "Skip to content"),
        "nav": ("Navigation principale", "Main navigation"),
        "offers": ("Offres", "Offers"),
        "expiring": ("Échéances", "Expiring"),
        "history": ("Historique", "History"),
        "sources": ("Sources", "Sources"),
        "otherLanguage": ("English", "Français"),
        "searchLabel": ("Nom d'un fournisseur ou d'une offre", "Name of a provider or an offer"),
        "validOn": ("En vigueur le", "Valid on"),
        "asOf": ("Tel que connu au", "As known at"),
        "apply": ("Appliquer", "Apply"),
        "facets": ("Filtres", "Filters"),
        "qualifications": ("Qualifications et certifications", "Qualifications and certifications"),
        "hdsActivities": ("Activités HDS", "HDS activities"),
        "catalogues": ("Centrales d'achat", "Purchasing catalogues"),
        "hostedIn": ("Hébergement", "Hosting"),
        "model": ("Modèle de service", "Service model"),
        "provider": ("Fournisseur", "Provider"),
        "profile": ("Profil réglementaire", "Regulation profile"),
        "options": ("Options", "Options"),
        "inProgress": ("Compter les qualifications en cours", "Count qualifications in progress"),
        "leads": ("Compter les pistes (notes de recherche)", "Count leads (research notes)"),
        "whyNot": ("Expliquer les offres écartées", "Explain the offers left out"),
        "activity": ("Activité", "Activity"),
        "results": ("Résultats", "Results"),
        "noResult": ("Aucune offre ne répond à tous les critères.", "No offer meets every criterion."),
        "evidence": ("Preuves", "Evidence"),
        "hosting": ("Hébergement", "Hosting"),
        "listedIn": ("Référencée", "Listed"),
        "excluded": ("Offres écartées", "Offers left out"),
        "fails": ("échoue", "fails"),
        "unknownWord": ("inconnu", "unknown"),
        "clear": ("Tout effacer", "Clear all"),
        "downloads": ("Exporter", "Export"),
        "receipt": ("Reçu signé (JSON)", "Signed receipt (JSON)"),
        "procurement": ("Pour le dossier d'achat", "For the procurement file"),
        "question": ("Question", "Question"),
        "day": ("Jour", "Day"),
        "keyFingerprint": ("Empreinte de la clé du reçu", "Receipt key fingerprint"),
        "noKey": (
            "aucune clé de signature : lancez `registry key` sur le poste du bureau",
            "no signing key: run `registry key` on the desk's machine"
        ),
        "chainHead": ("Tête de la chaîne d'historique", "History chain head"),
        "print": ("Imprimer", "Print"),
        "printHint": ("Pour imprimer : Ctrl+P.", "To print: Ctrl+P."),
        "assess": ("Évaluation de souveraineté", "Sovereignty assessment"),
        "feed": ("Flux Atom des changements", "Atom feed of changes"),
        "owners": ("Chaîne de détention", "Ownership chain"),
        "nonEU": ("hors UE", "non-EU"),
        "attestations": ("Qualifications et certifications", "Qualifications and certifications"),
        "timeline": ("Chronologie", "Timeline"),
        "inForce": ("en vigueur", "in force"),
        "notInForce": ("pas en vigueur", "not in force"),
        "offersOf": ("Offres", "Offers"),
        "sites": ("Sites", "Sites"),
        "listings": ("Référencements", "Listings"),
        "legalName": ("Raison sociale", "Legal name"),
        "headquarters": ("Siège", "Headquarters"),
        "website": ("Site web", "Website"),
        "source": ("Source", "Source"),
        "immune": ("Immunité au droit extra-européen", "Immunity to non-EU law"),
        "sovereign": ("Souveraineté", "Sovereignty"),
        "csf": (
            "Niveaux SEAL du cadre européen de souveraineté du nuage (CSF)",
            "SEAL levels of the EU Cloud Sovereignty Framework (CSF)"
        ),
        "csfDisclaimer": (
            "Niveau indicatif calculé par le registre à partir des faits cités ; ce n'est pas une évaluation de la Commission européenne.",
            "Indicative level computed by the registry from the facts cited; not an assessment by the European Commission."
        ),
        "overall": ("Niveau global", "Overall"),
        "sealMin": (
            "Niveau SEAL minimal (CSF, indicatif, borne basse)", "Minimum SEAL level (CSF, indicative, lower bound)"
        ),
        "objective": ("Objectif", "Objective"),
        "rung": ("échelon", "rung"),
        "score": (
            "Score (inconnus comptés 0 ; maximum encore possible)", "Score (unknowns counted 0; highest still possible)"
        ),
        "settle": ("à établir", "would settle it"),
        "unknownCriteria": ("inconnus", "unknown"),
        "within": ("Dans les jours à venir", "Within days"),
        "endsOn": ("Fin", "Ends"),
        "daysLeft": ("Jours restants", "Days left"),
        "what": ("Quoi", "What"),
        "status": ("Statut", "Status"),
        "changedAt": ("Date", "Date"),
        "change": ("Changement", "Change"),
        "run": ("Import", "Run"),
        "lastImport": ("Dernier import", "Last import"),
        "age": ("Âge (jours)", "Age (days)"),
        "never": ("jamais", "never"),
        "stale": ("périmé", "stale"),
        "publications": ("Publications lues chaque nuit", "Publications read every night"),
        "newestEdition": ("dernière édition lue :", "newest edition read:"),
        "lastSuccess": ("dernière lecture réussie :", "last successful fetch:"),
        "lastChange": ("dernier changement :", "last change:"),
        "editions": ("Éditions des listes officielles", "Editions of the official lists"),
        "error": ("Requête refusée", "Request refused"),
        "notFound": ("Page introuvable", "Page not found"),
        "kind": ("Nature", "Kind"),
        "warning": ("Alerte", "Warning"),
        "tableRows": ("Lignes par table", "Rows per table"),
        "decision": ("décision ANSSI", "ANSSI decision"),
        "pages": ("Pages de résultats", "Result pages"),
        "page": ("Page", "Page"),
        "previous": ("précédente", "previous"),
        "next": ("suivante", "next"),
        "certificate": ("certificat", "certificate"),
        "activities": ("activités", "activities"),
        "activitiesUnknown": ("activités inconnues", "activities unknown"),
        "from": ("du", "from"),
        "until": ("au", "until"),
        "endUnknown": ("fin inconnue", "expiry unknown"),
        "supersedes": ("supplante", "supersedes"),
        "kind:attestation": ("attestation", "attestation"),
        "kind:listing": ("référencement", "listing"),
        "schema": ("Schéma", "Schema"),
        "assessedByPerson": ("répondu par une personne", "assessed by a person"),
        "result:pass": ("SATISFAIT", "PASS"),
        "result:fail": ("ÉCHEC", "FAIL"),
        "result:unknown": ("INCONNU", "UNKNOWN"),
        // The shipped profiles' names (a profile added to the table shows its own name).
        "profile:health": ("Données de santé à caractère personnel", "Personal health data"),
        "profile:sensitive": ("Données sensibles de l'État", "Sensitive State data"),
        "profile:sensitive-health": (
            "Données sensibles de l'État qui sont aussi des données de santé",
            "Sensitive State data that are also health data"
        ),
    ]
}
