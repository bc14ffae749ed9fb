import Dispatch
import HTTPTypes
import Hummingbird
import Logging

/// Carries HTTP requests to `DeskServer.respond(to:)`, on Hummingbird. Pages are built off the server's
/// threads: a database read never holds up the connections.
public enum DeskHTTP {
    /// The application serving `desk` on `host:port`; `onRunning` is told the port once it listens.
    public static func application(
        _ desk: DeskServer, host: String, port: Int, logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            responder: responder(desk),
            server: .http1(configuration: .init(idleTimeout: .seconds(30))),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    static func responder(_ desk: DeskServer) -> CallbackResponder<BasicRequestContext> {
        CallbackResponder { request, _ in
            let deskRequest = DeskRequest(
                method: request.method.rawValue, path: request.uri.path, query: request.uri.query,
                acceptLanguage: request.headers[.acceptLanguage])
            let answer = await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: desk.respond(to: deskRequest)) }
            }
            var headers = HTTPFields()
            for (name, value) in answer.headers {
                if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
            }
            var buffer = ByteBuffer()
            buffer.writeBytes(answer.body)
            // A HEAD answer announces GET's length and sends no body: an empty body whose length is announced.
            let announced = request.method == .head ? headers[.contentLength].flatMap(Int.init) : nil
            return Response(
                status: HTTPResponse.Status(code: answer.status), headers: headers,
                body: announced.map { length in ResponseBody(contentLength: length) { _ in } }
                    ?? ResponseBody(byteBuffer: buffer))
        }
    }
}
