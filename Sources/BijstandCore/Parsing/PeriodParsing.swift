// Months, dates and years as exports spell them: ISO, Dutch day-first,
// compact CBS codes and month names in Dutch or English.

extension FieldParser {
    /// The years a period in an extract may fall in; anything else is a typo.
    public static let acceptedYears = 1900...2100
    /// The years a date may fall in: wider than periods, because the gemeente
    /// registry dates back to the 19th century (GM0893 Bergen (L.): 1839-01-02).
    public static let acceptedDateYears = 1800...2100

    /// A month, in any spelling the extracts use.
    ///
    /// Accepts `2024-03`, `2024-3`, `2024/03`, `202403`, `2024M03`, `2024MM03`
    /// (CBS), `03-2024`, `3-2024`, `03/2024`, month names and abbreviations in
    /// Dutch or English with any case, dot or separator (`maart 2024`,
    /// `mrt. 2024`, `maart-2024`, `March 2024`, `2024 maart` as StatLine
    /// writes it, Excel's `mrt-24`), and any accepted date, which gives its
    /// month. Years outside 1900...2100 are `.outOfRange`.
    ///
    /// ```swift
    /// FieldParser.month("2024MM03")  // .success(Month(year: 2024, month: 3)!)
    /// FieldParser.month("2024-13")   // .failure(.notAMonth)
    /// ```
    public static func month(_ f: UnsafeBufferPointer<UInt8>) -> Result<Month, FieldProblem> {
        let span = ByteScan.trimmed(f)
        if span.isEmpty { return .failure(.empty) }
        switch PeriodReader.monthOnly(f, span) {
        case .found(let year, let month):
            guard (1...12).contains(month) else { return .failure(.notAMonth) }
            guard acceptedYears.contains(year) else { return .failure(.outOfRange) }
            return .success(Month(unchecked: year, month))
        case .unrecognised:
            switch PeriodReader.day(f, span) {
            case .success(let day):
                guard acceptedYears.contains(day.year) else { return .failure(.outOfRange) }
                return .success(day.monthValue)
            case .failure(.outOfRange): return .failure(.outOfRange)
            case .failure: return .failure(.notAMonth)
            }
        }
    }

    /// String overload of `month(_:)`.
    public static func month(_ s: String) -> Result<Month, FieldProblem> {
        ByteScan.withBytes(s) { month($0) }
    }

    /// A calendar date, in any spelling the extracts use.
    ///
    /// Accepts `2024-03-31`, `2024/03/31`, `31-03-2024`, `31/03/2024`,
    /// `31.03.2024`, `1-3-2024`, `20240331`, `31 maart 2024`, `31-mrt-2024`,
    /// optionally followed by a time as Excel and Cognos write it
    /// (`2024-03-31 00:00:00`, `2024-03-31T00:00:00Z`, `31-3-2024 0:00`);
    /// the time is checked and ignored. Days that do not exist are
    /// `.notADate`; years outside 1800...2100 are `.outOfRange`.
    ///
    /// ```swift
    /// FieldParser.date("31/03/2024")  // .success(Day(year: 2024, month: 3, day: 31)!)
    /// FieldParser.date("2023-02-29")  // .failure(.notADate)
    /// ```
    public static func date(_ f: UnsafeBufferPointer<UInt8>) -> Result<Day, FieldProblem> {
        let span = ByteScan.trimmed(f)
        if span.isEmpty { return .failure(.empty) }
        return PeriodReader.day(f, span)
    }

    /// String overload of `date(_:)`.
    public static func date(_ s: String) -> Result<Day, FieldProblem> {
        ByteScan.withBytes(s) { date($0) }
    }

    /// A four-digit year in 1900...2100, e.g. the `jaar` of a budget.
    ///
    /// ```swift
    /// FieldParser.year("2024")    // .success(2024)
    /// FieldParser.year("1899")    // .failure(.outOfRange)
    /// FieldParser.year("2024.0")  // .failure(.notANumber)
    /// ```
    public static func year(_ f: UnsafeBufferPointer<UInt8>) -> Result<Int, FieldProblem> {
        let span = ByteScan.trimmed(f)
        if span.isEmpty { return .failure(.empty) }
        guard ByteScan.digitRunEnd(f, from: span.lower, upTo: span.upper) == span.upper else {
            return .failure(.notANumber)
        }
        guard span.count <= 4 else { return .failure(.outOfRange) }
        let value = ByteScan.smallNumber(f, span)
        guard acceptedYears.contains(value) else { return .failure(.outOfRange) }
        return .success(value)
    }

    /// String overload of `year(_:)`.
    public static func year(_ s: String) -> Result<Int, FieldProblem> {
        ByteScan.withBytes(s) { year($0) }
    }
}

enum PeriodReader {
    enum MonthOutcome {
        /// A month spelling was recognised; the numbers are not yet range-checked.
        case found(year: Int, month: Int)
        /// Not a month-only spelling; it may still be a date.
        case unrecognised
    }

    static func isDateSeparator(_ b: UInt8) -> Bool {
        b == ByteScan.minus || b == ByteScan.slash || b == ByteScan.dot
    }

    /// Spellings that name a month without a day.
    static func monthOnly(_ f: UnsafeBufferPointer<UInt8>, _ span: ByteSpan) -> MonthOutcome {
        let end = span.upper
        let first = f[span.lower]

        if ByteScan.isASCIILetter(first) {
            // "maart 2024", "mrt. 2024", "Mar-24"
            let word = ByteSpan(lower: span.lower, upper: ByteScan.letterRunEnd(f, from: span.lower, upTo: end))
            guard let month = monthNumber(f, word) else { return .unrecognised }
            let yearStart = skipNameSeparators(f, from: word.upper, upTo: end)
            let yearEnd = ByteScan.digitRunEnd(f, from: yearStart, upTo: end)
            guard yearEnd == end, let year = yearAfterName(f, ByteSpan(lower: yearStart, upper: yearEnd)) else {
                return .unrecognised
            }
            return .found(year: year, month: month)
        }

        guard ByteScan.isDigit(first) else { return .unrecognised }
        let a = ByteSpan(lower: span.lower, upper: ByteScan.digitRunEnd(f, from: span.lower, upTo: end))
        if a.upper == end {
            // "202403"; eight digits are a date and left to the date reader.
            guard a.count == 6 else { return .unrecognised }
            return .found(
                year: ByteScan.smallNumber(f, ByteSpan(lower: a.lower, upper: a.lower + 4)),
                month: ByteScan.smallNumber(f, ByteSpan(lower: a.lower + 4, upper: a.upper)))
        }

        let next = f[a.upper]
        if a.count == 4 && ByteScan.lower(next) == UInt8(ascii: "m") {
            // CBS period codes: "2024M03" (open data) and "2024MM03" (StatLine).
            var k = a.upper + 1
            if k < end && ByteScan.lower(f[k]) == UInt8(ascii: "m") { k += 1 }
            let b = ByteSpan(lower: k, upper: ByteScan.digitRunEnd(f, from: k, upTo: end))
            guard b.upper == end, (1...2).contains(b.count) else { return .unrecognised }
            return .found(year: ByteScan.smallNumber(f, a), month: ByteScan.smallNumber(f, b))
        }

        if isDateSeparator(next) {
            let bStart = a.upper + 1
            let b = ByteSpan(lower: bStart, upper: ByteScan.digitRunEnd(f, from: bStart, upTo: end))
            if b.upper == end {
                if a.count == 4 && (1...2).contains(b.count) {
                    return .found(year: ByteScan.smallNumber(f, a), month: ByteScan.smallNumber(f, b))
                }
                if (1...2).contains(a.count) && b.count == 4 {
                    return .found(year: ByteScan.smallNumber(f, b), month: ByteScan.smallNumber(f, a))
                }
                return .unrecognised
            }
            if b.count > 0 { return .unrecognised }  // a third part: a date
        }

        // Year first with a name, as StatLine writes periods: "2024 maart", "2024-mrt".
        guard a.count == 4 else { return .unrecognised }
        let nameStart = skipNameSeparators(f, from: a.upper, upTo: end)
        let word = ByteSpan(lower: nameStart, upper: ByteScan.letterRunEnd(f, from: nameStart, upTo: end))
        guard let month = monthNumber(f, word) else { return .unrecognised }
        var after = word.upper
        if after < end && f[after] == ByteScan.dot { after += 1 }
        guard after == end else { return .unrecognised }
        return .found(year: ByteScan.smallNumber(f, a), month: month)
    }

    /// Any date spelling, optionally followed by a time of day.
    static func day(_ f: UnsafeBufferPointer<UInt8>, _ span: ByteSpan) -> Result<Day, FieldProblem> {
        let end = span.upper
        guard ByteScan.isDigit(f[span.lower]) else { return .failure(.notADate) }
        let a = ByteSpan(lower: span.lower, upper: ByteScan.digitRunEnd(f, from: span.lower, upTo: end))
        var year = 0
        var month = 0
        var dayOfMonth = 0
        var position = a.upper

        if a.count == 8 {
            year = ByteScan.smallNumber(f, ByteSpan(lower: a.lower, upper: a.lower + 4))
            month = ByteScan.smallNumber(f, ByteSpan(lower: a.lower + 4, upper: a.lower + 6))
            dayOfMonth = ByteScan.smallNumber(f, ByteSpan(lower: a.lower + 6, upper: a.upper))
        } else if a.count == 4 {
            // Year first: the two separators must agree, so "2024-03/31" is not taken.
            guard position < end, isDateSeparator(f[position]) else { return .failure(.notADate) }
            let separator = f[position]
            let b = ByteSpan(lower: position + 1, upper: ByteScan.digitRunEnd(f, from: position + 1, upTo: end))
            guard (1...2).contains(b.count), b.upper < end, f[b.upper] == separator else { return .failure(.notADate) }
            let c = ByteSpan(lower: b.upper + 1, upper: ByteScan.digitRunEnd(f, from: b.upper + 1, upTo: end))
            guard (1...2).contains(c.count) else { return .failure(.notADate) }
            year = ByteScan.smallNumber(f, a)
            month = ByteScan.smallNumber(f, b)
            dayOfMonth = ByteScan.smallNumber(f, c)
            position = c.upper
        } else if (1...2).contains(a.count) {
            guard position < end else { return .failure(.notADate) }
            dayOfMonth = ByteScan.smallNumber(f, a)
            let separator = f[position]
            if isDateSeparator(separator), position + 1 < end, ByteScan.isDigit(f[position + 1]) {
                let b = ByteSpan(lower: position + 1, upper: ByteScan.digitRunEnd(f, from: position + 1, upTo: end))
                guard (1...2).contains(b.count), b.upper < end, f[b.upper] == separator else {
                    return .failure(.notADate)
                }
                let c = ByteSpan(lower: b.upper + 1, upper: ByteScan.digitRunEnd(f, from: b.upper + 1, upTo: end))
                guard c.count == 4 else { return .failure(.notADate) }
                month = ByteScan.smallNumber(f, b)
                year = ByteScan.smallNumber(f, c)
                position = c.upper
            } else {
                // "31 maart 2024", "31-mrt-2024", "31 mrt. 24"
                let nameStart = skipNameSeparators(f, from: position, upTo: end)
                guard nameStart > position else { return .failure(.notADate) }
                let word = ByteSpan(lower: nameStart, upper: ByteScan.letterRunEnd(f, from: nameStart, upTo: end))
                guard let number = monthNumber(f, word) else { return .failure(.notADate) }
                let yearStart = skipNameSeparators(f, from: word.upper, upTo: end)
                guard yearStart > word.upper else { return .failure(.notADate) }
                let yearDigits = ByteSpan(lower: yearStart, upper: ByteScan.digitRunEnd(f, from: yearStart, upTo: end))
                guard let y = yearAfterName(f, yearDigits) else { return .failure(.notADate) }
                month = number
                year = y
                position = yearDigits.upper
            }
        } else {
            return .failure(.notADate)
        }

        guard position == end || isTimeOfDay(f, from: position, upTo: end) else { return .failure(.notADate) }
        guard let result = Day(year: year, month: month, day: dayOfMonth) else { return .failure(.notADate) }
        guard FieldParser.acceptedDateYears.contains(year) else { return .failure(.outOfRange) }
        return .success(result)
    }

    /// The rest of a date-time field: " 00:00:00", "T00:00:00.000Z", " 0:00", "T12:30+01:00".
    static func isTimeOfDay(_ f: UnsafeBufferPointer<UInt8>, from start: Int, upTo end: Int) -> Bool {
        var i = start
        if ByteScan.lower(f[i]) == UInt8(ascii: "t") {
            i += 1
        } else {
            i = ByteScan.skipBlanks(f, from: i, upTo: end)
            guard i > start else { return false }
        }
        let hours = ByteSpan(lower: i, upper: ByteScan.digitRunEnd(f, from: i, upTo: end))
        guard (1...2).contains(hours.count), ByteScan.smallNumber(f, hours) <= 23 else { return false }
        i = hours.upper
        var fields = 0
        while i < end && f[i] == ByteScan.colon && fields < 2 {
            let part = ByteSpan(lower: i + 1, upper: ByteScan.digitRunEnd(f, from: i + 1, upTo: end))
            guard part.count == 2, ByteScan.smallNumber(f, part) <= (fields == 0 ? 59 : 60) else { return false }
            fields += 1
            i = part.upper
        }
        guard fields > 0 else { return false }
        if fields == 2 && i < end && (f[i] == ByteScan.dot || f[i] == ByteScan.comma) {
            let fraction = ByteScan.digitRunEnd(f, from: i + 1, upTo: end)
            guard fraction > i + 1 else { return false }
            i = fraction
        }
        if i == end { return true }
        // A zone designator says how the instant was recorded; the calendar date stays as written.
        if ByteScan.lower(f[i]) == UInt8(ascii: "z") { return i + 1 == end }
        guard f[i] == ByteScan.plus || f[i] == ByteScan.minus else { return false }
        let zoneHours = ByteSpan(lower: i + 1, upper: ByteScan.digitRunEnd(f, from: i + 1, upTo: end))
        guard zoneHours.count == 2 || zoneHours.count == 4 else { return false }
        if zoneHours.upper == end { return true }
        guard zoneHours.count == 2, f[zoneHours.upper] == ByteScan.colon else { return false }
        return ByteScan.digitRunEnd(f, from: zoneHours.upper + 1, upTo: end) == end && end - zoneHours.upper == 3
    }

    /// Skips a dot after an abbreviation and the blanks or dashes before the next part.
    static func skipNameSeparators(_ f: UnsafeBufferPointer<UInt8>, from start: Int, upTo end: Int) -> Int {
        var i = start
        while i < end {
            let b = f[i]
            if b == ByteScan.minus || b == ByteScan.slash || b == ByteScan.dot || b == ByteScan.comma {
                i += 1
                continue
            }
            let n = ByteScan.blankLength(f, at: i, upTo: end)
            if n == 0 { break }
            i += n
        }
        return i
    }

    /// A year written after a month name: four digits, or two as in Excel's "mrt-24".
    ///
    /// Two-digit years use the POSIX `%y` pivot: 00...68 are 2000...2068,
    /// 69...99 are 1969...1999.
    static func yearAfterName(_ f: UnsafeBufferPointer<UInt8>, _ digits: ByteSpan) -> Int? {
        switch digits.count {
        case 4:
            return ByteScan.smallNumber(f, digits)
        case 2:
            let yy = ByteScan.smallNumber(f, digits)
            return yy <= 68 ? 2000 + yy : 1900 + yy
        default:
            return nil
        }
    }

    /// Month number for a Dutch or English month name or abbreviation, any case.
    static func monthNumber(_ f: UnsafeBufferPointer<UInt8>, _ word: ByteSpan) -> Int? {
        guard (3...9).contains(word.count) else { return nil }
        func eq(_ literal: StaticString) -> Bool { ByteScan.equalsLowercased(f, word, literal) }
        // Grouped by first letter so a miss costs few comparisons.
        switch ByteScan.lower(f[word.lower]) {
        case UInt8(ascii: "j"):
            if eq("jan") || eq("januari") || eq("january") { return 1 }
            if eq("jun") || eq("juni") || eq("june") { return 6 }
            if eq("jul") || eq("juli") || eq("july") { return 7 }
        case UInt8(ascii: "f"):
            if eq("feb") || eq("febr") || eq("februari") || eq("february") { return 2 }
        case UInt8(ascii: "m"):
            if eq("mrt") || eq("mar") || eq("maart") || eq("march") { return 3 }
            if eq("mei") || eq("may") { return 5 }
        case UInt8(ascii: "a"):
            if eq("apr") || eq("april") { return 4 }
            if eq("aug") || eq("augustus") || eq("august") { return 8 }
        case UInt8(ascii: "s"):
            if eq("sep") || eq("sept") || eq("september") { return 9 }
        case UInt8(ascii: "o"):
            if eq("okt") || eq("oct") || eq("oktober") || eq("october") { return 10 }
        case UInt8(ascii: "n"):
            if eq("nov") || eq("november") { return 11 }
        case UInt8(ascii: "d"):
            if eq("dec") || eq("december") { return 12 }
        default:
            break
        }
        return nil
    }
}
