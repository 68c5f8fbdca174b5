//! Dates and sizes as shown in the window. The choice of form is pure (and
//! tested); the words come from the translation files.

use crate::fl;

/// How a message date is shown, relative to "now".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateLabel {
    /// Today: only the time.
    Time { hour: u32, minute: u32 },
    /// Earlier this year: day and month.
    DayMonth { day: u32, month: u32 },
    /// Another year (or the future beyond today): the full date.
    Full { year: i64, month: u32, day: u32 },
}

/// A civil date and time.
pub use crate::datetime::{Civil, civil};

/// Which form a date takes: `date` and `now` are unix seconds, `offset`
/// gives the local time's offset from UTC in seconds at a moment.
pub fn date_label(date: i64, now: i64, offset: impl Fn(i64) -> i64) -> DateLabel {
    let d = civil(date.saturating_add(offset(date)));
    let n = civil(now.saturating_add(offset(now)));
    if (d.year, d.month, d.day) == (n.year, n.month, n.day) {
        DateLabel::Time {
            hour: d.hour,
            minute: d.minute,
        }
    } else if d.year == n.year && date <= now {
        DateLabel::DayMonth {
            day: d.day,
            month: d.month,
        }
    } else {
        DateLabel::Full {
            year: d.year,
            month: d.month,
            day: d.day,
        }
    }
}

fn month_name(month: u32) -> String {
    match month {
        1 => fl!("ui-month-1"),
        2 => fl!("ui-month-2"),
        3 => fl!("ui-month-3"),
        4 => fl!("ui-month-4"),
        5 => fl!("ui-month-5"),
        6 => fl!("ui-month-6"),
        7 => fl!("ui-month-7"),
        8 => fl!("ui-month-8"),
        9 => fl!("ui-month-9"),
        10 => fl!("ui-month-10"),
        11 => fl!("ui-month-11"),
        _ => fl!("ui-month-12"),
    }
}

/// A label in the current language.
pub fn render(label: DateLabel) -> String {
    match label {
        DateLabel::Time { hour, minute } => fl!(
            "ui-date-time",
            hour = format!("{hour:02}"),
            minute = format!("{minute:02}")
        ),
        DateLabel::DayMonth { day, month } => fl!(
            "ui-date-day-month",
            day = day.to_string(),
            month = month_name(month)
        ),
        DateLabel::Full { year, month, day } => fl!(
            "ui-date-full",
            year = year.to_string(),
            month = month_name(month),
            day = day.to_string()
        ),
    }
}

/// The local time's offset from UTC in seconds at the moment `unix`
/// (summer and winter time each in their season); UTC when unknown.
pub fn local_offset_at(unix: i64) -> i64 {
    use chrono::{Local, Offset, TimeZone};
    match chrono::DateTime::from_timestamp(unix, 0) {
        Some(utc) => i64::from(
            Local
                .offset_from_utc_datetime(&utc.naive_utc())
                .fix()
                .local_minus_utc(),
        ),
        None => 0,
    }
}

/// A message date for the list, relative to now, in local time.
pub fn list_date(date: i64) -> String {
    render(date_label(date, crate::store::now(), local_offset_at))
}

/// A full date and time for the reader.
pub fn full_date(date: i64) -> String {
    let c = civil(date.saturating_add(local_offset_at(date)));
    fl!(
        "ui-date-full-time",
        date = render(DateLabel::Full {
            year: c.year,
            month: c.month,
            day: c.day
        }),
        time = render(DateLabel::Time {
            hour: c.hour,
            minute: c.minute
        })
    )
}

/// A byte count for people.
pub fn size(bytes: u64) -> String {
    let sep = fl!("mail-decimal-separator");
    let one = |v: f64| format!("{v:.1}").replace('.', &sep);
    if bytes < 1024 {
        fl!("mail-size-bytes", count = bytes)
    } else if bytes < 1024 * 1024 {
        fl!("mail-size-kb", size = one(bytes as f64 / 1024.0))
    } else if bytes < 1024 * 1024 * 1024 {
        fl!("mail-size-mb", size = one(bytes as f64 / (1024.0 * 1024.0)))
    } else {
        fl!(
            "mail-size-gb",
            size = one(bytes as f64 / (1024.0 * 1024.0 * 1024.0))
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-11-21 13:25:00 UTC, a Saturday.
    const NOW: i64 = 1_795_267_500;

    #[test]
    fn today_shows_the_time() {
        assert_eq!(
            date_label(NOW - 3600, NOW, |_| 0),
            DateLabel::Time {
                hour: 12,
                minute: 25
            }
        );
        // Just after local midnight is still today.
        let midnight = NOW - (13 * 3600 + 25 * 60);
        assert_eq!(
            date_label(midnight, NOW, |_| 0),
            DateLabel::Time { hour: 0, minute: 0 }
        );
    }

    #[test]
    fn yesterday_and_this_year_show_day_and_month() {
        let midnight = NOW - (13 * 3600 + 25 * 60);
        assert_eq!(
            date_label(midnight - 60, NOW, |_| 0),
            DateLabel::DayMonth { day: 20, month: 11 }
        );
        // 2026-01-01 00:00 UTC
        assert_eq!(
            date_label(1_767_225_600, NOW, |_| 0),
            DateLabel::DayMonth { day: 1, month: 1 }
        );
    }

    #[test]
    fn other_years_and_the_future_show_the_full_date() {
        assert_eq!(
            date_label(1_767_225_599, NOW, |_| 0),
            DateLabel::Full {
                year: 2025,
                month: 12,
                day: 31
            }
        );
        assert_eq!(
            date_label(NOW + 2 * 86_400, NOW, |_| 0),
            DateLabel::Full {
                year: 2026,
                month: 11,
                day: 23
            }
        );
    }

    #[test]
    fn the_local_offset_moves_the_day() {
        // 23:30 UTC on the 20th is 00:30 on the 21st in UTC+1: today.
        let late = NOW - (13 * 3600 + 25 * 60) - 30 * 60;
        assert_eq!(
            date_label(late, NOW, |_| 3600),
            DateLabel::Time {
                hour: 0,
                minute: 30
            }
        );
        assert_eq!(
            date_label(late, NOW, |_| 0),
            DateLabel::DayMonth { day: 20, month: 11 }
        );
    }

    #[test]
    fn each_date_gets_the_offset_of_its_own_season() {
        // Stockholm: UTC+2 in summer, UTC+1 in winter. A message sent at
        // 22:30 UTC on 1 July was written at 00:30 local time on 2 July,
        // even when it is read in November.
        let summer = crate::datetime::days_from_civil(2026, 7, 1) * 86_400 + 22 * 3600 + 30 * 60;
        let stockholm = |t: i64| {
            if (1_774_746_000..1_792_890_000).contains(&t) {
                7200
            } else {
                3600
            }
        };
        assert_eq!(
            date_label(summer, NOW, stockholm),
            DateLabel::DayMonth { day: 2, month: 7 }
        );
        assert_eq!(
            date_label(summer, NOW, |_| 3600),
            DateLabel::DayMonth { day: 1, month: 7 }
        );
    }

    #[test]
    fn the_system_offset_is_whole_minutes_within_a_day() {
        let offset = local_offset_at(NOW);
        assert!(offset.abs() < 86_400 && offset % 60 == 0, "{offset}");
    }

    #[test]
    fn english_rendering() {
        crate::i18n::set_language("en");
        assert_eq!(render(DateLabel::Time { hour: 9, minute: 5 }), "09:05");
        assert_eq!(render(DateLabel::DayMonth { day: 3, month: 2 }), "Feb 3");
        assert_eq!(
            render(DateLabel::Full {
                year: 2024,
                month: 2,
                day: 3
            }),
            "Feb 3, 2024"
        );
    }
}
