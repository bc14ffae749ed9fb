/// What an import did, or would do (dry run), or why it was refused.
public struct ImportReport: Sendable, Equatable {
    /// `applied`, `unchanged`, `rejected` or `dry-run`.
    public enum Status: String, Sendable, Codable {
        case applied, unchanged, rejected
        case dryRun = "dry-run"
    }

    public var status: Status
    public var source: ImportSource
    /// The file as named on the command line (`-` for standard input).
    public var file: String
    public var sha256: String?
    public var counts = ImportCounts()
    /// The first `listLimit` changes; the history holds them all (`registry history --run`).
    public var changes: [ImportChange] = []
    public var changesOmitted = 0
    /// The first `listLimit` problems.
    public var errors: [InputProblem] = []
    public var errorsOmitted = 0
    /// A report lists this many changes and errors at most: a million-row import is not a million-line report.
    public var listLimit = 10_000
    /// Facts a steward should know: an encoding guessed, seeded facts absent from an official list...
    public var notes: [String] = []
    /// Names the list used that matched no entry of the registry, so that new entries were created: each a
    /// possible twin of an existing entry, for the steward to check (`registry alias add`, `registry merge`).
    public var unmatched: [UnmatchedName] = []
    /// The run recorded in the registry (nil for a dry run).
    public var runId: Int64?
    /// For a steward's write that is not an import (`alias add`, `merge`): what it was.
    public var action: String?
    /// The edition of the publication read, when it has one (« mis à jour le 04/03/2026 à 15:34:17 »).
    public var edition: String?

    public init(status: Status, source: ImportSource, file: String) {
        self.status = status
        self.source = source
        self.file = file
    }
}

/// How many records an import read, inserted, updated, withdrew, reinstated, left unchanged or rejected.
public struct ImportCounts: Hashable, Sendable, Codable {
    public var read = 0
    public var inserted = 0
    public var updated = 0
    public var withdrawn = 0
    public var reinstated = 0
    public var unchanged = 0
    public var rejected = 0

    public init() {}

    /// Whether the import changed anything.
    public var changedAnything: Bool { inserted + updated + withdrawn + reinstated > 0 }
}

/// One change an import made to a fact.
public struct ImportChange: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case inserted, updated, withdrawn, reinstated
    }

    public var kind: Kind
    /// The table of the fact: `provider`, `offer`, `attestation`, `listing`, `hdsTransparency`...
    public var table: String
    public var id: String
    /// In plain words: "new provider, created from the list", "status qualified → withdrawn".
    public var summary: String
}

/// A name an official list used that matched nothing in the registry: the import created an entry for it.
public struct UnmatchedName: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case provider, offer
    }

    public var line: Int
    /// The page, for a list read in a PDF (its `line` is then the line within that page).
    public var page: Int? = nil
    public var kind: Kind
    /// The name as the list wrote it.
    public var name: String
    /// The entry created for it.
    public var createdId: String
    /// Existing entries whose names are near it, nearest first: « did you mean … ».
    public var suggestions: [String]
}

/// Why an import cannot go on.
enum ImportFailure: Error {
    case badHeader([InputProblem])
}
