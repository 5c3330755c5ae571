import CCurl

/// One libcurl easy handle and what it must outlive: header lists, the error buffer. Used by
/// one thread for one fetch (its redirects share the handle, and so its connections).
final class CurlEasy {
    /// curl_global_init is not thread-safe in every libcurl build: run it once, before any
    /// handle exists, through Swift's thread-safe lazy initialisation of a static.
    private static let libraryReady: Bool = zb_curl_global_init() == CURLE_OK

    let handle: UnsafeMutableRawPointer
    private var lists: [UnsafeMutablePointer<curl_slist>] = []
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

    init() throws(FetchError) {
        guard Self.libraryReady, let handle = curl_easy_init() else {
            errorBuffer.deallocate()
            throw .network("libcurl could not be initialised")
        }
        self.handle = handle
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
    }

    deinit {
        curl_easy_cleanup(handle)
        for list in lists { curl_slist_free_all(list) }
        errorBuffer.deallocate()
    }

    func set(_ option: CURLoption, _ value: Int) throws(FetchError) {
        try check(zb_curl_setopt_long(handle, option, value), option)
    }

    /// curl copies string options: the Swift string need not outlive the call.
    func set(_ option: CURLoption, _ value: String) throws(FetchError) {
        try check(zb_curl_setopt_string(handle, option, value), option)
    }

    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws(FetchError) {
        try check(zb_curl_setopt_pointer(handle, option, pointer), option)
    }

    func set(_ option: CURLoption, offset: Int64) throws(FetchError) {
        try check(zb_curl_setopt_off(handle, option, curl_off_t(offset)), option)
    }

    /// A list option (headers, resolve entries); the list lives as long as the handle.
    func set(_ option: CURLoption, list items: [String]) throws(FetchError) {
        var list: UnsafeMutablePointer<curl_slist>?
        for item in items {
            guard let longer = curl_slist_append(list, item) else {
                if let list { curl_slist_free_all(list) }
                throw .network("out of memory")
            }
            list = longer
        }
        guard let list else { return }
        lists.append(list)
        try check(zb_curl_setopt_slist(handle, option, list), option)
    }

    func setWriteFunction(_ callback: curl_write_callback) throws(FetchError) {
        try check(zb_curl_setopt_write_function(handle, callback), CURLOPT_WRITEFUNCTION)
    }

    func setOpenSocketFunction(_ callback: curl_opensocket_callback) throws(FetchError) {
        try check(zb_curl_setopt_opensocket_function(handle, callback), CURLOPT_OPENSOCKETFUNCTION)
    }

    /// Runs the transfer on the calling thread; callbacks are called on it too.
    func perform() -> CURLcode {
        errorBuffer[0] = 0
        return curl_easy_perform(handle)
    }

    func long(_ info: CURLINFO) -> Int? {
        var value = 0
        return zb_curl_getinfo_long(handle, info, &value) == CURLE_OK ? value : nil
    }

    func string(_ info: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard zb_curl_getinfo_string(handle, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    /// The error buffer's message for the last transfer, or curl's text for the code.
    func message(_ code: CURLcode) -> String {
        let detail = String(cString: errorBuffer)
        return detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    }

    /// A refused option means the libcurl in use lacks something this fetcher relies on for
    /// its safety (CURLOPT_PROTOCOLS_STR needs 7.85): fail rather than fetch without it.
    private func check(_ code: CURLcode, _ option: CURLoption) throws(FetchError) {
        guard code == CURLE_OK else {
            throw .network("libcurl refused option \(option.rawValue): \(String(cString: curl_easy_strerror(code)))")
        }
    }
}
