import Foundation

/// A file built beside its final path, then published in one step: a process killed while building it
/// leaves no half-made file at that path, only a hidden scratch file that the next builder sweeps away.
/// Used to create a registry and to write a backup; an import copies its input to one, never published.
struct ScratchFile {
    let destination: URL
    let url: URL

    /// Creates the scratch file, private to its owner and group by default (SQLite gives its -wal and -shm
    /// the same mode).
    init(for destination: URL, mode: Int = 0o660) throws {
        self.destination = destination
        let folder = destination.deletingLastPathComponent()
        let prefix = ".\(destination.lastPathComponent).creating-"
        // What a builder killed meanwhile left behind: its process is gone. (Builders of this process may be
        // at work: each scratch file is unique, so several can run at once — parallel imports in one process.)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where name.hasPrefix(prefix) {
            let pid = pid_t(name.dropFirst(prefix.count).prefix { $0.isNumber }) ?? 0
            if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH {
                unlink(folder.appendingPathComponent(name).path)
            }
        }
        url = folder.appendingPathComponent(prefix + "\(getpid())-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: mode])
        else {
            throw RegistryError.unwritableOutput(
                path: destination.path, reason: "cannot create it; check the folder and its permissions")
        }
    }

    /// Moves the finished file to its destination. link(2) never replaces: false when the destination
    /// exists (another process was first). `replacing` allows rename(2), which does.
    func publish(replacing: Bool = false) throws -> Bool {
        if !replacing {
            if link(url.path, destination.path) == 0 { return true }
            if errno == EEXIST { return false }
            // Some file systems have no hard links: rename then, accepting the small race with another builder.
        }
        guard rename(url.path, destination.path) == 0 else {
            throw RegistryError.unwritableOutput(path: destination.path, reason: String(cString: strerror(errno)))
        }
        return true
    }

    /// Removes the scratch file and SQLite's companions; call it in every case, once done.
    func remove() {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(url.path + suffix) }
    }
}
