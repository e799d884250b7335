import BijstandCore
import XCTest

/// Name and header folding.
final class TextFoldingTests: XCTestCase {
    func testGemeenteNames() {
        XCTAssertEqual(TextFolding.foldName("'s-Gravenhage"), "s gravenhage")
        XCTAssertEqual(TextFolding.foldName("’s-Gravenhage"), "s gravenhage")
        XCTAssertEqual(TextFolding.foldName("`s Gravenhage"), "s gravenhage")
        XCTAssertEqual(TextFolding.foldName("Súdwest-Fryslân"), "sudwest fryslan")
        XCTAssertEqual(TextFolding.foldName("Súdwest Fryslân"), "sudwest fryslan")
        XCTAssertEqual(TextFolding.foldName("Bergen (NH.)"), "bergen nh")
        XCTAssertEqual(TextFolding.foldName("Bergen (L.)"), "bergen l")
        XCTAssertEqual(TextFolding.foldName("  Den   Haag  "), "den haag")
        XCTAssertEqual(TextFolding.foldName("Nuenen, Gerwen en Nederwetten"), "nuenen gerwen en nederwetten")
        XCTAssertEqual(TextFolding.foldName("Leidschendam-Voorburg"), "leidschendam voorburg")
        XCTAssertEqual(TextFolding.foldName("Haarlemmerliede en Spaarnwoude"), "haarlemmerliede en spaarnwoude")
    }

    func testDiacritics() {
        XCTAssertEqual(TextFolding.foldName("Ĳsselstein"), "ijsselstein")  // U+0132 ligature
        XCTAssertEqual(TextFolding.foldName("ĳsselstein"), "ijsselstein")  // U+0133
        XCTAssertEqual(TextFolding.foldName("Straße"), "strasse")
        XCTAssertEqual(TextFolding.foldName("Œuvre"), "oeuvre")
        XCTAssertEqual(TextFolding.foldName("Ærø"), "aero")
        XCTAssertEqual(TextFolding.foldName("Łódź"), "lodz")
        XCTAssertEqual(TextFolding.foldName("Çà ñ Ýÿ Þ"), "ca n yy th")
        XCTAssertEqual(TextFolding.foldName("ÀÁÂÃÄÅ àáâãäå"), "aaaaaa aaaaaa")
        XCTAssertEqual(TextFolding.foldName("ÈÉÊË ÌÍÎÏ ÒÓÔÕÖØ ÙÚÛÜ"), "eeee iiii oooooo uuuu")
        XCTAssertEqual(TextFolding.foldName("Čěšťůž Ğİ ő ű"), "cestuz gi o u")
        // A decomposed ë (e + U+0308) folds like the composed one.
        XCTAssertEqual(TextFolding.foldName("Bee\u{0308}indiging"), "beeindiging")
        XCTAssertEqual(TextFolding.foldName("a×b"), "a b")
    }

    func testEdgeCases() {
        XCTAssertEqual(TextFolding.foldName(""), "")
        XCTAssertEqual(TextFolding.foldName(" - "), "")
        XCTAssertEqual(TextFolding.foldName("'"), "")
        XCTAssertEqual(TextFolding.foldName("GM0394"), "gm0394")
        XCTAssertEqual(TextFolding.foldName("a\u{00A0}b"), "a b")
        XCTAssertEqual(TextFolding.foldName("“Den Haag”"), "den haag")
        XCTAssertEqual(TextFolding.foldName("Ωmega"), "ωmega")  // other scripts are kept, lowercased
    }

    func testHeaderKeys() {
        XCTAssertEqual(TextFolding.headerKey("Lopend Begin"), "lopend_begin")
        XCTAssertEqual(TextFolding.headerKey("gm-code"), "gm_code")
        XCTAssertEqual(TextFolding.headerKey("  Stand_eind "), "stand_eind")
        XCTAssertEqual(TextFolding.headerKey("Beëindigingsdatum"), "beeindigingsdatum")
        XCTAssertEqual(TextFolding.headerKey("GEMEENTE CODE"), "gemeente_code")
        XCTAssertEqual(TextFolding.headerKey("uitstroom__werk"), "uitstroom_werk")
        XCTAssertEqual(TextFolding.headerKey("bedrag (€)"), "bedrag")
        XCTAssertEqual(TextFolding.headerKey("Peilmaand*"), "peilmaand")
        XCTAssertEqual(TextFolding.headerKey("\u{FEFF}gemeentecode"), "gemeentecode")  // a BOM left on the first header
        XCTAssertEqual(TextFolding.headerKey("client_id"), "client_id")
    }
}
