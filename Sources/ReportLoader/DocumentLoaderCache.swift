import Storage
import Synchronization

/// One `DocumentLoader` per catalogue state, shared by requests: building the extractor's alias
/// tables over the national catalogue costs far more than extracting a report, so it is done
/// again only when the catalogue changes (a new indicator, region or learned alias).
public final class DocumentLoaderCache: Sendable {
    private let store: any DataStore
    private let current = Mutex<(catalogue: CatalogueSnapshot, loader: DocumentLoader)?>(nil)

    public init(store: any DataStore) {
        self.store = store
    }

    public func loader() throws(StorageError) -> DocumentLoader {
        let catalogue = try store.catalogue()
        if let hit = current.withLock({ $0 }), hit.catalogue === catalogue { return hit.loader }
        let loader = DocumentLoader(store: store, catalogue: catalogue)
        current.withLock { $0 = (catalogue, loader) }
        return loader
    }
}
