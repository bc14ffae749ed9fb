import ArgumentParser
import Foundation
import RegistryCore
import RegistryRendering

extension OutputFormat: ExpressibleByArgument {
    /// `table` on a terminal, `json` when standard output is a pipe or a file (scripts get the contract).
    static func resolved(_ format: OutputFormat?) -> OutputFormat {
        format ?? (isatty(STDOUT_FILENO) == 1 ? .table : .json)
    }
}

extension Day {
    /// Parses a `--valid-on` style argument, with a message that says how to write a day.
    static func argument(_ text: String) throws -> Day {
        guard let day = Day(parsing: text) else {
            throw ValidationError("'\(text)' is not a day that exists; write it as YYYY-MM-DD, such as 2026-12-31")
        }
        return day
    }
}

extension ServiceModel: ExpressibleByArgument {}

extension EvidenceDetail: ExpressibleByArgument {}
