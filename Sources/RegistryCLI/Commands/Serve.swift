import ArgumentParser
import Dispatch
import Foundation
import Logging
import RegistryCore
import RegistryRendering
import RegistryServer

extension RegistryCommand {
    /// `registry serve`: the purchasing desk's web pages, read-only.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve the desk's web pages: search with facets, fact sheets, assessments, feeds, receipts.",
            discussion: """
                Read-only: the server never writes, and an import run beside it is seen by the next request. \
                It listens on 127.0.0.1 unless --host names another address. Stop it with Ctrl-C or SIGTERM.
                """)

        @OptionGroup var database: DatabaseOptions

        @Option(
            help: ArgumentHelp("The address to listen on; the default reaches this machine only.", valueName: "address")
        )
        var host = "127.0.0.1"

        @Option(
            help: ArgumentHelp("The port to listen on; 0 takes any free port, printed on start.", valueName: "port"))
        var port = 8080

        func validate() throws {
            guard (0...65_535).contains(port) else {
                throw ValidationError("--port \(port) is not a port; use 1 to 65535, or 0 for any free port")
            }
            guard !host.isEmpty else { throw ValidationError("--host needs an address, such as 127.0.0.1") }
        }

        /// Whether only this machine can reach the address: `localhost`, `::1`, or any of 127.0.0.0/8.
        static func isLoopback(_ host: String) -> Bool { PublicationSource.isLoopback(host) }

        func run() throws {
            // A missing database is created and seeded once, as every reading command does; then the server
            // holds it read-only.
            _ = try database.open(forReading: true)
            let (registry, _) = try Registry.open(
                path: database.resolvedPath, busyTimeout: try database.busyTimeout, readOnly: true,
                clock: database.clock)
            let desk = try DeskServer(registry: registry, receiptKey: try ReceiptKeyStore.load(creating: true))
            if !Self.isLoopback(host) {
                note("warning: listening on \(host): other machines can reach this server; put TLS in front of it")
            }
            var logger = Logger(label: "registry.serve")
            logger.logLevel = .warning
            let app = DeskHTTP.application(desk, host: host, port: port, logger: logger) { [host] port in
                note(
                    "serving \(database.resolvedPath) read-only at http://\(host.contains(":") ? "[\(host)]" : host):\(port)/ (Ctrl-C stops)"
                )
            }
            // The stop signals are caught before the server starts, so that one sent as soon as it says where
            // it listens is never lost: each cancels the server's task, which stops it gracefully.
            let done = DispatchSemaphore(value: 0)
            let failure = FailureBox()
            let stopper = Stopper()
            let signals = [SIGTERM, SIGINT].map { number in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { stopper.stop() }
                source.resume()
                return source
            }
            defer { signals.forEach { $0.cancel() } }
            stopper.start(
                Task {
                    do { try await app.runService(gracefulShutdownSignals: []) } catch is CancellationError {
                    } catch { failure.error = error }
                    done.signal()
                })
            done.wait()
            if let error = failure.error {
                let reason =
                    "\(error)".contains("Address already in use")
                    ? "the port is already in use" : "\(error)"
                throw RegistryError.usage(
                    "cannot listen on \(host):\(port): \(reason); choose another --port or --host")
            }
            note("stopped")
        }
    }
}

/// The server's task, cancelled by the first stop signal, even one that comes before the task is known.
private final class Stopper: @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<Void, Never>?
    private var stopped = false

    func start(_ task: Task<Void, Never>) {
        lock.lock()
        defer { lock.unlock() }
        self.task = task
        if stopped { task.cancel() }
    }

    func stop() {
        lock.lock()
        defer { lock.unlock() }
        stopped = true
        task?.cancel()
    }
}

/// The server's error, handed from its task to the command.
private final class FailureBox: @unchecked Sendable {
    var error: (any Error)?
}
