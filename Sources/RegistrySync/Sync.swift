import Foundation
import RegistryCore

/// One night's sync: each configured publication fetched, kept, imported if it changed, and what happened.
public struct SyncOutcome: Sendable {
    public var source: PublicationSource
    public var fetch: PublicationFetch
    /// The import's report, when the copy was imported (or refused by the import).
    public var report: ImportReport?

    /// 0 imported or unchanged, 75 could not be read (try again), 65 refused (a person must look).
    public var exitCode: Int32 {
        switch fetch.outcome {
        case .imported, .unchanged: 0
        case .failed: 75
        case .refused: 65
        }
    }

    /// The worst status of a night: a refusal over a failure over success.
    public static func exitCode(_ outcomes: [SyncOutcome]) -> Int32 {
        let codes = Set(outcomes.map(\.exitCode))
        return codes.contains(65) ? 65 : codes.contains(75) ? 75 : 0
    }
}

public enum Sync {
    /// Syncs the sources named (all when none), one after the other; a failure of one never stops the others.
    public static func run(
        _ registry: Registry, names: [String], fetcher: Fetcher, day: Day, dryRun: Bool
    ) async throws -> [SyncOutcome] {
        let states = try registry.sources()
        let unknown = names.filter { name in !states.contains { $0.source.name == name } }
        guard unknown.isEmpty else {
            throw RegistryError.usage(
                "no source is named \(unknown.joined(separator: ", ")); the sources: "
                    + states.map(\.source.name).joined(separator: ", ") + " (registry sources)")
        }
        var outcomes: [SyncOutcome] = []
        for state in states where names.isEmpty || names.contains(state.source.name) {
            let outcome = try await sync(state, registry, fetcher: fetcher, day: day, dryRun: dryRun)
            if !dryRun { try registry.recordFetch(outcome.fetch) }
            outcomes.append(outcome)
        }
        return outcomes
    }

    private static func sync(
        _ state: SourceState, _ registry: Registry, fetcher: Fetcher, day: Day, dryRun: Bool
    ) async throws -> SyncOutcome {
        let source = state.source
        var fetch = PublicationFetch(source: source.name, fetchedAt: Moment.at(Date()).timestamp, outcome: .failed)
        fetch.url = source.url
        // Conditional on the last copy read from this very address (a changed address is a new publication).
        let last = state.lastSuccess?.url == source.url ? state.lastSuccess : nil
        let answer: Fetcher.Answer
        switch await fetcher.fetch(source.url, etag: last?.etag, lastModified: last?.lastModified) {
        case .success(let body):
            answer = body
        case .failure(let failure):
            fetch.outcome = failure.isTemporary ? .failed : .refused
            fetch.message = failure.message
            return SyncOutcome(source: source, fetch: fetch)
        }
        switch answer {
        case .notModified(let status):
            fetch.outcome = .unchanged
            fetch.httpStatus = status
            (fetch.etag, fetch.lastModified, fetch.sha256, fetch.edition) = (
                last?.etag, last?.lastModified, last?.sha256, last?.edition
            )
            fetch.message =
                "not modified since " + (state.lastChange?.fetchedAt.prefix(10).description ?? "the last fetch")
            return SyncOutcome(source: source, fetch: fetch)
        case .body(let file, let response):
            defer { try? FileManager.default.removeItem(at: file) }
            (fetch.httpStatus, fetch.etag, fetch.lastModified) = (response.status, response.etag, response.lastModified)
            return try importing(file, response, into: registry, &fetch, state, day: day, dryRun: dryRun)
        }
    }

    /// The copy read: unchanged when it is the one last imported, else imported with every rule of `import`
    /// (the archive keeps it, with where it came from, whatever the import says).
    private static func importing(
        _ file: URL, _ response: Fetcher.Response, into registry: Registry, _ fetch: inout PublicationFetch,
        _ state: SourceState, day: Day, dryRun: Bool
    ) throws -> SyncOutcome {
        var options = ImportOptions(day: day)
        options.dryRun = dryRun
        options.offers = state.source.offers ?? []
        var copy = CopyArchive.Copy(sha256: "", bytes: 0, kind: state.source.kind.rawValue, keptAt: "")
        (copy.url, copy.finalURL, copy.fetchedAt, copy.httpStatus) = (
            state.source.url, response.finalURL, fetch.fetchedAt, response.status
        )
        (copy.etag, copy.lastModified, copy.contentType) = (response.etag, response.lastModified, response.contentType)
        options.copy = copy
        let report = try registry.importFile(at: file.path, source: state.source.kind, options: options)
        fetch.sha256 = report.sha256
        fetch.edition = report.edition
        let sameCopy = report.sha256 != nil && report.sha256 == state.lastSuccess?.sha256
        switch report.status {
        case .rejected:
            fetch.outcome = .refused
            fetch.message = report.errors.prefix(3).map(\.message).joined(separator: "; ")
        case .unchanged:
            fetch.outcome = .unchanged
            fetch.message =
                sameCopy
                ? "unchanged since " + (state.lastChange?.fetchedAt.prefix(10).description ?? "the last fetch")
                : "a new copy that changes nothing"
        case .applied, .dryRun:
            fetch.outcome = .imported
        }
        return SyncOutcome(source: state.source, fetch: fetch, report: report)
    }
}

extension Fetcher.Failure {
    var isTemporary: Bool {
        if case .temporary = self { return true }
        return false
    }
}
