import BijstandCore
import XCTest

/// Runs `body` on the UTF-8 bytes of `field` taken out of the middle of a
/// larger line, so a parser that looks past its field's end would notice.
func withFieldBytes<R>(_ field: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    let line = Array("9;".utf8) + Array(field.utf8) + Array(";9".utf8)
    return line.withUnsafeBufferPointer { whole in
        body(UnsafeBufferPointer(rebasing: whole[2..<(whole.count - 2)]))
    }
}

/// Asserts that `result` failed with exactly `problem`.
func assertFails<T>(
    _ result: Result<T, FieldProblem>, _ problem: FieldProblem, _ raw: String,
    file: StaticString = #filePath, line: UInt = #line
) {
    switch result {
    case .success(let value):
        XCTFail("'\(raw)' was accepted as \(value), expected \(problem)", file: file, line: line)
    case .failure(let actual):
        XCTAssertEqual(actual, problem, "'\(raw)'", file: file, line: line)
    }
}

/// Asserts that `result` succeeded with `expected`.
func assertParses<T: Equatable>(
    _ result: Result<T, FieldProblem>, _ expected: T, _ raw: String,
    file: StaticString = #filePath, line: UInt = #line
) {
    switch result {
    case .success(let value):
        XCTAssertEqual(value, expected, "'\(raw)'", file: file, line: line)
    case .failure(let problem):
        XCTFail("'\(raw)' was rejected as \(problem), expected \(expected)", file: file, line: line)
    }
}
