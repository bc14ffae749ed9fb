import Foundation

/// A small HTTP/1.1 server on 127.0.0.1 for the sync's tests: each request gets the next answer its path was
/// given, written byte for byte — a body shorter than its Content-Length, a body that never comes, a loop of
/// redirects. It serves on its own thread and stops when the test lets it go.
final class LocalServer: @unchecked Sendable {
    struct Answer {
        var status = 200
        var headers: [(String, String)] = []
        var body = Data()
        /// The Content-Length to announce, when not the body's own.
        var announced: Int?
        /// Seconds to wait before the body.
        var delay: TimeInterval = 0

        static func file(_ data: Data, etag: String? = nil) -> Answer {
            Answer(headers: etag.map { [("ETag", $0)] } ?? [], body: data)
        }
    }

    let port: Int
    private let socket: Int32
    private let lock = NSLock()
    private var answers: [String: [Answer]] = [:]
    private var requests: [String] = []

    init() throws {
        // A client that hangs up early must not take the test process with it.
        signal(SIGPIPE, SIG_IGN)
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.socket = socket
        var yes: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(socket, 16) == 0 else {
            close(socket)
            port = 0
            throw CocoaError(.fileWriteUnknown)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [weak self] in self?.serve() }
        thread.start()
    }

    deinit { close(socket) }

    func stop() {
        shutdown(socket, Int32(SHUT_RDWR))
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// The answers `path` gives, one per request, the last one repeated.
    func answer(_ path: String, _ answers: Answer...) {
        lock.lock()
        defer { lock.unlock() }
        self.answers[path] = answers
    }

    /// The heads of the requests received so far.
    var received: [String] {
        lock.lock()
        defer { lock.unlock() }
        return requests
    }

    private func next(for path: String) -> Answer {
        lock.lock()
        defer { lock.unlock() }
        guard var queue = answers[path], let first = queue.first else { return Answer(status: 404) }
        if queue.count > 1 { queue.removeFirst() }
        answers[path] = queue
        return first
    }

    private func serve() {
        while true {
            let client = accept(socket, nil, nil)
            guard client >= 0 else { return }
            let thread = Thread { [weak self] in
                self?.respond(client)
                close(client)
            }
            thread.start()
        }
    }

    private func respond(_ client: Int32) {
        var head = Data()
        var byte: UInt8 = 0
        while !head.ends(with: Data("\r\n\r\n".utf8)), head.count < 65_536, read(client, &byte, 1) == 1 {
            head.append(byte)
        }
        let text = String(decoding: head, as: UTF8.self)
        lock.lock()
        requests.append(text)
        lock.unlock()
        let path = text.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
        let answer = next(for: path)
        var response = "HTTP/1.1 \(answer.status) Status\r\nConnection: close\r\n"
        for (name, value) in answer.headers { response += "\(name): \(value)\r\n" }
        response += "Content-Length: \(answer.announced ?? answer.body.count)\r\n\r\n"
        send(Data(response.utf8), to: client)
        if answer.delay > 0 { Thread.sleep(forTimeInterval: answer.delay) }
        send(answer.body, to: client)
    }

    private func send(_ data: Data, to client: Int32) {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(client, buffer.baseAddress! + offset, buffer.count - offset)
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}

extension Data {
    fileprivate func ends(with suffix: Data) -> Bool { count >= suffix.count && self.suffix(suffix.count) == suffix }
}
