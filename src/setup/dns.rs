//! The DNS questions setup asks (SRV, MX), behind a trait so tests can
//! answer them; [`SystemDns`] asks the system's name servers (hickory).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use tokio::sync::OnceCell;

/// A boxed future, so [`DnsSource`] can be used as `dyn`.
pub type DnsFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, DnsError>> + Send + 'a>>;

/// One SRV record (RFC 2782).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SrvRecord {
    pub priority: u16,
    pub weight: u16,
    pub port: u16,
    /// Without the trailing dot; `"."` (empty here) means "not offered".
    pub target: String,
}

/// One MX record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MxRecord {
    pub preference: u16,
    /// Without the trailing dot.
    pub exchange: String,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DnsError {
    /// The resolver could not be set up or the query failed.
    #[error("DNS lookup failed: {0}")]
    Failed(String),
}

/// Where SRV and MX answers come from. An empty list: no such record.
pub trait DnsSource: Send + Sync + fmt::Debug {
    fn srv<'a>(&'a self, name: &'a str) -> DnsFuture<'a, Vec<SrvRecord>>;
    fn mx<'a>(&'a self, domain: &'a str) -> DnsFuture<'a, Vec<MxRecord>>;
}

/// The system's resolver configuration (`/etc/resolv.conf` and friends),
/// through hickory-resolver; created on first use.
#[derive(Default)]
pub struct SystemDns {
    resolver: OnceCell<Result<Arc<hickory_resolver::TokioResolver>, DnsError>>,
}

impl fmt::Debug for SystemDns {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SystemDns")
    }
}

impl SystemDns {
    async fn resolver(&self) -> Result<Arc<hickory_resolver::TokioResolver>, DnsError> {
        self.resolver
            .get_or_init(|| async {
                hickory_resolver::Resolver::builder_tokio()
                    .map(|b| Arc::new(b.build()))
                    .map_err(|e| DnsError::Failed(e.to_string()))
            })
            .await
            .clone()
    }
}

fn fqdn(name: &str) -> String {
    if name.ends_with('.') {
        name.to_owned()
    } else {
        format!("{name}.")
    }
}

fn bare(name: String) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

impl DnsSource for SystemDns {
    fn srv<'a>(&'a self, name: &'a str) -> DnsFuture<'a, Vec<SrvRecord>> {
        Box::pin(async move {
            let resolver = self.resolver().await?;
            match resolver.srv_lookup(fqdn(name)).await {
                Ok(found) => Ok(found
                    .iter()
                    .map(|r| SrvRecord {
                        priority: r.priority(),
                        weight: r.weight(),
                        port: r.port(),
                        target: bare(r.target().to_ascii()),
                    })
                    .collect()),
                Err(e) if e.is_no_records_found() || e.is_nx_domain() => Ok(Vec::new()),
                Err(e) => Err(DnsError::Failed(e.to_string())),
            }
        })
    }

    fn mx<'a>(&'a self, domain: &'a str) -> DnsFuture<'a, Vec<MxRecord>> {
        Box::pin(async move {
            let resolver = self.resolver().await?;
            match resolver.mx_lookup(fqdn(domain)).await {
                Ok(found) => Ok(found
                    .iter()
                    .map(|r| MxRecord {
                        preference: r.preference(),
                        exchange: bare(r.exchange().to_ascii()),
                    })
                    .collect()),
                Err(e) if e.is_no_records_found() || e.is_nx_domain() => Ok(Vec::new()),
                Err(e) => Err(DnsError::Failed(e.to_string())),
            }
        })
    }
}

/// Answers from a table, for tests and offline use: `srv` keyed by the full
/// record name (`_imaps._tcp.example.org`), `mx` by domain. Names not in
/// the table have no records.
#[derive(Clone, Debug, Default)]
pub struct StaticDns {
    pub srv: std::collections::HashMap<String, Vec<SrvRecord>>,
    pub mx: std::collections::HashMap<String, Vec<MxRecord>>,
}

impl DnsSource for StaticDns {
    fn srv<'a>(&'a self, name: &'a str) -> DnsFuture<'a, Vec<SrvRecord>> {
        let found = self
            .srv
            .get(&name.to_ascii_lowercase())
            .cloned()
            .unwrap_or_default();
        Box::pin(async move { Ok(found) })
    }

    fn mx<'a>(&'a self, domain: &'a str) -> DnsFuture<'a, Vec<MxRecord>> {
        let found = self
            .mx
            .get(&domain.to_ascii_lowercase())
            .cloned()
            .unwrap_or_default();
        Box::pin(async move { Ok(found) })
    }
}

/// SRV records in the order to try (RFC 2782): lowest priority first;
/// within one priority, heavier weight first (Brev takes the first that
/// works, so a deterministic order beats a weighted lottery). A single
/// record with target "." means the service is not offered: `None`.
pub fn order_srv(mut records: Vec<SrvRecord>) -> Option<Vec<SrvRecord>> {
    if records.len() == 1 && records.first().is_some_and(|r| r.target.is_empty()) {
        return None;
    }
    records.retain(|r| !r.target.is_empty() && r.port != 0);
    records.sort_by(|a, b| {
        a.priority
            .cmp(&b.priority)
            .then(b.weight.cmp(&a.weight))
            .then(a.target.cmp(&b.target))
    });
    Some(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(priority: u16, weight: u16, target: &str) -> SrvRecord {
        SrvRecord {
            priority,
            weight,
            port: 993,
            target: target.into(),
        }
    }

    #[test]
    fn srv_order() {
        let ordered = order_srv(vec![
            rec(10, 1, "c.example"),
            rec(0, 5, "b.example"),
            rec(0, 50, "a.example"),
        ])
        .expect("offered");
        let names: Vec<_> = ordered.iter().map(|r| r.target.as_str()).collect();
        assert_eq!(names, ["a.example", "b.example", "c.example"]);
        assert_eq!(order_srv(vec![rec(0, 0, "")]), None);
        assert_eq!(order_srv(Vec::new()), Some(Vec::new()));
    }
}
