//! The two languages a user can read parscore in, and text carried in both.

use std::fmt;

/// The language of everything a person reads: Vietnamese by default, English on request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

/// A message written in both languages at the point where it is created, so that
/// the choice of language is made once, when it is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub vi: String,
    pub en: String,
}

impl Text {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            vi: vi.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.vi)
    }
}

/// Builds a [`Text`] from two format strings sharing the same arguments.
#[macro_export]
macro_rules! text {
    (vi: $vi:literal, en: $en:literal $(, $k:ident = $v:expr)* $(,)?) => {
        $crate::lang::Text::new(format!($vi $(, $k = $v)*), format!($en $(, $k = $v)*))
    };
}
