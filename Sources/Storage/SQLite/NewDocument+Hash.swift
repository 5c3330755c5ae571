import Crypto
import Domain
import Foundation
import GRDB

extension NewDocument {
    /// What the store deduplicates documents by.
    public var sha256: String { Hex.string(SHA256.hash(data: Data(text.utf8))) }
}
