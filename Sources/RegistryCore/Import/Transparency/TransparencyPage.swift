import Foundation

/// A host's transparency page (HDS 2024, exigence 31) as published: the table of who touches health data,
/// found by its header (the labels hosts use, in French or in English), its rows read cell by cell.
/// Anything else — a page without such a table (a bot-protection, login or error page), a header read
/// two ways, a cell that says what the reader cannot tell — is refused, naming the table, row and column.
struct TransparencyPage: Hashable {
    enum Column: String, CaseIterable {
        case actor, role
        case hdsCertified = "hds certified"
        case secnumcloud = "secnumcloud 3.2"
        case activities
        case exigence29 = "exigence 29"
        case exigence30 = "exigence 30"
    }

    struct Row: Hashable {
        /// « table 1, row 3 »: where the row is, for messages and notes.
        var place: String
        var actor: String
        var role: HostingRole
        var hdsCertified: HDSCertification?
        var secnumcloud32: Bool?
        var activities: [Int]
        var exigence29: String?
        var accessFromOutsideEEA: Bool?
        var exigence30: Bool?
        var exigence30Text: String?
        /// The footnote marks the row carries (« exigence 30: note 3 »): the page's notes say what they mean.
        var marks: [String]
    }

    var rows: [Row]

    /// Reads the page's transparency tables (usually one; several are read one after the other).
    static func read(_ data: Data) throws(InputProblem) -> TransparencyPage {
        var rows: [Row] = []
        var found = false
        for table in try HTMLTables.read(data) {
            guard let (headerIndex, columns) = try header(of: table) else { continue }
            found = true
            for (index, cells) in table.rows.enumerated().dropFirst(headerIndex + 1) {
                let place = "table \(table.number), row \(index + 1)"
                let values = columns.mapValues { $0 < cells.count ? cells[$0] : HTMLTable.Cell(lines: [], marks: []) }
                // A repeated header, or an empty row, says nothing.
                if values.values.allSatisfy({ $0.lines.isEmpty }) || (try? Self.header(row: cells)) != nil {
                    continue
                }
                rows.append(try row(values, place: place))
            }
        }
        guard found else {
            throw InputProblem(
                line: nil, column: nil, value: nil,
                message:
                    "not the publication: the page holds no transparency table (a table whose header names the actor, its role and exigence 29 or 30); a bot-protection, login or error page? Open the copy kept in the archive (registry archive)"
            )
        }
        return TransparencyPage(rows: rows)
    }

    /// The header row among the table's first rows, and the cell of each column it names; nil when the
    /// table is not a transparency table.
    private static func header(of table: HTMLTable) throws(InputProblem) -> (Int, [Column: Int])? {
        for (index, cells) in table.rows.prefix(5).enumerated() {
            if let columns = try header(row: cells, place: "table \(table.number), row \(index + 1)") {
                return (index, columns)
            }
        }
        return nil
    }

    /// The columns a row names when it is a transparency table's header: the actor, its role, and exigence
    /// 29 or 30 at least. A column named twice is refused: which one the page means cannot be told.
    private static func header(row cells: [HTMLTable.Cell], place: String = "") throws(InputProblem) -> [Column: Int]? {
        var columns: [Column: Int] = [:]
        var twice: (Column, Int, Int)?
        for (index, cell) in cells.enumerated() {
            guard let column = column(cell.text) else { continue }
            if let first = columns[column] {
                if cells[first] != cell { twice = twice ?? (column, first, index) }
            } else {
                columns[column] = index
            }
        }
        guard columns[.actor] != nil, columns[.role] != nil, columns[.exigence29] ?? columns[.exigence30] != nil
        else { return nil }
        if let (column, first, second) = twice {
            throw InputProblem(
                record: place, column: column.rawValue, value: cells[second].text,
                message:
                    "two columns read as \(column.rawValue) (« \(cells[first].text) » and « \(cells[second].text) »): which one the page means cannot be told; import the table in the CSV layout (--source hds-transparency) instead"
            )
        }
        return columns
    }

    /// The column a header cell names, by the words hosts use (French or English, their typos included).
    static func column(_ label: String) -> Column? {
        let text = " " + SearchText.words(label) + " "
        let words = Set(text.split(separator: " ").map(String.init))
        let numbered = words.contains("exigence") || words.contains("requirement")
        let says = { (phrases: [String]) in phrases.contains { text.contains(" \($0) ") } }
        switch (numbered && words.contains("29"), numbered && words.contains("30")) {
        case (true, false): return .exigence29
        case (false, true): return .exigence30
        case (true, true): return nil
        case (false, false): break
        }
        if says(["risque d acces", "risk of access", "risque d acces impose"]) { return .exigence30 }
        if says(["pays tiers", "countries outside", "third countries", "third country", "hors eee", "outside the eea"])
        {
            return .exigence29
        }
        if words.contains(where: { $0.hasPrefix("activit") }) { return .activities }
        if words.contains("secnumcloud") { return .secnumcloud }
        if words.contains("hds") && words.contains(where: { $0.hasPrefix("cert") }) { return .hdsCertified }
        if words.contains("role") { return .role }
        if says(["raison sociale", "company name", "company", "acteur", "nom de l acteur", "societe", "entreprise"]) {
            return .actor
        }
        return nil
    }
}
