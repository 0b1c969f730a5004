/// Who a finding names as having to act, and why nobody is named when the owner expression failed.
public struct Owners {
    /// How a finding's message says why no owner is named: the sentence it adds, in brackets,
    /// opens with this (reporters recognise it to say why nobody is shown).
    public static let problemOpening = "Who must act could not be worked out"

    public var names: [String]
    /// The evaluation error of an owner expression that could not be worked out on this record.
    public var problem: String?
}
