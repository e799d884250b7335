import BijstandCore
import Foundation
import XCTest

/// The report's JSON contract: a key without data is present and null. Synthesised
/// `Encodable` leaves such keys out; `NullWritingEncoder` writes them, at any depth.
final class NullWritingEncoderTests: XCTestCase {
    private struct Inner: Encodable {
        var getal: Int?
        var fractie: Double?
        var tekst: String?
        var waar: Bool?
        var groot: UInt64?
    }

    /// Encodes as `Report` does: through the null-writing encoder at the top, synthesised below.
    private struct Outer: Encodable {
        var naam: String
        var binnen: Inner?
        var lijst: [Inner]
        var tabel: [String: Inner]
        var ontbrekend: Inner?

        enum CodingKeys: String, CodingKey { case naam, binnen, lijst, tabel, ontbrekend }

        func encode(to encoder: Encoder) throws {
            var container = NullWritingEncoder(encoder).container(keyedBy: CodingKeys.self)
            try container.encode(naam, forKey: .naam)
            try container.encodeIfPresent(binnen, forKey: .binnen)
            try container.encode(lijst, forKey: .lijst)
            try container.encode(tabel, forKey: .tabel)
            try container.encodeIfPresent(ontbrekend, forKey: .ontbrekend)
        }
    }

    func testEveryAbsentValueIsNullAtEveryDepth() throws {
        let empty = Inner()
        let full = Inner(getal: 3, fractie: 2.5, tekst: "x", waar: true, groot: 7)
        let value = Outer(naam: "GM0394", binnen: empty, lijst: [empty, full], tabel: ["werk": empty], ontbrekend: nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(value), as: UTF8.self)
        let nulls = #"{"fractie":null,"getal":null,"groot":null,"tekst":null,"waar":null}"#
        XCTAssertEqual(
            json,
            #"{"binnen":\#(nulls),"lijst":[\#(nulls),{"fractie":2.5,"getal":3,"groot":7,"tekst":"x","waar":true}],"naam":"GM0394","ontbrekend":null,"tabel":{"werk":\#(nulls)}}"#
        )
        // The same value through a plain synthesised encoding leaves the keys out, which is what the encoder is for.
        XCTAssertEqual(String(decoding: try encoder.encode(empty), as: UTF8.self), "{}")
    }
}
