//! The bits of cryptography and encoding POP3 logins need: the APOP digest
//! (MD5, RFC 1321 / RFC 1939) and base64 for SASL PLAIN (RFC 4616, 5034).
//! Neither `md-5` nor `base64` is a direct dependency, and both are small.

/// The APOP timestamp of a greeting: the first `<…@…>` in it (RFC 1939 §7).
pub(crate) fn apop_timestamp(greeting: &str) -> Option<&str> {
    let start = greeting.find('<')?;
    let len = greeting.get(start..)?.find('>')?;
    let stamp = greeting.get(start..=start + len)?;
    (stamp.contains('@') && stamp.len() > 3 && !stamp.contains(char::is_whitespace))
        .then_some(stamp)
}

/// `APOP` digest: lower-case hex MD5 of timestamp + secret.
pub(crate) fn apop_digest(timestamp: &str, secret: &str) -> String {
    let mut input = Vec::with_capacity(timestamp.len() + secret.len());
    input.extend_from_slice(timestamp.as_bytes());
    input.extend_from_slice(secret.as_bytes());
    md5(&input).iter().map(|b| format!("{b:02x}")).collect()
}

/// The SASL PLAIN initial response: base64 of `\0user\0password`.
pub(crate) fn sasl_plain(user: &str, password: &str) -> String {
    let mut raw = Vec::with_capacity(user.len() + password.len() + 2);
    raw.push(0);
    raw.extend_from_slice(user.as_bytes());
    raw.push(0);
    raw.extend_from_slice(password.as_bytes());
    base64(&raw)
}

pub(crate) fn base64(input: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let sym = |v: u32| char::from(ALPHABET[(v & 63) as usize]);
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = (b(0) << 16) | (b(1) << 8) | b(2);
        out.push(sym(n >> 18));
        out.push(sym(n >> 12));
        out.push(if chunk.len() > 1 { sym(n >> 6) } else { '=' });
        out.push(if chunk.len() > 2 { sym(n) } else { '=' });
    }
    out
}

/// MD5 (RFC 1321). Only for APOP, which the server chose; never for storage.
pub(crate) fn md5(input: &[u8]) -> [u8; 16] {
    const S: [u32; 64] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5,
        9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10,
        15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ];
    // K[i] = floor(abs(sin(i + 1)) * 2^32)
    let k: [u32; 64] =
        std::array::from_fn(|i| ((i as f64 + 1.0).sin().abs() * 4_294_967_296.0) as u32);
    let mut state: [u32; 4] = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476];

    let mut message = input.to_vec();
    let bit_len = (input.len() as u64).wrapping_mul(8);
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&bit_len.to_le_bytes());

    for block in message.chunks_exact(64) {
        let m: [u32; 16] = std::array::from_fn(|i| {
            let w = block.get(i * 4..i * 4 + 4).unwrap_or(&[0; 4]);
            u32::from_le_bytes([w[0], w[1], w[2], w[3]])
        });
        let [mut a, mut b, mut c, mut d] = state;
        for i in 0..64 {
            let (f, g) = match i / 16 {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                2 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let rotated = a
                .wrapping_add(f)
                .wrapping_add(k[i])
                .wrapping_add(m[g])
                .rotate_left(S[i]);
            a = d;
            d = c;
            c = b;
            b = b.wrapping_add(rotated);
        }
        state[0] = state[0].wrapping_add(a);
        state[1] = state[1].wrapping_add(b);
        state[2] = state[2].wrapping_add(c);
        state[3] = state[3].wrapping_add(d);
    }
    let mut out = [0u8; 16];
    for (chunk, word) in out.chunks_exact_mut(4).zip(state) {
        chunk.copy_from_slice(&word.to_le_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn md5_matches_rfc_1321_test_suite() {
        let cases = [
            ("", "d41d8cd98f00b204e9800998ecf8427e"),
            ("a", "0cc175b9c0f1b6a831c399e269772661"),
            ("abc", "900150983cd24fb0d6963f7d28e17f72"),
            ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
            (
                "abcdefghijklmnopqrstuvwxyz",
                "c3fcd3d76192e4007dfb496cca67e13b",
            ),
            (
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                "d174ab98d277d9f5a5611c2c9f419d9f",
            ),
            (
                "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
                "57edf4a22be3c955ac49da2e2107b67a",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(hex(&md5(input.as_bytes())), expected, "md5({input:?})");
        }
    }

    #[test]
    fn apop_digest_of_the_rfc_1939_example() {
        // RFC 1939 prints c4c9334b…, which is not the MD5 of its own
        // example input (a known erratum); this is (checked with Python's
        // hashlib).
        let greeting = "+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>";
        let stamp = apop_timestamp(greeting).expect("timestamp");
        assert_eq!(stamp, "<1896.697170952@dbc.mtview.ca.us>");
        assert_eq!(
            apop_digest(stamp, "tanstaafl"),
            "a6f0dd348916c9ee9539661f94c75203"
        );
    }

    #[test]
    fn greetings_without_a_timestamp() {
        assert_eq!(apop_timestamp("+OK Dovecot ready."), None);
        assert_eq!(apop_timestamp("+OK <no-at-sign>"), None);
        assert_eq!(apop_timestamp("+OK <unterminated@x"), None);
        assert_eq!(apop_timestamp("+OK <a b@c>"), None);
        assert_eq!(apop_timestamp("+OK ready <>"), None);
    }

    #[test]
    fn base64_and_plain() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"M"), "TQ==");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"Man"), "TWFu");
        // RFC 4616 example shape: \0tim\0tanstaaftanstaaf
        assert_eq!(
            sasl_plain("tim", "tanstaaftanstaaf"),
            "AHRpbQB0YW5zdGFhZnRhbnN0YWFm"
        );
        assert_eq!(
            sasl_plain("åsa", "lösen"),
            base64("\0åsa\0lösen".as_bytes())
        );
    }
}
