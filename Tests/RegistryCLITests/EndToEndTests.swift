import Foundation
import Testing

/// The built binary, run as a newcomer would: stdout, stderr and exit status.
@Suite struct EndToEndTests {
    let runner: BinaryRunner

    init() throws {
        runner = try BinaryRunner()
    }

    private func results(_ result: BinaryRunner.Result) throws -> [[String: Any]] {
        let object = try #require(result.json as? [String: Any], "stdout is not a JSON object: \(result.stdout)")
        return try #require(object["results"] as? [[String: Any]])
    }

    private func offerIds(_ results: [[String: Any]]) -> [String] {
        results.compactMap { ($0["offer"] as? [String: Any])?["id"] as? String }
    }

    @Test func theFirstQueryCreatesAndSeedsTheDatabaseAndAnswersWithEvidence() throws {
        // A day of the catalogue's validity: OVHcloud's qualification ends on 2026-12-29, and CI runs a year on.
        let result = try runner.run(["query", "--hds", "--secnumcloud", "--valid-on", "2026-11-29", "--format", "json"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("created a new database at \(runner.database)"))
        #expect(result.stderr.split(separator: "\n").count == 1)

        let results = try results(result)
        let ids = offerIds(results)
        #expect(ids.contains("ovhcloud/hosted-private-cloud-snc"))
        #expect(!ids.contains { $0.hasPrefix("aws/") || $0.hasPrefix("microsoft/") || $0.hasPrefix("google/") })
        for item in results {
            let evidence = try #require(item["evidence"] as? [[String: Any]])
            #expect(Set(evidence.compactMap { $0["scheme"] as? String }) == ["secnumcloud", "hds"])
            for fact in evidence {
                #expect((fact["source"] as? String)?.isEmpty == false, "every attestation printed has a source")
            }
        }

        let again = try runner.run(["query", "--hds", "--secnumcloud", "--format", "json"])
        #expect(again.stderr.isEmpty, "the database is created once")
    }

    @Test func secNumCloudListsQualifiedOffersAndInProgressOnlyWhenAsked() throws {
        let providers = { (result: BinaryRunner.Result) in
            Set(try self.results(result).compactMap { ($0["provider"] as? [String: Any])?["id"] as? String })
        }
        let qualified = try providers(
            try runner.run(["query", "--secnumcloud", "--valid-on", "2026-11-29", "--format", "json"]))
        #expect(qualified.isSuperset(of: ["ovhcloud", "outscale", "s3ns"]))
        #expect(qualified.isDisjoint(with: ["bleu", "scaleway"]))

        let all = try providers(
            try runner.run([
                "query", "--secnumcloud", "--include-in-progress", "--valid-on", "2026-11-29", "--format", "json",
            ]))
        #expect(all.isSuperset(of: ["ovhcloud", "outscale", "s3ns", "bleu", "scaleway"]))
    }

    @Test func theJSONOutputFollowsTheDocumentedContract() throws {
        let result = try runner.run(["query", "--secnumcloud", "--valid-on", "2026-11-29", "--format", "json"])
        let object = try #require(result.json as? [String: Any])
        #expect(Set(object.keys) == ["criteria", "validOn", "count", "results"])
        #expect(object["validOn"] as? String == "2026-11-29")
        let criteria = try #require(object["criteria"] as? [String: Any])
        #expect(criteria["secnumcloud"] as? Bool == true)
        let first = try #require(try results(result).first)
        #expect(Set(first.keys) == ["provider", "offer", "evidence", "hosting", "catalogues", "flags"])
        #expect(Set((first["provider"] as? [String: Any])?.keys ?? [:].keys) == ["id", "name", "hqCountry"])
        #expect(
            Set((first["offer"] as? [String: Any])?.keys ?? [:].keys) == [
                "id", "name", "serviceModel", "serviceModels",
            ])
        let evidence = try #require((first["evidence"] as? [[String: Any]])?.first)
        for key in [
            "scheme", "version", "status", "certificateRef", "issuer", "issuedOn", "expiresOn", "sourceUrl",
            "verifiedOn", "source", "flags",
        ] {
            #expect(evidence.keys.contains(key), "evidence lacks \(key)")
        }
    }

    @Test(arguments: ["table", "csv", "ndjson", "markdown"])
    func everyFormatWritesTheSameOffers(format: String) throws {
        let result = try runner.run(["query", "--secnumcloud", "--valid-on", "2026-11-29", "--format", format])
        #expect(result.status == 0)
        #expect(result.stdout.contains("s3ns/premi3ns"))
        #expect(result.stdout.contains("ovhcloud/hosted-private-cloud-snc"))
        #expect(!result.stdout.contains("bleu/cloud"))
    }

    @Test func searchFindsProvidersByAliasIgnoringCaseAndAccents() throws {
        for text in ["outscale", "DASSAULT", "dassault systemes"] {
            let ids = offerIds(try results(try runner.run(["query", "--search", text, "--format", "json"])))
            #expect(ids == ["outscale/cloud-iaas", "outscale/public-regions"], "\(text)")
        }
        let ovh = offerIds(try results(try runner.run(["query", "--search", "ovh", "--format", "json"])))
        #expect(!ovh.isEmpty && ovh.allSatisfy { $0.hasPrefix("ovhcloud/") })
    }

    @Test func showPrintsAProviderAndAnOfferWithEvidence() throws {
        let provider = try runner.run(["show", "ovhcloud", "--format", "json"])
        #expect(provider.status == 0)
        let object = try #require(provider.json as? [String: Any])
        #expect(object["kind"] as? String == "provider")
        #expect((object["attestations"] as? [Any])?.isEmpty == false)

        let offer = try runner.run(["show", "s3ns/premi3ns", "--valid-on", "2026-11-29", "--format", "table"])
        #expect(offer.status == 0)
        #expect(offer.stdout.contains("PREMI3NS (offer s3ns/premi3ns)"))
        #expect(offer.stdout.contains("Runs on            Google Cloud Platform (google/google-cloud)"))
        #expect(
            offer.stdout.contains(
                "* s3ns/secnumcloud-2057: secnumcloud qualified since 2025-12-17; ANSSI decision 2025/2057"))
        #expect(
            offer.stdout.contains(
                "  s3ns/secnumcloud-premi3ns: secnumcloud 3.2 qualified; issued 2025-12-17; expiry unknown; "
                    + "superseded by s3ns/secnumcloud-2057 (official list)"))
    }

    @Test(arguments: ["providers", "schemes", "catalogues", "countries"])
    func listShowsTheVocabulary(kind: String) throws {
        let result = try runner.run(["list", kind, "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\r\n").count > 2)
    }

    @Test(arguments: [
        (["query", "--bogus"], 64, "Unknown option '--bogus'"),
        (["query", "--cert", "iso9001"], 64, "unknown scheme 'iso9001'; use one of: c5, cispe-coc"),
        (["query", "--hosted-in", "XX"], 64, "unknown country code 'XX'; use EU, EEA or one of:"),
        (["query", "--hds-activity", "7"], 64, "--hds-activity 7 does not exist; HDS activities are 1 to 6"),
        (["query", "--model", "faas"], 64, "The value 'faas' is invalid for '--model <model>'"),
        (["query", "--valid-on", "2026-02-30"], 64, "'2026-02-30' is not a day that exists; write it as YYYY-MM-DD"),
        (["query", "--provider", "ovh"], 64, "unknown provider 'ovh'; did you mean 'ovhcloud'?"),
        (["show", "OVH"], 64, "no provider or offer has the id 'OVH'; did you mean 'ovhcloud'"),
        (["frobnicate"], 64, "Unexpected argument 'frobnicate'"),
    ])
    func wrongArgumentsExit64WithAMessageThatNamesTheFix(arguments: [String], status: Int32, message: String) throws {
        let result = try runner.run(arguments)
        #expect(result.status == status)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func aFileThatIsNotADatabaseIsRefusedAndLeftAlone() throws {
        let path = runner.folder.appendingPathComponent("broken.sqlite").path
        let garbage = Data("this is not a database, just text".utf8)
        try garbage.write(to: URL(fileURLWithPath: path))
        let result = try runner.run(["query", "--hds", "--db", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("is not a registry database or is damaged"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
    }

    @Test func aDamagedDatabaseFailsTheCheckAndNoCommandWritesToIt() throws {
        let path = runner.folder.appendingPathComponent("damaged.sqlite").path
        #expect(try runner.run(["init", "--db", path]).status == 0)
        let file = try #require(FileHandle(forUpdatingAtPath: path))
        try file.truncate(atOffset: try file.seekToEnd() / 2)
        try file.close()
        let damaged = try Data(contentsOf: URL(fileURLWithPath: path))
        let check = try runner.run(["check", "--db", path, "--format", "json"])
        #expect(check.status == 1)
        let problems = (check.json as? [String: Any])?["problems"] as? [[String: Any]]
        #expect(problems?.first?["kind"] as? String == "integrity", "\(check.stdout)\(check.stderr)")
        #expect(try runner.run(["query", "--hds", "--db", path]).status == 1)
        #expect(try runner.run(["import", "-", "--source", "hds", "--db", path]).status == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == damaged)
    }

    @Test(arguments: [(["--read-only"], [:]), ([], ["REGISTRY_READ_ONLY": "1"]), ([], ["REGISTRY_READ_ONLY": "TRUE"])])
    func readOnlyAccessAnswersQueriesAndRefusesWrites(flag: [String], environment: [String: String]) throws {
        #expect(try runner.run(["init"]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: runner.database))
        #expect(try runner.run(["query", "--hds"] + flag, environment: environment).status == 0)
        let sample = ImportEndToEndTests.samples.appendingPathComponent("hds.csv").path
        let write = try runner.run(["import", sample, "--source", "hds"] + flag, environment: environment)
        #expect(write.status == 64)
        #expect(write.stderr.contains("this command writes, and the database is opened read-only"), "\(write.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: runner.database)) == before)
        let missing = runner.folder.appendingPathComponent("missing.sqlite").path
        #expect(try runner.run(["query", "--hds", "--db", missing] + flag, environment: environment).status == 64)
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test func aReadOnlySettingThatCannotBeReadIsRefusedRatherThanIgnored() throws {
        let result = try runner.run(
            ["import", "-", "--source", "hds"], environment: ["REGISTRY_READ_ONLY": "yes please"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("REGISTRY_READ_ONLY is 1 or 0 (true or false)"))
        #expect(!FileManager.default.fileExists(atPath: runner.database))
    }

    @Test func anEmptyDatabaseAnswersWithZeroResultsAndExitZero() throws {
        let path = runner.folder.appendingPathComponent("empty.sqlite").path
        let created = try runner.run(["init", "--empty", "--db", path])
        #expect(created.status == 0)
        #expect(created.stderr.contains("(empty)"))
        let result = try runner.run(["query", "--secnumcloud", "--db", path, "--format", "table"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("0 offers match --secnumcloud on "))
    }

    @Test func theDatabaseDefaultsToTheXDGDataFolder() throws {
        let xdg = runner.folder.appendingPathComponent("data").path
        let result = try runner.run(
            ["list", "schemes"], environment: ["XDG_DATA_HOME": xdg], unsetting: ["REGISTRY_DB"])
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: xdg + "/registry/registry.sqlite"))
    }

    @Test func exportIsDeterministicAndWritesAFile() throws {
        #expect(try runner.run(["init"]).status == 0)
        let first = try runner.run(["export"])
        let second = try runner.run(["export"])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.hasPrefix("{\n  \"attestations\" : ["))
        let out = runner.folder.appendingPathComponent("export.json")
        #expect(try runner.run(["export", "--out", out.path]).status == 0)
        #expect(try String(contentsOf: out, encoding: .utf8) == first.stdout)
    }

    @Test(arguments: [["export"], ["query", "--hds", "--format", "csv"], ["--help"]])
    func aFullDiskIsAnErrorNotACutAnswer(arguments: [String]) throws {
        #expect(try runner.run(["init"]).status == 0)
        let result = try runner.run(arguments, stdoutPath: "/dev/full")
        #expect(result.status == 73)
        #expect(result.stderr.contains("cannot write standard output: No space left on device"), "\(result.stderr)")
    }

    /// Without a receipt, JSON, NDJSON and CSV are written as they are read; with one, from the whole answer.
    /// The bytes are the same.
    @Test(arguments: ["json", "ndjson", "csv"])
    func aStreamedAnswerIsTheWholeAnswer(format: String) throws {
        #expect(try runner.run(["init"]).status == 0)
        for question in [["--why-not", "--hds"], ["--ugap"], ["--search", "nothing like this"]] {
            let streamed = try runner.run(["query", "--format", format] + question)
            let whole = try runner.run(["query", "--format", format, "--receipt", "r.json"] + question)
            #expect(streamed.status == 0 && whole.status == 0, "\(streamed.stderr) \(whole.stderr)")
            #expect(streamed.stdout == whole.stdout, "\(question)")
            // NDJSON has one line per match and nothing else.
            #expect(streamed.stdout.isEmpty == (format == "ndjson" && question[0] == "--search"))
        }
    }

    @Test(arguments: [["check"], ["backup", "copy.sqlite"], ["export"], ["verify-receipt", "receipt.json"]])
    func commandsThatVouchForADatabaseRefuseAMissingOneInsteadOfCreatingIt(arguments: [String]) throws {
        #expect(try runner.run(["query", "--hds", "--receipt", "receipt.json"]).status == 0)
        let missing = runner.folder.appendingPathComponent("typo.sqlite").path
        let result = try runner.run(arguments + ["--db", missing])
        #expect(result.status == 66, "\(result.stderr)")
        #expect(result.stderr.contains("no database there; check --db or REGISTRY_DB"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: missing))
        // A zero-byte file holds no database either, and is left as it is.
        #expect(FileManager.default.createFile(atPath: missing, contents: nil))
        #expect(try runner.run(arguments + ["--db", missing]).status == 66)
        #expect(try Data(contentsOf: URL(fileURLWithPath: missing)).isEmpty)
    }

    /// A desk that may read the database files but not write in their folder, as another user: SQLite needs
    /// the -wal and -shm files to exist for that, so writers keep them (persistent WAL). Runs where the tests
    /// run as root with setpriv to switch to `nobody`, as in CI.
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func aDeskWithReadAccessOnlyCanQueryTheStewardsDatabase() throws {
        #expect(try runner.run(["init"]).status == 0)
        let binary = runner.folder.appendingPathComponent("registry-copy").path
        try FileManager.default.copyItem(atPath: BinaryRunner.binary.path, toPath: binary)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: runner.folder.path)
        for suffix in ["", "-wal", "-shm"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: runner.database + suffix)
        }
        func asDesk(_ arguments: [String]) throws -> BinaryRunner.Result {
            try runner.run(
                ["--reuid=65534", "--regid=65534", "--clear-groups", binary] + arguments
                    + ["--read-only", "--db", runner.database, "--format", "csv"], executable: "/usr/bin/setpriv")
        }
        let desk = try asDesk(["query", "--hds"])
        #expect(desk.status == 0, "\(desk.stderr)")
        #expect(desk.stdout.contains("aws/aws-cloud"))
        let sample = ImportEndToEndTests.samples.appendingPathComponent("hds.csv").path
        // Forced: the fictitious sample over the seeds' ANS transcription would be refused as truncated.
        #expect(try runner.run(["import", sample, "--source", "hds", "--force"]).status == 0)
        let after = try asDesk(["query", "--hds"])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stdout.contains("exemple-cloud-sas-fictif"), "the steward's import is visible to the desk")
    }

    @Test func restorePutsABackupBackAndRefusesAFileThatIsNotOne() throws {
        #expect(try runner.run(["init"]).status == 0)
        #expect(try runner.run(["backup", "saved.sqlite"]).status == 0)
        let saved = try runner.run(["export"]).stdout
        let sample = ImportEndToEndTests.samples.appendingPathComponent("hds.csv").path
        // Forced: the fictitious sample over the seeds' ANS transcription would be refused as truncated.
        #expect(try runner.run(["import", sample, "--source", "hds", "--force"]).status == 0)
        let imported = try runner.run(["export"]).stdout
        #expect(imported != saved)

        let garbage = runner.folder.appendingPathComponent("garbage.sqlite")
        try Data("not a database".utf8).write(to: garbage)
        let refused = try runner.run(["restore", garbage.path])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("not a registry database, or a damaged one"), "\(refused.stderr)")
        #expect(try runner.run(["export"]).stdout == imported)

        let restored = try runner.run(["restore", "saved.sqlite"])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try runner.run(["export"]).stdout == saved)
    }
}
