/// Encodes every stored property, writing `null` for an absent optional instead
/// of leaving the key out (what synthesised Codable does). The report's JSON is
/// a contract: a key without data is present and null, never missing.
public protocol EncodesNulls: Encodable {}

extension EncodesNulls {
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: NullEncodingKey.self)
        for child in Mirror(reflecting: self).children {
            guard let label = child.label else { continue }
            let key = NullEncodingKey(stringValue: label)
            let mirror = Mirror(reflecting: child.value)
            if mirror.displayStyle == .optional, mirror.children.isEmpty {
                try container.encodeNil(forKey: key)
            } else if let value = child.value as? any Encodable {
                try container.encode(value, forKey: key)
            }
        }
    }
}

/// A coding key made from a property name.
public struct NullEncodingKey: CodingKey {
    public var stringValue: String
    public var intValue: Int? { nil }
    public init(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}
