/// Who a finding names as having to act, and why nobody is named when the owner expression failed.
struct Owners {
    var names: [String]
    /// The evaluation error of an owner expression that could not be worked out on this record.
    var problem: String?
}
