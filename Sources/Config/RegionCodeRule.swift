/// What a region code may look like: GB/T 2260 codes are 6 digits, the zones' own codes 9.
enum RegionCodeRule {
    static func isValid(_ code: String) -> Bool {
        (2...12).contains(code.utf8.count) && code.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }
}
