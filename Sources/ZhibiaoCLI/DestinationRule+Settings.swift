import Config
import Fetching

extension DestinationRule {
    /// `loader.allow_hosts` and `loader.allow_private_networks`: the rules `serve` and `load`
    /// share for the URLs they fetch.
    init(_ settings: ServiceSettings) {
        self.init(allowedHosts: settings.list("loader.allow_hosts"),
                  allowsPrivateNetworks: settings.bool("loader.allow_private_networks"))
    }
}
