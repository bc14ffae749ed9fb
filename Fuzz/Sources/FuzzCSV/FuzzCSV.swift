import Foundation
import RegistryCore

/// The CSV reader on arbitrary bytes: it may refuse them, never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-csv-\(getpid())")
    _ = FileManager.default.createFile(atPath: url.path, contents: Data(bytes: bytes, count: count))
    guard let handle = try? FileHandle(forReadingFrom: url) else { return 0 }
    defer { try? handle.close() }
    var reader = CSVReader(handle: handle, maxFieldBytes: 4_096)
    while (try? reader.next()) ?? nil != nil {}
    return 0
}

/// SwiftPM links an executable's entry point as `FuzzCSV_main`: hand the process to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("FuzzCSV_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return runFuzzerDriver(&argc, &argv, fuzz)
}
