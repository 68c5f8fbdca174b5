//! Address fields as text: the piece being typed, suggestions taken in,
//! and the signature block when the sending account changes.

/// Split an address field at its last separator (`,` or `;` outside quotes
/// and angle brackets): what comes before, and the piece being typed.
pub fn split_last(value: &str) -> (&str, &str) {
    let mut quoted = false;
    let mut angle = false;
    let mut cut = None;
    for (i, c) in value.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '<' if !quoted => angle = true,
            '>' if !quoted => angle = false,
            ',' | ';' if !quoted && !angle => cut = Some(i),
            _ => {}
        }
    }
    match cut {
        Some(i) => (&value[..=i], &value[i + 1..]),
        None => ("", value),
    }
}

/// Whether `email` (lower case) is already among the field's addresses.
pub(super) fn already_in(field: &str, email: &str) -> bool {
    let before = split_last(field).0;
    before
        .split([',', ';', '<', '>', ' '])
        .any(|piece| piece.trim() == email)
}

/// `Name <email>`, quoting a name that holds characters with a meaning in
/// an address header.
pub fn format_address(name: &str, email: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        return email.to_owned();
    }
    if name.contains([',', ';', '<', '>', '"', '@', '(', ')', ':', '[', ']', '\\']) {
        let escaped = name.replace('\\', "\\\\").replace('"', "\\\"");
        format!("\"{escaped}\" <{email}>")
    } else {
        format!("{name} <{email}>")
    }
}

/// The body with the old account's signature block swapped for the new
/// one's (only when the old block is there as it was added).
pub fn swap_signature(body: &str, old: &str, new: &str) -> String {
    let old = old.trim_end();
    let new = new.trim_end();
    if old.is_empty() || old == new {
        return body.to_owned();
    }
    let old_block = format!("-- \n{old}");
    match body.rfind(&old_block) {
        Some(at) if new.is_empty() => {
            let mut out = body[..at].trim_end().to_owned();
            out.push_str(&body[at + old_block.len()..]);
            out
        }
        Some(at) => format!("{}-- \n{new}{}", &body[..at], &body[at + old_block.len()..]),
        None => body.to_owned(),
    }
}
