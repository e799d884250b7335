/// Readers for single CSV field values, tolerant of the spellings real
/// exports use (see `formats.md`).
///
/// Every parser takes the UTF-8 bytes of one untrimmed field and trims blanks
/// (space, tab, no-break space) itself. The byte overloads do not allocate
/// when they succeed, so a loader can call them for every field of a large
/// file; each has a `String` overload for tests and command-line options.
///
/// ```swift
/// FieldParser.cents("€ 201.159,38")  // .success((cents: 20115938, voorlopig: false))
/// FieldParser.month("mrt 2024")      // .success(Month(year: 2024, month: 3)!)
/// FieldParser.gemeenteNummer("GM0394")  // .success(394)
/// ```
public enum FieldParser {}
