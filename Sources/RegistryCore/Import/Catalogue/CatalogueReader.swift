import Foundation

/// ANSSI's « Catalogue des produits, services et sites certifiés, qualifiés et agréés » as read: its edition
/// and the qualified SecNumCloud services of its section 3.3 (3.3.1 from March 2026).
public struct AnssiCatalogue: Sendable, Equatable {
    /// The stamp's words, « 04/03/2026 à 15:34:17 ».
    public var stamp: String
    /// The day of the edition, and its time for ordering two editions of one day (« 15:34:17 »).
    public var editionOn: Day
    public var editionTime: String
    public var rows: [Row]

    public struct Row: Sendable, Equatable {
        public var provider: String
        public var service: String
        /// The ticked columns, in the table's order (S3NS: PaaS, CaaS, IaaS).
        public var models: [ServiceModel]
        public var startsOn: Day?
        public var endsOn: Day?
        public var decision: Decision
        /// « Niveau de recommandation », empty on every row seen.
        public var recommendation: String?
        /// The page of the anchor line (the one with the dates), 1 for the first page.
        public var page: Int
        /// The anchor line within its page, 1 for the first.
        public var line: Int

        public init(
            provider: String, service: String, models: [ServiceModel], startsOn: Day?, endsOn: Day?,
            decision: Decision, recommendation: String? = nil, page: Int, line: Int
        ) {
            self.provider = provider
            self.service = service
            self.models = models
            self.startsOn = startsOn
            self.endsOn = endsOn
            self.decision = decision
            self.recommendation = recommendation
            self.page = page
            self.line = line
        }
    }

    /// An ANSSI decision: numbers restart each year, so the year is part of the key (798 of 2023 and of 2025).
    public struct Decision: Sendable, Hashable, CustomStringConvertible {
        public var year: Int
        public var number: String
        public var url: String

        public init(year: Int, number: String, url: String) {
            self.year = year
            self.number = number
            self.url = url
        }

        public var description: String { "\(year)/\(number)" }
    }

    /// « mis à jour le 04/03/2026 à 15:34:17 », the words every fact read from this edition cites.
    public var editionWords: String { "mis à jour le \(stamp)" }
}

/// A link of the PDF as `pdfinfo -url` lists it: the page it is on and its address.
public struct PageLink: Sendable, Equatable {
    public var page: Int
    public var url: String

    public init(page: Int, url: String) {
        self.page = page
        self.url = url
    }

    /// The links of `pdfinfo -url`'s output (« Page  Type  URL », then one link a line).
    public static func parse(pdfinfo output: String) -> [PageLink] {
        output.split(whereSeparator: \.isNewline).compactMap { line in
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard words.count >= 3, let page = Int(words[0]) else { return nil }
            return PageLink(page: page, url: String(words[2]))
        }
    }
}

/// Why the catalogue's text could not be read: the page and line, and what to do.
public struct CatalogueProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var page: Int?
    public var line: Int?
    public var message: String

    /// « page 62, line 14 », or nil when the problem is the whole copy's.
    public var place: String? {
        let place = [page.map { "page \($0)" }, line.map { "line \($0)" }].compactMap { $0 }.joined(separator: ", ")
        return place.isEmpty ? nil : place
    }

    public var description: String { place.map { "\($0): \(message)" } ?? message }
}

/// Reads the text `pdftotext -layout` makes of ANSSI's catalogue (pages separated by form feeds) into its
/// edition and the rows of the qualified SecNumCloud services. Pure: the text and the links in, rows out.
///
/// The table is located by its header line on each page (columns move between editions and pages); a row is
/// a block of lines around its anchor — the line with the ticks, the dates and the decision number — whose
/// other lines carry the rest of the provider's and the service's names. Anything that cannot be placed is a
/// problem naming its page and line: a fragment is never dropped.
public enum CatalogueReader {
    public static func read(text: String, links: [PageLink]) throws(CatalogueProblem) -> AnssiCatalogue {
        let pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map {
            $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        let (stamp, day, time) = try edition(pages)
        var parser = TableParser()
        var inSection = false
        var sectionSeen = false
        pageLoop: for (index, lines) in pages.enumerated() {
            let page = index + 1
            parser.startPage(page)
            for (lineIndex, line) in lines.enumerated() {
                let place = Place(page: page, line: lineIndex + 1)
                switch Heading(line) {
                case .cloudSection:
                    inSection = true
                    sectionSeen = true
                    parser.state = .prose
                    continue
                case .qualifiedServices where inSection:
                    parser.state = .prose
                    continue
                case .otherSubsection where inSection:
                    try parser.endTable(at: place)
                    parser.state = .skipping
                    continue
                case .sectionEnd where inSection:
                    try parser.endTable(at: place)
                    break pageLoop
                default:
                    break
                }
                if inSection { try parser.consume(line, at: place) }
            }
        }
        guard sectionSeen else {
            throw CatalogueProblem(
                message:
                    "no section « 3.3 Services d'informatique en nuage (SecNumCloud) »; is this ANSSI's catalogue of qualified products and services?"
            )
        }
        try parser.endTable(at: nil)
        guard !parser.rows.isEmpty else {
            throw CatalogueProblem(
                message: "section 3.3 lists no qualified service; check the copy, it may be damaged or truncated")
        }
        let rows = try parser.rows.map { pending throws(CatalogueProblem) in
            try pending.row(links: links)
        }
        try checkDecisionsOnce(rows)
        return AnssiCatalogue(stamp: stamp, editionOn: day, editionTime: time, rows: rows)
    }

    /// « Catalogue mis à jour le 04/03/2026 à 15:34:17 », on the title page.
    static func edition(_ pages: [[String]]) throws(CatalogueProblem) -> (String, Day, String) {
        for line in pages.prefix(3).joined() {
            guard let range = line.range(of: "mis à jour le ") else { continue }
            let words = line[range.upperBound...].split(separator: " ")
            guard let date = words.first, let day = Day(parsing: String(date)), date.count == 10 else { continue }
            let time = words.count >= 3 && words[1] == "à" ? String(words[2]) : ""
            return (time.isEmpty ? String(date) : "\(date) à \(time)", day, time)
        }
        throw CatalogueProblem(
            page: 1, line: nil,
            message:
                "no edition stamp « Catalogue mis à jour le JJ/MM/AAAA » on the title page; is this ANSSI's catalogue?")
    }

    private static func checkDecisionsOnce(_ rows: [AnssiCatalogue.Row]) throws(CatalogueProblem) {
        var seen: [AnssiCatalogue.Decision: AnssiCatalogue.Row] = [:]
        for row in rows {
            if let first = seen[row.decision] {
                throw CatalogueProblem(
                    page: row.page, line: row.line,
                    message:
                        "decision \(row.decision) is also on page \(first.page), line \(first.line); a decision names one service"
                )
            }
            seen[row.decision] = row
        }
    }
}

/// A place in the text: page and line within it, both from 1.
struct Place: Equatable {
    var page: Int
    var line: Int
}

/// The headings that open, divide and close section 3.3; a line of the table of contents (leader dots and
/// a page number) is none of them.
enum Heading {
    case cloudSection, qualifiedServices, otherSubsection, sectionEnd, none

    init(_ line: String) {
        let text = line.trimmingCharacters(in: .whitespaces)
        guard !text.contains("....."), let first = text.split(separator: " ").first else {
            self = .none
            return
        }
        let number = first.hasSuffix(".") ? first.dropLast() : first[...]
        let title = text.dropFirst(first.count).trimmingCharacters(in: .whitespaces)
        let folded = title.replacingOccurrences(of: "’", with: "'").lowercased()
        switch number {
        case "3.3" where folded.hasPrefix("services d'informatique en nuage"):
            self = .cloudSection
        case "3.3.1":
            self = .qualifiedServices
        case _ where number.hasPrefix("3.3.") && number.count > 4 && title.first?.isUppercase == true:
            self = .otherSubsection
        case _ where (number == "3.4" || number == "4" || number == "3.5") && title.first?.isUppercase == true:
            self = .sectionEnd
        default:
            self = .none
        }
    }
}
