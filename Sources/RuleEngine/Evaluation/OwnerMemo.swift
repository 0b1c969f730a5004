/// The owners a pack's rules name on one record, by the owner expression's text, for owners that
/// read neither the `for_each` item nor a rule's own let (`Rule.ownerIsPerFinding`).
///
/// Such an owner sees only the record, the as-of date and the pack's lets, so within one pack and
/// record the same text names the same owners: `council` on seven rules, or on every item of one
/// rule, is worked out once. (Belongs to one evaluation of one record, like `LetTable`.)
final class OwnerMemo {
    private var owners: [String: Owners] = [:]

    /// The owners `expression` names, worked out by `read` on first use.
    func owners(_ expression: Expression, read: () -> Owners) -> Owners {
        if let known = owners[expression.source] { return known }
        let names = read()
        owners[expression.source] = names
        return names
    }
}
