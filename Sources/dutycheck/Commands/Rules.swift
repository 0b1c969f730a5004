import ArgumentParser

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Not written yet.")
}
