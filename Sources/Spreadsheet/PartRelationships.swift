/// A part's relationships (its `_rels/NAME.rels`, ECMA-376 Part 2, 9.3): which part is the
/// workbook, which the sheets and the shared strings. Types are matched by their last path
/// segment, which transitional and strict OOXML share (`…/2006/relationships/worksheet`,
/// `http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet`).
struct PartRelationships {
    struct Relationship {
        let id: String
        let type: String
        /// The part it points to, as a zip entry name; nil for an external target.
        let part: String?
    }

    let relationships: [Relationship]

    /// The `.rels` part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`; "" (the
    /// package itself) → `_rels/.rels`.
    static func relsPart(of part: String) -> String {
        let (folder, name) = split(part)
        return folder + "_rels/" + name + ".rels"
    }

    init(xml: [UInt8], source: String, part: String) throws(XLSXReadError) {
        var relationships: [Relationship] = []
        do {
            var scanner = try XMLScanner(xml)
            while let event = try scanner.next() {
                guard case .start(let tag) = event, tag.name == "Relationship",
                      let id = tag.attribute("Id"), let type = tag.attribute("Type"), let target = tag.attribute("Target") else { continue }
                let external = tag.attribute("TargetMode") == "External"
                relationships.append(Relationship(id: id, type: type, part: external ? nil : Self.resolve(target, from: source)))
            }
        } catch {
            throw .xml(part: part, error)
        }
        self.relationships = relationships
    }

    func target(id: String) -> String? { relationships.first { $0.id == id }?.part }

    func target(type suffix: String) -> String? {
        relationships.first { $0.type.hasSuffix("/" + suffix) && $0.part != nil }?.part
    }

    /// A target relative to the folder of the source part, or absolute from the package root,
    /// with `.` and `..` segments resolved (ECMA-376 Part 2, 9.3.4 and Annex A).
    static func resolve(_ target: String, from source: String) -> String {
        let path = target.hasPrefix("/") ? String(target.dropFirst()) : split(source).folder + target
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }

    private static func split(_ part: String) -> (folder: String, name: String) {
        guard let slash = part.lastIndex(of: "/") else { return ("", part) }
        return (String(part[...slash]), String(part[part.index(after: slash)...]))
    }
}
