// The libFuzzer harness of the CSV reader and the field parsers: every input
// is read as a file would be, every field goes through every parser, and any
// broken promise of `ReaderTrace` (line numbers, conservation, parser ranges)
// stops the fuzzer with the input saved. Run it with Tests/scripts/fuzz-csv.sh.
//
// Built without -DFUZZING (as `swift build` does) it is a small program that
// replays files, so the corpus and any crash file can be checked without the sanitizer:
//   swift run CSVFuzz Tests/Fixtures/hostile/*.csv
import Foundation
import TestSupport

/// Reads one input and returns its broken promises.
func check(_ bytes: [UInt8]) -> [String] {
    FieldParserProbe.failures.removeAll()
    return ReaderTrace.read(bytes).violations() + FieldParserProbe.failures
}

#if FUZZING
    /// libFuzzer's driver (compiler-rt, LLVM 11 and later).
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    /// SwiftPM links an executable's entry point as `<module>_main`; here it hands over to libFuzzer.
    @_cdecl("CSVFuzz_main")
    public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        var count = argc
        var arguments = argv
        return runFuzzerDriver(&count, &arguments, fuzzOneInput)
    }

    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        let problems = check(bytes)
        if !problems.isEmpty {
            fatalError("broken promise:\n" + problems.prefix(5).joined(separator: "\n"))
        }
        return 0
    }
#else
    @main
    enum CSVFuzzReplay {
        static func main() {
            let paths = CommandLine.arguments.dropFirst()
            if paths.isEmpty {
                print("usage: CSVFuzz FILE... (replays inputs; build with Tests/scripts/fuzz-csv.sh to fuzz)")
                exit(2)
            }
            var failed = 0
            for path in paths {
                guard let data = FileManager.default.contents(atPath: path) else {
                    print("\(path): cannot be read")
                    failed += 1
                    continue
                }
                let problems = check([UInt8](data))
                print("\(path): " + (problems.isEmpty ? "ok" : problems.joined(separator: "; ")))
                if !problems.isEmpty { failed += 1 }
            }
            exit(failed == 0 ? 0 : 1)
        }
    }
#endif
