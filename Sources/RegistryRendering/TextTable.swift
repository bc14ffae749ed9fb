import Foundation

/// A plain-text table with aligned columns, for terminals.
package struct TextTable {
    package var headers: [String]
    package var rows: [[String]] = []

    package init(_ headers: String...) {
        self.headers = headers
    }

    package mutating func append(_ cells: [String]) {
        rows.append(cells.map { terminalSafe($0) })
    }

    /// The table's lines, its cells already made safe.
    package var lines: [String] { rendered.trimmingTrailingNewline.split(separator: "\n").map(String.init) }

    package var rendered: String {
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
