import Foundation

// One escaping function per output format, applied to every string a user or a list can influence. Each
// output is built from lines (text) or cells (tables, CSV, Markdown); values are escaped where they go in,
// so that a value can neither start a line of its own, nor display as another text, nor run as a formula.

/// A character that must not reach a terminal or a spreadsheet as it is: a control character (line breaks,
/// ESC, BEL) or a format character (bidi overrides and isolates, zero-width spaces and joiners, BOM).
private func isHidden(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator: true
    default: false
    }
}

/// `\u{202E}` for a hidden character: shown, not obeyed.
private func visible(_ scalar: Unicode.Scalar) -> String {
    "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
}

/// One line of terminal text: every hidden character, line breaks included, shown as `\u{…}`. « duolcHVO »
/// behind a right-to-left override prints as `\u{202E}duolcHVO`, not as « OVHcloud ».
package func terminalSafe(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isHidden) else { return text }
    return text.unicodeScalars.map { isHidden($0) ? visible($0) : String($0) }.joined()
}

/// A terminal document from its lines, each made safe on its own: the line breaks are the renderer's, and a
/// line break inside a value shows as `\u{A}` instead of starting a line (a forged « * … qualified » line).
package func terminalText(_ lines: [String]) -> String {
    lines.map(terminalSafe).joined(separator: "\n") + "\n"
}

/// A CSV field: hidden characters shown, quoted when it holds `,`, `;`, a tab, a quote or a line break (a
/// French spreadsheet splits at `;`), and every cell a spreadsheet could see in it — the field, or a piece
/// of it between separators, as one splitting at `;` or `,` regardless of quotes does — that it would run
/// as a formula prefixed with `'` (OWASP's advice against CSV injection): `Acme;=1+1` prints `Acme;'=1+1`.
package func csvField(_ text: String) -> String {
    var text = text.unicodeScalars.map { isHidden($0) && $0 != "\n" ? visible($0) : String($0) }.joined()
    var neutral = ""
    var cellStart = true
    for character in text {
        if cellStart && "=+-@".contains(character) { neutral.append("'") }
        neutral.append(character)
        // A new cell starts after a separator, and stays starting over the spaces and quotes that lead it.
        cellStart = ",;\t\n\r".contains(character) || (cellStart && " \"".contains(character))
    }
    text = neutral
    guard text.contains(where: { ",;\t\"\n\r".contains($0) }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// Markdown text: hidden characters shown, HTML neutralised (`<script>` prints as text), and the characters
/// Markdown reads as markup escaped, pipes included (tables).
package func markdownCell(_ text: String) -> String {
    var result = ""
    for character in terminalSafe(text) {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\\", "`", "*", "_", "[", "]", "|", "#", "!": result += "\\" + String(character)
        default: result.append(character)
        }
    }
    return result
}
