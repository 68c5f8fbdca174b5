//! Full-text search (FTS5) over sender, recipients, subject and body.

use rusqlite::params;

use super::folders::FolderId;
use super::messages::{MessageRow, ROW_COLUMNS, row};
use super::{Read, Result};

/// Where to search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    Folder(FolderId),
    Account(String),
    All,
}

/// Turn what the user typed into an FTS5 query: every word must match, each
/// as a prefix ("smörg" finds "smörgås"). Input is cut into words where the
/// index's tokenizer cuts it (at anything but letters, digits and marks), so
/// "anna@example.se" is three words and no term is a phrase, which the index
/// cannot answer; FTS syntax characters are taken as separators, so no input
/// is a query error.
pub fn fts_query(input: &str) -> Option<String> {
    let terms: Vec<String> = input
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// A character the index's tokenizer keeps in a word: its categories are
/// letters, numbers, marks and private use (`L* N* Co M*`). Marks matter:
/// a virama or a vowel sign inside a Hindi word is not alphanumeric.
fn is_word_char(c: char) -> bool {
    use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};
    matches!(
        c.general_category_group(),
        GeneralCategoryGroup::Letter | GeneralCategoryGroup::Mark | GeneralCategoryGroup::Number
    ) || c.general_category() == GeneralCategory::PrivateUse
}

pub trait SearchRead: Read {
    /// Messages matching `input` in `scope`, newest first, at most `limit`.
    fn search(&self, input: &str, scope: &Scope, limit: usize) -> Result<Vec<MessageRow>> {
        let Some(query) = fts_query(input) else {
            return Ok(Vec::new());
        };
        let (filter, arg) = match scope {
            Scope::Folder(f) => ("m.folder_id = ?2", f.0.to_string()),
            Scope::Account(a) => (
                "m.folder_id IN (SELECT id FROM folders WHERE account = ?2)",
                a.clone(),
            ),
            Scope::All => ("?2 IS NOT NULL", String::new()),
        };
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM messages m
             WHERE m.id IN (SELECT rowid FROM message_fts WHERE message_fts MATCH ?1) AND {filter}
             ORDER BY m.date DESC, m.id DESC LIMIT ?3"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![query, arg, limit as i64], row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl<T: Read + ?Sized> SearchRead for T {}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn user_input_becomes_safe_prefix_terms() {
        assert_eq!(
            fts_query("smörg faktura").unwrap(),
            "\"smörg\"* \"faktura\"*"
        );
        assert_eq!(
            fts_query("a\"b OR NOT(").unwrap(),
            "\"a\"* \"b\"* \"OR\"* \"NOT\"*"
        );
        assert_eq!(
            fts_query("anna@example.se").unwrap(),
            "\"anna\"* \"example\"* \"se\"*"
        );
        assert_eq!(fts_query("  \" * - "), None);
    }
}
