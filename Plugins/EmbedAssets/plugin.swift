import Foundation
import PackagePlugin

/// Embeds the package's non-Swift assets (`sql/`, `etl/`, `reports/`) into the
/// target as string literals, so the built binary carries its schema, reference
/// data, sample extracts and templates and works outside the checkout. The
/// folders stay the single source of truth: nothing generated is committed.
@main
struct EmbedAssets: BuildToolPlugin {
    static let folders = ["sql", "etl", "reports"]
    /// Generators and their caches are tools for developers, not assets.
    static let skippedExtensions: Set<String> = ["py", "pyc", "sh"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        var relativePaths: [String] = []
        for folder in Self.folders {
            let base = root.appending(path: folder)
            guard
                let walker = FileManager.default.enumerator(
                    at: base, includingPropertiesForKeys: [.isRegularFileKey])
            else { continue }
            for case let url as URL in walker {
                let isFile = (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile ?? false
                guard isFile, !Self.skippedExtensions.contains(url.pathExtension),
                    !url.lastPathComponent.hasPrefix(".")
                else { continue }
                let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
                relativePaths.append(relative)
            }
        }
        relativePaths.sort()
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedAssets.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(relativePaths.count) assets from sql/, etl/ and reports/",
                executable: try context.tool(named: "AssetEmbedder").url,
                arguments: [output.path, root.path] + relativePaths,
                inputFiles: relativePaths.map { root.appending(path: $0) },
                outputFiles: [output]
            )
        ]
    }
}
