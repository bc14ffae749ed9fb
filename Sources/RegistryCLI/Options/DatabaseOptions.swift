import ArgumentParser
import Foundation
import RegistryCore
import RegistryRendering

/// `--db PATH`, shared by every command.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The database file (default: $REGISTRY_DB, else $XDG_DATA_HOME/registry/registry.sqlite).",
            valueName: "path"))
    var path: String?

    @Flag(
        name: .customLong("read-only"),
        help: "Open the database read-only (also REGISTRY_READ_ONLY=1): commands that write refuse.")
    var readOnlyFlag = false

    /// Read-only access, from `--read-only` or `REGISTRY_READ_ONLY=1`.
    var readOnly: Bool {
        get throws { try readOnlyFlag || Environment.flag("REGISTRY_READ_ONLY") }
    }

    /// The database path: `--db`, else `REGISTRY_DB`, else the XDG data folder.
    var resolvedPath: String {
        let environment = ProcessInfo.processInfo.environment
        // An empty one is not « unset »: the registry refuses it rather than silently using the default.
        if let path { return path }
        if let path = environment["REGISTRY_DB"] { return path }
        let dataHome =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return dataHome + "/registry/registry.sqlite"
    }

    /// How long a write waits for another writer, in seconds: `REGISTRY_BUSY_TIMEOUT`, else 10.
    var busyTimeout: Double {
        get throws {
            try Environment.number(
                "REGISTRY_BUSY_TIMEOUT", in: Environment.busyTimeoutSeconds, kind: "a number of seconds", example: "30")
                ?? 10
        }
    }

    /// Where the commands read today: the system clock, the same one the registry is given.
    var clock: Clock { .system }

    /// Opens the registry, creating, migrating and seeding a missing database with one line on stderr.
    /// Commands that only read pass `forReading`: they never wait for an import. Commands that vouch for
    /// a particular database (check, backup, export, verify-receipt) pass `existing`: for them a missing
    /// file is a mistyped path, which a new seeded database would hide.
    func open(forReading: Bool = false, existing: Bool = false) throws -> Registry {
        let path = resolvedPath
        let readOnly = try readOnly
        if readOnly && !forReading {
            throw RegistryError.usage(
                "this command writes, and the database is opened read-only (--read-only or REGISTRY_READ_ONLY=1); "
                    + "run it without read-only access")
        }
        var (registry, created) = try Registry.open(
            path: path, busyTimeout: try busyTimeout, forReading: forReading, readOnly: readOnly, creating: !existing,
            clock: clock)
        registry.archive = CopyArchive(besideDatabase: path)
        if created {
            note("created a new database at \(path), loaded with the embedded seeds")
        }
        return registry
    }
}

/// Writes a line to standard error: messages and progress never mix with results.
func note(_ message: String) {
    warn("registry: \(message)\n")
}
