/// How results are written: to standard output by the command line, as a page's twin by the server.
package enum OutputFormat: String, CaseIterable, Sendable {
    case table, json, csv, ndjson, markdown
}
