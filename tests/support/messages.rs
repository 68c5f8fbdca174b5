//! Realistic, deterministic test messages: people with Swedish, Norwegian,
//! Bulgarian and English names, encoded subjects, replies, HTML
//! alternatives and attachments. Bodies are assembled from a fixed pool of
//! paragraphs so that generating 10,000 messages takes well under a second.

use std::sync::OnceLock;

use super::encode::{Rng, base64_lines, header_text, mailbox, rfc2231, rfc5322_date};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Sv,
    Nb,
    Bg,
}

pub struct Person {
    pub name: &'static str,
    pub addr: &'static str,
    pub lang: Lang,
}

const fn p(name: &'static str, addr: &'static str, lang: Lang) -> Person {
    Person { name, addr, lang }
}

pub const PEOPLE: &[Person] = &[
    p("Åsa Lindström", "asa.lindstrom@exempel.se", Lang::Sv),
    p("Björn Nyström", "bjorn@nystrom.se", Lang::Sv),
    p("Märta Åkesson", "marta.akesson@kommun.example.se", Lang::Sv),
    p("Göran Persson", "goran.p@foretag.example.se", Lang::Sv),
    p("Karin Öberg", "karin.oberg@exempel.se", Lang::Sv),
    p("Øyvind Ødegård", "oyvind@odegard.example.no", Lang::Nb),
    p("Kari Nordmann", "kari.nordmann@eksempel.no", Lang::Nb),
    p("Bjørn Håland", "bjorn.haland@firma.example.no", Lang::Nb),
    p("Siri Fjellstad", "siri@fjellstad.example.no", Lang::Nb),
    p("Ingrid Sæther", "ingrid.saether@eksempel.no", Lang::Nb),
    p("Иван Петров", "ivan.petrov@primer.example.bg", Lang::Bg),
    p(
        "Мария Георгиева",
        "maria.georgieva@firma.example.bg",
        Lang::Bg,
    ),
    p("Димитър Иванов", "dimitar@ivanov.example.bg", Lang::Bg),
    p(
        "Цветелина Стоянова",
        "cveti.stoyanova@primer.example.bg",
        Lang::Bg,
    ),
    p("Алекс Тодоров", "a.todorov@primer.example.bg", Lang::Bg),
    p("Alice Johnson", "alice.johnson@example.com", Lang::En),
    p("Robert O'Neill", "bob.oneill@example.org", Lang::En),
    p("Priya Natarajan", "priya@company.example.com", Lang::En),
    p("GitHub", "noreply@github.example.com", Lang::En),
    p("Bank Notifications", "no-reply@bank.example.com", Lang::En),
];

fn subjects(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Sv => &[
            "Möte på torsdag",
            "Faktura för mars",
            "Protokoll från styrelsemötet",
            "Semesterplanering i sommar",
            "Fråga om beställningen",
            "Välkommen till föreningen!",
            "Ändrade öppettider under julen",
            "Inbjudan: kräftskiva",
        ],
        Lang::Nb => &[
            "Referat fra styremøtet",
            "Påminnelse: dugnad på lørdag",
            "Kvittering for bestillingen din",
            "Spørsmål om timeplanen",
            "Hytteturen i påsken",
            "Årsrapport til gjennomlesning",
            "Endringer i vaktlisten",
        ],
        Lang::Bg => &[
            "Оферта за проекта",
            "Среща в понеделник",
            "Фактура за месец май",
            "Покана за рожден ден",
            "Въпрос относно договора",
            "Отчет за тримесечието",
            "Промяна в графика",
        ],
        Lang::En => &[
            "Lunch tomorrow?",
            "Quarterly report draft",
            "Your order has shipped",
            "Re-scheduling our call",
            "[brev] New issue: sync stalls on large folders",
            "Statement available",
            "Weekend plans",
            "Minutes of Monday's meeting",
        ],
    }
}

fn words(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Sv => &[
            "och",
            "att",
            "det",
            "som",
            "på",
            "är",
            "för",
            "med",
            "till",
            "har",
            "inte",
            "vi",
            "möte",
            "förslag",
            "styrelsen",
            "ekonomi",
            "vecka",
            "måndag",
            "tack",
            "gärna",
            "också",
            "efter",
            "kommer",
            "behöver",
            "här",
            "där",
            "sedan",
            "fråga",
            "svar",
            "projektet",
            "budget",
            "kvartal",
            "rapporten",
            "beslut",
            "ärende",
            "sommar",
            "höst",
            "vinter",
            "vår",
            "lördag",
            "söndag",
            "hälsningar",
            "även",
            "någon",
            "skulle",
            "mycket",
            "bra",
            "kanske",
            "snart",
            "återkommer",
            "bifogad",
            "tidigare",
        ],
        Lang::Nb => &[
            "og",
            "at",
            "det",
            "som",
            "på",
            "er",
            "for",
            "med",
            "til",
            "har",
            "ikke",
            "vi",
            "møte",
            "forslag",
            "styret",
            "økonomi",
            "uke",
            "mandag",
            "takk",
            "gjerne",
            "også",
            "etter",
            "kommer",
            "trenger",
            "her",
            "der",
            "siden",
            "spørsmål",
            "svar",
            "prosjektet",
            "budsjett",
            "kvartal",
            "rapporten",
            "vedtak",
            "sak",
            "sommer",
            "høst",
            "vinter",
            "vår",
            "lørdag",
            "søndag",
            "hilsen",
            "noen",
            "skulle",
            "mye",
            "bra",
            "kanskje",
            "snart",
            "vedlagt",
            "tidligere",
            "nøyaktig",
            "kjøre",
        ],
        Lang::Bg => &[
            "и",
            "да",
            "на",
            "се",
            "за",
            "от",
            "че",
            "не",
            "това",
            "със",
            "среща",
            "предложение",
            "бюджет",
            "седмица",
            "понеделник",
            "благодаря",
            "моля",
            "също",
            "след",
            "идва",
            "трябва",
            "тук",
            "там",
            "въпрос",
            "отговор",
            "проекта",
            "доклад",
            "тримесечие",
            "решение",
            "лято",
            "есен",
            "зима",
            "пролет",
            "събота",
            "неделя",
            "поздрави",
            "някой",
            "много",
            "добре",
            "може",
            "скоро",
            "приложен",
            "преди",
            "договор",
            "фирмата",
            "екипът",
            "срок",
            "плащане",
        ],
        Lang::En => &[
            "the", "and", "to", "of", "a", "in", "is", "that", "for", "it", "with", "as",
            "meeting", "proposal", "board", "budget", "week", "Monday", "thanks", "please", "also",
            "after", "coming", "need", "here", "there", "since", "question", "answer", "project",
            "quarter", "report", "decision", "issue", "summer", "autumn", "winter", "spring",
            "Saturday", "Sunday", "regards", "someone", "would", "much", "good", "maybe", "soon",
            "attached", "earlier", "deadline",
        ],
    }
}

const LANGS: [Lang; 4] = [Lang::En, Lang::Sv, Lang::Nb, Lang::Bg];

/// Wrapped paragraphs per language, made once per process from a fixed seed.
fn paragraphs(lang: Lang) -> &'static [String] {
    static POOL: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    let pool = POOL.get_or_init(|| {
        LANGS
            .iter()
            .enumerate()
            .map(|(i, &l)| {
                let mut rng = Rng::new(0xB4E7 + i as u64);
                (0..48)
                    .map(|_| make_paragraph(&mut rng, words(l)))
                    .collect()
            })
            .collect()
    });
    let idx = LANGS.iter().position(|&l| l == lang).unwrap_or(0);
    &pool[idx]
}

fn make_paragraph(rng: &mut Rng, words: &[&str]) -> String {
    let target = 250 + rng.below(700) as usize;
    let mut text = String::new();
    let mut line_chars = 0;
    let mut sentence_start = true;
    while text.len() < target {
        let w = *rng.pick(words);
        let word: String = if sentence_start {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        } else {
            w.to_owned()
        };
        let n = word.chars().count();
        if line_chars > 0 && line_chars + 1 + n > 72 {
            text.push('\n');
            line_chars = 0;
        } else if line_chars > 0 {
            text.push(' ');
            line_chars += 1;
        }
        text.push_str(&word);
        line_chars += n;
        sentence_start = rng.chance(12);
        if sentence_start {
            text.push('.');
            line_chars += 1;
        }
    }
    text.push_str(".\n");
    text
}

/// The text of a body of about `target` bytes.
fn body_text(rng: &mut Rng, lang: Lang, target: usize) -> String {
    let pool = paragraphs(lang);
    let mut text = String::with_capacity(target + 1024);
    while text.len() < target {
        let para: &String = rng.pick(pool);
        text.push_str(para);
        text.push('\n');
    }
    text
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Plain,
    Alternative,
    Attachment,
}

/// One generated message, before it is written anywhere.
pub struct Draft {
    pub raw: Vec<u8>,
    /// Without angle brackets.
    pub message_id: String,
    pub subject: String,
    pub from: String,
    pub to: String,
    pub date: i64,
    pub in_reply_to: Option<String>,
    pub references: Vec<String>,
    pub kind: Kind,
}

/// What a reply needs from its parent.
pub struct Parent<'a> {
    pub message_id: &'a str,
    pub subject: &'a str,
    pub references: &'a [String],
    pub from_name: &'a str,
}

pub struct Spec<'a> {
    pub owner_name: &'a str,
    pub owner_addr: &'a str,
    /// Messages written by the owner (a Sent folder).
    pub outgoing: bool,
    pub date: i64,
    pub id_tag: &'a str,
    pub parent: Option<Parent<'a>>,
}

const BOUNDARY_ALT: &str = "=_brev_alt_";
const BOUNDARY_MIX: &str = "=_brev_mix_";

/// Generate one message (LF line endings).
pub fn generate(rng: &mut Rng, spec: &Spec<'_>) -> Draft {
    let person = rng.pick(PEOPLE);
    let (from_name, from_addr, to_name, to_addr) = if spec.outgoing {
        (spec.owner_name, spec.owner_addr, person.name, person.addr)
    } else {
        (person.name, person.addr, spec.owner_name, spec.owner_addr)
    };
    let lang = person.lang;
    let subject = match &spec.parent {
        Some(parent) if parent.subject.starts_with("Re: ") => parent.subject.to_owned(),
        Some(parent) => format!("Re: {}", parent.subject),
        None => (*rng.pick(subjects(lang))).to_owned(),
    };
    let message_id = format!(
        "{}.{:x}@{}",
        spec.id_tag,
        rng.next_u64() & 0xffff_ffff,
        domain(from_addr)
    );
    let offset = *rng.pick(&[60, 120, 0, -300, 180, 60, 120]);

    let mut h = String::with_capacity(1024);
    h.push_str(&format!("Return-Path: <{from_addr}>\n"));
    h.push_str(&format!("Date: {}\n", rfc5322_date(spec.date, offset)));
    h.push_str(&format!("From: {}\n", mailbox(from_name, from_addr)));
    h.push_str(&format!("To: {}\n", mailbox(to_name, to_addr)));
    if rng.chance(10) {
        let cc = rng.pick(PEOPLE);
        h.push_str(&format!("Cc: {}\n", mailbox(cc.name, cc.addr)));
    }
    h.push_str(&format!("Subject: {}\n", header_text(&subject)));
    h.push_str(&format!("Message-ID: <{message_id}>\n"));
    let mut references = Vec::new();
    let mut in_reply_to = None;
    if let Some(parent) = &spec.parent {
        references.extend(parent.references.iter().rev().take(9).rev().cloned());
        references.push(parent.message_id.to_owned());
        in_reply_to = Some(parent.message_id.to_owned());
        h.push_str(&format!("In-Reply-To: <{}>\n", parent.message_id));
        let refs: Vec<String> = references.iter().map(|r| format!("<{r}>")).collect();
        h.push_str(&format!("References: {}\n", refs.join("\n ")));
    }
    h.push_str("MIME-Version: 1.0\n");

    // Body sizes: 2–50 KB, most of them small (log-uniform).
    let target = (2048.0 * 25f64.powf(rng.unit())) as usize;
    let mut text = body_text(rng, lang, target);
    if let Some(parent) = &spec.parent {
        let quoted: String = body_text(rng, lang, 300)
            .lines()
            .map(|l| format!("> {l}\n"))
            .collect();
        text = format!("{text}\n{} wrote:\n{quoted}", parent.from_name);
    }
    text.push_str(&format!("\n-- \n{from_name}\n"));

    let roll = rng.below(100);
    let kind = if roll < 15 {
        Kind::Alternative
    } else if roll < 25 {
        Kind::Attachment
    } else {
        Kind::Plain
    };
    let tag = rng.next_u64() & 0xffff_ffff;
    let body = match kind {
        Kind::Plain => {
            h.push_str(
                "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n",
            );
            text
        }
        Kind::Alternative => {
            let b = format!("{BOUNDARY_ALT}{tag:x}");
            h.push_str(&format!(
                "Content-Type: multipart/alternative; boundary=\"{b}\"\n"
            ));
            let html: String = text
                .split("\n\n")
                .map(|para| format!("<p>{}</p>\n", html_escape(para).replace('\n', " ")))
                .collect();
            format!(
                "This is a multi-part message in MIME format.\n\n--{b}\n\
                 Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n{text}\n\
                 --{b}\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n\
                 <!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n{html}</body></html>\n\
                 --{b}--\n"
            )
        }
        Kind::Attachment => {
            let b = format!("{BOUNDARY_MIX}{tag:x}");
            h.push_str(&format!(
                "Content-Type: multipart/mixed; boundary=\"{b}\"\n"
            ));
            let (name, mime) = *rng.pick(&[
                ("rapport.pdf", "application/pdf"),
                ("faktura-2024.pdf", "application/pdf"),
                ("bild.jpg", "image/jpeg"),
                ("møtereferat.pdf", "application/pdf"),
                ("отчет.pdf", "application/pdf"),
            ]);
            let len = 1024 + rng.below(30 * 1024) as usize;
            let data: Vec<u8> = (0..len).map(|_| rng.next_u64() as u8).collect();
            let disposition = if name.is_ascii() {
                format!("attachment; filename=\"{name}\"")
            } else {
                format!("attachment; filename*=UTF-8''{}", rfc2231(name))
            };
            format!(
                "This is a multi-part message in MIME format.\n\n--{b}\n\
                 Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n{text}\n\
                 --{b}\nContent-Type: {mime}\nContent-Disposition: {disposition}\n\
                 Content-Transfer-Encoding: base64\n\n{}--{b}--\n",
                base64_lines(&data)
            )
        }
    };
    let mut raw = h.into_bytes();
    raw.push(b'\n');
    raw.extend_from_slice(body.as_bytes());
    Draft {
        raw,
        message_id,
        subject,
        from: from_addr.to_owned(),
        to: to_addr.to_owned(),
        date: spec.date,
        in_reply_to,
        references,
        kind,
    }
}

fn domain(addr: &str) -> &str {
    addr.rsplit('@').next().unwrap_or("brev.test")
}
