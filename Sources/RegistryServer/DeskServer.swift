import Foundation
import RegistryCore
import RegistryRendering

/// The purchasing desk's web pages over a registry: read-only, every page with its `.json` twin (the command
/// line's `--format json`), list pages with a `.csv` twin, Atom feeds of the history, and signed receipts.
///
/// `respond(to:)` is the whole server as a function: `DeskHTTP` only carries requests to it.
public struct DeskServer: Sendable {
    let registry: Registry
    /// The desk's receipt-signing key; without one, receipts are refused with the way to make one.
    let receiptKey: ReceiptKey?
    let templates: Templates
    /// Pages built since the registry last changed.
    let cache: PageCache

    /// Limits on what a request may carry: a longer URL or more parameters is refused (414, 400).
    static let maxTargetBytes = 4_096
    static let maxParameters = 64

    /// `cacheBytes` bounds the pages kept between changes to the registry (0: keep none).
    public init(registry: Registry, receiptKey: ReceiptKey?, cacheBytes: Int = 32 << 20) throws {
        self.registry = registry
        self.receiptKey = receiptKey
        self.templates = try Templates()
        self.cache = PageCache(maxBytes: cacheBytes)
    }

    /// The answer to one request, with the security headers every answer carries.
    public func respond(to request: DeskRequest) -> DeskResponse {
        var response = kept(request)
        response.headers += Self.securityHeaders
        // HEAD: GET's headers, its Content-Length included (RFC 9110 §9.3.2), without the body.
        if request.method == "HEAD" {
            response.headers.append(("Content-Length", "\(response.body.count)"))
            response.body = []
        }
        return response
    }

    static let securityHeaders: [(name: String, value: String)] = [
        (
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
        ),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        ("Cache-Control", "no-store"),
    ]

    /// The page as built before, if the registry and the day have not changed since; else built and kept.
    /// A receipt is signed anew each time (it records the moment), and only successes are kept.
    private func kept(_ request: DeskRequest) -> DeskResponse {
        guard request.method == "GET" || request.method == "HEAD", !request.path.hasSuffix(".receipt"),
            let revision = try? registry.revision()
        else { return route(request) }
        let language = Language(
            parameter: QueryString(request.query)?.value("lang"), acceptLanguage: request.acceptLanguage)
        let key = "\(revision) \(registry.clock.today) \(language.rawValue) \(request.path)?\(request.query ?? "")"
        if let response = cache.response(for: key) { return response }
        let response = route(request)
        if response.status == 200 { cache.keep(response, for: key) }
        return response
    }

    private func route(_ request: DeskRequest) -> DeskResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            var response = DeskResponse(
                status: 405, contentType: "text/plain; charset=utf-8",
                body: "Only GET and HEAD: this server never changes the registry.\n")
            response.headers.append(("Allow", "GET, HEAD"))
            return response
        }
        guard request.path.utf8.count + (request.query?.utf8.count ?? 0) <= Self.maxTargetBytes else {
            return DeskResponse(
                status: 414, contentType: "text/plain; charset=utf-8", body: "The address is too long.\n")
        }
        guard let query = QueryString(request.query), let path = Path(request.path) else {
            return DeskResponse(
                status: 400, contentType: "text/plain; charset=utf-8",
                body: "The address is not well formed (a broken %-escape, or bytes that are not UTF-8).\n")
        }
        let language = Language(parameter: query.value("lang"), acceptLanguage: request.acceptLanguage)
        let context = PageContext(
            server: self, path: path, query: query, language: language, words: Words(language: language))
        guard query.items.count <= Self.maxParameters else {
            return context.failure(.usage("more than \(Self.maxParameters) parameters; ask a shorter question"))
        }
        do {
            return try context.page()
        } catch let error as RegistryError {
            return context.failure(error)
        } catch is PageContext.NotFound {
            return context.notFound()
        } catch {
            // Never a stack or SQL: the reader sees that the page failed, the log says why.
            return context.failure(.usage("this page could not be built; the server's log says why"), status: 500)
        }
    }
}

/// A request's path: its segments, percent-decoded, and the extension of the last one (`json`, `csv`, `atom`,
/// `receipt`), which selects a twin of the page.
struct Path {
    var segments: [String]
    var format: String?

    static let formats: Set<String> = ["json", "csv", "atom", "receipt"]

    init?(_ raw: String) {
        var segments: [String] = []
        for part in raw.split(separator: "/", omittingEmptySubsequences: true) {
            guard let segment = part.removingPercentEncoding, !segment.contains("/") else { return nil }
            segments.append(segment)
        }
        if let last = segments.last, let dot = last.lastIndex(of: "."),
            Self.formats.contains(String(last[last.index(after: dot)...]))
        {
            format = String(last[last.index(after: dot)...])
            segments[segments.count - 1] = String(last[..<dot])
        }
        self.segments = segments
    }
}
