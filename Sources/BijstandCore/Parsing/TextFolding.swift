/// Folding of names and header labels so that spellings users consider equal compare equal.
///
/// Gemeentenamen arrive as "'s-Gravenhage", "’s-Gravenhage" or
/// "s Gravenhage", and "Súdwest-Fryslân" with or without its accents; headers
/// as "Lopend Begin", "lopend_begin" or "LOPEND-BEGIN". This runs once per
/// name or header, not per field, so it works on `String`.
public enum TextFolding {
    /// Lowercase, Latin diacritics removed, apostrophes and quotes dropped,
    /// every other run of non-alphanumerics one space, trimmed.
    ///
    /// ```swift
    /// TextFolding.foldName("'s-Gravenhage")     // "s gravenhage"
    /// TextFolding.foldName("Súdwest-Fryslân")   // "sudwest fryslan"
    /// TextFolding.foldName("Bergen (NH.)")      // "bergen nh"
    /// ```
    public static func foldName(_ s: String) -> String { fold(s, separator: " ") }

    /// The same folding with `_` between words, for matching header names.
    ///
    /// ```swift
    /// TextFolding.headerKey("Lopend Begin")        // "lopend_begin"
    /// TextFolding.headerKey("Beëindigingsdatum")   // "beeindigingsdatum"
    /// ```
    public static func headerKey(_ s: String) -> String { fold(s, separator: "_") }

    private static func fold(_ s: String, separator: Unicode.Scalar) -> String {
        var out = String.UnicodeScalarView()
        // A separator is only written once the next word starts, which both
        // collapses runs and trims the ends.
        var separatorPending = false
        for scalar in s.unicodeScalars {
            switch classify(scalar) {
            case .dropped:
                continue
            case .separator:
                separatorPending = !out.isEmpty
            case .text(let folded):
                if separatorPending {
                    out.append(separator)
                    separatorPending = false
                }
                out.append(contentsOf: folded.unicodeScalars)
            }
        }
        return String(out)
    }

    private enum Folded {
        /// Leaves no trace, so "'s" and "s" fold alike.
        case dropped
        case separator
        case text(String)
    }

    private static func classify(_ scalar: Unicode.Scalar) -> Folded {
        let v = scalar.value
        switch v {
        case 0x30...0x39, 0x61...0x7A:
            return .text(String(scalar))
        case 0x41...0x5A:
            return .text(String(Unicode.Scalar(v + 0x20)!))
        case 0x27, 0x60, 0x22,  // ' ` "
            0xB4,  // ´ acute accent used as apostrophe
            0x2BC,  // ʼ modifier letter apostrophe
            0x2018, 0x2019, 0x201A, 0x201B,  // ‘ ’ ‚ ‛
            0x201C, 0x201D, 0x201E,  // “ ” „
            0x2032:  // ′ prime, typed for an apostrophe
            return .dropped
        case 0x300...0x36F:
            // Combining marks: a decomposed "e\u{308}" folds like "ë".
            return .dropped
        case 0xC0...0x17F:
            if let base = latinBase(v) { return .text(base) }
            return .separator
        default:
            if v < 0x80 { return .separator }
            let properties = scalar.properties
            if properties.isAlphabetic || properties.numericType != nil {
                return .text(properties.lowercaseMapping)
            }
            return .separator
        }
    }

    /// The ASCII base letters of a Latin-1 Supplement or Latin Extended-A letter.
    private static func latinBase(_ v: UInt32) -> String? {
        switch v {
        case 0xC0...0xC5, 0xE0...0xE5, 0x100...0x105: return "a"
        case 0xC6, 0xE6: return "ae"
        case 0xC7, 0xE7, 0x106...0x10D: return "c"
        case 0xD0, 0xF0, 0x10E...0x111: return "d"
        case 0xC8...0xCB, 0xE8...0xEB, 0x112...0x11B: return "e"
        case 0x11C...0x123: return "g"
        case 0x124...0x127: return "h"
        case 0xCC...0xCF, 0xEC...0xEF, 0x128...0x131: return "i"
        case 0x132, 0x133: return "ij"
        case 0x134, 0x135: return "j"
        case 0x136...0x138: return "k"
        case 0x139...0x142: return "l"
        case 0xD1, 0xF1, 0x143...0x14B: return "n"
        case 0xD2...0xD6, 0xD8, 0xF2...0xF6, 0xF8, 0x14C...0x151: return "o"
        case 0x152, 0x153: return "oe"
        case 0x154...0x159: return "r"
        case 0xDF: return "ss"
        case 0x15A...0x161, 0x17F: return "s"
        case 0x162...0x167: return "t"
        case 0xDE, 0xFE: return "th"
        case 0xD9...0xDC, 0xF9...0xFC, 0x168...0x173: return "u"
        case 0x174, 0x175: return "w"
        case 0xDD, 0xFD, 0xFF, 0x176...0x178: return "y"
        case 0x179...0x17E: return "z"
        default: return nil  // × and ÷
        }
    }
}
