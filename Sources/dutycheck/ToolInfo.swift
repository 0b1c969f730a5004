/// The tool's name and version as printed in every output.
enum ToolInfo {
    static let name = "dutycheck"
    static let version = "0.1.0"
}
