/// The owner the rules write for the partnership board itself (`owner: '"board"'`), and the name
/// readers of a report or an email see for it.
enum BoardOwner {
    static func isBoard(_ owner: String) -> Bool { owner.lowercased() == "board" }

    static let name = "The board"
}
