import Foundation
import ReportLoader

/// The command line's PATH|URL arguments as a list of reports: a directory stands for the
/// report files inside it (recursively, hidden ones left out, in name order so that runs are
/// repeatable). A file named on the command line is always tried.
enum ReportInputs {
    /// What a report folder may hold. PDF and Word files are listed so that each is refused with
    /// its type named rather than passed over silently; anything else (annotations, scripts,
    /// spreadsheets) is left out.
    static let reportExtensions: Set<String> = ["txt", "text", "htm", "html", "shtml", "xhtml", "pdf", "doc", "docx"]

    static func expand(_ arguments: [String], leftOut: (String) -> Void = { _ in }) throws(CommandFailure) -> [String] {
        var out: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard !ReportFetcher.isURL(argument), FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory),
                  isDirectory.boolValue
            else {
                out.append(argument)
                continue
            }
            let root = URL(fileURLWithPath: argument)
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                                              options: [.skipsHiddenFiles]) else {
                throw CommandFailure(description: "\(argument): cannot list the directory")
            }
            var files: [String] = []
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                if reportExtensions.contains(url.pathExtension.lowercased()) {
                    files.append(url.path)
                } else {
                    leftOut(url.path)
                }
            }
            if files.isEmpty { throw CommandFailure(description: "\(argument): the directory has no report files (.txt, .html, …)") }
            out += files.sorted()
        }
        return out
    }
}
