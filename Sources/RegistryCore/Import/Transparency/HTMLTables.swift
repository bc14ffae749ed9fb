import CLibXML2
import Foundation

/// A table of an HTML page as a reader sees it: rows of cells, a cell spanning several rows or columns
/// repeated in each place it covers.
struct HTMLTable: Hashable {
    struct Cell: Hashable {
        /// The cell's text, a line per `<br>` or block (paragraph, list item), spaces collapsed.
        var lines: [String]
        /// Footnote marks (`<sup>1</sup>`), apart from the text they annotate.
        var marks: [String]

        var text: String { lines.joined(separator: " ") }
    }

    /// The table's place among the page's tables, from 1, for messages.
    var number: Int
    var rows: [[Cell]]
}

/// The tables of an HTML page, read with libxml2's HTML parser, which mends broken markup as browsers do.
enum HTMLTables {
    /// Beyond these a span is a mistake or a trap, not a layout.
    static let maxColumnSpan = 50
    static let maxRowSpan = 500

    /// Every `<table>` of the page, nested ones included (each once, without the rows of those it holds).
    /// A page the parser had to stop reading (nested past its depth limit) is refused: read in part, it
    /// would lose the rows after the stop.
    static func read(_ data: Data) throws(InputProblem) -> [HTMLTable] {
        guard !data.isEmpty, data.count < Int(Int32.max), let context = htmlNewParserCtxt() else { return [] }
        defer { htmlFreeParserCtxt(context) }
        // Without a declared charset libxml2 2.9 reads Latin-1; a page in valid UTF-8 is read as UTF-8.
        let encoding = String(data: data, encoding: .utf8) != nil ? "UTF-8" : nil
        let options = Int32(
            bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue)
        let document = data.withUnsafeBytes { buffer in
            htmlCtxtReadMemory(
                context, buffer.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buffer.count), nil, encoding,
                options)
        }
        defer { if let document { xmlFreeDoc(document) } }
        guard context.pointee.disableSAX == 0 else {
            throw InputProblem(
                message:
                    "the page could not be read whole: the parser stopped (elements nested deeper than it reads); not a host's page as published"
            )
        }
        guard let document, let root = xmlDocGetRootElement(document) else { return [] }
        var tables: [HTMLTable] = []
        for node in elements(below: root, stoppingAt: []) where name(node) == "table" {
            tables.append(HTMLTable(number: tables.count + 1, rows: grid(rowsOf: node)))
        }
        return tables
    }

    /// The elements under `node` in document order (iteratively: a hostile page may nest deeply), not
    /// descending into those named in `stoppingAt`.
    private static func elements(below node: xmlNodePtr, stoppingAt: Set<String>) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var stack = Array(children(of: node).reversed())
        while let current = stack.popLast() {
            guard current.pointee.type == XML_ELEMENT_NODE else { continue }
            result.append(current)
            if !stoppingAt.contains(name(current)) { stack += children(of: current).reversed() }
        }
        return result
    }

    /// The table's rows, spans spread: `tr` of this table only (not of a table inside one of its cells).
    private static func grid(rowsOf table: xmlNodePtr) -> [[HTMLTable.Cell]] {
        let rows = elements(below: table, stoppingAt: ["table", "tr"]).filter { name($0) == "tr" }
        var rowsOut: [[HTMLTable.Cell]] = []
        // Cells spanning down from rows above: column → (cell, rows still to cover).
        var spanning: [Int: (HTMLTable.Cell, Int)] = [:]
        for row in rows {
            var cells: [HTMLTable.Cell] = []
            let fillSpans = {
                while let (cell, left) = spanning[cells.count] {
                    spanning[cells.count] = left > 1 ? (cell, left - 1) : nil
                    cells.append(cell)
                }
            }
            for node in children(of: row) where ["td", "th"].contains(name(node)) {
                fillSpans()
                let cell = HTMLTable.Cell(node)
                let rowSpan = min(max(number(attribute: "rowspan", of: node) ?? 1, 1), maxRowSpan)
                for _ in 0..<min(max(number(attribute: "colspan", of: node) ?? 1, 1), maxColumnSpan) {
                    if rowSpan > 1 { spanning[cells.count] = (cell, rowSpan - 1) }
                    cells.append(cell)
                }
            }
            // Spans from above reaching past this row's last cell.
            while let last = spanning.keys.max(), last >= cells.count {
                if spanning[cells.count] != nil {
                    fillSpans()
                } else {
                    cells.append(HTMLTable.Cell(lines: [], marks: []))
                }
            }
            rowsOut.append(cells)
        }
        return rowsOut
    }

    static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    static func children(of node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var next = node.pointee.children
        while let child = next {
            result.append(child)
            next = child.pointee.next
        }
        return result
    }

    /// An attribute's whole-number value, read in place (no copy for libxml2 to free).
    private static func number(attribute: String, of node: xmlNodePtr) -> Int? {
        var property = node.pointee.properties
        while let current = property {
            if let name = current.pointee.name, String(cString: name).lowercased() == attribute,
                let value = current.pointee.children?.pointee.content
            {
                return Int(String(cString: value).trimmingCharacters(in: .whitespaces))
            }
            property = current.pointee.next
        }
        return nil
    }
}

extension HTMLTable.Cell {
    /// Elements whose content starts and ends a line of its own.
    private static let blocks: Set<String> = [
        "br", "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "dd", "dt",
    ]
    /// Text in `<sup>` that writes an ordinal (1<sup>o</sup>, 5<sup>e</sup>), not a footnote.
    private static let ordinals: Set<String> = ["o", "°", "er", "re", "e", "eme", "ème", "nd", "st", "rd", "th"]

    /// The text of a cell's subtree: lines broken at `<br>` and blocks, footnote marks set apart, scripts
    /// and styles left out.
    init(_ cell: xmlNodePtr) {
        var lines: [String] = []
        var marks: [String] = []
        var line = ""
        let breakLine = {
            let collapsed = line.split(whereSeparator: { $0.isWhitespace || $0 == "\u{00A0}" }).joined(separator: " ")
            if !collapsed.isEmpty { lines.append(collapsed) }
            line = ""
        }
        // (node, entering): a block breaks the line when entered and when left.
        var stack: [(xmlNodePtr, Bool)] = HTMLTables.children(of: cell).reversed().map { ($0, true) }
        while let (node, entering) = stack.popLast() {
            if node.pointee.type == XML_TEXT_NODE || node.pointee.type == XML_CDATA_SECTION_NODE {
                line += node.pointee.content.map { String(cString: $0) } ?? ""
                continue
            }
            guard node.pointee.type == XML_ELEMENT_NODE else { continue }
            let name = HTMLTables.name(node)
            if Self.blocks.contains(name) { breakLine() }
            guard entering, !["script", "style", "template"].contains(name) else { continue }
            if name == "sup" {
                let text = HTMLTable.Cell(node).text
                if Self.ordinals.contains(text.lowercased()) {
                    line += text == "o" || text == "°" ? "°" : text
                } else if !text.isEmpty {
                    marks.append(text)
                }
                continue
            }
            stack.append((node, false))
            stack += HTMLTables.children(of: node).reversed().map { ($0, true) }
        }
        breakLine()
        self.init(lines: lines, marks: marks)
    }
}
