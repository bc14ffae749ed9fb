import RegistryCore

/// Renders a list of flat records in each output format.
package struct ListRendering {
    package let columns: [String]
    package let rows: [[JSON]]
    /// How a null reads in text formats: "unknown" for facts, "-" where null means "nothing to say".
    package var nullText = "unknown"

    package init(columns: [String], rows: [[JSON]], nullText: String = "unknown") {
        self.columns = columns
        self.rows = rows
        self.nullText = nullText
    }

    package func render(_ format: OutputFormat) -> String {
        let objects = rows.map { JSON.object(Array(zip(columns, $0))) }
        switch format {
        case .json: return JSON.array(objects).serialized() + "\n"
        case .ndjson: return objects.map { $0.serialized(pretty: false) + "\n" }.joined()
        case .csv:
            return
                ([columns.joined(separator: ",")] + rows.map { $0.map { csvField(text($0)) }.joined(separator: ",") })
                .joined(separator: "\r\n") + "\r\n"
        case .markdown:
            return
                ([
                    "| " + columns.joined(separator: " | ") + " |",
                    "|" + String(repeating: " --- |", count: columns.count),
                ]
                + rows.map { "| " + $0.map { markdownCell(text($0)) }.joined(separator: " | ") + " |" })
                .joined(separator: "\n") + "\n"
        case .table:
            var table = TextTable()
            table.headers = columns.map { $0.uppercased() }
            for row in rows { table.append(row.map(text)) }
            return table.rendered
        }
    }

    private func text(_ value: JSON) -> String {
        switch value {
        case .null: nullText
        case .bool(let flag): flag ? "yes" : "no"
        case .string(let string): string
        default: value.serialized(pretty: false)
        }
    }
}
