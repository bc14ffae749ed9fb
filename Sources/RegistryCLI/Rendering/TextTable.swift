import Foundation

/// A plain-text table with aligned columns, for terminals.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: String...) {
        self.headers = headers
    }

    mutating func append(_ cells: [String]) {
        rows.append(cells.map { terminalSafe($0) })
    }

    var rendered: String {
        let widths = headers.indices.map { column in
            ([headers] + rows).map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0
        }
        return ([headers] + rows).map { cells in
            cells.enumerated().map { column, cell in
                column == cells.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}

/// Stored text with control characters replaced, so a crafted value cannot drive the terminal.
/// Line breaks survive only when `keepingLines` (whole documents, not cells).
func terminalSafe(_ text: String, keepingLines: Bool = false) -> String {
    String(
        String.UnicodeScalarView(
            text.unicodeScalars.map { scalar in
                scalar.properties.generalCategory != .control || (keepingLines && scalar == "\n") ? scalar : " "
            }))
}

/// A CSV field, quoted when needed; a cell a spreadsheet would run as a formula is neutralised with a
/// leading apostrophe (OWASP's advice against CSV injection).
func csvField(_ text: String) -> String {
    var text = text
    if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
        text = "'" + text
    }
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// A Markdown table cell: pipes escaped, lines joined.
func markdownCell(_ text: String) -> String {
    terminalSafe(text).replacingOccurrences(of: "|", with: "\\|")
}
