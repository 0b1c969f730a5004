/// A comma in unquoted text inside `{…}` or `[…]` ends the value: `{text: Knife crime, robbery and
/// homicide}` loads as the text "Knife crime" and a key "robbery and homicide" with no value. The
/// file is valid YAML, so the slip shows only as an unknown key, whose message can say why.
public enum CommaInFlowValue {
    /// The hint for an unknown key with no value that holds a space, as no key of a record or pack
    /// does; nil for any other.
    public static func hint(key: YAMLNode, value: YAMLNode) -> String? {
        guard case .scalar(let name) = key.kind, name.style == .plain, name.text.contains(" "),
              case .scalar(let held) = value.kind, held.value == .null, held.text.isEmpty else { return nil }
        return "if this is text that followed a comma inside {…} or […], put the whole value in quotes: "
            + "there a comma ends a value"
    }
}
