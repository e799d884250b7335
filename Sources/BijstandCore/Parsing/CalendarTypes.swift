/// A calendar month, the grain of the benchmark and lasten facts.
///
/// ```swift
/// let maart = Month(year: 2024, month: 3)!
/// maart.id      // 202403
/// maart.code    // "2024-03"
/// maart.adding(months: -3).code  // "2023-12"
/// ```
public struct Month: Hashable, Comparable, Sendable {
    /// The year, 1...9999.
    public let year: Int
    /// The month of the year, 1...12.
    public let month: Int

    /// A month, or nil when `month` is not 1...12 or `year` not 1...9999.
    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    init(unchecked year: Int, _ month: Int) {
        self.year = year
        self.month = month
    }

    /// The dimension key `year * 100 + month`, e.g. 202403.
    public var id: Int { year * 100 + month }

    /// The month with dimension key `id` (e.g. 202403), or nil when it is not one.
    public init?(id: Int) {
        guard id > 0 else { return nil }
        self.init(year: id / 100, month: id % 100)
    }

    /// The canonical spelling `YYYY-MM`, e.g. "2024-03", as used in views and reports.
    public var code: String {
        GregorianCalendar.padded(year, width: 4) + "-" + GregorianCalendar.padded(month, width: 2)
    }

    /// The month `months` later (earlier when negative), across year boundaries.
    ///
    /// Leaving the years 1...9999 is a programming error and traps.
    public func adding(months: Int) -> Month {
        let total = year * 12 + (month - 1) + months
        let newYear = GregorianCalendar.floorDivide(total, 12)
        let newMonth = total - newYear * 12 + 1
        precondition((1...9999).contains(newYear), "Month.adding(months:) left the years 1...9999")
        return Month(unchecked: newYear, newMonth)
    }

    /// Number of months from `self` to `other`; negative when `other` is earlier.
    public func distance(to other: Month) -> Int {
        (other.year * 12 + other.month) - (year * 12 + month)
    }

    /// Number of days in this month, leap years included.
    public var numberOfDays: Int { GregorianCalendar.daysIn(year: year, month: month) }

    /// The first day of the month.
    public var firstDay: Day { Day(unchecked: year, month, 1) }

    /// The last day of the month, e.g. 2024-02-29.
    public var lastDay: Day { Day(unchecked: year, month, numberOfDays) }

    /// Chronological order.
    public static func < (lhs: Month, rhs: Month) -> Bool { lhs.id < rhs.id }
}

/// A calendar day (proleptic Gregorian), used for spell start and end dates.
///
/// ```swift
/// let d = Day(year: 2024, month: 3, day: 31)!
/// d.iso              // "2024-03-31"
/// d.monthValue.id    // 202403
/// d.daysSinceEpoch   // 19813
/// ```
public struct Day: Hashable, Comparable, Sendable {
    /// The year (1...9999), month (1...12) and day of the month.
    public let year: Int, month: Int, day: Int

    /// A day, or nil when it does not exist in the calendar (e.g. 2023-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            day >= 1, day <= GregorianCalendar.daysIn(year: year, month: month)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day `days` days after 1970-01-01 (before it when negative).
    ///
    /// Uses the civil-from-days algorithm of Howard Hinnant, which is exact
    /// for the whole proleptic Gregorian calendar without a lookup table.
    /// Leaving the years 1...9999 is a programming error and traps.
    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = GregorianCalendar.floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153  // 0 = March, so leap day is last
        let d = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let m = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0)
        precondition((1...9999).contains(y), "Day(daysSinceEpoch:) left the years 1...9999")
        self.init(unchecked: y, m, d)
    }

    /// Days since 1970-01-01 (which is 0); negative before it.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = GregorianCalendar.floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day `days` later (earlier when negative).
    public func adding(days: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + days) }

    /// The month this day falls in.
    public var monthValue: Month { Month(unchecked: year, month) }

    /// The ISO 8601 spelling `YYYY-MM-DD`, e.g. "2024-03-31".
    public var iso: String {
        GregorianCalendar.padded(year, width: 4) + "-" + GregorianCalendar.padded(month, width: 2) + "-"
            + GregorianCalendar.padded(day, width: 2)
    }

    /// Chronological order.
    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// Gregorian arithmetic shared by `Month`, `Day` and the parsers.
enum GregorianCalendar {
    static func isLeapYear(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Division rounding towards minus infinity, so negative offsets land in the previous year.
    static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        guard digits.count < width else { return digits }
        return String(repeating: "0", count: width - digits.count) + digits
    }
}
