import Foundation

/// Waiting on another process in a test: a condition polled every 50 ms.
public enum Polling {
    /// Whether `condition` became true within `seconds`.
    public static func until(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            if Date() >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return true
    }
}
