import Foundation

/// A run of text on a layout line, at its column counted in characters (« Sécurisé » is eight).
struct Chunk: Equatable {
    var start: Int
    var text: String
    var end: Int { start + text.count }

    /// The line cut where two spaces or more separate text: cells of a table, words of a cell kept together.
    static func split(_ line: String) -> [Chunk] {
        var chunks: [Chunk] = []
        var current = ""
        var start = 0
        var spaces = 0
        for (column, character) in line.enumerated() {
            if character == " " || character == "\t" {
                spaces += 1
                continue
            }
            if !current.isEmpty && spaces >= 2 {
                chunks.append(Chunk(start: start, text: current))
                current = ""
            }
            if current.isEmpty {
                start = column
            } else if spaces == 1 {
                current += " "
            }
            spaces = 0
            current.append(character)
        }
        if !current.isEmpty { chunks.append(Chunk(start: start, text: current)) }
        return chunks
    }

    var isTick: Bool { text == "X" || text == "x" }
    var isDate: Bool { text.count == 10 && Day(parsing: text) != nil && text.contains("/") }
    var isNumber: Bool { !text.isEmpty && text.count <= 6 && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber) }
}

/// Where the columns of the qualified services' table stand on one page, read from its header line.
struct TableColumns {
    /// Chunks that start before this column are the provider's name; from it to the ticks, the service's.
    var serviceFrom: Int
    /// The start of « SaaS », « PaaS », « CaaS », « IaaS ».
    var ticks: [(ServiceModel, Int)]
    var startDate: Int
    var endDate: Int
    var recommendation: Int?
    /// Anything from here on belongs to the right-hand cells (ticks, dates, decision).
    var cellsFrom: Int { (ticks.map(\.1).min() ?? startDate) - 2 }

    /// The columns of a header line « Nom du fournisseur de service … Nom du service  SaaS  PaaS … », or nil
    /// when the line is not that header.
    static func header(_ line: String, at place: Place) throws(CatalogueProblem) -> TableColumns? {
        let folded = line.lowercased()
        guard let provider = column(of: "nom du fournisseur", in: folded) else { return nil }
        func find(_ words: String) throws(CatalogueProblem) -> Int {
            guard let found = column(of: words, in: folded) else {
                throw CatalogueProblem(
                    page: place.page, line: place.line,
                    message: "the table's header has no « \(words) » column; the catalogue's layout has changed")
            }
            return found
        }
        let service = try find("nom du service")
        var ticks: [(ServiceModel, Int)] = []
        for (model, word) in [(ServiceModel.saas, "saas"), (.paas, "paas"), (.caas, "caas"), (.iaas, "iaas")] {
            ticks.append((model, try find(word)))
        }
        return TableColumns(
            serviceFrom: (provider + service) / 2, ticks: ticks, startDate: try find("date de début"),
            endDate: try find("date de fin"), recommendation: column(of: "niveau de", in: folded))
    }

    /// Whether the line is the header of the conformity assessment bodies' table (3.3.2), which lists no service.
    static func isBodiesHeader(_ line: String) -> Bool {
        line.lowercased().replacingOccurrences(of: "’", with: "'").contains("nom de l'organisme")
    }

    /// The column, in characters, where `words` start in `line`.
    private static func column(of words: String, in line: String) -> Int? {
        line.range(of: words).map { line.distance(from: line.startIndex, to: $0.lowerBound) }
    }

    /// The model whose tick column is nearest the tick, within a column's width.
    func model(ofTick chunk: Chunk) -> ServiceModel? {
        let nearest = ticks.min { abs($0.1 + 2 - chunk.start) < abs($1.1 + 2 - chunk.start) }
        guard let nearest, abs(nearest.1 + 2 - chunk.start) <= 4 else { return nil }
        return nearest.0
    }
}

/// A layout line of the table, cut in chunks.
struct TableLine {
    var place: Place
    var chunks: [Chunk]
    var isAnchor: Bool
}

/// A row being read: its lines, in order, around its anchor.
struct PendingRow {
    var lines: [TableLine]
    var columns: TableColumns

    var anchor: TableLine { lines.first(where: \.isAnchor)! }
    /// The cells right of the names, from every anchor line of the row (a cell's baseline may differ by a line).
    var cells: [Chunk] { lines.filter(\.isAnchor).flatMap(\.chunks).filter { $0.start >= columns.cellsFrom } }

    func row(links: [PageLink]) throws(CatalogueProblem) -> AnssiCatalogue.Row {
        let anchor = self.anchor
        func problem(_ message: String) -> CatalogueProblem {
            CatalogueProblem(page: anchor.place.page, line: anchor.place.line, message: message)
        }
        var provider: [String] = []
        var service: [String] = []
        for line in lines {
            for chunk in line.chunks where chunk.start < columns.cellsFrom {
                if chunk.start < columns.serviceFrom { provider.append(chunk.text) } else { service.append(chunk.text) }
            }
        }
        guard !provider.isEmpty else { throw problem("a row without a provider's name; the layout has changed") }
        guard !service.isEmpty else { throw problem("a row without a service's name; the layout has changed") }
        var models: Set<ServiceModel> = []
        var dates: [Bool: Day] = [:]
        var decisions: [String] = []
        var recommendation: [String] = []
        for chunk in cells {
            if chunk.isTick {
                guard let model = columns.model(ofTick: chunk) else {
                    throw problem("a tick at column \(chunk.start) is under no service type")
                }
                models.insert(model)
            } else if chunk.isDate {
                let isStart = abs(chunk.start - columns.startDate) < abs(chunk.start - columns.endDate)
                guard dates[isStart] == nil else { throw problem("two dates in one column: « \(chunk.text) »") }
                dates[isStart] = Day(parsing: chunk.text)
            } else if chunk.isNumber && chunk.start > columns.endDate {
                decisions.append(chunk.text)
            } else if let column = columns.recommendation, chunk.start >= column - 4 {
                recommendation.append(chunk.text)
            } else {
                throw problem("« \(chunk.text) » at column \(chunk.start) fits no column of the table")
            }
        }
        guard !models.isEmpty else { throw problem("no service type ticked (SaaS, PaaS, CaaS, IaaS)") }
        guard decisions.count == 1, let number = decisions.first else {
            throw problem(
                decisions.isEmpty
                    ? "no decision number on the row" : "several decision numbers: \(decisions.joined(separator: ", "))"
            )
        }
        if let start = dates[true], let end = dates[false], end <= start {
            throw problem("ends on \(end), not after its start \(start)")
        }
        guard
            let decision = try Self.decision(
                number, page: anchor.place.page, startYear: dates[true]?.year, links: links)
        else { throw problem("decision \(number) has no link in the PDF: its year cannot be told") }
        return AnssiCatalogue.Row(
            provider: provider.joined(separator: " "), service: service.joined(separator: " "),
            models: columns.ticks.map(\.0).filter(models.contains), startsOn: dates[true], endsOn: dates[false],
            decision: decision,
            recommendation: recommendation.isEmpty ? nil : recommendation.joined(separator: " "),
            page: anchor.place.page, line: anchor.place.line)
    }

    /// The decision's link (`…/visas/2025_561_np.pdf`): on the row's page first, then anywhere in the copy;
    /// between two years, the one of the qualification's start.
    static func decision(_ number: String, page: Int, startYear: Int?, links: [PageLink]) throws(CatalogueProblem)
        -> AnssiCatalogue.Decision?
    {
        let candidates = links.compactMap { link -> (PageLink, Int)? in
            guard let name = link.url.split(separator: "/").last, name.hasSuffix(".pdf") else { return nil }
            let parts = name.dropLast(4).split(separator: "_")
            guard parts.count >= 2, parts[0].count == 4, let year = Int(parts[0]), parts[1] == number else {
                return nil
            }
            return (link, year)
        }
        let onPage = candidates.filter { $0.0.page == page }
        let pool = onPage.isEmpty ? candidates : onPage
        let years = Set(pool.map(\.1))
        let year = years.count == 1 ? years.first : startYear.flatMap { years.contains($0) ? $0 : nil }
        guard let year else {
            guard years.isEmpty else {
                throw CatalogueProblem(
                    page: page, line: nil,
                    message:
                        "decision \(number) has links for several years (\(years.sorted().map(String.init).joined(separator: ", "))); cannot tell which"
                )
            }
            return nil
        }
        return pool.first { $0.1 == year }.map { AnssiCatalogue.Decision(year: year, number: number, url: $0.0.url) }
    }
}

/// The state of the reading of section 3.3, line by line and page by page.
struct TableParser {
    enum State {
        /// Prose before the table's header (intro, bullets).
        case prose
        /// A table that lists no service (3.3.2), until the qualified services' header comes again.
        case skipping
        case table(TableColumns)
        /// A new page inside the table: its header comes first.
        case awaitingHeader
    }

    var state = State.prose
    var rows: [PendingRow] = []
    private var block: [TableLine] = []
    private var headerContinues = false
    /// Lines of names with no anchor, waiting for the row they belong to (across a page break).
    private var orphan: [TableLine] = []
    /// The page's first block of the table is still to come.
    private var firstBlockOfPage = true
    private var page = 0

    mutating func startPage(_ page: Int) {
        self.page = page
        firstBlockOfPage = true
        if case .table = state {
            state = .awaitingHeader
        }
    }

    mutating func consume(_ line: String, at place: Place) throws(CatalogueProblem) {
        let text = line.trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
            try closeBlock()
            return
        }
        if isFooter(text) { return }
        if let columns = try TableColumns.header(line, at: place) {
            try closeBlock()
            state = .table(columns)
            headerContinues = true
            return
        }
        if TableColumns.isBodiesHeader(line) {
            try endTable(at: place)
            state = .skipping
            return
        }
        switch state {
        case .prose, .skipping:
            return
        case .awaitingHeader:
            if isFootnote(Chunk.split(line)) { return }
            throw CatalogueProblem(
                page: place.page, line: place.line,
                message: "the table goes on without its header; the catalogue's layout has changed")
        case .table(let columns):
            try tableLine(line, columns, at: place)
        }
    }

    private mutating func tableLine(_ line: String, _ columns: TableColumns, at place: Place) throws(CatalogueProblem) {
        let chunks = Chunk.split(line)
        let right = chunks.filter { $0.start >= columns.cellsFrom }
        if headerContinues && right.allSatisfy({ !$0.isTick && !$0.isDate && !$0.isNumber })
            && (line.contains("alphabétique") || line.contains("qualification") || line.contains("recommandation"))
        {
            return
        }
        headerContinues = false
        if isFootnote(chunks) { return }
        // Prose running across the table's columns ends the table.
        if chunks.count == 1, let only = chunks.first, only.start < columns.serviceFrom,
            only.end > columns.cellsFrom + 4
        {
            try endTable(at: place)
            state = .prose
            return
        }
        block.append(TableLine(place: place, chunks: chunks, isAnchor: !right.isEmpty))
    }

    private func isFooter(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        return words.count == 4 && words[0] == "Page" && words[2] == "sur" && Int(words[1]) != nil
            && Int(words[3]) != nil
    }

    /// « 17   logiciels en tant que service »: a note's number, then its lower-case text.
    private func isFootnote(_ chunks: [Chunk]) -> Bool {
        guard chunks.count == 2, chunks[0].isNumber, chunks[0].text.count <= 3,
            let first = chunks[1].text.first
        else { return false }
        return first.isLowercase
    }

    /// Ends the table: the last block is closed, and a fragment still waiting for its row is a problem.
    mutating func endTable(at place: Place?) throws(CatalogueProblem) {
        try closeBlock()
        if let first = orphan.first {
            throw CatalogueProblem(
                page: first.place.page, line: first.place.line,
                message: "« \(first.chunks.map(\.text).joined(separator: " ")) » belongs to no row of the table")
        }
        if case .table = state { state = .prose }
        if case .awaitingHeader = state { state = .prose }
    }

    /// A block of lines between blank lines: one row around its anchor, or names waiting across a page break.
    private mutating func closeBlock() throws(CatalogueProblem) {
        guard !block.isEmpty, case .table(let columns) = state else {
            block = []
            return
        }
        let lines = block
        block = []
        defer { firstBlockOfPage = false }
        var anchors = lines.indices.filter { lines[$0].isAnchor }
        guard !anchors.isEmpty else {
            return try placeWithoutAnchor(lines)
        }
        // Anchor lines that hold one decision between them are one row whose cells sit on two baselines.
        let decisions = anchors.flatMap { lines[$0].chunks }.filter { $0.isNumber && $0.start > columns.endDate }
        if anchors.count > 1 && decisions.count <= 1 { anchors = [anchors[0]] }
        let (first, last) = (anchors[0], anchors[anchors.count - 1])
        if let stray = lines[first...last].first(where: { !$0.isAnchor }) {
            throw CatalogueProblem(
                page: stray.place.page, line: stray.place.line,
                message:
                    "« \(stray.chunks.map(\.text).joined(separator: " ")) » lies between two rows; cannot tell which it belongs to"
            )
        }
        var above = Array(lines[..<first])
        if !orphan.isEmpty {
            above = try placeOrphan(before: lines[0]) + above
        }
        if anchors.count == 1 {
            rows.append(PendingRow(lines: above + lines[first...], columns: columns))
            return
        }
        for (offset, index) in anchors.enumerated() {
            var rowLines = [lines[index]]
            if offset == 0 { rowLines = above + rowLines }
            if offset == anchors.count - 1 { rowLines += lines[(last + 1)...] }
            rows.append(PendingRow(lines: rowLines, columns: columns))
        }
    }

    /// Names waiting for their row, now that the next row comes: the head of that row when they close the
    /// previous page, or when they lie nearer to it than to the previous row (a cell's lines centred with a
    /// blank line inside); the previous row's tail when nearer to it. Equally near: cannot be told.
    private mutating func placeOrphan(before next: TableLine) throws(CatalogueProblem) -> [TableLine] {
        let lines = orphan
        orphan = []
        if firstBlockOfPage && lines[0].place.page < page { return lines }
        let previousEnd = rows.last.flatMap { row in row.lines.last { $0.place.page == page }?.place.line }
        let gapAfter = next.place.line - lines[lines.count - 1].place.line
        let gapBefore = previousEnd.map { lines[0].place.line - $0 } ?? Int.max
        if gapAfter < gapBefore { return lines }
        if gapBefore < gapAfter, !rows.isEmpty {
            rows[rows.count - 1].lines += lines
            return []
        }
        throw CatalogueProblem(
            page: lines[0].place.page, line: lines[0].place.line,
            message:
                "« \(lines[0].chunks.map(\.text).joined(separator: " ")) » lies as near the row above as the row below; cannot tell which it belongs to"
        )
    }

    /// Names with no anchor: the end of the previous page's last row when they open a page, or the beginning
    /// of the next page's first row when they close one; anything else cannot be placed.
    private mutating func placeWithoutAnchor(_ lines: [TableLine]) throws(CatalogueProblem) {
        if firstBlockOfPage, orphan.isEmpty, let previous = rows.last, previous.anchor.place.page < page {
            rows[rows.count - 1].lines += lines
            return
        }
        guard orphan.isEmpty else {
            throw CatalogueProblem(
                page: lines[0].place.page, line: lines[0].place.line,
                message: "a row split by a page break cannot be put back together; check the copy")
        }
        orphan = lines
    }
}
