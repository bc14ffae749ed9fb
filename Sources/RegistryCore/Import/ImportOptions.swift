/// Options of an import.
public struct ImportOptions: Sendable {
    /// Compute and report everything, write nothing.
    public var dryRun = false
    /// Apply the valid rows and report the rejected ones, instead of rejecting the file.
    public var skipInvalid = false
    /// The largest share of a source's current entries one import may withdraw, in percent.
    public var maxWithdrawnPercent = 20.0
    /// Apply even an empty file or one that withdraws more than `maxWithdrawnPercent`.
    public var force = false
    /// The day of the import: withdrawals and verifications are dated with it.
    public var day: Day
    /// For a transcription (`secnumcloud`): the day of the publication's edition it was made from. Its facts
    /// say so, count from that day when undated, and an edition older than one already read is refused.
    public var edition: Day?
    /// For a host's transparency page: the offers it speaks for (one host's).
    public var offers: [String] = []
    /// Called with the number of records read, every `progressInterval` records.
    public var progress: (@Sendable (Int) -> Void)?
    public var progressInterval = 10_000
    /// The largest CSV field, or registry-json string, accepted, in bytes.
    public var maxFieldBytes = CSVReader.defaultMaxFieldBytes
    /// The largest file accepted, in bytes: an endless stream or a wrong file stops here.
    public var maxFileBytes = 1 << 30
    /// The most rows a file may hold: a runaway file is refused rather than filling the disk.
    public var maxRows = 10_000_000
    /// The most changes and errors the report lists (the rest are counted).
    public var listLimit = 10_000

    /// What is known of the copy beyond its bytes (the address it was fetched from, the server's answer): the
    /// description the archive keeps beside it.
    public var copy: CopyArchive.Copy?

    public init(day: Day) {
        self.day = day
    }
}
