import Foundation
import GRDB

/// A publication the nightly sync fetches: its address and the kind of file `import` reads it as.
public struct PublicationSource: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public var name: String
    public var url: String
    public var kind: ImportSource
    /// The offers a host's transparency page speaks for; nil for the other kinds.
    public var offers: [String]?

    public init(name: String, url: String, kind: ImportSource, offers: [String]? = nil) {
        self.name = name
        self.url = url
        self.kind = kind
        self.offers = offers
    }
}

/// What one fetch of a publication found, for `sources`, `status` and the next conditional request.
public struct PublicationFetch: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public enum Outcome: String, Codable, Sendable, DatabaseValueConvertible {
        /// A new copy, imported.
        case imported
        /// Not modified (304), or a copy already imported.
        case unchanged
        /// Could not be read (network, timeout, server error): nothing changed, try again.
        case failed
        /// Read, and not the publication or not importable: nothing changed, a person must look.
        case refused
    }

    public var id: Int64?
    public var source: String
    public var fetchedAt: String
    public var outcome: Outcome
    public var httpStatus: Int?
    public var url: String?
    public var etag: String?
    public var lastModified: String?
    public var sha256: String?
    public var edition: String?
    public var message: String?

    public init(source: String, fetchedAt: String, outcome: Outcome) {
        self.source = source
        self.fetchedAt = fetchedAt
        self.outcome = outcome
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A source with what its fetches found: the last one, the last that succeeded, the last that changed it.
public struct SourceState: Hashable, Sendable {
    public var source: PublicationSource
    public var lastFetch: PublicationFetch?
    public var lastSuccess: PublicationFetch?
    public var lastChange: PublicationFetch?
}

extension Registry {
    // MARK: - Reads

    /// The publications the sync fetches, by name, with what their fetches found.
    public func sources() throws -> [SourceState] {
        try read { db in
            try PublicationSource.order(Column("name")).fetchAll(db).map { source in
                let latest = { (outcomes: [PublicationFetch.Outcome]) in
                    try PublicationFetch.filter(Column("source") == source.name && outcomes.contains(Column("outcome")))
                        .order(Column("id").desc).fetchOne(db)
                }
                return SourceState(
                    source: source, lastFetch: try latest([.imported, .unchanged, .failed, .refused]),
                    lastSuccess: try latest([.imported, .unchanged]), lastChange: try latest([.imported]))
            }
        }
    }

    // MARK: - Writes

    /// Creates or changes a source; a write in the history (one steward run).
    public func setSource(_ source: PublicationSource, dryRun: Bool = false) throws -> ImportReport {
        guard PublicationSource.isName(source.name) else {
            throw RegistryError.usage(
                "'\(source.name)' is not a source name; use lower-case letters, digits and hyphens, like anssi-catalogue"
            )
        }
        try PublicationSource.checkAddress(source.url)
        var source = source
        if source.kind != .hdsTransparencyPage, source.offers?.isEmpty == false {
            throw RegistryError.usage(
                "--offer names the offers of a host's transparency page; drop it, or use --kind hds-transparency-page")
        }
        source.offers = source.kind == .hdsTransparencyPage ? source.offers ?? [] : nil
        return try stewardRun("sources set \(source.name)", dryRun: dryRun) { db, facts in
            if let offers = source.offers {
                do { _ = try TransparencyPageImport.host(of: offers, db) } catch let problem as InputProblem {
                    throw RegistryError.usage(problem.message)
                }
            }
            try facts.save(source, key: ["name": source.name], id: source.name)
        }
    }

    /// Removes a source (its fetches stay in the log); a write in the history.
    public func removeSource(_ name: String, dryRun: Bool = false) throws -> ImportReport {
        try stewardRun("sources remove \(name)", dryRun: dryRun) { db, facts in
            guard try PublicationSource.deleteOne(db, key: name) else {
                let names = try String.fetchAll(db, sql: "SELECT name FROM publicationSource ORDER BY name")
                throw RegistryError.unknownID(
                    "no source is named '\(name)'; the sources: \(names.isEmpty ? "none" : names.joined(separator: ", "))"
                )
            }
            facts.record(.withdrawn, table: "publicationSource", id: name, "removed")
        }
    }

    /// Records what a fetch found (bookkeeping, outside the history).
    public func recordFetch(_ fetch: PublicationFetch) throws {
        try write { db in
            var fetch = fetch
            try fetch.insert(db)
        }
    }
}

extension PublicationSource {
    static func isName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.first.map { $0.isLetter || $0.isNumber } == true
            && name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }

    /// HTTPS, or plain HTTP to this machine only (for tests and local mirrors).
    public static func checkAddress(_ address: String) throws {
        guard let url = URL(string: address), let scheme = url.scheme?.lowercased(), let host = url.host,
            !host.isEmpty
        else { throw RegistryError.usage("'\(address)' is not an address; write it as https://host/path") }
        guard scheme == "https" || (scheme == "http" && isLoopback(host)) else {
            throw RegistryError.usage(
                "'\(address)': the sync fetches over HTTPS only (plain HTTP to 127.0.0.1 for a local mirror)")
        }
    }

    public static func isLoopback(_ host: String) -> Bool {
        let host = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}

/// How fresh a publication is on a day: the newest edition the registry reflects, the last fetch that
/// succeeded and the last that changed something, and what is stale about it.
public struct PublicationFreshness: Hashable, Sendable {
    public var state: SourceState
    /// The newest edition read (« mis à jour le 04/03/2026 à 15:34:17 », or a transcription's day) and its day.
    public var newestEdition: Phrase?
    public var newestEditionOn: Day?
    /// What the steward should know: an edition older than the publication's cadence, fetches failing.
    public var warnings: [Phrase]

    /// How often each kind of publication is known to change, in days: ANSSI updates its catalogue at least
    /// monthly, so an edition older than 45 days means the registry missed one.
    public static let cadence: [ImportSource: Int] = [.anssiCatalogue: 45]
    /// Fetches failing for this long are said.
    public static let failingFor = 3
}

extension Registry {
    /// Each publication's freshness on `day`, for `status`, `check` and the web page's Sources.
    public func publicationFreshness(on day: Day) throws -> [PublicationFreshness] {
        let states = try sources()
        return try read { db in
            try states.map { state in
                var freshness = PublicationFreshness(state: state, warnings: [])
                if state.source.kind == .anssiCatalogue {
                    let transcribed = try EditionOrder.transcribed(db)
                    if let imported = try EditionOrder.newestImported(db), imported.day >= transcribed ?? imported.day {
                        // ANSSI's own words for its edition, in both languages.
                        freshness.newestEdition = Phrase(same: "mis à jour le " + imported.stamp)
                        freshness.newestEditionOn = imported.day
                    } else if let transcribed {
                        freshness.newestEdition = Phrase(
                            "of \(transcribed) (a transcription)", fr: "du \(transcribed.french) (une transcription)")
                        freshness.newestEditionOn = transcribed
                    }
                }
                freshness.warnings = Self.staleness(freshness, on: day)
                return freshness
            }
        }
    }

    private static func staleness(_ freshness: PublicationFreshness, on day: Day) -> [Phrase] {
        var warnings: [Phrase] = []
        let name = freshness.state.source.name
        if let cadence = PublicationFreshness.cadence[freshness.state.source.kind],
            let edition = freshness.newestEditionOn,
            edition.days(until: day) > cadence
        {
            let (newest, age) = (freshness.newestEdition ?? edition.phrase, edition.days(until: day))
            warnings.append(
                Phrase(
                    "\(name): the newest edition read is \(newest.english), \(age) days old on \(day); "
                        + "it is published at least every \(cadence) days: run registry sync",
                    fr:
                        "\(name) : l'édition la plus récente lue est \(newest.french), vieille de \(age) jours le \(day.french) ; "
                        + "elle paraît au moins tous les \(cadence) jours : lancez registry sync"))
        }
        if let last = freshness.state.lastFetch, last.outcome == .failed || last.outcome == .refused {
            let since = freshness.state.lastSuccess.flatMap { Day(parsing: String($0.fetchedAt.prefix(10))) }
            if since.map({ $0.days(until: day) >= PublicationFreshness.failingFor }) ?? true {
                let said = last.message ?? last.outcome.rawValue
                warnings.append(
                    Phrase(
                        "\(name): no fetch has succeeded \(since.map { "since \($0)" } ?? "yet"); the last said: \(said)",
                        fr:
                            "\(name) : aucune récupération n'a réussi \(since.map { "depuis le \($0.french)" } ?? "jusqu'ici") ; "
                            + "la dernière a dit : \(said)"))
            }
        }
        return warnings
    }
}
