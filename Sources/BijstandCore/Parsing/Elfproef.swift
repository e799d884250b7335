/// The elfproef for a BSN (burgerservicenummer).
///
/// A raw BSN is never stored: the loader pseudonymises values that pass and
/// rejects the rest, so a typo cannot become a different person's key.
///
/// ```swift
/// Elfproef.isValidBSN("111222333")  // true
/// Elfproef.isValidBSN("111222334")  // false
/// ```
public enum Elfproef {
    /// True for 9 digits (or 8, when a spreadsheet dropped the leading zero)
    /// whose sum d1×9 + d2×8 + … + d8×2 − d9×1 is divisible by 11, and that
    /// are not all zeros. Blanks around the number are ignored; anything else
    /// inside it fails.
    public static func isValidBSN(_ f: UnsafeBufferPointer<UInt8>) -> Bool {
        let span = ByteScan.trimmed(f)
        guard span.count == 9 || span.count == 8 else { return false }
        // An implied leading zero adds nothing to the sum, so the weights
        // simply start one lower for eight digits.
        var weight = span.count
        var sum = 0
        var anyNonZero = false
        var i = span.lower
        while i < span.upper {
            let b = f[i]
            guard ByteScan.isDigit(b) else { return false }
            let digit = Int(b &- ByteScan.zero)
            if digit != 0 { anyNonZero = true }
            sum += weight == 1 ? -digit : digit * weight
            weight -= 1
            i += 1
        }
        return anyNonZero && sum % 11 == 0
    }

    /// String overload of `isValidBSN(_:)`.
    public static func isValidBSN(_ s: String) -> Bool {
        ByteScan.withBytes(s) { isValidBSN($0) }
    }
}
