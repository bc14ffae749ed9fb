import Foundation
import FuzzSupport
import RegistryCore

/// The CSV reader on arbitrary bytes: it may refuse them, never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let handle = try? FileHandle(forReadingFrom: scratchFile("csv", bytes, count)) else { return 0 }
    defer { try? handle.close() }
    var reader = CSVReader(handle: handle, maxFieldBytes: 4_096)
    while (try? reader.next()) ?? nil != nil {}
    return 0
}

@_cdecl("FuzzCSV_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
