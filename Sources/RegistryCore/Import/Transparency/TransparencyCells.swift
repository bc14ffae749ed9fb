import Foundation

extension TransparencyPage {
    /// A data row read cell by cell; a cell that cannot be read refuses the page.
    static func row(_ cells: [Column: HTMLTable.Cell], place: String) throws(InputProblem) -> Row {
        var errors: [InputProblem] = []
        func text(_ column: Column) -> String? {
            guard let text = cells[column]?.text, !text.isEmpty else { return nil }
            return Cell.text(text)
        }
        let actor = Cell.required(text(.actor), column: Column.actor.rawValue, line: 0, into: &errors)
        let role = text(.role).flatMap(hostingRole)
        if role == nil {
            errors.append(
                InputProblem(
                    line: nil, column: Column.role.rawValue, value: text(.role),
                    message: "expected Hébergeur or Sous-traitant (Host or Subcontractor)"))
        }
        let hds = text(.hdsCertified).flatMap { text -> HDSCertification? in
            if SearchText.words(text).hasPrefix("exempt") { return .exempt }
            return Cell.yesNo(firstWord(text), column: Column.hdsCertified.rawValue, line: 0, into: &errors)
                .map { $0 ? .yes : .no }
        }
        let secnumcloud = text(.secnumcloud).flatMap {
            Cell.yesNo(firstWord($0), column: Column.secnumcloud.rawValue, line: 0, into: &errors)
        }
        let activities = Self.activities(cells[.activities]?.lines ?? [], into: &errors)
        // Exigences 29 and 30 are answered « Non, aucun accès … » or « Oui. Pays concernés … »: the first word
        // is the answer, the words are kept; another first word leaves the answer unknown.
        var ignored: [InputProblem] = []
        func answer(_ text: String?) -> Bool? {
            text.flatMap { Cell.yesNo(firstWord($0), column: "", line: 0, into: &ignored) }
        }
        guard let actor, let role, errors.isEmpty else {
            var problem = errors.first ?? InputProblem(line: nil, column: nil, value: nil, message: "unreadable row")
            (problem.record, problem.line) = (place, nil)
            throw problem
        }
        let marks = Column.allCases.flatMap { column in
            (cells[column]?.marks ?? []).map { "\(column.rawValue): note \($0)" }
        }
        return Row(
            place: place, actor: actor, role: role, hdsCertified: hds, secnumcloud32: secnumcloud,
            activities: activities, exigence29: text(.exigence29), accessFromOutsideEEA: answer(text(.exigence29)),
            exigence30: answer(text(.exigence30)), exigence30Text: text(.exigence30), marks: marks)
    }

    private static func hostingRole(_ text: String) -> HostingRole? {
        let words = " " + SearchText.words(text) + " "
        if words.contains(" sous traitant") || words.contains(" subcontractor") || words.contains(" sub contractor") {
            return .subcontractor
        }
        return words.contains(" hebergeur") || words.contains(" host ") ? .host : nil
    }

    /// « Oui. Pays concernés … » → « oui »; « Exempté » → « exempte ».
    private static func firstWord(_ text: String) -> String {
        String(SearchText.words(text).prefix { $0 != " " })
    }

    /// The activities (R.1111-9 of the Code de la santé publique) each line names: by its label where the
    /// line gives one — a host may number them otherwise than the decree —, else by its numbers (« 1° … 6° »,
    /// « 2, 3, 4, 6 », « 1 à 4 et 6 », « HDS-certified activities: 5 »). Empty: unknown.
    static func activities(_ lines: [String], into errors: inout [InputProblem]) -> [Int] {
        var result = Set<Int>()
        for line in lines {
            let folded = " " + SearchText.words(line) + " "
            let named = activityLabels.filter { _, phrases in phrases.contains { folded.contains(" \($0) ") } }.keys
            if !named.isEmpty {
                result.formUnion(named)
                continue
            }
            guard let numbers = numbers(in: line) else {
                errors.append(
                    InputProblem(
                        line: nil, column: Column.activities.rawValue, value: line,
                        message: "HDS activities are 1° to 6°; this cell names another number"))
                return []
            }
            result.formUnion(numbers)
        }
        return result.sorted()
    }

    /// Folded phrases that name each activity, in the decree's French and in hosts' English.
    static let activityLabels: [Int: [String]] = [
        1: ["sites physiques", "physical sites", "physical site"],
        2: ["infrastructure materielle", "hardware infrastructure"],
        3: [
            "plateforme d hebergement", "plate forme d hebergement", "application hosting platform", "hosting platform",
        ],
        4: ["infrastructure virtuelle", "virtual infrastructure"],
        5: [
            "administration et l exploitation", "administration et exploitation", "administration and operation",
            "administration and exploitation", "administering and operating",
        ],
        6: [
            "sauvegardes externalisees", "sauvegarde externalisee", "externalised backups", "externalized backups",
            "externalised backup", "externalized backup", "outsourced backups", "outsourced backup", "external backups",
        ],
    ]

    /// The numbers a line writes, ranges spread (« 1 à 4 », « 1-6 », « 1° to 4° »); nil when one is not 1–6.
    private static func numbers(in line: String) -> [Int]? {
        // Tokens: numbers, range words, and the rest (« et », « activities », punctuation) as separators.
        var tokens: [String] = []
        var current = ""
        for character in SearchText.fold(line) + " " {
            if character.isNumber {
                if !(current.first?.isNumber ?? true) {
                    tokens.append(current)
                    current = ""
                }
                current.append(character)
            } else if character.isLetter {
                if current.first?.isNumber == true {
                    tokens.append(current)
                    current = ""
                }
                current.append(character)
            } else {
                if !current.isEmpty { tokens.append(current) }
                current = ""
                if "-–".contains(character) { tokens.append("-") }
            }
        }
        var result: [Int] = []
        var rangeFrom: Int?
        for token in tokens {
            if let number = Int(token) {
                guard (1...6).contains(number) else { return nil }
                if let from = rangeFrom, from < number { result += Array(from...number) } else { result.append(number) }
                rangeFrom = nil
            } else if ["-", "a", "au", "to", "through"].contains(token), let last = result.last {
                rangeFrom = last
            } else {
                rangeFrom = nil
            }
        }
        return result
    }
}
