import Foundation
import RegistryCore

/// The CSV reader on arbitrary bytes: it may refuse them, never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-csv-\(getpid())")
    FileManager.default.createFile(atPath: url.path, contents: Data(bytes: bytes, count: count))
    guard let handle = try? FileHandle(forReadingFrom: url) else { return 0 }
    defer { try? handle.close() }
    var reader = CSVReader(handle: handle, maxFieldBytes: 4_096)
    while (try? reader.next()) ?? nil != nil {}
    return 0
}
