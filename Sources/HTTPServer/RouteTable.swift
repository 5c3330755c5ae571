/// The router compiled into a segment trie, so matching costs one dictionary lookup per path
/// segment instead of a pass over every pattern, each route's handler wrapped in the router's
/// middleware.
struct RouteTable: Sendable {
    enum Match {
        case found(Route, parameters: [String: String])
        /// The path exists under these other methods (405 with `Allow`).
        case methodNotAllowed(allowed: [HTTPMethod])
        case notFound
    }

    private struct Node: Sendable {
        var literals: [String: Int] = [:]
        var parameter: (name: String, node: Int)? = nil
        var routes: [HTTPMethod: Route] = [:]
    }

    private var nodes: [Node] = [Node()]
    private let middleware: [Middleware]

    init(_ router: Router) {
        middleware = router.middleware
        for unwrapped in router.routes {
            let route = Route(method: unwrapped.method, pattern: unwrapped.pattern, placement: unwrapped.placement,
                              maxBodyBytes: unwrapped.maxBodyBytes, info: unwrapped.info,
                              handler: middleware.wrapping(unwrapped.handler, for: unwrapped.description))
            var index = 0
            for segment in Self.split(route.pattern) {
                if segment.hasPrefix("{") && segment.hasSuffix("}") && segment.count >= 2 {
                    let name = String(segment.dropFirst().dropLast())
                    if let existing = nodes[index].parameter {
                        index = existing.node
                    } else {
                        nodes.append(Node())
                        nodes[index].parameter = (name, nodes.count - 1)
                        index = nodes.count - 1
                    }
                } else if let next = nodes[index].literals[segment] {
                    index = next
                } else {
                    nodes.append(Node())
                    nodes[index].literals[segment] = nodes.count - 1
                    index = nodes.count - 1
                }
            }
            // The first registration of a method and pattern wins, like a linear scan would.
            if nodes[index].routes[route.method] == nil { nodes[index].routes[route.method] = route }
        }
    }

    /// The handler of an answer the server makes itself, wrapped in the middleware like any
    /// route's: for a request that matched a route (413, 503), as that route.
    func serverResponder(_ problem: ProblemDetails, _ match: Match) -> HTTPHandler {
        let route: RouteDescription
        if case .found(let found, _) = match {
            route = RouteDescription(method: found.method, pattern: found.pattern, info: found.info, isServerResponse: true)
        } else {
            route = RouteDescription(method: nil, pattern: nil, isServerResponse: true)
        }
        return middleware.wrapping({ _ in problem.response }, for: route)
    }

    /// `/a/b` → `["a", "b"]`, `/` → `[]`, `/a/` → `["a", ""]`: the same splitting the parser uses.
    static func split(_ pattern: String) -> [String] {
        var body = Substring(pattern)
        if body.hasPrefix("/") { body = body.dropFirst() }
        if body.isEmpty { return [] }
        return body.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    }

    func match(method: HTTPMethod, segments: [String]) -> Match {
        var names: [String] = []
        guard let node = find(0, segments[...], &names) else { return .notFound }
        let routes = nodes[node].routes
        var parameters: [String: String] = [:]
        if !names.isEmpty {
            // Parameter names were pushed as (name, value) pairs during the descent.
            var i = 0
            while i + 1 < names.count {
                parameters[names[i]] = names[i + 1]
                i += 2
            }
        }
        if let route = routes[method] { return .found(route, parameters: parameters) }
        if method == .HEAD, let route = routes[.GET] { return .found(route, parameters: parameters) }
        var allowed = Array(routes.keys)
        if routes[.GET] != nil && routes[.HEAD] == nil { allowed.append(.HEAD) }
        allowed.sort { $0.rawValue < $1.rawValue }
        return .methodNotAllowed(allowed: allowed)
    }

    private func find(_ index: Int, _ rest: ArraySlice<String>, _ names: inout [String]) -> Int? {
        guard let segment = rest.first else { return nodes[index].routes.isEmpty ? nil : index }
        let node = nodes[index]
        if let next = node.literals[segment], let found = find(next, rest.dropFirst(), &names) { return found }
        if let parameter = node.parameter, !segment.isEmpty {
            names.append(parameter.name)
            names.append(segment)
            if let found = find(parameter.node, rest.dropFirst(), &names) { return found }
            names.removeLast(2)
        }
        return nil
    }
}
