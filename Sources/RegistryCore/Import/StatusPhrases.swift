/// The status cell of an official list, read as a whole phrase.
///
/// A phrase is folded (case, accents and punctuation ignored: « Qualification retirée » reads
/// "qualification retiree") and must then be one of the table's phrases exactly. Nothing is matched by
/// substring: « Non qualifié » contains « qualifié » and means the opposite. A phrase outside the table is
/// a rejected row (a wrong yes is the worst failure an import can have). The tables are printed in
/// docs/import-formats.md, and a test keeps the two in step.
public struct StatusPhrase: Hashable, Sendable {
    /// The status stored.
    public var status: AttestationStatus
    /// The SecNumCloud milestone, for a service in qualification.
    public var milestone: Milestone?
    /// What the list said beyond the status, kept in the fact's note: « formerly at J2 », « the list says
    /// not qualified ».
    public var note: String?

    /// ANSSI's SecNumCloud catalogue and in-qualification list.
    public static let secNumCloud = Vocabulary(
        granted: ("qualified", ["qualifie", "qualifiee", "qualified"]),
        notGranted: ["non qualifie", "non qualifiee", "not qualified", "pas qualifie"],
        inProgress: [
            "en cours", "qualification en cours", "en cours de qualification", "in progress",
            "qualification in progress", "en qualification",
        ],
        suspended: ["suspendu", "suspendue", "qualification suspendue", "suspended"],
        withdrawn: ["retire", "retiree", "qualification retiree", "withdrawn"],
        expired: ["expire", "expiree", "qualification expiree", "expired", "echue", "qualification echue"],
        grantedStatus: .qualified, milestones: true)

    /// The ANS list of HDS-certified hosts.
    public static let hds = Vocabulary(
        granted: ("certified", ["certifie", "certifiee", "certified"]),
        notGranted: ["non certifie", "non certifiee", "not certified", "pas certifie"],
        inProgress: [
            "en cours", "en cours de certification", "certification en cours", "in progress",
            "certification in progress",
        ],
        suspended: ["suspendu", "suspendue", "certificat suspendu", "certification suspendue", "suspended"],
        withdrawn: ["retire", "retiree", "certificat retire", "certification retiree", "withdrawn"],
        expired: ["expire", "expiree", "certificat expire", "certification expiree", "expired", "echu"],
        grantedStatus: .certified, milestones: false)

    /// One list's status phrases and what each means.
    public struct Vocabulary: Sendable {
        /// Every accepted phrase (folded) and its meaning, in the order the documentation prints them.
        public let phrases: [(phrase: String, meaning: StatusPhrase)]
        private let byPhrase: [String: StatusPhrase]
        private let milestones: Bool

        init(
            granted: (String, [String]), notGranted: [String], inProgress: [String], suspended: [String],
            withdrawn: [String], expired: [String], grantedStatus: AttestationStatus, milestones: Bool
        ) {
            var phrases: [(String, StatusPhrase)] = granted.1.map { ($0, StatusPhrase(status: grantedStatus)) }
            phrases += notGranted.map {
                // The schema has no « never granted » status: withdrawn is the one that never counts and that
                // an official list's later « qualifié » reinstates.
                ($0, StatusPhrase(status: .withdrawn, note: "the list says « not \(granted.0) »"))
            }
            phrases += inProgress.map { ($0, StatusPhrase(status: .inProgress)) }
            var ended: [(String, StatusPhrase)] = []
            ended += suspended.map { ($0, StatusPhrase(status: .suspended)) }
            ended += withdrawn.map { ($0, StatusPhrase(status: .withdrawn)) }
            ended += expired.map { ($0, StatusPhrase(status: .expired)) }
            phrases += ended
            if milestones {
                for milestone in Milestone.allCases {
                    let code = milestone.rawValue.lowercased()
                    let meaning = StatusPhrase(status: .inProgress, milestone: milestone)
                    phrases.append((code, meaning))
                    phrases += inProgress.map { ("\($0) \(code)", meaning) }
                    phrases += ended.map { phrase, status in
                        (
                            "\(phrase) anciennement \(code)",
                            StatusPhrase(status: status.status, note: "formerly at milestone \(milestone.rawValue)")
                        )
                    }
                }
            }
            self.phrases = phrases
            self.byPhrase = Dictionary(phrases, uniquingKeysWith: { first, _ in first })
            self.milestones = milestones
        }

        /// What `text` means, or nil when it is not one of the phrases. A mark folding would erase — a footnote
        /// or doubt sign (« Qualifié* », « Qualifié † », « Qualifié (*) », « Qualifié ? », « Qualifié¹ ») — makes
        /// it none: such a phrase is never read as a plain grant.
        public func read(_ text: String) -> StatusPhrase? {
            guard !StatusPhrase.hasMark(text) else { return nil }
            return byPhrase[StatusPhrase.fold(text)]
        }

        /// The accepted phrases as a short list for an error message: « qualifié, non qualifié, … ».
        public var summary: String {
            let granted = milestones ? "qualifié" : "certifié"
            var words = [granted, "non \(granted)", milestones ? "en cours" : "en cours de certification"]
            if milestones { words += ["J0", "J1", "J2", "J3", "en cours (J1)"] }
            words += ["suspendu", "retiré", "expiré"]
            if milestones { words.append("retiré (anciennement J2)") }
            return words.joined(separator: ", ")
        }
    }

    init(status: AttestationStatus, milestone: Milestone? = nil, note: String? = nil) {
        self.status = status
        self.milestone = milestone
        self.note = note
    }

    /// Whether the text holds a character none of the phrases has: anything but letters, ASCII digits, spaces
    /// and the punctuation of « Retiré (anciennement J2) », « en cours (J1) ».
    static func hasMark(_ text: String) -> Bool {
        text.contains { character in
            !(character.isLetter || character.isWhitespace || (character.isASCII && character.isNumber)
                || "'’-().,:".contains(character))
        }
    }

    /// Lower case, no accents, every run of punctuation and spaces one space: « Retiré (anciennement J2) » →
    /// "retire anciennement j2".
    static func fold(_ text: String) -> String {
        SearchText.words(text)
    }
}
