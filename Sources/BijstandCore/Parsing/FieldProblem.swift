/// Why a single field could not be read.
///
/// The parsers return it in a `Result` rather than throwing, because a bad
/// field is an expected outcome (it becomes a rejected row), not an exception.
///
/// ```swift
/// FieldParser.count("12,3x")  // .failure(.notANumber)
/// FieldProblem.notANumber.reason(raw: "12,3x")  // "'12,3x' is not a number"
/// ```
public enum FieldProblem: Error, Equatable, Sendable {
    /// A required value is missing: the field is empty or blank.
    case empty
    /// The text is not a number in any accepted spelling.
    case notANumber
    /// A count has a non-zero fraction, e.g. "1.660,5".
    case notWhole
    /// A count is below zero.
    case negative
    /// Money or a decimal has non-zero digits beyond the allowed precision.
    case tooManyDecimals
    /// Well-formed, but too large for the field (or a year outside 1900...2100).
    case outOfRange
    /// Not a month in any accepted spelling, or month number not 1...12.
    case notAMonth
    /// Not a date in any accepted spelling, or not a real calendar day.
    case notADate
    /// Not a CBS gemeentecode; the caller may still try it as a gemeentenaam.
    case notAGemeenteCode
    /// A coded value that is not recognised; `expected` lists what is accepted.
    case unknownValue(expected: String)

    /// A sentence fragment for the user that names the raw value.
    ///
    /// ```swift
    /// FieldProblem.notANumber.reason(raw: "12,3x")  // "'12,3x' is not a number"
    /// ```
    public func reason(raw: String) -> String {
        let shown = "'" + FieldProblem.abbreviated(raw) + "'"
        switch self {
        case .empty:
            return "the value is missing"
        case .notANumber:
            return shown + " is not a number"
        case .notWhole:
            return shown + " is not a whole number"
        case .negative:
            return shown + " is negative, which a count cannot be"
        case .tooManyDecimals:
            return shown + " has more decimals than allowed"
        case .outOfRange:
            return shown + " is out of range"
        case .notAMonth:
            return shown + " is not a month (expected e.g. 2024-03, 202403, 2024M03 or maart 2024)"
        case .notADate:
            return shown + " is not a valid date (expected e.g. 2024-03-31 or 31-03-2024)"
        case .notAGemeenteCode:
            return shown + " is not a gemeentecode (expected e.g. GM0394 or 394)"
        case .unknownValue(let expected):
            return shown + " is not recognised (expected " + expected + ")"
        }
    }

    /// A raw value as a reject reason shows it: shortened when a whole line ended up in one
    /// field, and with control characters written out (`\u{1B}`), so that an escape sequence
    /// in a file cannot drive the terminal that shows the reason.
    public static func abbreviated(_ raw: String) -> String {
        let limit = 60
        let short = raw.count > limit ? String(raw.prefix(limit)) + "…" : raw
        guard short.unicodeScalars.contains(where: isControl) else { return short }
        var shown = String.UnicodeScalarView()
        for scalar in short.unicodeScalars {
            if isControl(scalar) {
                shown.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                shown.append(scalar)
            }
        }
        return String(shown)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
