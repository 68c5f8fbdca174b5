//! Certificates: fingerprints, reading a certificate file, the system store.

use std::path::Path;
use std::sync::OnceLock;

use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;
use sha2::{Digest, Sha256};

use super::NetError;

/// SHA-256 of a DER certificate as uppercase hex pairs joined by `:`
/// (`"AB:01:…"`, 95 characters), the form users compare with their provider.
pub fn fingerprint(cert_der: &[u8]) -> String {
    let digest = Sha256::digest(cert_der);
    let mut out = String::with_capacity(digest.len() * 3);
    for (i, byte) in digest.iter().enumerate() {
        if i > 0 {
            out.push(':');
        }
        out.push_str(&format!("{byte:02X}"));
    }
    out
}

/// The names a certificate is for, as shown to a user deciding whether to
/// trust it: its DNS names (subject alternative names), else its subject's
/// common name; joined with `, `. Empty when the certificate cannot be read.
pub fn certificate_names(cert_der: &[u8]) -> String {
    let der = CertificateDer::from(cert_der);
    let Ok(cert) = webpki::EndEntityCert::try_from(&der) else {
        return String::new();
    };
    let names: Vec<&str> = cert.valid_dns_names().take(20).collect();
    if !names.is_empty() {
        return names.join(", ");
    }
    common_name(cert.subject()).unwrap_or_default()
}

/// The first common name (OID 2.5.4.3) in a DER `Name`'s contents.
fn common_name(subject: &[u8]) -> Option<String> {
    const CN_OID: &[u8] = &[0x06, 0x03, 0x55, 0x04, 0x03];
    let at = subject.windows(CN_OID.len()).position(|w| w == CN_OID)?;
    let rest = subject.get(at + CN_OID.len()..)?;
    let (&tag, rest) = rest.split_first()?;
    // UTF8String, PrintableString, IA5String, T61String, BMPString (as bytes).
    if ![0x0c, 0x13, 0x16, 0x14].contains(&tag) {
        return None;
    }
    let (&len, rest) = rest.split_first()?;
    if len >= 0x80 {
        return None;
    }
    let value = rest.get(..usize::from(len))?;
    let text = String::from_utf8_lossy(value);
    Some(text.chars().filter(|c| !c.is_control()).collect())
}

/// A fingerprint as the user may have typed it (any case, with or without
/// `:`/spaces) reduced to bare uppercase hex for comparison.
pub(crate) fn normalize_fingerprint(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_hexdigit)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Read the first certificate from a PEM or DER file (e.g. one the user
/// exported from their provider or from the server).
pub fn read_certificate_file(path: &Path) -> Result<CertificateDer<'static>, NetError> {
    let bad = |reason: String| NetError::BadCertificateFile {
        path: path.to_path_buf(),
        reason,
    };
    let bytes = std::fs::read(path).map_err(|e| bad(e.to_string()))?;
    parse_certificate(&bytes).map_err(bad)
}

/// The first certificate in `bytes`, which hold PEM text or one DER certificate.
pub(crate) fn parse_certificate(bytes: &[u8]) -> Result<CertificateDer<'static>, String> {
    if contains(bytes, b"-----BEGIN") {
        return match CertificateDer::pem_slice_iter(bytes).next() {
            Some(Ok(cert)) => Ok(cert),
            Some(Err(e)) => Err(format!("invalid PEM: {e}")),
            None => Err("no CERTIFICATE block in the PEM file".to_owned()),
        };
    }
    match der_sequence_len(bytes) {
        Some(len) if len == bytes.len() => Ok(CertificateDer::from(bytes.to_vec())),
        Some(len) if len < bytes.len() => Ok(CertificateDer::from(bytes[..len].to_vec())),
        _ => Err("neither PEM nor a DER certificate".to_owned()),
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Total length of a DER `SEQUENCE` at the start of `bytes` (header included),
/// when the header is well-formed and the content fits in `bytes`.
fn der_sequence_len(bytes: &[u8]) -> Option<usize> {
    let (&tag, rest) = bytes.split_first()?;
    if tag != 0x30 {
        return None;
    }
    let (&first, rest) = rest.split_first()?;
    let (content_len, header_len) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 || rest.len() < n {
            return None;
        }
        let len = rest
            .get(..n)?
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
        (len, 2 + n)
    };
    let total = header_len.checked_add(content_len)?;
    (total <= bytes.len() && content_len > 0).then_some(total)
}

/// The operating system's trust store, loaded once per process. Certificates
/// that fail to load are logged and skipped.
/// The distribution's one-file bundle of trusted roots, unless the user
/// points OpenSSL elsewhere (`SSL_CERT_FILE` / `SSL_CERT_DIR`). Reading it
/// alone takes a few milliseconds; rustls-native-certs would also read
/// every file of `/etc/ssl/certs`, the same roots again (~20 ms of every
/// headless command's start).
fn system_bundle() -> Option<&'static Path> {
    if std::env::var_os("SSL_CERT_FILE").is_some() || std::env::var_os("SSL_CERT_DIR").is_some() {
        return None;
    }
    [
        "/etc/ssl/certs/ca-certificates.crt", // Debian, Ubuntu, Arch
        "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", // Fedora, RHEL
        "/etc/pki/tls/certs/ca-bundle.crt",   // older RHEL
        "/etc/ssl/ca-bundle.pem",             // openSUSE
        "/etc/ssl/cert.pem",                  // Alpine, macOS
    ]
    .into_iter()
    .map(Path::new)
    .find(|p| p.is_file())
}

pub(crate) fn system_roots() -> &'static [CertificateDer<'static>] {
    static ROOTS: OnceLock<Vec<CertificateDer<'static>>> = OnceLock::new();
    ROOTS.get_or_init(|| {
        let result = system_bundle()
            .map(|file| rustls_native_certs::load_certs_from_paths(Some(file), None))
            .filter(|r| !r.certs.is_empty())
            .unwrap_or_else(rustls_native_certs::load_native_certs);
        for e in &result.errors {
            tracing::warn!("skipping part of the system trust store: {e}");
        }
        tracing::debug!("loaded {} system root certificates", result.certs.len());
        result.certs
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn test_cert() -> rcgen::Certificate {
        let key = rcgen::KeyPair::generate().expect("key");
        rcgen::CertificateParams::new(vec!["localhost".to_owned()])
            .expect("params")
            .self_signed(&key)
            .expect("cert")
    }

    /// The bundle alone holds every root that reading the whole directory
    /// finds (on systems that have the bundle).
    #[test]
    fn the_bundle_holds_the_same_roots_as_the_directory() {
        let Some(bundle) = system_bundle() else {
            return;
        };
        let from_bundle = rustls_native_certs::load_certs_from_paths(Some(bundle), None).certs;
        let everything = rustls_native_certs::load_native_certs().certs;
        assert!(!from_bundle.is_empty());
        for cert in &everything {
            assert!(from_bundle.contains(cert), "a root only in the directory");
        }
        assert_eq!(system_roots().len(), from_bundle.len());
    }

    #[test]
    fn names_of_a_certificate() {
        let cert = test_cert();
        assert_eq!(certificate_names(cert.der()), "localhost");
        let key = rcgen::KeyPair::generate().expect("key");
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("params");
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "mail.example.se");
        let cn_only = params.self_signed(&key).expect("cert");
        assert_eq!(certificate_names(cn_only.der()), "mail.example.se");
        assert_eq!(certificate_names(b"junk"), "");
        assert_eq!(
            common_name(&[0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x7f]),
            None
        );
    }

    #[test]
    fn fingerprint_is_uppercase_hex_pairs() {
        // SHA-256 of the empty string.
        let fp = fingerprint(b"");
        assert_eq!(
            fp,
            "E3:B0:C4:42:98:FC:1C:14:9A:FB:F4:C8:99:6F:B9:24:\
             27:AE:41:E4:64:9B:93:4C:A4:95:99:1B:78:52:B8:55"
        );
        assert_eq!(fp.len(), 32 * 3 - 1);
    }

    #[test]
    fn normalizing_accepts_typed_forms() {
        let fp = fingerprint(b"x");
        let bare = normalize_fingerprint(&fp);
        assert_eq!(bare.len(), 64);
        assert_eq!(normalize_fingerprint(&fp.to_lowercase()), bare);
        assert_eq!(normalize_fingerprint(&fp.replace(':', " ")), bare);
    }

    #[test]
    fn reads_pem_and_der_files() {
        let cert = test_cert();
        let dir = tempfile::tempdir().expect("tempdir");
        let pem_path = dir.path().join("c.pem");
        let der_path = dir.path().join("c.der");
        // Text before the block and a second block after it are fine.
        let pem = format!("subject: test\n{}{}", cert.pem(), test_cert().pem());
        std::fs::write(&pem_path, pem).expect("write");
        std::fs::write(&der_path, cert.der().as_ref()).expect("write");
        let from_pem = read_certificate_file(&pem_path).expect("pem");
        let from_der = read_certificate_file(&der_path).expect("der");
        assert_eq!(from_pem.as_ref(), cert.der().as_ref());
        assert_eq!(from_der.as_ref(), cert.der().as_ref());
    }

    #[test]
    fn bad_files_are_typed_errors() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("missing.pem");
        assert!(matches!(
            read_certificate_file(&missing),
            Err(NetError::BadCertificateFile { .. })
        ));
        for junk in [
            &b"hello"[..],
            b"",
            b"\x30",
            b"\x30\x82\xff\xff\x01",
            b"\x30\x84",
            b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
            b"-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n",
        ] {
            let path = dir.path().join("junk");
            std::fs::write(&path, junk).expect("write");
            let err = read_certificate_file(&path).expect_err("junk must not parse");
            assert!(
                matches!(err, NetError::BadCertificateFile { .. }),
                "{err:?}"
            );
            assert!(!err.user_message().is_empty());
        }
    }
}
