import Foundation
import PackagePlugin

/// Re-embeds the shipped rule packs whenever a file in Rules/ or Rules/tests/ changes.
@main
struct EmbedRulesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rules = context.package.directoryURL.appendingPathComponent("Rules")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedRules.swift")
        let schema = context.package.directoryURL.appendingPathComponent("Examples/schema/record.schema.json")
        var inputs: [URL] = []
        for folder in [rules, rules.appendingPathComponent("tests")] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            inputs += names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                .map { folder.appendingPathComponent($0) }
        }
        return [
            .buildCommand(
                displayName: "Embedding rule packs from Rules/",
                executable: try context.tool(named: "embed-rules").url,
                arguments: [output.path, rules.path, schema.path],
                inputFiles: inputs + [rules, rules.appendingPathComponent("tests")]
                    + (FileManager.default.fileExists(atPath: schema.path) ? [schema] : []),
                outputFiles: [output]
            )
        ]
    }
}
