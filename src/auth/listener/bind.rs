//! Where to listen and which redirect URI to send: an OS-chosen port on 127.0.0.1 (RFC 8252
//! §7.3) unless the provider registered a fixed loopback redirect such as
//! `http://localhost:3000`, which is then bound on both 127.0.0.1 and ::1.

use super::super::error::AuthError;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use tokio::net::TcpListener;
use url::Url;

/// The path of the default redirect URI.
pub const DEFAULT_CALLBACK_PATH: &str = "/callback";

/// Bound sockets plus the redirect URI that reaches them.
#[derive(Debug)]
pub struct Bound {
    /// The listening sockets (one or two).
    pub listeners: Vec<TcpListener>,
    /// The redirect URI to send (exactly as registered for fixed ones).
    pub redirect_uri: String,
    /// The path the callback must arrive on.
    pub path: String,
    /// The local port listened on.
    pub port: u16,
}

/// What the provider's `redirect_uri` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedRedirect {
    /// The URI exactly as configured.
    pub uri: String,
    /// Its path (`/` when empty).
    pub path: String,
    /// Its port.
    pub port: u16,
    /// The loopback addresses it can reach.
    pub hosts: Vec<IpAddr>,
}

/// Parses a configured fixed redirect URI; it must be plain http on a loopback host.
pub fn parse_fixed(uri: &str) -> Result<FixedRedirect, AuthError> {
    let not_loopback = || AuthError::RedirectNotLoopback(uri.to_string());
    let url = Url::parse(uri).map_err(|_| not_loopback())?;
    if url.scheme() != "http" {
        return Err(not_loopback());
    }
    let hosts = match url.host() {
        Some(url::Host::Domain(d)) if d.eq_ignore_ascii_case("localhost") => vec![
            IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(Ipv6Addr::LOCALHOST),
        ],
        Some(url::Host::Ipv4(ip)) if ip.is_loopback() => vec![IpAddr::V4(ip)],
        Some(url::Host::Ipv6(ip)) if ip.is_loopback() => vec![IpAddr::V6(ip)],
        _ => return Err(not_loopback()),
    };
    let port = url.port_or_known_default().ok_or_else(not_loopback)?;
    Ok(FixedRedirect {
        uri: uri.to_string(),
        path: url.path().to_string(),
        port,
        hosts,
    })
}

/// Binds the listener for a provider's redirect setting.
///
/// `callback_port` overrides the port listened on: for the default redirect it also becomes
/// the redirect's port; for a fixed redirect the redirect stays as registered (the operator
/// forwards the registered port to this one, e.g. with `ssh -L`).
pub async fn bind(
    fixed_redirect: Option<&str>,
    callback_port: Option<u16>,
) -> Result<Bound, AuthError> {
    let Some(fixed) = fixed_redirect else {
        let port = callback_port.unwrap_or(0);
        let addr = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port);
        let listener = TcpListener::bind(addr).await.map_err(|e| {
            if e.kind() == io::ErrorKind::AddrInUse {
                AuthError::Listen {
                    addr: addr.to_string(),
                    reason: format!(
                        "port {port} is already in use; choose another --callback-port or leave it out"
                    ),
                }
            } else {
                AuthError::Listen {
                    addr: addr.to_string(),
                    reason: e.to_string(),
                }
            }
        })?;
        let port = local_port(&listener, addr)?;
        return Ok(Bound {
            listeners: vec![listener],
            redirect_uri: format!("http://127.0.0.1:{port}{DEFAULT_CALLBACK_PATH}"),
            path: DEFAULT_CALLBACK_PATH.to_string(),
            port,
        });
    };
    let fixed = parse_fixed(fixed)?;
    let port = callback_port.unwrap_or(fixed.port);
    let mut listeners = Vec::new();
    for host in &fixed.hosts {
        let addr = SocketAddr::new(*host, port);
        match TcpListener::bind(addr).await {
            Ok(l) => listeners.push(l),
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => {
                return Err(AuthError::PortInUse {
                    port,
                    host: host.to_string(),
                    redirect_uri: fixed.uri.clone(),
                });
            }
            // A host without IPv6 loopback: 127.0.0.1 alone still serves `localhost`.
            Err(e) if host.is_ipv6() && fixed.hosts.len() > 1 && ipv6_unavailable(&e) => {
                tracing::debug!(
                    "auth: ::1 is not available here ({e}); listening on 127.0.0.1 only"
                );
            }
            Err(e) => {
                return Err(AuthError::Listen {
                    addr: addr.to_string(),
                    reason: e.to_string(),
                });
            }
        }
    }
    Ok(Bound {
        listeners,
        redirect_uri: fixed.uri.clone(),
        path: fixed.path,
        port,
    })
}

fn local_port(listener: &TcpListener, addr: SocketAddr) -> Result<u16, AuthError> {
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| AuthError::Listen {
            addr: addr.to_string(),
            reason: e.to_string(),
        })
}

fn ipv6_unavailable(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::AddrNotAvailable
        || matches!(
            e.raw_os_error(),
            Some(libc::EAFNOSUPPORT) | Some(libc::EADDRNOTAVAIL) | Some(libc::EPROTONOSUPPORT)
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_redirects_must_be_loopback_http() {
        let f = parse_fixed("http://localhost:3000").unwrap();
        assert_eq!((f.port, f.path.as_str(), f.hosts.len()), (3000, "/", 2));
        let f = parse_fixed("http://127.0.0.1:8976/oauth/callback").unwrap();
        assert_eq!(
            (f.port, f.path.as_str(), f.hosts.len()),
            (8976, "/oauth/callback", 1)
        );
        let f = parse_fixed("http://[::1]:4000/cb").unwrap();
        assert_eq!(f.hosts, vec![IpAddr::V6(Ipv6Addr::LOCALHOST)]);
        for bad in [
            "https://localhost:3000",
            "http://example.com:3000",
            "http://0.0.0.0:1",
            "nope",
        ] {
            assert!(matches!(
                parse_fixed(bad),
                Err(AuthError::RedirectNotLoopback(_))
            ));
        }
    }

    #[tokio::test]
    async fn default_binds_an_ephemeral_loopback_port() {
        let b = bind(None, None).await.unwrap();
        assert_ne!(b.port, 0);
        assert_eq!(
            b.redirect_uri,
            format!("http://127.0.0.1:{}/callback", b.port)
        );
        assert_eq!(b.listeners.len(), 1);
        assert!(b.listeners[0].local_addr().unwrap().ip().is_loopback());
    }
}
