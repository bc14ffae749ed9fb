import GRDB
import RegistryResources

/// The database schema: the embedded `Migrations/*.sql`, applied in order, each once.
enum Schema {
    /// Identifiers of the migrations this binary knows, in order (file names without `.sql`).
    static var migrationIdentifiers: [String] {
        EmbeddedFiles.migrations.map { String($0.name.dropLast(".sql".count)) }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for file in EmbeddedFiles.migrations {
            let sql = file.text
            migrator.registerMigration(String(file.name.dropLast(".sql".count))) { db in
                try db.execute(sql: sql)
            }
        }
        return migrator
    }
}
