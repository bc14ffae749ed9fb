/// A sentence the registry composes — a test's title and explanation, a cited fact, why an offer was left out, a
/// warning — in both languages its readers use: English for the command line, JSON and receipts (as they have
/// always read), French for the web page's default reader. Both are written where the sentence is made, so that
/// neither can be forgotten; names, codes, ids and what a source wrote are the same in both.
public struct Phrase: Hashable, Sendable, CustomStringConvertible {
    public var english: String
    /// With plain spaces before « : ; ? ! »: the page sets French typography (`Words.phrase`).
    public var french: String

    public init(_ english: String, fr french: String) {
        self.english = english
        self.french = french
    }

    /// A text that reads the same in both: a name, a code, a source's words.
    public init(same text: String) {
        self.init(text, fr: text)
    }

    public var description: String { english }

    public static func + (left: Phrase, right: Phrase) -> Phrase {
        Phrase(left.english + right.english, fr: left.french + right.french)
    }

    /// The phrases one after another, `separator` between them (« ; » spaced in French).
    public static func joined(_ phrases: [Phrase], separator: String) -> Phrase {
        let french = separator.hasPrefix(";") ? " " + separator : separator
        return Phrase(
            phrases.map(\.english).joined(separator: separator), fr: phrases.map(\.french).joined(separator: french))
    }

    /// A number as French writes it: a decimal comma (« 87,5 % »).
    public static func frenchNumber(_ text: String) -> String {
        String(text.map { $0 == "." ? "," : $0 })
    }
}

extension Day {
    private static let frenchMonths = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
        "décembre",
    ]

    /// « 1er décembre 2026 », « 6 décembre 2026 »: how French prose writes a day.
    public var french: String {
        "\(day == 1 ? "1er" : String(day)) \(Self.frenchMonths[month - 1]) \(year)"
    }

    /// The day as each language's prose writes it (the English keeps the ISO form the command line prints).
    public var phrase: Phrase { Phrase(description, fr: french) }
}

/// Facts several tests cite in the same words.
extension Phrase {
    /// « Paris 1 in FR », « Paris 1 en FR ».
    static func site(_ name: String, _ country: String?) -> Phrase {
        Phrase(
            "\(name) in \(country ?? "an unknown country")",
            fr: country.map { "\(name), pays \($0)" } ?? "\(name), pays inconnu")
    }

    static func administered(from country: String) -> Phrase {
        Phrase("administered from \(country)", fr: "administrée depuis \(country)")
    }

    /// « secnumcloud 3.2 qualified », and the fact that outranks it when one does.
    static func attestation(_ a: Attestation, supersededBy winner: Attestation? = nil) -> Phrase {
        let head = "\(a.schemeId) \(a.version ?? "")"
        var phrase = Phrase("\(head) \(a.status.rawValue)", fr: "\(head) \(a.status.french)")
        if let winner {
            phrase =
                phrase
                + Phrase(
                    "; superseded by \(winner.id) (\(winner.sourceKind.words))",
                    fr: "; supplantée par \(winner.id) (\(winner.sourceKind.french))")
        }
        return phrase
    }
}

extension AttestationStatus {
    /// The status as French prose writes it of a qualification or a certification.
    public var french: String {
        switch self {
        case .inProgress: "en cours d'évaluation"
        case .qualified: "qualifiée"
        case .certified: "certifiée"
        case .suspended: "suspendue"
        case .withdrawn: "retirée"
        case .expired: "expirée"
        }
    }
}

extension SourceKind {
    public var french: String {
        switch self {
        case .officialList: "liste officielle"
        case .providerStatement: "déclaration du fournisseur"
        case .press: "presse"
        case .researchNote: "note de recherche"
        }
    }
}

extension TestResult {
    public var french: String {
        switch self {
        case .pass: "satisfait"
        case .fail: "échec"
        case .unknown: "inconnu"
        }
    }
}
