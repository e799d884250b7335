import Foundation

/// Runs the real `bijstand` executable, as a user would.
public struct CLIRunner {
    public struct Output {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// The built executable, found next to the test bundle in the build's products folder.
    public static var executable: URL {
        var folder = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("bijstand")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        // Fall back to the package layout: Tests/TestSupport/../../.build/debug/bijstand
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/bijstand")
    }

    public let database: String
    public let workingDirectory: URL

    public init(database: String, workingDirectory: URL) {
        self.database = database
        self.workingDirectory = workingDirectory
    }

    /// Runs `bijstand ARGUMENTS --db DATABASE` and collects its output.
    @discardableResult
    public func run(_ arguments: [String], withDatabase: Bool = true, environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments + (withDatabase ? ["--db", database] : [])
        process.currentDirectoryURL = workingDirectory
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        // stderr goes to a file, so reading stdout to its end can never wait on a full stderr pipe.
        let errorPath = FileManager.default.temporaryDirectory.appendingPathComponent("bijstand-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorPath.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorPath) }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errorPath)
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errData = (try? Data(contentsOf: errorPath)) ?? Data()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
