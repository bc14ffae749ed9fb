import Foundation
import RegistryCore
import RegistryRendering

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

    /// A number within `range`, or nil when unset; `kind` and `example` word the message. A value out of the
    /// range (`inf`, `nan`, 9223372036854775807) is a usage error, so that no arithmetic on it can trap.
    static func number<N: LosslessStringConvertible & Comparable>(
        _ variable: String, in range: ClosedRange<N>, kind: String, example: String
    ) throws -> N? {
        guard let text = value(variable) else { return nil }
        guard let number = N(text.trimmingCharacters(in: .whitespaces)), range.contains(number) else {
            throw RegistryError.usage(
                "\(variable) is \(kind) from \(range.lowerBound) to \(range.upperBound), such as \(variable)=\(example)"
            )
        }
        return number
    }

    /// The documented bounds of each numeric setting.
    static let busyTimeoutSeconds = 0.0...3_600.0
    static let maxFileBytes = 1...(64 << 30)
    static let maxFieldBytes = 1...(1 << 30)
    static let maxRows = 1...1_000_000_000
}
