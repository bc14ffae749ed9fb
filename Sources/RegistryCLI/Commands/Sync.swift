import ArgumentParser
import Dispatch
import Foundation
import RegistryCore
import RegistryRendering
import RegistrySync

extension RegistryCommand {
    /// `registry sync`: the one command a nightly timer runs.
    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            abstract: "Fetch each publication, keep the copy, import it if it changed, and say what happened.",
            discussion: """
                For each source (`registry sources`): download it (HTTPS; at most five redirects, never to \
                plain HTTP; conditional on the last copy; three tries on timeouts and server errors), keep the \
                copy beside the database, check that it is the publication, and import it with every rule of \
                `import`. Exit status: 0 when every publication was imported or unchanged, 75 when one could \
                not be read (try again later; nothing changed for it), 65 when one was refused (not the \
                publication, bad content, the withdrawal guard: a person must look); the worst wins.
                """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The sources to sync (default: all).", valueName: "name"))
        var names: [String] = []

        @Flag(help: "Fetch and check, import nothing, record nothing.")
        var dryRun = false

        @Option(help: "Report format: text or json (default: text on a terminal, json otherwise).")
        var format: ReportFormat?

        @Flag(help: "Print nothing on success.")
        var quiet = false

        @Option(
            help: ArgumentHelp("The most seconds one publication's fetch may take, 1 to 600.", valueName: "seconds"))
        var timeout: Double = 120

        @Option(help: ArgumentHelp("The most bytes one publication may have, 1024 to 1073741824.", valueName: "bytes"))
        var maxBytes = 64 << 20

        func validate() throws {
            guard (1...600).contains(timeout) else {
                throw ValidationError("--timeout is a number of seconds from 1 to 600, such as --timeout 120")
            }
            guard (1024...(1 << 30)).contains(maxBytes) else {
                throw ValidationError("--max-bytes is from 1024 to 1073741824, such as --max-bytes 67108864")
            }
        }

        func run() throws {
            let registry = try database.open()
            var limits = Fetcher.Limits()
            limits.timeout = timeout
            limits.connectTimeout = min(10, timeout)
            limits.maxBytes = maxBytes
            if let backoff = try Environment.number(
                "REGISTRY_SYNC_BACKOFF", in: 0...60, kind: "a number of seconds", example: "1")
            {
                limits.backoff = Double(backoff)
            }
            let fetcher = Fetcher(
                limits: limits, userAgent: "registry/\(RegistryCommand.version) (nightly sync of official publications)"
            )
            let (names, dryRun, today) = (names, dryRun, database.clock.today)
            let box = OutcomeBox()
            let done = DispatchSemaphore(value: 0)
            Task {
                do {
                    box.result = .success(
                        try await RegistrySync.Sync.run(
                            registry, names: names, fetcher: fetcher, day: today, dryRun: dryRun))
                } catch {
                    box.result = .failure(error)
                }
                done.signal()
            }
            done.wait()
            let outcomes = try box.result.get()
            let code = SyncOutcome.exitCode(outcomes)
            if (format ?? (isatty(STDOUT_FILENO) == 1 ? .text : .json)) == .json {
                try emit(SyncRendering.json(outcomes))
            } else if !(quiet && code == 0) {
                try emit(SyncRendering.text(outcomes))
            }
            if code != 0 { throw ExitCode(code) }
        }
    }
}

/// The sync's outcomes, handed from its task to the command.
private final class OutcomeBox: @unchecked Sendable {
    var result: Result<[SyncOutcome], any Error> = .success([])
}
