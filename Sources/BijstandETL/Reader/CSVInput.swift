import Glibc

/// Where a delimited file comes from: a path on disk, or bytes embedded in the
/// binary (the built-in reference data and the demo's sample extracts).
public enum CSVInput: Sendable {
    case file(path: String)
    case bytes(name: String, content: [UInt8])

    /// The name used in messages and the ledger.
    public var name: String {
        switch self {
        case .file(let path): return path
        case .bytes(let name, _): return name
        }
    }

    /// Opens a sequential reader over the bytes.
    func open() throws -> ByteStream {
        switch self {
        case .file(let path):
            let fd = Glibc.open(path, O_RDONLY)
            if fd < 0 {
                throw InputFileError.unreadable(file: path, reason: String(cString: strerror(errno)))
            }
            var info = stat()
            if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                close(fd)
                throw InputFileError.unreadable(file: path, reason: "it is a folder, not a file")
            }
            return ByteStream(fd: fd, size: Int64(info.st_size), name: path)
        case .bytes(let name, let content):
            return ByteStream(memory: content, name: name)
        }
    }
}

/// Reads a file in large blocks with plain `read(2)`: no Foundation on the hot path.
final class ByteStream {
    private var fd: Int32
    private let memory: [UInt8]?
    private var memoryOffset = 0
    let size: Int64
    let name: String

    init(fd: Int32, size: Int64, name: String) {
        self.fd = fd
        self.memory = nil
        self.size = size
        self.name = name
    }

    init(memory: [UInt8], name: String) {
        self.fd = -1
        self.memory = memory
        self.size = Int64(memory.count)
        self.name = name
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Fills `buffer` with up to `capacity` bytes; 0 at end of file.
    func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
        if let memory {
            let count = min(capacity, memory.count - memoryOffset)
            if count > 0 {
                memory.withUnsafeBufferPointer { source in
                    buffer.update(from: source.baseAddress! + memoryOffset, count: count)
                }
                memoryOffset += count
            }
            return count
        }
        while true {
            let count = Glibc.read(fd, buffer, capacity)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw InputFileError.unreadable(file: name, reason: String(cString: strerror(errno)))
        }
    }
}

/// A file that cannot be read as a delimited text at all. Exit status 2.
public enum InputFileError: Error, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case notText(file: String, reason: String)
    case empty(file: String)
    case unrecognisedHeader(file: String, line: Int, found: [String], expected: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "Cannot read \(file): \(reason)."
        case .notText(let file, let reason):
            return "\(file) is not a delimited text file: \(reason)."
        case .empty(let file):
            return "\(file) is empty: there is no header row."
        case .unrecognisedHeader(let file, let line, let found, let expected):
            let shown = found.map { "'\($0)'" }.joined(separator: ", ")
            return "\(file), line \(line): the header is not recognised. Found the columns \(shown); expected \(expected)."
        }
    }
}
