//! Network: TCP + rustls, implicit TLS and STARTTLS, timeouts, typed errors.
