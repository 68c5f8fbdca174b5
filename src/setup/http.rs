//! A tiny HTTP/1.1 GET, enough to fetch an autoconfig file: HTTPS (rustls,
//! certificates checked by webpki against the system roots and any extra
//! roots) or plain HTTP, a few redirects, a size limit and a timeout.
//!
//! Brev needs one small GET per setup; a full HTTP client (hyper, reqwest)
//! would add dozens of crates for it, so this reuses tokio-rustls, which the
//! mail connections use already.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use rustls::RootCertStore;
use rustls_pki_types::{CertificateDer, ServerName};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;

/// Most redirects followed.
const MAX_REDIRECTS: usize = 3;
/// Largest response header accepted.
const MAX_HEAD: usize = 16 * 1024;

/// Why a GET failed (for the log only: the wizard just moves on).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HttpError {
    #[error("bad URL: {0}")]
    BadUrl(String),
    #[error("cannot connect: {0}")]
    Connect(String),
    #[error("TLS: {0}")]
    Tls(String),
    #[error("HTTP status {0}")]
    Status(u16),
    #[error("bad response: {0}")]
    BadResponse(String),
    #[error("response larger than {0} bytes")]
    TooLarge(usize),
    #[error("timed out")]
    Timeout,
    #[error("too many redirects")]
    TooManyRedirects,
    #[error("redirect from HTTPS to plain HTTP refused")]
    Downgrade,
}

/// How to fetch.
#[derive(Clone, Debug)]
pub struct Fetcher {
    /// Accept the operating system's certificate authorities.
    pub system_roots: bool,
    /// More certificate authorities (tests).
    pub extra_roots: Vec<CertificateDer<'static>>,
    /// `host:port` → `host:port` to connect to instead (tests); the TLS
    /// name checked is then the replacement host.
    pub connect_to: HashMap<String, (String, u16)>,
    /// Connect only to `connect_to` entries (tests: no real network).
    pub only_mapped: bool,
    /// For the whole GET, redirects included.
    pub timeout: Duration,
    /// Largest body accepted.
    pub max_body: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Url {
    pub https: bool,
    pub host: String,
    pub port: u16,
    /// Path and query, starting with `/`.
    pub path: String,
}

impl Url {
    pub(crate) fn parse(url: &str) -> Result<Url, HttpError> {
        let bad = || HttpError::BadUrl(url.chars().take(200).collect());
        let (https, rest) = if let Some(r) = url.strip_prefix("https://") {
            (true, r)
        } else if let Some(r) = url.strip_prefix("http://") {
            (false, r)
        } else {
            return Err(bad());
        };
        let (authority, path) = match rest.find(['/', '?']) {
            Some(i) => (rest.get(..i).unwrap_or(""), rest.get(i..).unwrap_or("/")),
            None => (rest, "/"),
        };
        let path = if path.starts_with('/') {
            path.to_owned()
        } else {
            format!("/{path}")
        };
        if authority.contains('@') || authority.starts_with('[') {
            return Err(bad());
        }
        let (host, port) = match authority.rsplit_once(':') {
            Some((h, p)) => (h, p.parse::<u16>().map_err(|_| bad())?),
            None => (authority, if https { 443 } else { 80 }),
        };
        if host.is_empty()
            || !host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
            || path.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(bad());
        }
        Ok(Url {
            https,
            host: host.to_ascii_lowercase(),
            port,
            path,
        })
    }

    fn default_port(&self) -> bool {
        self.port == if self.https { 443 } else { 80 }
    }

    /// `Location` resolved against this URL.
    fn join(&self, location: &str) -> Result<Url, HttpError> {
        if location.starts_with("http://") || location.starts_with("https://") {
            return Url::parse(location);
        }
        if location.starts_with("//") {
            let scheme = if self.https { "https:" } else { "http:" };
            return Url::parse(&format!("{scheme}{location}"));
        }
        let path = if location.starts_with('/') {
            location.to_owned()
        } else {
            let dir = self
                .path
                .split('?')
                .next()
                .and_then(|p| p.rsplit_once('/'))
                .map(|(d, _)| d)
                .unwrap_or("");
            format!("{dir}/{location}")
        };
        if path.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(HttpError::BadUrl(path.chars().take(200).collect()));
        }
        Ok(Url {
            path,
            ..self.clone()
        })
    }
}

fn system_roots() -> &'static [CertificateDer<'static>] {
    static ROOTS: OnceLock<Vec<CertificateDer<'static>>> = OnceLock::new();
    ROOTS.get_or_init(|| {
        let result = rustls_native_certs::load_native_certs();
        for e in &result.errors {
            tracing::debug!("skipping part of the system trust store: {e}");
        }
        result.certs
    })
}

impl Fetcher {
    /// GET `url`, following up to three redirects; the body and the URL it
    /// finally came from.
    pub async fn get(&self, url: &str) -> Result<(Vec<u8>, String), HttpError> {
        tokio::time::timeout(self.timeout, self.get_inner(url))
            .await
            .map_err(|_| HttpError::Timeout)?
    }

    async fn get_inner(&self, url: &str) -> Result<(Vec<u8>, String), HttpError> {
        let mut current = Url::parse(url)?;
        let mut shown = url.to_owned();
        for _ in 0..=MAX_REDIRECTS {
            match self.get_once(&current).await? {
                Reply::Body(body) => return Ok((body, shown)),
                Reply::Redirect(location) => {
                    let next = current.join(&location)?;
                    if current.https && !next.https {
                        return Err(HttpError::Downgrade);
                    }
                    shown = format!(
                        "{}://{}{}{}",
                        if next.https { "https" } else { "http" },
                        next.host,
                        if next.default_port() {
                            String::new()
                        } else {
                            format!(":{}", next.port)
                        },
                        next.path
                    );
                    current = next;
                }
            }
        }
        Err(HttpError::TooManyRedirects)
    }

    fn tls_config(&self) -> Result<Arc<rustls::ClientConfig>, HttpError> {
        let mut roots = RootCertStore::empty();
        if self.system_roots {
            roots.add_parsable_certificates(system_roots().iter().cloned());
        }
        roots.add_parsable_certificates(self.extra_roots.iter().cloned());
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| HttpError::Tls(e.to_string()))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        Ok(Arc::new(config))
    }

    async fn get_once(&self, url: &Url) -> Result<Reply, HttpError> {
        let key = format!("{}:{}", url.host, url.port);
        if self.only_mapped && !self.connect_to.contains_key(&key) {
            return Err(HttpError::Connect(format!("{key} is not mapped")));
        }
        let (host, port) = self
            .connect_to
            .get(&key)
            .cloned()
            .unwrap_or_else(|| (url.host.clone(), url.port));
        let tcp = TcpStream::connect((host.as_str(), port))
            .await
            .map_err(|e| HttpError::Connect(e.to_string()))?;
        let host_header = if url.default_port() {
            url.host.clone()
        } else {
            key
        };
        let request = format!(
            "GET {} HTTP/1.1\r\nHost: {host_header}\r\nUser-Agent: Brev/{}\r\n\
             Accept: application/xml, text/xml\r\nConnection: close\r\n\r\n",
            url.path,
            env!("CARGO_PKG_VERSION")
        );
        if url.https {
            let name =
                ServerName::try_from(host.clone()).map_err(|_| HttpError::BadUrl(host.clone()))?;
            let connector = tokio_rustls::TlsConnector::from(self.tls_config()?);
            let tls = connector
                .connect(name, tcp)
                .await
                .map_err(|e| HttpError::Tls(e.to_string()))?;
            exchange(tls, &request, self.max_body).await
        } else {
            exchange(tcp, &request, self.max_body).await
        }
    }
}

enum Reply {
    Body(Vec<u8>),
    Redirect(String),
}

async fn exchange<S>(mut stream: S, request: &str, max_body: usize) -> Result<Reply, HttpError>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let io = |e: std::io::Error| HttpError::Connect(e.to_string());
    stream.write_all(request.as_bytes()).await.map_err(io)?;
    stream.flush().await.map_err(io)?;
    let limit = MAX_HEAD + max_body + 64 * 1024;
    let mut data = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        let n = match stream.read(&mut buf).await {
            Ok(n) => n,
            // Servers that close without close_notify: what came is complete
            // when the length checks below agree.
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => 0,
            Err(e) => return Err(io(e)),
        };
        if n == 0 {
            break;
        }
        data.extend_from_slice(buf.get(..n).unwrap_or_default());
        if data.len() > limit {
            return Err(HttpError::TooLarge(max_body));
        }
    }
    parse_response(&data, max_body)
}

fn parse_response(data: &[u8], max_body: usize) -> Result<Reply, HttpError> {
    let bad = |why: &str| HttpError::BadResponse(why.to_owned());
    let head_end = data
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| bad("no end of header"))?;
    if head_end > MAX_HEAD {
        return Err(bad("header too long"));
    }
    let head = String::from_utf8_lossy(data.get(..head_end).unwrap_or_default());
    let body = data.get(head_end + 4..).unwrap_or_default();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let mut parts = status_line.split_whitespace();
    if !parts.next().is_some_and(|v| v.starts_with("HTTP/1.")) {
        return Err(bad("not HTTP/1.x"));
    }
    let status: u16 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad("no status"))?;
    let mut headers: HashMap<String, String> = HashMap::new();
    for line in lines {
        if let Some((name, value)) = line.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
        }
    }
    if matches!(status, 301 | 302 | 303 | 307 | 308) {
        return headers
            .get("location")
            .map(|l| Reply::Redirect(l.clone()))
            .ok_or_else(|| bad("redirect without Location"));
    }
    if status != 200 {
        return Err(HttpError::Status(status));
    }
    let body = if headers
        .get("transfer-encoding")
        .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"))
    {
        dechunk(body).ok_or_else(|| bad("broken chunked body"))?
    } else if let Some(len) = headers.get("content-length") {
        let len: usize = len.parse().map_err(|_| bad("bad Content-Length"))?;
        body.get(..len)
            .ok_or_else(|| bad("body shorter than Content-Length"))?
            .to_vec()
    } else {
        body.to_vec()
    };
    if body.len() > max_body {
        return Err(HttpError::TooLarge(max_body));
    }
    Ok(Reply::Body(body))
}

/// Decode a chunked body (RFC 9112 §7.1); `None` when it is cut short.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n")?;
        let line = std::str::from_utf8(data.get(..line_end)?).ok()?;
        let size_text = line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        data = data.get(line_end + 2..)?;
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size..)?;
        data = data.strip_prefix(b"\r\n")?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let u = Url::parse("https://autoconfig.example.se/mail/config-v1.1.xml?a=b").unwrap();
        assert_eq!(
            (u.https, u.host.as_str(), u.port, u.path.as_str()),
            (
                true,
                "autoconfig.example.se",
                443,
                "/mail/config-v1.1.xml?a=b"
            )
        );
        let u = Url::parse("http://Example.se:8080").unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.path.as_str()),
            ("example.se", 8080, "/")
        );
        for bad in [
            "ftp://x/",
            "https://",
            "https://a b/",
            "https://u@h/",
            "https://h:99999/",
        ] {
            assert!(Url::parse(bad).is_err(), "{bad}");
        }
        let base = Url::parse("https://a.se/mail/x.xml?q").unwrap();
        assert_eq!(base.join("y.xml").unwrap().path, "/mail/y.xml");
        assert_eq!(base.join("/z").unwrap().path, "/z");
        assert_eq!(base.join("http://b.se/").unwrap().host, "b.se");
        assert!(base.join("/a b").is_err());
        assert!(base.join("x\u{7f}").is_err());
    }

    #[test]
    fn responses() {
        let ok = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
        assert!(matches!(parse_response(ok, 100), Ok(Reply::Body(b)) if b == b"hello"));
        let chunked =
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhel\r\n2;x=y\r\nlo\r\n0\r\n\r\n";
        assert!(matches!(parse_response(chunked, 100), Ok(Reply::Body(b)) if b == b"hello"));
        let moved = b"HTTP/1.1 301 Moved\r\nLocation: /new\r\n\r\n";
        assert!(matches!(parse_response(moved, 100), Ok(Reply::Redirect(l)) if l == "/new"));
        assert_eq!(
            parse_response(b"HTTP/1.1 404 Not Found\r\n\r\n", 100).err(),
            Some(HttpError::Status(404))
        );
        assert!(matches!(
            parse_response(b"HTTP/1.0 200 OK\r\n\r\n0123456789", 5),
            Err(HttpError::TooLarge(5))
        ));
        for junk in [
            &b""[..],
            b"garbage",
            b"SMTP 220\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nshort",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nab",
        ] {
            assert!(parse_response(junk, 100).is_err());
        }
    }
}
