import Foundation
import Logging
import RegistryCLI

// Process-wide set-up only; everything else lives in RegistryCLI so that it can be tested.
LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel =
        ProcessInfo.processInfo.environment["REGISTRY_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .warning
    return handler
}
exit(RegistryCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))
