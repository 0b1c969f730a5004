/// A time limit set in the environment (`DUTYCHECK_SENDMAIL_TIMEOUT`, `DUTYCHECK_VALIDATE_TIMEOUT`):
/// unset or empty is the default; anything but a finite number of seconds greater than 0 is bad
/// input, named by its variable.
enum EnvironmentSeconds {
    static func read(_ variable: String, default seconds: Double, environment: [String: String]) throws(InputFailure) -> Double {
        guard let text = environment[variable], !text.isEmpty else { return seconds }
        guard let value = Double(text), value.isFinite, value > 0 else {
            throw InputFailure(file: variable, "\"\(text)\" is not a number of seconds greater than 0")
        }
        return value
    }
}
