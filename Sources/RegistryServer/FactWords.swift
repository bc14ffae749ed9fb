import RegistryCore

/// The registry's facts in the page's language: days, statuses, source kinds, notices and listings. What the
/// sources wrote (names, titles, markets) stays as they wrote it.
extension Words {
    private static let englishMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

    /// « 1er décembre 2026 » (`Day.french`, as the registry's own sentences write it), « 1 December 2026 ».
    func date(_ day: Day) -> String {
        language == .fr ? day.french : "\(day.day) \(Self.englishMonths[day.month - 1]) \(day.year)"
    }

    func date(_ day: Day?) -> String { day.map(date) ?? self["unknownWord"] }

    /// « qualifié (J1) depuis le 17 novembre 2025 », « in progress (J1) since 17 November 2025 ».
    func status(_ a: Attestation) -> String {
        let fr: String =
            switch a.status {
            case .inProgress: "en cours d'évaluation"
            case .qualified: "qualifié"
            case .certified: "certifié"
            case .suspended: "suspendu"
            case .withdrawn: "retiré"
            case .expired: "expiré"
            }
        var text = language == .fr ? fr : a.status.rawValue.replacingOccurrences(of: "_", with: " ")
        if let milestone = a.milestone { text += " (\(milestone.rawValue))" }
        if let since = a.statusSince { text += language == .fr ? " depuis le \(date(since))" : " since \(date(since))" }
        return text
    }

    func kind(_ kind: SourceKind) -> String { language == .fr ? kind.french : kind.words }

    /// « (liste officielle ; vérifiée le 6 décembre 2026) » after a source.
    func citation(_ source: String, _ kind: SourceKind, _ verifiedOn: Day?) -> String {
        let verified =
            verifiedOn.map { language == .fr ? "vérifiée le \(date($0))" : "verified \(date($0))" }
            ?? (language == .fr ? "non vérifiée sur une liste officielle" : "not verified against an official list")
        return "\(source) (\(self.kind(kind))\(self["semicolon"]) \(verified))"
    }

    func notice(_ notice: Notice) -> String {
        guard language == .fr else { return english(notice) }
        let text: String =
            switch notice {
            case .notGrantedYet: "pas encore accordée : évaluation en cours"
            case .expiryUnknown: "échéance inconnue"
            case .hds2018(let end): "référentiel HDS 2018 : la transition vers HDS 2024 a pris fin le \(date(end))"
            case .referentialUnknown:
                "version du référentiel inconnue (seule la 3.2 porte les critères d'immunité du § 19.6)"
            case .referentialBefore32(let version):
                "référentiel \(version), antérieur aux critères d'immunité du § 19.6 (3.2)"
            case .leadOnly: "piste seulement : tirée d'une note de recherche"
            case .transcription(let via): "tirée d'une transcription, non vérifiée sur le document lui-même : \(via)"
            case .readInDocument(let edition, let page, let sha):
                "lue dans le document lui-même : \(edition ?? "édition inconnue")\(page.map { ", page \($0)" } ?? ""), "
                    + "copie SHA-256 \(sha)"
            case .decisionLink(let url): "lien de la décision : \(url)"
            case .supersededBy(let id, let kind): "supplantée par \(id) (\(self.kind(kind)))"
            case .conflict(let id, let kind, let differences):
                "désaccord : \(id) (\(self.kind(kind))) diffère sur \(differences.joined(separator: ", "))"
            case .withdrawnFromCatalogue(let day): "retirée du catalogue le \(date(day))"
            case .validityUnknown: "dates de validité inconnues"
            case .endUnknown: "date de fin inconnue"
            }
        return Self.frenchTypography(text)
    }

    /// A sentence the registry composed (an explanation, a cited fact, a warning) in the page's language.
    func phrase(_ phrase: Phrase) -> String {
        language == .fr ? Self.frenchTypography(phrase.french) : phrase.english
    }

    /// An expiring fact's status: an attestation's, or « listed ».
    func status(_ fact: ExpiringFact) -> String {
        guard language == .fr else { return fact.status.replacingOccurrences(of: "_", with: " ") }
        return AttestationStatus(rawValue: fact.status)?.french
            ?? (fact.status == "listed" ? "référencée" : fact.status)
    }

    /// « ended on … but still marked qualified », in the page's language.
    func staleWarning(_ fact: ExpiringFact) -> String {
        language == .fr
            ? "terminée le \(date(fact.endsOn)) mais toujours marquée \(status(fact))"
            : "ended on \(date(fact.endsOn)) but still marked \(status(fact))"
    }

    /// A decimal number the page writes: « 2,20 » in French.
    func number(_ text: String) -> String { language == .fr ? Phrase.frenchNumber(text) : text }

    /// French typography: a no-break space before « : » and a narrow one before « ; ».
    static func frenchTypography(_ text: String) -> String {
        text.replacingOccurrences(of: " :", with: "\u{00A0}:").replacingOccurrences(of: " ;", with: "\u{202F};")
    }

    /// English notices with the page's days (the command line's keep ISO days).
    private func english(_ notice: Notice) -> String {
        switch notice {
        case .hds2018(let end): "HDS 2018 referential: the transition to HDS 2024 ended on \(date(end))"
        case .withdrawnFromCatalogue(let day): "withdrawn from the catalogue on \(date(day))"
        default: notice.english
        }
    }

    /// A catalogue listing: its market, reference, lot and dates, then its notices and its source.
    func listing(_ item: CatalogueListing) -> String {
        let l = item.listing
        var parts = ["\(l.id)\(self["colon"]) \(l.catalogueId), \(l.market)"]
        if let reference = l.reference { parts.append("\(language == .fr ? "référence" : "reference") \(reference)") }
        if let intermediary = l.intermediary { parts.append("\(language == .fr ? "par" : "through") \(intermediary)") }
        if let lot = l.lot { parts.append("lot \(lot)") }
        if let from = l.validFrom { parts.append("\(self["from"]) \(date(from))") }
        if let until = l.validUntil { parts.append("\(self["until"]) \(date(until))") }
        parts += item.notices.map(notice)
        return parts.joined(separator: "\(self["semicolon"]) ") + ". \(self["source"])\(self["colon"]) "
            + citation(l.source, l.sourceKind, l.verifiedOn)
    }
}
