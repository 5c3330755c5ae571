import Foundation
import ReportLoader

/// The command line's PATH|URL arguments as a list of reports: a directory stands for the
/// regular files inside it (recursively, hidden ones left out, in name order so that runs are
/// repeatable).
enum ReportInputs {
    static func expand(_ arguments: [String]) throws(CommandFailure) -> [String] {
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
                files.append(url.path)
            }
            if files.isEmpty { throw CommandFailure(description: "\(argument): the directory has no files") }
            out += files.sorted()
        }
        return out
    }
}
