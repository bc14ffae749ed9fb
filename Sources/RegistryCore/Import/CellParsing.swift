import Foundation

/// Reading the cells of official lists as people type them: French or English words, French dates.
enum Cell {
    /// A day written `YYYY-MM-DD` or `DD/MM/YYYY`.
    static func day(_ text: String?, column: String, line: Int, into errors: inout [InputProblem]) -> Day? {
        guard let text else { return nil }
        if let day = Day(parsing: text) { return day }
        errors.append(
            InputProblem(
                line: line, column: column, value: text,
                message: "not a day that exists; write it as YYYY-MM-DD or DD/MM/YYYY"))
        return nil
    }

    /// A period's two ends, read as days; an end before the start (or on it, unless `oneDay` allows a
    /// period of one day) is an error whose message names the start.
    static func period(
        _ fields: [String], _ map: ColumnMap, from start: String, until end: String, oneDay: Bool = false,
        line: Int, into errors: inout [InputProblem], message: (Day) -> String
    ) -> (from: Day?, until: Day?) {
        let from = day(map.value(start, in: fields), column: start, line: line, into: &errors)
        let until = day(map.value(end, in: fields), column: end, line: line, into: &errors)
        if let from, let until, oneDay ? until < from : until <= from {
            errors.append(InputProblem(line: line, column: end, value: "\(until)", message: message(from)))
        }
        return (from, until)
    }

    /// A status phrase of `vocabulary`, read whole; any other phrase is an error naming the accepted ones.
    static func status(
        _ text: String?, _ vocabulary: StatusPhrase.Vocabulary, column: String, line: Int,
        into errors: inout [InputProblem]
    ) -> StatusPhrase? {
        guard let text = required(text, column: column, line: line, into: &errors) else { return nil }
        if let phrase = vocabulary.read(text) { return phrase }
        let mark =
            StatusPhrase.hasMark(text)
            ? "; it carries a mark (a footnote or a doubt): read the list's note, and write the status it gives" : ""
        errors.append(
            InputProblem(
                line: line, column: column, value: text,
                message:
                    "expected \(vocabulary.summary), as a whole phrase (the table is in docs/import-formats.md)\(mark)"
            ))
        return nil
    }

    /// The end of validity to keep when a row gives no end of its own: the stored one, unless the row's new
    /// start falls after it (a renewal without its end yet), when the end is unknown.
    static func keptEnd(start: Day?, end: Day?, stored: Day?) -> Day? {
        if let end { return end }
        guard let stored else { return nil }
        return start.map { $0 < stored } ?? true ? stored : nil
    }

    /// HDS activities written "1,2,3", "1; 2", "1° 2° 3°", "1-6" or "1 à 6".
    static func activities(_ text: String?, column: String, line: Int, into errors: inout [InputProblem]) -> [Int] {
        guard let text else { return [] }
        let folded = SearchText.fold(text).replacingOccurrences(of: "°", with: " ")
        var result: [Int] = []
        let range = folded.replacingOccurrences(of: " a ", with: "-").replacingOccurrences(of: " to ", with: "-")
            .replacingOccurrences(of: " ", with: "")
        let parts = range.split(whereSeparator: { ",;/|+".contains($0) })
        for part in parts {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
            if bounds.count == 1, let value = bounds[0] {
                result.append(value)
            } else if bounds.count == 2, let low = bounds[0], let high = bounds[1], low <= high, high - low < 6 {
                result += Array(low...high)
            } else {
                result = [-1]
                break
            }
        }
        if result.isEmpty || result.contains(where: { !(1...6).contains($0) }) {
            errors.append(
                InputProblem(
                    line: line, column: column, value: text,
                    message: "HDS activities are 1 to 6; write them like '1,2,3,4' or '1-6'"))
            return []
        }
        return Array(Set(result)).sorted()
    }

    /// oui/non, yes/no, true/false, 1/0; nil when empty or unknown ("n/a", "?").
    static func yesNo(_ text: String?, column: String, line: Int, into errors: inout [InputProblem]) -> Bool? {
        guard let text else { return nil }
        let folded = SearchText.fold(text)
        if ["oui", "yes", "true", "1", "o", "y", "x"].contains(folded) || folded.hasPrefix("oui ")
            || folded.hasPrefix("yes ")
        {
            return true
        }
        if ["non", "no", "false", "0", "n"].contains(folded) || folded.hasPrefix("non ") || folded.hasPrefix("no ") {
            return false
        }
        if ["n/a", "na", "?", "inconnu", "unknown", "nc"].contains(folded) { return nil }
        errors.append(
            InputProblem(
                line: line, column: column, value: text,
                message: "expected oui/non (or yes/no); leave it empty when unknown"))
        return nil
    }

    /// A required cell: present, or an error.
    static func required(_ text: String?, column: String, line: Int, into errors: inout [InputProblem]) -> String? {
        if text == nil {
            errors.append(InputProblem(line: line, column: column, value: nil, message: "required; fill it in"))
        }
        return text
    }

    /// A SIREN: nine digits (spaces allowed) with a valid Luhn check digit.
    static func siren(_ text: String?, column: String, line: Int, into errors: inout [InputProblem]) -> String? {
        guard let text else { return nil }
        let digits = text.filter { !$0.isWhitespace && $0 != "." }
        if SIREN.isValid(digits) { return digits }
        errors.append(
            InputProblem(
                line: line, column: column, value: text,
                message:
                    "not a valid SIREN (9 digits with a Luhn check digit); copy it from the company register or leave it empty"
            ))
        return nil
    }

    /// A service model written IaaS, PaaS, CaaS or SaaS (any case).
    static func serviceModel(_ text: String?, column: String, line: Int, into errors: inout [InputProblem])
        -> ServiceModel?
    {
        guard let text else { return nil }
        if let model = ServiceModel(rawValue: SearchText.fold(text)) { return model }
        // ANSSI gives several for one service (« IaaS, PaaS, CaaS »): an offer has one model, so it stays unknown.
        let words = SearchText.words(text).split(separator: " ")
        if words.count > 1, words.allSatisfy({ ServiceModel(rawValue: String($0)) != nil }) { return nil }
        errors.append(
            InputProblem(
                line: line, column: column, value: text,
                message: "expected IaaS, PaaS, CaaS or SaaS (or several, such as « IaaS, PaaS »)"))
        return nil
    }

    /// A text cell cleaned for storage: no control characters.
    static func text(_ text: String?) -> String? {
        text.map {
            String(
                String.UnicodeScalarView(
                    $0.unicodeScalars.filter { $0.properties.generalCategory != .control || $0 == "\n" }))
        }
    }
}
