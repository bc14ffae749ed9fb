import Foundation
import GRDB

/// The provider-level facts of an assessment — the seat test and the ownership look-through, the costly part —
/// and each offer's own tests, computed once per provider or offer and registry revision, and reused by every offer, question, count and page
/// until the registry changes (a new revision empties it). What depends on the day (a SecNumCloud 3.2
/// qualification in force) is found for every provider at once, in one statement per day, and applied on top.
final class ProviderTestsCache: @unchecked Sendable {
    struct Entry {
        var seat: SovereigntyTest
        var ownership: SovereigntyTest
        var lookThrough: OwnershipLookThrough?
    }

    /// Beyond this many providers the cache starts afresh: memory stays bounded on any registry.
    static let capacity = 200_000
    /// How long a reader waits for a value another reader is computing before computing it itself.
    let patience: TimeInterval

    init(patience: TimeInterval = 30) { self.patience = patience }

    private let condition = NSCondition()
    private var revision = ""
    private var computing: Set<InFlight> = []
    private var entries: [String: Entry] = [:]
    /// Each offer's own tests (location, administration, EEA hosting): they depend on no day.
    private var offerTests: [String: [SovereigntyTest]] = [:]
    /// Each provider's SecNumCloud 3.2 qualification in force, by day (a provider absent has none).
    private var findings: [Day: [String: Attestation]] = [:]

    /// The entry of `providerId` at `revision`, computed by `compute` when not kept.
    func entry(_ providerId: String, revision: String, compute: () throws -> Entry) throws -> Entry {
        try kept(\.entries, providerId, revision: revision, compute: compute)
    }

    /// The tests of `offerId`'s own facts at `revision`, computed by `compute` when not kept.
    func offerTests(_ offerId: String, revision: String, compute: () throws -> [SovereigntyTest]) throws
        -> [SovereigntyTest]
    {
        try kept(\.offerTests, offerId, revision: revision, compute: compute)
    }

    /// The provider's SecNumCloud 3.2 qualification in force on `day`, at `revision`; `computeAll` finds every
    /// provider's for the day.
    func finding(
        _ providerId: String, on day: Day, revision: String, computeAll: () throws -> [String: Attestation]
    ) throws -> Attestation? {
        try kept(\.findings, day, revision: revision, compute: computeAll)[providerId]
    }

    private func kept<Key: Hashable, Value>(
        _ table: ReferenceWritableKeyPath<ProviderTestsCache, [Key: Value]>, _ key: Key, revision: String,
        compute: () throws -> Value
    ) throws -> Value {
        // What another reader is computing now, it is waited for rather than computed twice: a page's counts ask
        // the same providers and the same day side by side. The wait has a limit: past it, the reader computes
        // the value itself — slower, never stuck, whatever the other reader is waiting for.
        let inFlight = InFlight(table: table, key: key, revision: revision)
        let deadline = Date().addingTimeInterval(patience)
        condition.lock()
        while true {
            if self.revision != revision || entries.count + offerTests.count + findings.count >= Self.capacity {
                self.revision = revision
                (entries, offerTests, findings) = ([:], [:], [:])
            }
            if let kept = self[keyPath: table][key] {
                condition.unlock()
                return kept
            }
            guard computing.contains(inFlight), condition.wait(until: deadline) else { break }
        }
        // A reader that waited past the limit computes beside the one it waited for, which keeps the mark.
        let marked = computing.insert(inFlight).inserted
        condition.unlock()
        defer {
            condition.lock()
            if marked { computing.remove(inFlight) }
            condition.broadcast()
            condition.unlock()
        }
        let computed = try compute()
        condition.lock()
        if self.revision == revision { self[keyPath: table][key] = computed }
        condition.unlock()
        return computed
    }

    /// A value being computed: which table, which key, at which revision.
    private struct InFlight: Hashable {
        let table: AnyKeyPath
        let key: AnyHashable
        let revision: String

        init<Key: Hashable, Value>(
            table: ReferenceWritableKeyPath<ProviderTestsCache, [Key: Value]>, key: Key, revision: String
        ) {
            self.table = table
            self.key = AnyHashable(key)
            self.revision = revision
        }
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
