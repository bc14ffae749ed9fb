import Foundation
import GRDB

/// The provider-level facts of an assessment — the seat test and the ownership look-through, the costly part —
/// computed once per provider and registry revision, and reused by every offer, question, count and page
/// until the registry changes (a new revision empties it). What depends on the day (a SecNumCloud 3.2
/// qualification in force) is applied on top, each time.
final class ProviderTestsCache: @unchecked Sendable {
    struct Entry {
        var seat: SovereigntyTest
        var ownership: SovereigntyTest
        var lookThrough: OwnershipLookThrough?
    }

    /// Beyond this many providers the cache starts afresh: memory stays bounded on any registry.
    static let capacity = 200_000

    private let lock = NSLock()
    private var revision = ""
    private var entries: [String: Entry] = [:]
    /// A provider's SecNumCloud 3.2 qualification in force, by provider and day (`.some(nil)`: none).
    private var findings: [String: Attestation?] = [:]

    /// The entry of `providerId` at `revision`, computed by `compute` when not kept.
    func entry(_ providerId: String, revision: String, compute: () throws -> Entry) throws -> Entry {
        try kept(\.entries, providerId, revision: revision, compute: compute)
    }

    /// The provider's SecNumCloud 3.2 qualification in force on `day`, at `revision`.
    func finding(_ providerId: String, on day: Day, revision: String, compute: () throws -> Attestation?) throws
        -> Attestation?
    {
        try kept(\.findings, "\(providerId) \(day)", revision: revision, compute: compute)
    }

    private func kept<Value>(
        _ table: ReferenceWritableKeyPath<ProviderTestsCache, [String: Value]>, _ key: String, revision: String,
        compute: () throws -> Value
    ) throws -> Value {
        lock.lock()
        if self.revision != revision || entries.count + findings.count >= Self.capacity {
            self.revision = revision
            (entries, findings) = ([:], [:])
        }
        let kept = self[keyPath: table][key]
        lock.unlock()
        if let kept { return kept }
        let computed = try compute()
        lock.lock()
        if self.revision == revision { self[keyPath: table][key] = computed }
        lock.unlock()
        return computed
    }

    /// What names the registry's content: the last history row, the last run, the chain's head.
    static func revision(_ db: Database) throws -> String {
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT (SELECT max(id) FROM history), (SELECT max(id) FROM importRun),
                           (SELECT hash FROM history WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1)
                    """))
        return "\(row?[0] as Int64? ?? 0)-\(row?[1] as Int64? ?? 0)-\(row?[2] as String? ?? "")"
    }
}
