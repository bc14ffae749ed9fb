import Foundation
import RegistryCore

/// What the fuzz targets share: libFuzzer's driver, a seeded registry, and inputs written to a file.

/// SwiftPM links an executable's entry point as `<Target>_main`; each target's `_main` hands the process to
/// libFuzzer's driver with its test function.
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

public func runFuzzer(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ test: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt {
    var argc = argc
    var argv = argv
    return runFuzzerDriver(&argc, &argv, test)
}

/// An in-memory registry loaded with the seeds, which every input meets in a dry run.
public func seededRegistry() -> Registry? {
    let registry = try? Registry.inMemory()
    _ = try? registry?.loadSeeds()
    return registry
}

/// Writes the input to this process's scratch file, since the readers read files.
public func scratchFile(_ name: String, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-\(name)-\(getpid())")
    _ = FileManager.default.createFile(atPath: url.path, contents: Data(bytes: bytes, count: count))
    return url
}

/// Imports a file in a dry run, so that the registry stays the same for every input.
public func dryRunImport(
    _ registry: Registry, _ url: URL, _ source: ImportSource, maxFieldBytes: Int = CSVReader.defaultMaxFieldBytes
) {
    var options = ImportOptions(day: Day(year: 2026, month: 11, day: 29)!)
    options.dryRun = true
    // Forced: a fuzzed list of a few rows over the seeds' transcription of the official lists would stop at
    // the truncated-download guard, before the withdrawals the fuzzer must reach.
    options.force = true
    options.maxFieldBytes = maxFieldBytes
    _ = try? registry.importFile(at: url.path, source: source, options: options)
}
