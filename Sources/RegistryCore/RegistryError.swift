/// A problem found in input data, located precisely enough to fix it: a line of a CSV file, a record of a
/// document (`attestation 'aws/hds'`) or a file; the column or key at fault; the value; the fix. The one type
/// of an import report's errors, a document's problems and a refused file's.
public struct InputProblem: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The line of a CSV file, when the problem has one.
    public var line: Int?
    /// Where else: a record of a document, such as `attestation 'aws/hds'`, or a file.
    public var record: String?
    /// The column or key at fault, when one is.
    public var column: String?
    /// The offending value, when one is.
    public var value: String?
    /// What is wrong and how to fix it.
    public var message: String

    public init(line: Int? = nil, record: String? = nil, column: String? = nil, value: String? = nil, message: String) {
        self.line = line
        self.record = record
        self.column = column
        self.value = value
        self.message = message
    }

    /// `line: record: column: 'value': message`, without the file (the caller prefixes it).
    public var description: String {
        [line.map { "\($0)" }, record, column, value.map { "'\($0)'" }, message].compactMap { $0 }
            .joined(separator: ": ")
    }
}

/// The errors of `RegistryCore`, each with a message that says how to fix it and a process exit status.
public enum RegistryError: Error, Sendable, CustomStringConvertible {
    /// A wrong argument: an unknown code or date, a question that contradicts itself. Exit 64.
    case usage(String)
    /// No provider or offer has the id asked for (the message suggests near ones). Exit 64, like any wrong
    /// argument; the web page answers it as a missing page (404).
    case unknownID(String)
    /// Input data that does not hold: nothing was written. Exit 65.
    case invalidInput(origin: String, problems: [InputProblem])
    /// An import refused as a whole (its report lists why): nothing was written. Exit 65.
    case rejectedImport(String)
    /// An input file that is missing or unreadable. Exit 66.
    case unreadableInput(path: String, reason: String)
    /// An output file that cannot be written. Exit 73.
    case unwritableOutput(path: String, reason: String)
    /// The database is locked by another writer. Exit 75.
    case databaseBusy(String)
    /// The database file is not a database or is damaged: nothing may write to it. Exit 1.
    case damaged(String)
    /// The database cannot be used as it is. Exit 1.
    case database(String)
    /// A program the command needs is not installed (poppler's `pdftotext`). Exit 69.
    case missingTool(String)

    /// Input refused as a whole, for one reason located at `origin` itself (a file, a backup). Exit 65.
    static func refused(_ origin: String, _ message: String) -> RegistryError {
        .invalidInput(origin: origin, problems: [InputProblem(record: origin, message: message)])
    }

    /// The sysexits status the command line exits with.
    public var exitCode: Int32 {
        switch self {
        case .usage, .unknownID: 64
        case .invalidInput, .rejectedImport: 65
        case .unreadableInput: 66
        case .unwritableOutput: 73
        case .databaseBusy: 75
        case .damaged, .database: 1
        case .missingTool: 69
        }
    }

    public var description: String {
        switch self {
        case .usage(let message), .unknownID(let message):
            return message
        case .invalidInput(let origin, let problems):
            let noun = problems.count == 1 ? "problem" : "problems"
            let lines = problems.map { "  \($0)" }.joined(separator: "\n")
            return "\(origin): \(problems.count) \(noun); nothing was written:\n\(lines)"
        case .unreadableInput(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .unwritableOutput(let path, let reason):
            return "cannot write \(path): \(reason)"
        case .databaseBusy(let message), .damaged(let message), .database(let message), .rejectedImport(let message),
            .missingTool(let message):
            return message
        }
    }
}
