import Foundation

/// A request as the desk's pages see it: the method, the path and query as sent, and the reader's languages.
/// Independent of the HTTP server, so that every page is testable as a function.
public struct DeskRequest: Sendable {
    public var method: String
    /// The path as sent, percent-encoded.
    public var path: String
    /// The query as sent, percent-encoded, without its `?`.
    public var query: String?
    /// The `Accept-Language` header, if any.
    public var acceptLanguage: String?

    public init(method: String = "GET", path: String, query: String? = nil, acceptLanguage: String? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.acceptLanguage = acceptLanguage
    }

    /// `"/offers?secnumcloud&hds"` split at its `?`.
    public init(method: String = "GET", target: String, acceptLanguage: String? = nil) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        self.init(
            method: method, path: String(parts[0]), query: parts.count > 1 ? String(parts[1]) : nil,
            acceptLanguage: acceptLanguage)
    }
}

/// A page's answer: status, headers and body. The security headers are added by `DeskServer`.
public struct DeskResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int = 200, contentType: String, body: String) {
        self.init(status: status, contentType: contentType, bytes: Array(body.utf8))
    }

    public init(status: Int = 200, contentType: String, bytes: [UInt8]) {
        self.status = status
        self.headers = [("Content-Type", contentType)]
        self.body = bytes
    }

    /// The value of a header, ignoring case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// The query string's parameters in order, percent-decoded, `+` read as a space (as HTML forms send them).
struct QueryString {
    var items: [(name: String, value: String)]

    /// Nil when the query cannot be decoded (a broken escape, bytes that are not UTF-8).
    init?(_ query: String?) {
        items = []
        for pair in (query ?? "").split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
                return nil
            }
            items.append((name, value))
        }
    }

    static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// Values of `name`, and whether it was given.
    func values(_ name: String) -> [String] { items.filter { $0.name == name }.map(\.value) }

    func value(_ name: String) -> String? { values(name).last }

    /// The items whose names are not in `names`.
    func removing(_ names: Set<String>) -> [(name: String, value: String)] {
        items.filter { !names.contains($0.name) }
    }
}

/// Percent-encodes a query value or path segment: everything but unreserved characters.
func urlEncoded(_ text: String) -> String {
    let allowed = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
}

/// A query string from items, each name and value encoded; a switch (empty value) written as its name alone.
func queryString(_ items: [(name: String, value: String)]) -> String {
    items.map { $0.value.isEmpty ? urlEncoded($0.name) : "\(urlEncoded($0.name))=\(urlEncoded($0.value))" }
        .joined(separator: "&")
}
