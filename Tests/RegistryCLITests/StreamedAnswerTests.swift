import Foundation
import RegistryRendering
import Testing

@testable import RegistryCore

/// Large answers are written as they are read: the parts arrive in order and in batches, and the bytes are
/// those of the whole answer rendered at once, whatever the batch size.
@Suite struct StreamedAnswerTests {
    static let day = Day(year: 2026, month: 11, day: 29)!

    static let questions: [OfferCriteria] = {
        var all = OfferCriteria(validOn: day)
        var both = all
        both.secnumcloud = true
        both.hds = true
        var whyNot = both
        whyNot.whyNot = true
        var none = all
        none.search = "no such offer anywhere"
        var noneWhyNot = none
        noneWhyNot.whyNot = true
        var ugap = all
        ugap.catalogues = ["ugap"]
        return [all, both, whyNot, none, noneWhyNot, ugap]
    }()

    /// Keeps every part as it arrives.
    struct Recorder: QueryAnswerSink {
        var count: Int?
        var batches: [[OfferMatch]] = []
        var excluded: [Exclusion]?

        mutating func begin(_ criteria: OfferCriteria, count: Int) throws {
            #expect(self.count == nil && batches.isEmpty, "begin comes first, once")
            self.count = count
        }
        mutating func receive(_ matches: [OfferMatch]) throws {
            #expect(count != nil && excluded == nil, "matches come between begin and end")
            batches.append(matches)
        }
        mutating func end(excluded: [Exclusion]) throws {
            #expect(self.excluded == nil)
            self.excluded = excluded
        }
    }

    func seeded() throws -> Registry {
        let registry = try Registry.inMemory(clock: .pinned(to: Self.day))
        try registry.loadSeeds()
        return registry
    }

    @Test func thePartsAreTheWholeAnswerInOrderAndInBatches() throws {
        let registry = try seeded()
        for criteria in Self.questions {
            let whole = try registry.answer(criteria)
            for batch in [1, 3, 256] {
                var recorder = Recorder()
                try registry.answer(criteria, into: &recorder, batch: batch)
                #expect(recorder.count == whole.matches.count)
                #expect(recorder.batches.flatMap { $0 } == whole.matches)
                #expect(recorder.batches.allSatisfy { !$0.isEmpty && $0.count <= batch })
                #expect(recorder.excluded == whole.excluded)
            }
        }
        #expect(try registry.answer(Self.questions[0]).matches.count > 3, "the seeds give several batches")
    }

    /// A page's answer reads the evidence of the matches it shows only; every match keeps its offer, provider,
    /// hosting and flags, in the same order.
    @Test func aPagesAnswerDetailsTheMatchesItShows() throws {
        let registry = try seeded()
        for criteria in Self.questions {
            let whole = try registry.answer(criteria)
            for shown in [0..<0, 0..<2, 1..<4, 2..<1_000] {
                let page = try registry.answer(criteria) { count in
                    #expect(count == whole.matches.count)
                    return shown
                }
                #expect(page.matches.count == whole.matches.count && page.excluded == whole.excluded)
                for (index, (part, full)) in zip(page.matches, whole.matches).enumerated() {
                    #expect(part.offer == full.offer && part.provider == full.provider && part.hosting == full.hosting)
                    #expect(part.flags == full.flags)
                    if shown.contains(index) {
                        #expect(part == full, "\(index) is shown")
                    } else {
                        #expect(part.evidence.isEmpty && part.catalogues.isEmpty, "\(index) is not shown")
                    }
                }
            }
        }
    }

    /// The streamed JSON is the document tree's serialization, and each format's bytes do not depend on how
    /// the matches were batched or cut into writes.
    @Test func eachFormatsBytesAreTheWholeAnswersRendering() throws {
        let registry = try seeded()
        for criteria in Self.questions {
            let whole = QueryRendering(answer: try registry.answer(criteria))
            #expect(whole.render(.json) == whole.json.serialized() + "\n")
            #expect(try JSONSerialization.jsonObject(with: Data(whole.render(.json).utf8)) is [String: Any])
            for format in [OutputFormat.json, .ndjson, .csv] {
                for batch in [1, 2] {
                    var pieces: [String] = []
                    var stream = QueryStream(format) { pieces.append($0) }
                    try registry.answer(criteria, into: &stream, batch: batch)
                    #expect(pieces.joined() == whole.render(format), "\(format) in batches of \(batch)")
                }
            }
        }
    }
}
