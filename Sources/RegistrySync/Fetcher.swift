import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import RegistryCore

/// A careful client for publications: HTTPS (plain HTTP to this machine only), time and size limits, at most
/// five redirects and never from HTTPS to HTTP, conditional requests, three tries on timeouts and server
/// errors, and a body cut short or over the limit refused. What it returns is a file of the whole body.
public struct Fetcher: Sendable {
    public struct Limits: Sendable {
        /// The whole fetch, every try and redirect included.
        public var timeout: TimeInterval = 120
        public var connectTimeout: TimeInterval = 10
        public var maxBytes = 64 << 20
        public var tries = 3
        /// The pause before the second try; doubled before each next one.
        public var backoff: TimeInterval = 1
        public var maxRedirects = 5

        public init() {}
    }

    /// What the server answered.
    public enum Answer: Sendable {
        /// 304: the copy last read is still the publication.
        case notModified(status: Int)
        /// The body, whole, in a private file.
        case body(file: URL, response: Response)
    }

    public struct Response: Sendable {
        public var status: Int
        public var finalURL: String
        public var etag: String?
        public var lastModified: String?
        public var contentType: String?
    }

    /// Why nothing could be read: `temporary` (network, timeout, server error after the tries: exit 75) or
    /// `refused` (the address, a redirect or the size is not acceptable: exit 65).
    public enum Failure: Error, Sendable {
        case temporary(String)
        case refused(String)

        public var message: String {
            switch self {
            case .temporary(let message), .refused(let message): message
            }
        }
    }

    public let limits: Limits
    /// Names the tool and its version to the servers.
    public let userAgent: String

    public init(limits: Limits = Limits(), userAgent: String) {
        self.limits = limits
        self.userAgent = userAgent
    }

    /// Fetches `address`, conditionally on the last copy's ETag and date; each try within the time left.
    public func fetch(_ address: String, etag: String?, lastModified: String?) async -> Result<Answer, Failure> {
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: HTTPClient.Configuration(
                redirectConfiguration: .disallow,
                timeout: .init(connect: .seconds(Int64(limits.connectTimeout)), read: .seconds(Int64(limits.timeout)))))
        let result: Result<Answer, Failure>
        do {
            result = .success(try await tries(address, etag: etag, lastModified: lastModified, client))
        } catch {
            result = .failure(error)
        }
        try? await client.shutdown()
        return result
    }

    private func tries(_ address: String, etag: String?, lastModified: String?, _ client: HTTPClient)
        async throws(Failure) -> Answer
    {
        let deadline = Date().addingTimeInterval(limits.timeout)
        var lastProblem = "no try was made"
        var pause = limits.backoff
        for attempt in 1...max(1, limits.tries) {
            do {
                return try await once(address, etag: etag, lastModified: lastModified, client, deadline: deadline)
            } catch .temporary(let problem) {
                lastProblem = problem
                guard attempt < limits.tries, Date().addingTimeInterval(pause) < deadline else { break }
                try? await Task.sleep(for: .seconds(pause))
                pause *= 2
            } catch {
                throw error
            }
        }
        throw .temporary("\(lastProblem) (after \(limits.tries) tries)")
    }

    /// One try: the redirects followed by hand, so that each hop's address is checked.
    private func once(
        _ address: String, etag: String?, lastModified: String?, _ client: HTTPClient, deadline: Date
    ) async throws(Failure) -> Answer {
        var current = address
        for _ in 0...limits.maxRedirects {
            try Self.check(current, from: current == address ? nil : address)
            var request = HTTPClientRequest(url: current)
            request.headers.add(name: "User-Agent", value: userAgent)
            if let etag { request.headers.add(name: "If-None-Match", value: etag) }
            if let lastModified { request.headers.add(name: "If-Modified-Since", value: lastModified) }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { throw .temporary("no answer within \(Int(limits.timeout)) s") }
            let response: HTTPClientResponse
            do {
                response = try await client.execute(request, timeout: .milliseconds(Int64(left * 1000)))
            } catch {
                throw .temporary("\(Self.describe(error)) at \(current)")
            }
            let status = Int(response.status.code)
            if (300..<400).contains(status) && status != 304 {
                guard let location = response.headers.first(name: "Location"),
                    let next = URL(string: location, relativeTo: URL(string: current))?.absoluteString
                else { throw .refused("\(current) answered \(status) without a Location to follow") }
                current = next
                continue
            }
            return try await answer(response, status: status, url: current, deadline: deadline)
        }
        throw .refused("more than \(limits.maxRedirects) redirects from \(address); check the address")
    }

    private func answer(_ response: HTTPClientResponse, status: Int, url: String, deadline: Date)
        async throws(Failure) -> Answer
    {
        switch status {
        case 304:
            return .notModified(status: status)
        case 200:
            break
        case 500..<600:
            throw .temporary("\(url) answered \(status)")
        default:
            throw .temporary("\(url) answered \(status); if it lasts, check the address (registry sources set)")
        }
        let declared = response.headers.first(name: "Content-Length").flatMap(Int.init)
        if let declared, declared > limits.maxBytes {
            throw .refused("\(url) announces \(declared) bytes, more than the limit of \(limits.maxBytes)")
        }
        var body = Data()
        do {
            for try await chunk in response.body {
                body.append(contentsOf: chunk.readableBytesView)
                guard body.count <= limits.maxBytes else {
                    throw Failure.refused("\(url) sent more than the limit of \(limits.maxBytes) bytes")
                }
                guard Date() < deadline else {
                    throw Failure.temporary("the body took more than \(Int(limits.timeout)) s")
                }
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .temporary("the body was cut short (\(Self.describe(error))) at \(url)")
        }
        if let declared, declared != body.count {
            throw .temporary("the body was cut short: \(body.count) of \(declared) bytes at \(url)")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("registry-fetch-\(UUID().uuidString)")
        do {
            try body.write(to: file, options: .atomic)
        } catch {
            throw .temporary("cannot keep the body: \(error.localizedDescription)")
        }
        return .body(
            file: file,
            response: Response(
                status: status, finalURL: url, etag: response.headers.first(name: "ETag"),
                lastModified: response.headers.first(name: "Last-Modified"),
                contentType: response.headers.first(name: "Content-Type")))
    }

    /// HTTPS, or plain HTTP to this machine; a redirect never goes from HTTPS to HTTP.
    static func check(_ address: String, from previous: String?) throws(Failure) {
        do {
            try PublicationSource.checkAddress(address)
        } catch {
            throw .refused(previous.map { "\($0) redirects to \(address): " } ?? "" + "\(error)")
        }
        if let previous, previous.lowercased().hasPrefix("https://"), address.lowercased().hasPrefix("http://") {
            throw .refused("\(previous) redirects from HTTPS to plain HTTP (\(address)); refused")
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout: return "no answer in time"
            case .remoteConnectionClosed: return "the connection was closed"
            default: return "\(error)"
            }
        }
        return "\(error)"
    }
}
