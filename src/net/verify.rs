//! The certificate check: pinned fingerprints first, then webpki.

use std::sync::{Arc, Mutex, OnceLock};

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};
use rustls_pki_types::{CertificateDer, ServerName, UnixTime};

use super::Trust;
use super::cert::{fingerprint, normalize_fingerprint, system_roots};

/// What the verifier saw during one handshake (rustls reports handshake
/// failures as `io::Error`, so the details travel out through this).
#[derive(Clone, Debug, Default)]
pub(crate) struct Seen {
    /// SHA-256 of the server's leaf certificate.
    pub leaf_fingerprint: Option<String>,
    /// The names the leaf is for (see [`super::certificate_names`]).
    pub leaf_names: String,
    /// The certificate chain was rejected.
    pub rejected: bool,
}

/// Accepts a chain when
/// 1. the leaf's SHA-256 is pinned (the user trusted that exact certificate;
///    the name and dates are not checked, as for a browser exception), or
/// 2. the leaf chains, for this host name, to a pinned certificate the
///    server presented as an intermediate (that certificate acts as a trust
///    anchor — a pinned CA certificate in the chain alone is *not* enough,
///    since anyone can send a public certificate along with their own leaf), or
/// 3. webpki accepts it against the system roots (when enabled) plus the
///    extra roots, with the host name (or IP address) checked.
///
/// Handshake signatures are always verified with the provider's algorithms,
/// so the server must hold the leaf's private key in every case.
///
/// The webpki verifier (and with it the system's trust store, which takes
/// milliseconds to read) is built on the first chain that needs it: a
/// server whose certificate the user pinned never needs it.
#[derive(Debug)]
pub(crate) struct TrustVerifier {
    provider: Arc<CryptoProvider>,
    system_roots: bool,
    extra_roots: Vec<CertificateDer<'static>>,
    webpki: OnceLock<Option<Arc<WebPkiServerVerifier>>>,
    pinned: Vec<String>,
    seen: Arc<Mutex<Seen>>,
}

impl TrustVerifier {
    pub(crate) fn new(trust: &Trust, provider: Arc<CryptoProvider>) -> Self {
        TrustVerifier {
            provider,
            system_roots: trust.system_roots,
            extra_roots: trust.extra_roots.clone(),
            webpki: OnceLock::new(),
            pinned: trust
                .pinned_sha256
                .iter()
                .map(|p| normalize_fingerprint(p))
                .filter(|p| p.len() == 64)
                .collect(),
            seen: Arc::new(Mutex::new(Seen::default())),
        }
    }

    /// Case 3's verifier: the system roots (when enabled) plus the extra
    /// roots; None when there are none.
    fn webpki(&self) -> Option<&Arc<WebPkiServerVerifier>> {
        self.webpki
            .get_or_init(|| {
                let mut roots = RootCertStore::empty();
                if self.system_roots {
                    let (added, ignored) =
                        roots.add_parsable_certificates(system_roots().iter().cloned());
                    if ignored > 0 {
                        tracing::debug!("system trust store: {added} usable, {ignored} skipped");
                    }
                }
                for cert in &self.extra_roots {
                    if let Err(e) = roots.add(cert.clone()) {
                        tracing::warn!(
                            "skipping an extra root certificate ({}): {e}",
                            fingerprint(cert)
                        );
                    }
                }
                if roots.is_empty() {
                    return None;
                }
                WebPkiServerVerifier::builder_with_provider(Arc::new(roots), self.provider.clone())
                    .build()
                    .map_err(|e| tracing::warn!("no certificate authority can be used: {e}"))
                    .ok()
            })
            .as_ref()
    }

    /// A handle to what the verifier sees, readable after the handshake.
    pub(crate) fn seen(&self) -> Arc<Mutex<Seen>> {
        self.seen.clone()
    }

    fn is_pinned(&self, cert: &CertificateDer<'_>) -> bool {
        let fp = normalize_fingerprint(&fingerprint(cert));
        self.pinned.contains(&fp)
    }

    fn record(&self, leaf: String, names: String, rejected: bool) {
        if let Ok(mut seen) = self.seen.lock() {
            seen.leaf_fingerprint = Some(leaf);
            seen.leaf_names = names;
            seen.rejected = rejected;
        }
    }

    /// Case 2 of the type docs: verify the chain with a pinned intermediate as
    /// the only trust anchor.
    fn chains_to_pinned_intermediate(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> bool {
        intermediates
            .iter()
            .filter(|c| self.is_pinned(c))
            .any(|anchor| {
                let mut roots = RootCertStore::empty();
                if roots.add(anchor.clone().into_owned()).is_err() {
                    return false;
                }
                WebPkiServerVerifier::builder_with_provider(Arc::new(roots), self.provider.clone())
                    .build()
                    .is_ok_and(|v| {
                        v.verify_server_cert(end_entity, intermediates, server_name, ocsp, now)
                            .is_ok()
                    })
            })
    }
}

impl ServerCertVerifier for TrustVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let leaf = fingerprint(end_entity);
        if self.is_pinned(end_entity)
            || self.chains_to_pinned_intermediate(end_entity, intermediates, server_name, ocsp, now)
        {
            self.record(leaf, String::new(), false);
            return Ok(ServerCertVerified::assertion());
        }
        let result = match self.webpki() {
            Some(v) => v.verify_server_cert(end_entity, intermediates, server_name, ocsp, now),
            None => Err(rustls::Error::InvalidCertificate(
                CertificateError::UnknownIssuer,
            )),
        };
        let names = if result.is_err() {
            super::cert::certificate_names(end_entity)
        } else {
            String::new()
        };
        self.record(leaf, names, result.is_err());
        result
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rcgen::{
        BasicConstraints, CertificateParams, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    };

    struct Pki {
        ca: CertificateDer<'static>,
        leaf: CertificateDer<'static>,
    }

    fn pki() -> Pki {
        let ca_key = KeyPair::generate().expect("key");
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("params");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let ca = ca_params.self_signed(&ca_key).expect("ca");
        let issuer = Issuer::new(ca_params, ca_key);
        let leaf_key = KeyPair::generate().expect("key");
        let mut leaf_params = CertificateParams::new(vec!["localhost".to_owned()]).expect("params");
        leaf_params.is_ca = IsCa::ExplicitNoCa;
        leaf_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let leaf = leaf_params.signed_by(&leaf_key, &issuer).expect("leaf");
        Pki {
            ca: ca.der().clone(),
            leaf: leaf.der().clone(),
        }
    }

    fn verifier(trust: Trust) -> TrustVerifier {
        TrustVerifier::new(&trust, Arc::new(rustls::crypto::ring::default_provider()))
    }

    fn check(
        v: &TrustVerifier,
        leaf: &CertificateDer<'_>,
        chain: &[CertificateDer<'_>],
        host: &str,
    ) -> bool {
        let name = ServerName::try_from(host.to_owned()).expect("name");
        v.verify_server_cert(leaf, chain, &name, &[], UnixTime::now())
            .is_ok()
    }

    #[test]
    fn nothing_trusted_rejects_and_records_the_leaf() {
        let p = pki();
        let v = verifier(Trust::default());
        assert!(!check(&v, &p.leaf, &[], "localhost"));
        let seen = v.seen().lock().expect("lock").clone();
        assert!(seen.rejected);
        assert_eq!(seen.leaf_fingerprint, Some(fingerprint(&p.leaf)));
    }

    #[test]
    fn extra_root_accepts_for_the_right_name_only() {
        let p = pki();
        let v = verifier(Trust {
            extra_roots: vec![p.ca.clone()],
            ..Trust::default()
        });
        assert!(check(&v, &p.leaf, &[], "localhost"));
        assert!(!check(&v, &p.leaf, &[], "example.org"));
    }

    #[test]
    fn pinned_leaf_is_accepted_in_any_typed_form() {
        let p = pki();
        let v = verifier(Trust {
            pinned_sha256: vec![fingerprint(&p.leaf).to_lowercase().replace(':', "")],
            ..Trust::default()
        });
        assert!(check(&v, &p.leaf, &[], "other.example"));
    }

    /// A pinned server is accepted without reading the system's trust
    /// store; the first certificate that needs it loads it.
    #[test]
    fn the_trust_store_is_read_only_when_needed() {
        let p = pki();
        let v = verifier(Trust {
            system_roots: true,
            pinned_sha256: vec![fingerprint(&p.leaf)],
            ..Trust::default()
        });
        assert!(check(&v, &p.leaf, &[], "localhost"));
        assert!(v.webpki.get().is_none(), "built for a pinned certificate");
        let stranger = pki();
        assert!(!check(&v, &stranger.leaf, &[], "localhost"));
        assert!(v.webpki.get().is_some(), "not built when needed");
    }

    #[test]
    fn pinned_ca_in_chain_needs_a_leaf_it_signed() {
        let p = pki();
        let stranger = pki();
        let v = verifier(Trust {
            pinned_sha256: vec![fingerprint(&p.ca)],
            ..Trust::default()
        });
        assert!(check(&v, &p.leaf, std::slice::from_ref(&p.ca), "localhost"));
        // An attacker's leaf sent together with the (public) pinned CA.
        assert!(!check(
            &v,
            &stranger.leaf,
            std::slice::from_ref(&p.ca),
            "localhost"
        ));
        assert!(v.seen().lock().expect("lock").rejected);
    }

    #[test]
    fn garbage_certificate_is_rejected_not_panicking() {
        let v = verifier(Trust {
            system_roots: true,
            ..Trust::default()
        });
        let junk = CertificateDer::from(vec![0x30, 0x03, 0x02, 0x01, 0x00]);
        assert!(!check(&v, &junk, std::slice::from_ref(&junk), "localhost"));
    }
}
