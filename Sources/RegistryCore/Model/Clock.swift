import Foundation

/// Where the registry reads the date: every « today » of the core comes from one `Clock`, so that no
/// answer, check or test depends on the day it happens to run.
///
/// The system clock reads the desk's calendar in the local time zone. Tests pin the day with
/// `Clock.pinned(to:)`; moments (the order of the history, which SQLite's triggers stamp with the system
/// time) still come from the system, so that `--as-of` keeps comparing like with like.
public struct Clock: Sendable {
    private let day: (@Sendable () -> Day)?
    private let timeZone: TimeZone

    private init(day: (@Sendable () -> Day)?, timeZone: TimeZone) {
        self.day = day
        self.timeZone = timeZone
    }

    /// The machine's clock, read in the local time zone.
    public static let system = Clock(day: nil, timeZone: .current)

    /// A clock whose day is always `day`.
    public static func pinned(to day: Day) -> Clock {
        Clock(day: { day }, timeZone: .current)
    }

    /// Today on this clock.
    public var today: Day {
        if let day { return day() }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return Day.on(Date(), calendar: calendar)
    }

    /// This moment, in the history's format.
    public var now: Moment { Moment.at(Date()) }
}
