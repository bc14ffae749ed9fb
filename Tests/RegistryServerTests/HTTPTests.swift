import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import RegistryCore
import Testing

@testable import RegistryServer

/// The HTTP adapter over a live server on loopback: what a browser receives.
@Suite struct HTTPTests {
    let desk: DeskServer

    init() throws {
        let registry = try Registry.inMemory(clock: .pinned(to: Day(year: 2026, month: 12, day: 1)!))
        _ = try registry.loadSeeds()
        desk = try DeskServer(registry: registry, receiptKey: nil)
    }

    var app: some ApplicationProtocol {
        DeskHTTP.application(desk, host: "127.0.0.1", port: 0, logger: Logger(label: "test"))
    }

    @Test func aPageCarriesItsHeadersOverHTTP() async throws {
        try await app.test(.live) { client in
            try await client.execute(uri: "/offers?secnumcloud&hds", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(String(buffer: response.body).contains("<html lang=\"fr\">"))
            }
            try await client.execute(uri: "/offers", method: .post) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD")
            }
            try await client.execute(uri: "/offers", method: .get, headers: [.acceptLanguage: "en"]) { response in
                #expect(String(buffer: response.body).contains("<html lang=\"en\">"))
            }
        }
    }

    @Test func withoutAKeyAReceiptIsRefusedWithTheFix() async throws {
        try await app.test(.live) { client in
            try await client.execute(uri: "/offers.receipt?secnumcloud", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("registry key"))
            }
        }
    }

    /// The server reads a file another process imports into: the next request sees the new facts, and the
    /// server itself cannot write.
    @Test func anImportBesideTheServerIsSeenByTheNextRequest() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("desk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("desk.sqlite").path
        let clock = Clock.pinned(to: Day(year: 2026, month: 12, day: 1)!)
        let (steward, _) = try Registry.open(path: path, clock: clock)
        let (reader, _) = try Registry.open(path: path, readOnly: true, clock: clock)
        let desk = try DeskServer(registry: reader, receiptKey: nil)
        let ask = { desk.respond(to: DeskRequest(target: "/offers.json?search=newco")).text }
        #expect(ask().contains("\"count\": 0,"))
        let document = """
            {"format": "registry-json", "formatVersion": 1,
             "providers": [{"id": "newco", "name": "NewCo", "source": "https://example.org", "sourceKind": "press",
                            "aliases": []}],
             "offers": [{"id": "newco/cloud", "providerId": "newco", "name": "NewCo Cloud",
                         "source": "https://example.org", "sourceKind": "press", "sites": []}]}
            """
        _ = try steward.importDocument(
            try DocumentReader.decode(Data(document.utf8), origin: "newco.json"), origin: "newco.json")
        #expect(ask().contains("\"count\": 1,"))
        #expect(throws: (any Error).self) { _ = try reader.addAlias("Other", to: "newco") }
    }
}
