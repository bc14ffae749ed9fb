import Foundation
import Testing

/// Hostile files, fed to the built binary: each gets a clear message, the documented exit status, and leaves
/// the registry exactly as it was.
@Suite struct HostileInputTests {
    let runner: BinaryRunner

    init() throws {
        runner = try BinaryRunner()
        _ = try runner.run(["init"])
    }

    static let cases: [(name: String, source: String, bytes: [UInt8], status: Int32, message: String)] = {
        let header = Array("provider;service;status\n".utf8)
        var cases: [(String, String, [UInt8], Int32, String)] = [
            ("empty", "secnumcloud", [], 65, "the file is empty"),
            ("header only", "secnumcloud", header, 65, "the file has a header but no rows"),
            ("NUL byte", "secnumcloud", header + Array("A;B".utf8) + [0] + Array(";J0\n".utf8), 65, "a NUL byte"),
            (
                "10 MB field", "secnumcloud",
                header + Array("A;".utf8) + [UInt8](repeating: 0x78, count: 10_000_000) + [0x0A],
                65, "a field is longer than 65536 bytes"
            ),
            (
                "100,000 separators", "secnumcloud", header + [UInt8](repeating: 0x3B, count: 100_000) + [0x0A], 65,
                "more than 1000 fields on one record"
            ),
            (
                "impossible date", "hds", Array("host,certificate,activities,valid_until\nA,X1,1-6,2026-02-30\n".utf8),
                65, "not a day that exists"
            ),
            (
                "10 MB JSON string", "registry-json",
                Array(#"{"format": "registry-json", "formatVersion": 1, "x": ""#.utf8)
                    + [UInt8](repeating: 0x78, count: 10_000_000) + Array(#""}"#.utf8), 65,
                "line 1: a string is longer than 65536 bytes; shorten it, or raise the limit with REGISTRY_MAX_FIELD_BYTES"
            ),
            ("UTF-16", "catalogue", [0xFF, 0xFE] + Array("c\0".utf8), 65, "the file is UTF-16"),
            (
                "invalid UTF-8 JSON", "registry-json",
                Array(#"{"format": "registry-json", "formatVersion": 1, "x": ""#.utf8) + [0xFF, 0x22, 0x7D], 65,
                "bytes that are not UTF-8"
            ),
            (
                "deeply nested JSON", "registry-json",
                Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8), 65,
                "not valid JSON (Too many nested arrays or dictionaries"
            ),
            (
                "JSON syntax error", "registry-json",
                Array("{\"format\": \"registry-json\",\n \"formatVersion\": 1\n \"providers\": []}".utf8), 65,
                "line 3: not valid JSON (Invalid value around character 49)"
            ),
            (
                "duplicated key", "registry-json",
                Array(#"{"format": "registry-json", "formatVersion": 1, "formatVersion": 1}"#.utf8), 65,
                "'formatVersion': this key appears twice in the same object"
            ),
            (
                "negative percentage", "registry-json",
                Array(
                    #"{"format":"registry-json","formatVersion":1,"ownership":[{"ownerId":"thales","ownedId":"s3ns","capitalPercent":-5,"source":"s","sourceKind":"press"}]}"#
                        .utf8), 65, "a percentage is between 0 and 100"
            ),
            (
                "percentage above 100", "registry-json",
                Array(
                    #"{"format":"registry-json","formatVersion":1,"ownership":[{"ownerId":"thales","ownedId":"s3ns","votingPercent":100.5,"source":"s","sourceKind":"press"}]}"#
                        .utf8), 65, "votingPercent: '100.5': a percentage is between 0 and 100"
            ),
            (
                "holdings above 100 %", "registry-json",
                Array(
                    #"{"format":"registry-json","formatVersion":1,"ownership":[{"ownerId":"thales","ownedId":"bleu-sas","capitalPercent":60,"source":"s","sourceKind":"press"},{"ownerId":"capgemini","ownedId":"bleu-sas","capitalPercent":60,"source":"s","sourceKind":"press"}]}"#
                        .utf8), 65, "holdings add up to more than 100 %"
            ),
            (
                "ownership cycle", "registry-json",
                Array(
                    #"{"format":"registry-json","formatVersion":1,"ownership":[{"ownerId":"s3ns","ownedId":"thales","capitalPercent":5,"source":"s","sourceKind":"press"}]}"#
                        .utf8), 65, "the holdings form a cycle"
            ),
            (
                "duplicate certificate", "registry-json",
                Array(
                    #"{"format":"registry-json","formatVersion":1,"attestations":[{"id":"aws/x1","providerId":"aws","schemeId":"hds","status":"certified","scope":"provider","certificateRef":"HDS 701569","source":"s","sourceKind":"press"},{"id":"aws/x2","providerId":"aws","schemeId":"hds","status":"certified","scope":"provider","certificateRef":"HDS 701569","source":"s","sourceKind":"press"}]}"#
                        .utf8), 65, "the same certificate as attestation 'aws/x1'"
            ),
        ]
        return cases
    }()

    @Test(arguments: cases.indices)
    func aHostileFileIsRefusedAndChangesNothing(index: Int) throws {
        let hostile = Self.cases[index]
        let before = try runner.run(["export"]).stdout
        let path = runner.folder.appendingPathComponent("hostile-\(index)").path
        try Data(hostile.bytes).write(to: URL(fileURLWithPath: path))
        let result = try runner.run(["import", path, "--source", hostile.source, "--format", "text"])
        #expect(result.status == hostile.status, "\(hostile.name): \(result.stdout)\(result.stderr)")
        #expect((result.stdout + result.stderr).contains(hostile.message), "\(hostile.name): \(result.stdout)")
        #expect(try runner.run(["export"]).stdout == before, "\(hostile.name) changed the registry")
    }

    @Test func textThatLooksLikeSQLOrAFormulaIsStoredAsTextAndNeutralisedInCSV() throws {
        let csv = "provider;service;status\n\"Robert'); DROP TABLE provider;--\";=HYPERLINK(\"http://x\");J0\n"
        let path = runner.folder.appendingPathComponent("injection.csv").path
        try Data(csv.utf8).write(to: URL(fileURLWithPath: path))
        // Forced: a one-row fictitious list over the seeds' catalogue would be refused as truncated.
        #expect(try runner.run(["import", path, "--source", "secnumcloud", "--force"]).status == 0)
        let listed = try runner.run(["list", "providers", "--format", "csv"])
        #expect(listed.stdout.contains("Robert'); DROP TABLE provider"), "the name is kept as text; the table is there")
        let query = try runner.run([
            "query", "--secnumcloud", "--include-in-progress", "--search", "robert", "--format", "csv",
        ])
        #expect(query.stdout.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "\(query.stdout)")
    }

    @Test func anEndlessOrOversizedInputStopsAtTheFileSizeLimit() throws {
        let before = try runner.run(["export"]).stdout
        let limit = ["REGISTRY_MAX_FILE_BYTES": "100000"]
        let endless = try runner.run(["import", "/dev/zero", "--source", "hds"], environment: limit)
        #expect(endless.status == 65)
        #expect(
            endless.stderr.contains(
                "/dev/zero: larger than 100000 bytes; check the download, or raise the limit with REGISTRY_MAX_FILE_BYTES"
            ), "\(endless.stderr)")
        let piped = try runner.run(
            ["import", "-", "--source", "hds"], stdin: Data(repeating: 0x41, count: 200_000), environment: limit)
        #expect(piped.status == 65)
        #expect(piped.stderr.contains("standard input: larger than 100000 bytes"), "\(piped.stderr)")
        let path = runner.folder.appendingPathComponent("large.csv").path
        try Data(repeating: 0x41, count: 100_001).write(to: URL(fileURLWithPath: path))
        #expect(try runner.run(["import", path, "--source", "hds"], environment: limit).status == 65)
        #expect(try runner.run(["export"]).stdout == before)
    }

    /// A file that reports size 0 but is not empty (procfs) is counted as it is read, like a pipe.
    @Test func aFileThatReportsSizeZeroIsCountedAsItIsRead() throws {
        let result = try runner.run(
            ["import", "/proc/self/maps", "--source", "hds"], environment: ["REGISTRY_MAX_FILE_BYTES": "100"])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("larger than 100 bytes"), "\(result.stderr)")
    }

    @Test func aLimitThatIsNotANumberIsAUsageError() throws {
        let result = try runner.run(
            ["import", "/dev/null", "--source", "hds"], environment: ["REGISTRY_MAX_ROWS": "ten"])
        #expect(result.status == 64)
        #expect(
            result.stderr.contains(
                "REGISTRY_MAX_ROWS is a whole number from 1 to 1000000000, such as REGISTRY_MAX_ROWS=20000000"))
    }

    /// Settings out of their documented range are usage errors, never a trap (they crashed with exit 132).
    @Test(arguments: [
        ("REGISTRY_BUSY_TIMEOUT", "inf"), ("REGISTRY_BUSY_TIMEOUT", "1e300"), ("REGISTRY_BUSY_TIMEOUT", "3000000"),
        ("REGISTRY_BUSY_TIMEOUT", "nan"), ("REGISTRY_BUSY_TIMEOUT", "-1"),
        ("REGISTRY_MAX_FIELD_BYTES", "9223372036854775807"), ("REGISTRY_MAX_FILE_BYTES", "99999999999999999999"),
        ("REGISTRY_MAX_ROWS", "0"),
    ])
    func aSettingOutOfItsRangeIsAUsageError(variable: String, value: String) throws {
        let result = try runner.run(
            [
                "import", ImportEndToEndTests.samples.appendingPathComponent("hds.csv").path, "--source", "hds",
                "--dry-run",
            ],
            environment: [variable: value])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("\(variable) is a "), "\(result.stderr)")
    }
}
