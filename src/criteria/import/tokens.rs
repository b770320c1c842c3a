//! The "Cách tính điểm" wording cut into tokens — words, numbers, percentages and signs —
//! so that a reading can prove it used every one of them: a phrase is read only when its
//! tokens are consumed to the end, and whatever is left over is named in the warning.

use crate::number::parse_decimal;
use rust_decimal::Decimal;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Tok {
    /// A word, folded to lower case ("điểm", "đ").
    Word(String),
    /// A number ("0,5", "02").
    Num(Decimal),
    /// A number followed by `%`.
    Pct(Decimal),
    /// Any other sign: `:`, `;`, `(`, `/`, `=`, `<`, `>`, `≥`, `≤`, `-`, `,`, and `x` for
    /// a multiplication (`×`, `*`, or the letter x standing alone).
    Sym(char),
}

impl Tok {
    pub fn is_word(&self, w: &str) -> bool {
        matches!(self, Tok::Word(x) if x == w)
    }

    pub fn is_sym(&self, c: char) -> bool {
        matches!(self, Tok::Sym(x) if *x == c)
    }
}

/// Tokens of NFC text, words in lower case; a line end is a `;`. Each token's byte span
/// in `text` comes with it, so that a label is kept as it was written.
pub(super) fn tokens(text: &str) -> (Vec<Tok>, Vec<(usize, usize)>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |(b, _)| *b);
    let mut out = Vec::new();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c == '\n' {
            out.push(Tok::Sym(';'));
            spans.push((at, at + 1));
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            while i < chars.len()
                && (chars[i].1.is_ascii_digit()
                    || (matches!(chars[i].1, ',' | '.')
                        && chars.get(i + 1).is_some_and(|(_, d)| d.is_ascii_digit())))
            {
                i += 1;
            }
            let raw = &text[at..end_of(i)];
            let value = parse_decimal(raw).unwrap_or_default();
            let mut j = i;
            while j < chars.len() && chars[j].1 == ' ' {
                j += 1;
            }
            if chars.get(j).is_some_and(|(_, c)| *c == '%') {
                out.push(Tok::Pct(value));
                i = j + 1;
            } else {
                out.push(Tok::Num(value));
            }
            spans.push((at, end_of(i)));
        } else if c.is_alphabetic() {
            while i < chars.len() && (chars[i].1.is_alphabetic() || is_mark(chars[i].1)) {
                i += 1;
            }
            let word = text[at..end_of(i)].to_lowercase();
            out.push(if word == "x" {
                Tok::Sym('x')
            } else {
                Tok::Word(word)
            });
            spans.push((at, end_of(i)));
        } else {
            out.push(Tok::Sym(match c {
                '×' | '*' => 'x',
                '–' | '—' | '−' => '-',
                '÷' => '/',
                '\u{201c}' | '\u{201d}' => '"',
                other => other,
            }));
            i += 1;
            spans.push((at, end_of(i)));
        }
    }
    (out, spans)
}

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Tokens written back as text, for a warning that quotes what was left over.
pub(super) fn show(toks: &[Tok]) -> String {
    let mut s = String::new();
    for t in toks {
        let piece = match t {
            Tok::Word(w) => w.clone(),
            Tok::Num(n) => crate::number::show_exact(*n, crate::lang::Lang::Vi),
            Tok::Pct(n) => format!("{}%", crate::number::show_exact(*n, crate::lang::Lang::Vi)),
            Tok::Sym(c) => c.to_string(),
        };
        let glue = matches!(t, Tok::Sym(',' | ':' | ';' | ')' | '.'))
            || s.ends_with('(')
            || s.ends_with('/')
            || matches!(t, Tok::Sym('/'));
        if !s.is_empty() && !glue {
            s.push(' ');
        }
        s.push_str(&piece);
    }
    s
}

/// A cursor over tokens that eats phrases and says whether it reached the end.
pub(super) struct Cur<'a> {
    pub toks: &'a [Tok],
    pub at: usize,
}

impl<'a> Cur<'a> {
    pub fn new(toks: &'a [Tok]) -> Cur<'a> {
        Cur { toks, at: 0 }
    }

    pub fn done(&self) -> bool {
        self.at >= self.toks.len()
    }

    pub fn rest(&self) -> &'a [Tok] {
        &self.toks[self.at.min(self.toks.len())..]
    }

    pub fn peek(&self) -> Option<&'a Tok> {
        self.toks.get(self.at)
    }

    /// Eats the words of `phrase` ("điểm tối đa") when they come next.
    pub fn words(&mut self, phrase: &str) -> bool {
        let words: Vec<&str> = phrase.split(' ').collect();
        let fits = words
            .iter()
            .enumerate()
            .all(|(k, w)| self.toks.get(self.at + k).is_some_and(|t| t.is_word(w)));
        if fits {
            self.at += words.len();
        }
        fits
    }

    /// Eats the first of `phrases` that comes next.
    pub fn any(&mut self, phrases: &[&str]) -> bool {
        phrases.iter().any(|p| self.words(p))
    }

    pub fn sym(&mut self, c: char) -> bool {
        let fits = self.peek().is_some_and(|t| t.is_sym(c));
        if fits {
            self.at += 1;
        }
        fits
    }

    pub fn num(&mut self) -> Option<Decimal> {
        match self.peek() {
            Some(Tok::Num(n)) => {
                self.at += 1;
                Some(*n)
            }
            _ => None,
        }
    }

    pub fn pct(&mut self) -> Option<Decimal> {
        match self.peek() {
            Some(Tok::Pct(n)) => {
                self.at += 1;
                Some(*n)
            }
            _ => None,
        }
    }

    /// Eats words (no number, no sign) while `ok` accepts them; how many were eaten.
    pub fn plain_words(&mut self, ok: &dyn Fn(&str) -> bool) -> usize {
        let start = self.at;
        while let Some(Tok::Word(w)) = self.peek() {
            if !ok(w) {
                break;
            }
            self.at += 1;
        }
        self.at - start
    }
}

/// Words that turn a phrase around: a subject or a tail holding one is never skipped over.
pub(super) const TURNING: &[&str] = &[
    "không", "chưa", "trừ", "ngoài", "nhưng", "hoặc", "và", "mỗi", "âm", "thì", "nếu",
];

/// Whether a word may stand in a subject or tail that names what is measured.
pub(super) fn neutral(w: &str) -> bool {
    !TURNING.contains(&w)
        && !matches!(
            w,
            "trên" | "dưới" | "từ" | "đến" | "tới" | "trở" | "bằng" | "điểm" | "đ" | "lần"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_percentages_and_points_written_short() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let t = |s: &str| tokens(s).0;
        assert_eq!(
            t("Từ 80 % đến dưới 100%: 0,5đ"),
            vec![
                Tok::Word("từ".into()),
                Tok::Pct(d("80")),
                Tok::Word("đến".into()),
                Tok::Word("dưới".into()),
                Tok::Pct(d("100")),
                Tok::Sym(':'),
                Tok::Num(d("0.5")),
                Tok::Word("đ".into()),
            ]
        );
        assert_eq!(
            t("(A/B) × 100"),
            vec![
                Tok::Sym('('),
                Tok::Word("a".into()),
                Tok::Sym('/'),
                Tok::Word("b".into()),
                Tok::Sym(')'),
                Tok::Sym('x'),
                Tok::Num(d("100"))
            ]
        );
        assert_eq!(t("01 điểm")[0], Tok::Num(d("1")));
        assert_eq!(show(&t("trên tổng số, (0/0): 2")), "trên tổng số, (0/0): 2");
    }
}
