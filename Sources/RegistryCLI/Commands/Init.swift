import ArgumentParser
import Foundation
import RegistryCore
import RegistryRendering

extension RegistryCommand {
    /// `registry init`: create or migrate a database.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create a database, or migrate an existing one to this version's schema.",
            discussion: "A new database is loaded with the embedded seeds unless --empty is given.")

        @OptionGroup var database: DatabaseOptions

        @Flag(help: "Create the database without the seeds.")
        var empty = false

        func run() throws {
            if try database.readOnly {
                throw RegistryError.usage(
                    "init writes, and the database is opened read-only (--read-only or REGISTRY_READ_ONLY=1); "
                        + "run it without read-only access")
            }
            let path = database.resolvedPath
            let (_, created) = try Registry.open(path: path, seeded: !empty, busyTimeout: try database.busyTimeout)
            if created {
                note("created \(path)" + (empty ? " (empty)" : ", loaded with the embedded seeds"))
            } else {
                note("\(path) exists and is migrated to the current schema")
            }
        }
    }
}
