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

    /// The table's lines, its cells already made safe.
    var lines: [String] { rendered.trimmingTrailingNewline.split(separator: "\n").map(String.init) }

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
