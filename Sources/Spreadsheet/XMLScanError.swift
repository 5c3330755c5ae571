/// Why the XML of a workbook part was refused.
public enum XMLScanError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `<!DOCTYPE`, `<!ENTITY` or any other declaration: refused outright, never expanded, so
    /// neither entity expansion ("billion laughs") nor external entities can happen. OOXML parts
    /// never carry one.
    case declarationRefused(String)
    /// `&name;` other than the five XML predefines: with declarations refused, nothing defines it.
    case undefinedEntity(String)
    case notUTF8(offset: Int)
    case malformed(String, offset: Int)
    case tooDeep(limit: Int)

    public var description: String {
        switch self {
        case .declarationRefused(let keyword):
            return "it declares <!\(keyword)>: XML declarations are refused (no entity expansion, no external entities)"
        case .undefinedEntity(let name): return "it uses the undefined entity &\(name);"
        case .notUTF8(let offset): return "it is not UTF-8 (at byte \(offset))"
        case .malformed(let what, let offset): return "malformed XML at byte \(offset): \(what)"
        case .tooDeep(let limit): return "its elements nest deeper than \(limit) levels"
        }
    }
}
