import Foundation

/// Pages already built, kept while the registry they were built from has not changed: a key names the
/// request, the reader's language, the day and the registry's revision (`Registry.revision`), so an import
/// makes every kept page unreachable at once. Bounded in bytes; the least recently used go first.
final class PageCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (response: DeskResponse, used: UInt64)] = [:]
    private var bytes = 0
    private var tick: UInt64 = 0
    let maxBytes: Int

    init(maxBytes: Int = 32 << 20) {
        self.maxBytes = maxBytes
    }

    func response(for key: String) -> DeskResponse? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[key] else { return nil }
        tick += 1
        entries[key] = (entry.response, tick)
        return entry.response
    }

    func keep(_ response: DeskResponse, for key: String) {
        let size = response.body.count + key.utf8.count
        guard maxBytes > 0, size <= maxBytes / 4 else { return }
        lock.lock()
        defer { lock.unlock() }
        tick += 1
        if let old = entries.updateValue((response, tick), forKey: key) {
            bytes -= old.response.body.count + key.utf8.count
        }
        bytes += size
        while bytes > maxBytes, let oldest = entries.min(by: { $0.value.used < $1.value.used }) {
            entries[oldest.key] = nil
            bytes -= oldest.value.response.body.count + oldest.key.utf8.count
        }
    }
}
