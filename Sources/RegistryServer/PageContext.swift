import Foundation
import RegistryCore
import RegistryRendering

/// One request being answered: which page, its parameters, the reader's language, and the ways to answer
/// (a page in the layout, a JSON or CSV twin, an error in the form asked).
struct PageContext {
    let server: DeskServer
    let path: Path
    let query: QueryString
    let language: Language
    let words: Words

    /// Parameters every page takes besides its own.
    static let common: Set<String> = ["lang"]

    func page() throws -> DeskResponse {
        let s = path.segments
        switch (s.first, s.count) {
        case (nil, _), ("offers", 1): return try offersPage(format: s.isEmpty ? nil : path.format)
        case ("offers", 3): return try factSheetPage(id: "\(s[1])/\(s[2])")
        case ("offers", 4) where s[3] == "history" && path.format == "atom": return try feed(id: "\(s[1])/\(s[2])")
        case ("providers", 2): return try factSheetPage(id: s[1])
        case ("providers", 3) where s[2] == "history" && path.format == "atom": return try feed(id: s[1])
        case ("assess", 2): return try assessPage(id: s[1])
        case ("assess", 3): return try assessPage(id: "\(s[1])/\(s[2])")
        case ("expiring", 1): return try expiringPage()
        case ("history", 1) where path.format == "atom": return try feed(id: nil)
        case ("history", 1): return try historyPage()
        case ("sources", 1): return try sourcesPage()
        case ("assets", 2) where path.format == nil: return try asset(s[1])
        default: return notFound()
        }
    }

    // MARK: - Parameters

    /// Refuses a parameter the page does not know, naming those it does.
    func allow(_ names: [String]) throws {
        let known = Set(names).union(Self.common)
        if let unknown = query.items.first(where: { !known.contains($0.name) }) {
            throw RegistryError.usage(
                "unknown parameter '\(unknown.name)'; this page takes: \((names + Self.common.sorted()).joined(separator: ", "))"
            )
        }
    }

    /// `valid-on`, or today.
    func day() throws -> Day {
        guard let text = query.value("valid-on") else { return server.registry.clock.today }
        guard let day = Day(parsing: text) else {
            throw RegistryError.usage("'\(text)' is not a day that exists; write it as YYYY-MM-DD, such as 2026-12-31")
        }
        return day
    }

    /// The registry, or its reconstruction at `as-of`.
    func registry() throws -> Registry {
        guard let text = query.value("as-of"), !text.isEmpty else { return server.registry }
        guard let moment = Moment(parsing: text) else {
            throw RegistryError.usage(
                "'\(text)' is not a moment; write YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z], such as 2026-11-29T08:00Z")
        }
        return try server.registry.asOf(moment)
    }

    /// A link to `path` keeping the reader's language when it was chosen by `lang`.
    func link(_ path: String, _ items: [(name: String, value: String)] = []) -> String {
        var items = items
        if let lang = query.value("lang") { items.append(("lang", lang)) }
        return items.isEmpty ? path : path + "?" + queryString(items)
    }

    /// The path of an id's page: `/providers/ID` or `/offers/PROVIDER/OFFER`.
    static func pagePath(of id: String) -> String {
        let parts = id.split(separator: "/", maxSplits: 1).map { urlEncoded(String($0)) }
        return parts.count == 2 ? "/offers/\(parts[0])/\(parts[1])" : "/providers/\(parts[0])"
    }

    // MARK: - Answers

    /// A page in the layout: `template` rendered with `values`, then the layout around it.
    func html(
        title: String, template: String, values: [String: Any], current: String? = nil,
        alternates: [(type: String, label: String, href: String)] = [], status: Int = 200
    ) -> DeskResponse {
        var values = values
        values["w"] = words.all
        let content = server.templates.render(template, values)
        let otherLanguage: Language = language == .fr ? .en : .fr
        var items = query.items.filter { $0.name != "lang" }
        items.append(("lang", otherLanguage.rawValue))
        let layout: [String: Any] = [
            "lang": language.rawValue, "title": title, "content": content, "w": words.all,
            "nav": [
                ["href": link("/offers"), "label": words["offers"], "current": current == "offers"],
                ["href": link("/expiring"), "label": words["expiring"], "current": current == "expiring"],
                ["href": link("/history"), "label": words["history"], "current": current == "history"],
                ["href": link("/sources"), "label": words["sources"], "current": current == "sources"],
            ],
            "otherLanguageHref": "/" + path.segments.map(urlEncoded).joined(separator: "/") + "?" + queryString(items),
            "otherLanguageCode": otherLanguage.rawValue,
            "alternates": alternates.map { ["type": $0.type, "label": $0.label, "href": $0.href] },
        ]
        return DeskResponse(
            status: status, contentType: "text/html; charset=utf-8", body: server.templates.render("layout", layout))
    }

    /// A `.json` twin: the command line's JSON, byte for byte.
    func json(_ value: JSON) -> DeskResponse { json(text: value.serialized() + "\n") }

    func json(text: String) -> DeskResponse {
        DeskResponse(contentType: "application/json; charset=utf-8", body: text)
    }

    /// A CSV twin, downloaded under `name`.
    func csv(_ text: String, name: String) -> DeskResponse {
        var response = DeskResponse(contentType: "text/csv; charset=utf-8", body: text)
        response.headers.append(("Content-Disposition", "attachment; filename=\"\(name)\""))
        return response
    }

    /// A twin the page does not have is not found.
    func requireFormat(_ allowed: Set<String>) throws {
        if let format = path.format, !allowed.contains(format) { throw NotFound() }
    }

    struct NotFound: Error {}

    func notFound() -> DeskResponse {
        if path.format == "json" {
            return DeskResponse(
                status: 404, contentType: "application/json; charset=utf-8",
                body: JSON.object([("error", .string("no such page")), ("exitCode", .int(64))]).serialized() + "\n")
        }
        return html(
            title: words["notFound"], template: "error",
            values: ["heading": words["notFound"], "message": "/" + path.segments.joined(separator: "/")], status: 404)
    }

    /// A refusal in the form asked: the command line's JSON error for a `.json` twin, else a page. An unknown
    /// id is a missing page (404); any other usage error a bad request (400).
    func failure(_ error: RegistryError, status: Int? = nil) -> DeskResponse {
        let message = "\(error)"
        let code: Int
        if let status {
            code = status
        } else if case .unknownID = error {
            code = 404
        } else {
            code = error.exitCode == 64 ? 400 : 500
        }
        if path.format == "json" || path.format == "csv" || path.format == "receipt" {
            return DeskResponse(
                status: code, contentType: "application/json; charset=utf-8",
                body: JSON.object([("error", .string(message)), ("exitCode", .int(Int(error.exitCode)))]).serialized()
                    + "\n")
        }
        return html(
            title: words["error"], template: "error", values: ["heading": words["error"], "message": message],
            status: code)
    }
}

/// A template value that may be missing: the text, or `false` so that `{{#key}}…{{/key}}` renders nothing
/// (an empty string would still render the section).
func present(_ text: String?) -> Any {
    guard let text, !text.isEmpty else { return false }
    return text
}
