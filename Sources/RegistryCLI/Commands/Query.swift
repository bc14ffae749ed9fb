import ArgumentParser
import Foundation
import RegistryCore
import RegistryRendering

extension RegistryCommand {
    /// `registry query`: the offers that meet every criterion, with their evidence.
    struct Query: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "query",
            abstract: "List the offers that meet every criterion, with the evidence for each.",
            discussion: """
                Criteria combine with AND and must all hold for the same offer. An attestation counts when \
                it is qualified or certified, issued on or before --valid-on and not expired on that day; \
                a qualified one whose expiry is unknown counts and is flagged "expiry unknown". Facts \
                sourced only from research notes count only with --include-leads.
                """)

        @OptionGroup var database: DatabaseOptions

        @OptionGroup var asOf: AsOfOption

        @Flag(help: "A SecNumCloud qualification covers the offer.")
        var secnumcloud = false

        @Flag(help: "An HDS certificate covers the offer.")
        var hds = false

        @Option(
            name: .customLong("hds-activity"),
            help: ArgumentHelp(
                "An HDS activity (1-6) the offer's certificate must cover; repeatable. Implies --hds.", valueName: "n"))
        var hdsActivities: [Int] = []

        @Option(
            name: .customLong("cert"),
            help: ArgumentHelp(
                "A scheme that must cover the offer (iso27001, c5, ...; see `registry list schemes`); repeatable.",
                valueName: "scheme"))
        var schemes: [String] = []

        @Flag(help: "The offer is listed in the UGAP catalogue (same as --catalogue ugap).")
        var ugap = false

        @Option(
            name: .customLong("catalogue"),
            help: ArgumentHelp(
                "A purchasing catalogue that must list the offer (ugap, resah, caih); repeatable.", valueName: "name"))
        var catalogues: [String] = []

        @Option(
            name: .customLong("hosted-in"),
            help: ArgumentHelp(
                "The offer can host data in this country (ISO code such as FR), or in the EU or EEA.", valueName: "code"
            ))
        var hostedIn: String?

        @Option(
            name: .customLong("model"),
            help: ArgumentHelp("The offer's service model; repeatable, any of them matches.", valueName: "model"))
        var models: [ServiceModel] = []

        @Option(help: ArgumentHelp("Only this provider's offers (see `registry list providers`).", valueName: "id"))
        var provider: String?

        @Option(
            help: ArgumentHelp(
                "Text in a provider's or offer's names or aliases, ignoring case and accents.", valueName: "text"))
        var search: String?

        @Option(
            name: .customLong("valid-on"),
            help: ArgumentHelp(
                "The day on which attestations and listings must be valid (default: today).", valueName: "YYYY-MM-DD"),
            transform: Day.argument)
        var validOn: Day?

        @Flag(help: "Also count attestations still in progress (SecNumCloud J0-J2).")
        var includeInProgress = false

        @Flag(help: "Also count facts sourced only from research notes (leads, not proof).")
        var includeLeads = false

        @Flag(name: .customLong("eu-hq"), help: "The provider's seat is in the EU (SecNumCloud 3.2 §19.6 a).")
        var euHQ = false

        @Flag(help: "The provider is immune to non-EU law (§19.6 a and b; see `registry assess`).")
        var immune = false

        @Flag(help: "Immune, and the offer's data are located and administered in the EU (§19.2).")
        var sovereign = false

        @Flag(help: "Keep, flagged, offers whose seat, immunity or sovereignty the facts do not decide.")
        var includeUnknown = false

        @Option(
            name: .customLong("seal-min"),
            help: ArgumentHelp(
                "Every objective of the EU Cloud Sovereignty Framework at SEAL-N at least, on the lower bound of the registry's indicative levels (an unknown never lets an offer through; see `registry assess ID --framework csf`).",
                valueName: "N"))
        var sealMin: Int?

        @Option(
            help: ArgumentHelp(
                "A regulation profile: sensitive, health or sensitive-health (see `registry profiles`).",
                valueName: "name"))
        var profile: String?

        @Flag(help: "Also list the offers left out, each with the first criterion it fails and why.")
        var whyNot = false

        @Option(
            help: ArgumentHelp(
                "Also write a JSON receipt of the question and answer, for the procurement file.", valueName: "file"))
        var receipt: String?

        @Option(help: "Output format: table (default on a terminal), json (default otherwise), csv, ndjson, markdown.")
        var format: OutputFormat?

        @Option(
            help: ArgumentHelp(
                "The table's notes: short (a line per fact: what it says, its source, its flags) or full (each fact "
                    + "whole). Other formats give everything.", valueName: "short|full"))
        var evidence: EvidenceDetail = .short

        /// The core's checks, reported as a usage error before anything is opened.
        func validate() throws {
            do { try criteria.validate() } catch { throw ValidationError(error.description) }
        }

        var criteria: OfferCriteria {
            var criteria = OfferCriteria(validOn: validOn ?? database.clock.today)
            criteria.secnumcloud = secnumcloud
            criteria.hds = hds
            criteria.hdsActivities = hdsActivities
            criteria.schemes = schemes
            criteria.catalogues = (ugap ? ["ugap"] : []) + catalogues
            criteria.hostedIn = hostedIn
            criteria.serviceModels = models
            criteria.providerId = provider
            criteria.search = search
            criteria.includeInProgress = includeInProgress
            criteria.includeLeads = includeLeads
            criteria.euHQ = euHQ
            criteria.immune = immune
            criteria.sovereign = sovereign
            criteria.includeUnknown = includeUnknown
            criteria.sealMin = sealMin
            criteria.profile = profile
            criteria.whyNot = whyNot
            return criteria.normalized
        }

        func run() throws {
            let registry = try asOf.view(of: database.open(forReading: true))
            let format = OutputFormat.resolved(format)
            guard let receipt else {
                // Without a receipt to sign, JSON, NDJSON and CSV are written as they are read.
                guard format == .table || format == .markdown else {
                    var stream = QueryStream(format) { text throws(RegistryError) in try emit(text) }
                    return try registry.answer(criteria, into: &stream)
                }
                return try emit(
                    QueryRendering(answer: try registry.answer(criteria), evidence: evidence).render(format))
            }
            // The present is read only for a receipt (the clock's formatter loads ICU's calendars).
            let moment = asOf.moment ?? database.clock.now
            guard moment.timestamp <= database.clock.now.timestamp else {
                throw RegistryError.usage(
                    "--as-of \(moment) is in the future: a receipt says what the registry answered, not what it will")
            }
            let answer = try registry.answer(criteria)
            try emit(QueryRendering(answer: answer, evidence: evidence).render(format))
            // Refused before a key is made or anything is written.
            guard !DatabasePath.isDatabase(receipt, of: database.resolvedPath) else {
                throw RegistryError.usage(
                    "\(receipt) is the database itself (or one of its files); choose another path")
            }
            guard let key = try ReceiptKeyStore.load(creating: true) else { return }
            let record = try QueryReceipt(
                answer: answer, question: Receipt.question(answer.criteria), moment: moment,
                status: try registry.status(on: criteria.validOn), key: key)
            try writeOutput(try record.fileBytes(), to: receipt, database: database.resolvedPath)
            note("receipt written to \(receipt), signed with key \(key.fingerprint)")
        }
    }
}
