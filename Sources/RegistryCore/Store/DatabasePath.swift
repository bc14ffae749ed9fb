import Foundation
import GRDB

/// Where a registry lives, judged before anything opens, creates or writes it: a regular file, or nothing yet.
///
/// A database is created beside its path and moved into place, so a path naming a device, a FIFO or a folder
/// would be replaced: run as root, `--db /dev/null` replaced the system's /dev/null. A symbolic link is
/// judged by its target, and a file that SQLite reads but that holds another application's tables is never
/// given the registry's schema.
public enum DatabasePath {
    /// The path with its symbolic links resolved, or a usage error when it cannot hold a registry.
    static func resolve(_ path: String) throws -> URL {
        guard !path.isEmpty else {
            throw RegistryError.usage(
                "the database path is empty; give one with --db PATH or REGISTRY_DB, or leave both unset for the default"
            )
        }
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK, stat(path, &info) != 0 {
            throw RegistryError.usage("\(path) is a symbolic link to nothing; point --db at a database file")
        }
        let url = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        if stat(url.path, &info) == 0 {
            let type = info.st_mode & S_IFMT
            guard type == S_IFREG else {
                let what =
                    switch type {
                    case S_IFDIR: "a folder"
                    case S_IFIFO: "a FIFO"
                    case S_IFCHR, S_IFBLK: "a device"
                    default: "not a regular file"
                    }
                throw RegistryError.usage(
                    "\(path) is \(what), not a database file; choose a file with --db PATH (nothing was written)")
            }
        }
        return url
    }

    /// Refuses a SQLite file that holds tables but not the registry's schema: another application's data.
    static func requireRegistry(_ url: URL) throws {
        var configuration = Configuration()
        configuration.readonly = true
        let foreign: Bool
        do {
            let queue = try DatabaseQueue(path: url.path, configuration: configuration)
            defer { try? queue.close() }
            foreign = try queue.read(isForeign)
        } catch {
            // Not readable as SQLite: the open that follows says why, in the registry's words.
            return
        }
        if foreign { throw foreignDatabase(url) }
    }

    /// Whether the database holds tables but not the registry's schema.
    static func isForeign(_ db: Database) throws -> Bool {
        let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
        return try tables > 0 && !db.tableExists("grdb_migrations")
    }

    static func foreignDatabase(_ url: URL) -> RegistryError {
        RegistryError.damaged(
            "\(url.path) is a SQLite database of another application (it has tables and no registry schema); "
                + "nothing was written to it. Point --db at a registry database, or at a new file")
    }

    /// Gives the -wal and -shm files the database's own mode, as the README promises: SQLite recreates the -wal
    /// with the database's mode but leaves the -shm as it was, so on a database made 0440 a group reader could
    /// read the file and not its -shm. A file this process may not change is left as it is.
    static func alignCompanions(_ url: URL) {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return }
        let mode = info.st_mode & 0o777
        for suffix in ["-wal", "-shm"] {
            var companion = stat()
            let path = url.path + suffix
            if stat(path, &companion) == 0, companion.st_mode & 0o777 != mode { _ = chmod(path, mode) }
        }
    }

    /// Whether `output` would overwrite the database at `database` or one of its -wal, -shm and -journal files.
    public static func isDatabase(_ output: String, of database: String) -> Bool {
        let target = URL(fileURLWithPath: output).resolvingSymlinksInPath().path
        let base = URL(fileURLWithPath: database).resolvingSymlinksInPath().path
        return [base, base + "-wal", base + "-shm", base + "-journal"].contains(target)
    }
}
