//! Whose `X-Forwarded-For` to believe: only a trusted proxy's (`--trusted-proxy`). Anyone else
//! could write any address there, and escape the login brake by changing it at each try.

use std::net::{IpAddr, SocketAddr};

use ipnet::IpNet;

/// The proxies whose `X-Forwarded-For` is believed.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Addresses ("10.0.0.2", "::1") and networks ("10.0.0.0/8"); what cannot be read is said.
    pub fn parse(list: &[String]) -> Result<TrustedProxies, String> {
        list.iter()
            .map(|text| {
                let text = text.trim();
                text.parse::<IpNet>()
                    .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| {
                        format!("--trusted-proxy : adresse ou réseau illisible « {text} »")
                    })
            })
            .collect::<Result<_, _>>()
            .map(TrustedProxies)
    }

    fn trusts(&self, address: IpAddr) -> bool {
        self.0.iter().any(|network| network.contains(&address))
    }

    /// The client's address: the peer's, unless the peer is a trusted proxy; then, reading
    /// `X-Forwarded-For` from the right (each proxy appends who it heard from), the first
    /// address that is not itself a trusted proxy. An unreadable entry stops the reading there.
    pub fn client(&self, peer: IpAddr, forwarded_for: Option<&str>) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        let mut client = peer;
        for entry in forwarded_for.unwrap_or_default().rsplit(',') {
            let entry = entry.trim();
            let Some(address) = entry
                .parse::<IpAddr>()
                .ok()
                .or_else(|| entry.parse::<SocketAddr>().ok().map(|socket| socket.ip()))
            else {
                break;
            };
            client = address;
            if !self.trusts(address) {
                break;
            }
        }
        client
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn forwarded_for_is_read_only_from_a_trusted_proxy() {
        let proxies = TrustedProxies::parse(&["10.0.0.0/8".into(), "::1".into()]).unwrap();
        // From the proxy: the address it heard from.
        assert_eq!(
            proxies.client(ip("10.0.0.2"), Some("203.0.113.7")),
            ip("203.0.113.7")
        );
        // A client that writes its own header before the proxy appends: the proxy's entry wins.
        assert_eq!(
            proxies.client(ip("10.0.0.2"), Some("1.2.3.4, 203.0.113.7")),
            ip("203.0.113.7")
        );
        // Two trusted proxies in a row are skipped; a port is allowed.
        assert_eq!(
            proxies.client(ip("::1"), Some("198.51.100.9:5123, 10.1.2.3")),
            ip("198.51.100.9")
        );
        // Not from a trusted proxy: the header is ignored.
        assert_eq!(
            proxies.client(ip("192.0.2.1"), Some("203.0.113.7")),
            ip("192.0.2.1")
        );
        // No header, or garbage: the proxy itself.
        assert_eq!(proxies.client(ip("10.0.0.2"), None), ip("10.0.0.2"));
        assert_eq!(
            proxies.client(ip("10.0.0.2"), Some("n'importe quoi")),
            ip("10.0.0.2")
        );
        assert!(TrustedProxies::parse(&["10.0.0.0/33".into()]).is_err());
        assert!(TrustedProxies::parse(&["proxy.local".into()]).is_err());
    }
}
