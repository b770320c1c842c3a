//! `parscore chart DOSSIER [--compare DOSSIER...] --out DIR [--png]`: areas.svg, gap.svg,
//! trend.svg (and PNGs), drawn from the figures `score`, `gap` and `compare` print. The
//! charts are drawn in `app::draw`; this writes them.

use super::draw::{cannot_draw, cannot_write, draw, ChartArgs};
use super::{Outcome, Status};
use crate::chart;
use crate::fsio::write_atomic;
use crate::lang::Lang;
use crate::report::charts;

pub fn chart(a: &ChartArgs, lang: Lang) -> Outcome {
    let (drawn, warnings) = match draw(a, Some(a.out), lang) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let mut written = Vec::new();
    for (name, svg) in drawn {
        let svg = match svg {
            Ok(s) => s,
            Err(e) => return cannot_draw(&a.out.join(format!("{name}.svg")), &e, lang),
        };
        let path = a.out.join(format!("{name}.svg"));
        if let Err(e) = write_atomic(&path, svg.as_bytes()) {
            return cannot_write(&path, &crate::fsio::os_reason(&e), lang);
        }
        written.push(path);
        if a.png {
            let path = a.out.join(format!("{name}.png"));
            let bytes = match chart::png(&svg) {
                Ok(b) => b,
                Err(e) => return cannot_draw(&path, &e, lang),
            };
            if let Err(e) = write_atomic(&path, &bytes) {
                return cannot_write(&path, &crate::fsio::os_reason(&e), lang);
            }
            written.push(path);
        }
    }
    Outcome {
        out: charts::drawn(&written, lang),
        err: warnings,
        status: Status::Ok,
        diagnostics: Vec::new(),
    }
}
