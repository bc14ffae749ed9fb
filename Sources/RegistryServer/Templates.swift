import Mustache

/// The page templates and static assets, compiled into the binary like the migrations: nothing is read from
/// the file system, and no path in a URL ever names a file.
struct Templates: Sendable {
    let library: MustacheLibrary

    static let sources: [String: [UInt8]] = [
        "layout": PackageResources.layout_mustache,
        "offers": PackageResources.offers_mustache,
        "factsheet": PackageResources.factsheet_mustache,
        "assess": PackageResources.assess_mustache,
        "expiring": PackageResources.expiring_mustache,
        "history": PackageResources.history_mustache,
        "sources": PackageResources.sources_mustache,
        "error": PackageResources.error_mustache,
        "feed": PackageResources.feed_mustache,
    ]

    /// The assets `/assets/NAME` serves, with their content types.
    static let assets: [String: (type: String, bytes: [UInt8])] = [
        "desk.css": ("text/css; charset=utf-8", PackageResources.desk_css),
        "desk.js": ("text/javascript; charset=utf-8", PackageResources.desk_js),
    ]

    init() throws {
        var library = MustacheLibrary()
        for (name, bytes) in Self.sources {
            try library.register(String(decoding: bytes, as: UTF8.self), named: name)
        }
        self.library = library
    }

    /// The template rendered; every `{{value}}` is HTML-escaped by the engine.
    func render(_ name: String, _ values: [String: Any]) -> String {
        library.render(values, withTemplate: name) ?? ""
    }
}
