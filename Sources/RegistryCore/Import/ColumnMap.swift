import Foundation

/// A column of an import layout, with the header spellings it accepts.
struct ColumnSpec: Sendable {
    /// The documented name, such as `qualified_on`.
    let name: String
    let required: Bool
    /// Other spellings, compared folded (no case, accents, punctuation or spacing): « Date de qualification ».
    let synonyms: [String]

    /// The folded forms this column answers to.
    let keys: Set<String>

    init(_ name: String, required: Bool = false, _ synonyms: [String] = []) {
        self.name = name
        self.required = required
        self.synonyms = synonyms
        keys = Set(([name] + synonyms).map(ColumnMap.fold))
    }
}

/// Which field of a record holds which column, found from the header line.
struct ColumnMap: Sendable {
    private var indexes: [String: Int] = [:]

    /// Matches `header` against `specs`; an unknown, duplicated or missing column is an error that lists the
    /// expected columns.
    init(header: [String], specs: [ColumnSpec], line: Int) throws(ImportFailure) {
        var problems: [InputProblem] = []
        for (index, title) in header.enumerated() {
            let folded = Self.fold(title)
            if folded.isEmpty && header.count > 1 && index == header.count - 1 { continue }  // trailing separator
            guard let spec = specs.first(where: { $0.keys.contains(folded) }) else {
                problems.append(
                    InputProblem(
                        line: line, column: title, value: nil,
                        message: "unknown column; expected columns: \(Self.describe(specs))"))
                continue
            }
            if indexes[spec.name] != nil {
                problems.append(
                    InputProblem(
                        line: line, column: title, value: nil, message: "a second column for '\(spec.name)'; keep one"))
            }
            indexes[spec.name] = index
        }
        for spec in specs where spec.required && indexes[spec.name] == nil {
            problems.append(
                InputProblem(
                    line: line, column: spec.name, value: nil,
                    message: "required column missing; expected columns: \(Self.describe(specs))"))
        }
        if !problems.isEmpty { throw ImportFailure.badHeader(problems) }
    }

    /// The trimmed value of `column` in `fields`, or nil when the column is absent or the cell empty.
    func value(_ column: String, in fields: [String]) -> String? {
        guard let index = indexes[column], index < fields.count else { return nil }
        let field = fields[index]
        // Most cells need no trimming: checked without Foundation, which costs a copy per cell.
        guard field.first?.isWhitespace == true || field.last?.isWhitespace == true else {
            return field.isEmpty ? nil : field
        }
        let value = field.trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }

    /// Whether the header has `column`.
    func contains(_ column: String) -> Bool { indexes[column] != nil }

    /// The highest field index the layout uses.
    var width: Int { (indexes.values.max() ?? -1) + 1 }

    /// Header text folded for comparison: « N° de certificat » → "n de certificat".
    static func fold(_ text: String) -> String {
        SearchText.words(text)
    }

    static func describe(_ specs: [ColumnSpec]) -> String {
        specs.map { $0.required ? "\($0.name) (required)" : $0.name }.joined(separator: ", ")
    }
}
