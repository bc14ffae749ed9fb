import Foundation
import RegistryCore

/// Settings read from environment variables. A value that cannot be read is a usage error, never ignored:
/// a misspelt REGISTRY_READ_ONLY must not leave a desk with write access.
enum Environment {
    static func value(_ variable: String) -> String? {
        ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `1`, `true`, `yes`, `on` or `0`, `false`, `no`, `off` (any case); unset is false.
    static func flag(_ variable: String) throws -> Bool {
        guard let text = value(variable)?.lowercased() else { return false }
        if ["1", "true", "yes", "on"].contains(text) { return true }
        if ["0", "false", "no", "off"].contains(text) { return false }
        throw RegistryError.usage("\(variable) is 1 or 0 (true or false), such as \(variable)=1")
    }

    /// A number at least `minimum`, or nil when unset; `kind` and `example` word the message.
    static func number<N: LosslessStringConvertible & Comparable>(
        _ variable: String, atLeast minimum: N, kind: String, example: String
    ) throws -> N? {
        guard let text = value(variable) else { return nil }
        guard let number = N(text), number >= minimum else {
            throw RegistryError.usage("\(variable) is \(kind), such as \(variable)=\(example)")
        }
        return number
    }
}
