//! The Office's checklist: which scored leaves lack a required document (the points at
//! risk), and which documents are doubtful — missing or empty files, unlisted files, dates
//! outside the year or after `as_of`, dates that contradict the declared score, unknown
//! codes, duplicate ids and the same content filed twice.

use super::hash::stamp;
use super::manifest::{Document, Link, Manifest};
use super::paths::{normalise, resolve, Alias, Located};
use crate::criteria::{Method, Node, RuleKind};
use crate::dossier::Dossier;
use crate::fsio::{open_regular, Refusal, Within};
use crate::lang::{Lang, Text};
use crate::number::show_points;
use crate::scoring::{evaluate, ScoreSheet, Status};
use crate::text;
use crate::value::show_date;
use rust_decimal::Decimal;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

/// What kind of doubt a problem raises; `key()` is the stable name in JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    UnsafePath,
    FileMissing,
    FileUnreadable,
    FileEmpty,
    FileUnlisted,
    BadDate,
    OutsideYear,
    AfterAsOf,
    DeadlineMismatch,
    IssuedLate,
    UnknownCode,
    BadReference,
    UnknownDocument,
    DuplicateId,
    DuplicateContent,
    /// The manifest names a file by another case or by its short name (a warning: the file
    /// is read, on every platform alike).
    NameAlias,
}

impl Kind {
    pub fn key(self) -> &'static str {
        match self {
            Kind::UnsafePath => "unsafe_path",
            Kind::FileMissing => "file_missing",
            Kind::FileUnreadable => "file_unreadable",
            Kind::FileEmpty => "file_empty",
            Kind::FileUnlisted => "file_unlisted",
            Kind::BadDate => "bad_date",
            Kind::OutsideYear => "outside_year",
            Kind::AfterAsOf => "after_as_of",
            Kind::DeadlineMismatch => "deadline_mismatch",
            Kind::IssuedLate => "issued_late",
            Kind::UnknownCode => "unknown_code",
            Kind::BadReference => "bad_reference",
            Kind::UnknownDocument => "unknown_document",
            Kind::DuplicateId => "duplicate_id",
            Kind::DuplicateContent => "duplicate_content",
            Kind::NameAlias => "name_alias",
        }
    }
}

/// A scored leaf without a document for one or more required evidence items.
#[derive(Clone, Debug)]
pub struct Missing {
    pub code: String,
    pub name: String,
    /// The leaf's self-assessed points, all of which the council may zero.
    pub points: Decimal,
    /// The required items with no document, as the criteria file words them.
    pub items: Vec<String>,
    /// Documents linked without an item number, and the item each was taken to cover.
    pub assumed: Vec<Assumed>,
    pub lead: Option<String>,
}

/// An unnumbered link (`1.3.2` rather than `1.3.2#1`) read as one item.
#[derive(Clone, Debug)]
pub struct Assumed {
    pub document: String,
    /// The item number, from 1.
    pub item: usize,
    pub what: String,
}

#[derive(Clone, Debug)]
pub struct Problem {
    pub kind: Kind,
    /// The leaf the problem bears on, where there is one.
    pub code: Option<String>,
    /// The file to open: the manifest (or scores.csv) with `line`, or an unlisted file.
    pub file: String,
    pub line: Option<usize>,
    /// The document id, for problems of a manifest row.
    pub document: Option<String>,
    pub message: Text,
    /// Points that could be lost, where they can be computed (a deadline leaf).
    pub points: Option<Decimal>,
    pub lead: Option<String>,
}

/// The whole check.
#[derive(Clone, Debug, Default)]
pub struct Assessment {
    pub documents: usize,
    pub missing: Vec<Missing>,
    pub problems: Vec<Problem>,
    /// The points of every leaf with missing evidence.
    pub at_risk: Decimal,
    /// The points a deadline leaf would lose at its document's date.
    pub doubtful: Decimal,
    /// At-risk points summed for every node code (leaf, criterion, area).
    pub at_risk_by_node: HashMap<String, Decimal>,
}

impl Assessment {
    pub fn at_risk_for(&self, code: &str) -> Decimal {
        self.at_risk_by_node
            .get(code)
            .copied()
            .unwrap_or(Decimal::ZERO)
    }

    pub fn is_clean(&self) -> bool {
        self.missing.is_empty() && self.problems.is_empty()
    }
}

/// The area code of a leaf code (`3.4.1` → `3`).
pub fn area_of(code: &str) -> &str {
    code.split('.').next().unwrap_or(code)
}

/// A document's file on disk, once looked at.
#[derive(Clone)]
pub(super) enum FileState {
    Refused(Text),
    Missing,
    Unreadable(Text),
    Empty,
    /// The path, the size, and the modification time (as `seal.json` records it).
    Present(PathBuf, u64, Option<String>),
}

pub(super) struct Ctx<'a> {
    pub(super) d: &'a Dossier,
    pub(super) m: &'a Manifest,
    pub(super) problems: Vec<Problem>,
    /// Every node by code, built once: a manifest may have a million rows.
    nodes: HashMap<&'a str, &'a Node>,
    /// How the run reads files (a seal read to reuse its hashes).
    pub(super) read: crate::input::ReadOptions,
    /// The keys of `files/` that manifest rows name, as the folder spells them (a row may
    /// name one by another case: it is still listed).
    pub(super) listed: std::collections::HashSet<String>,
}

impl Ctx<'_> {
    fn lead(&self, code: Option<&str>) -> Option<String> {
        let plan = self.d.plan.as_ref()?;
        plan.lead_for(code?).map(str::to_string)
    }

    /// The first leaf a document supports, to place its problems.
    pub(super) fn first_leaf(&self, doc: &Document) -> Option<String> {
        doc.links
            .iter()
            .find(|l| self.nodes.get(l.code.as_str()).is_some_and(|n| n.is_leaf()))
            .map(|l| l.code.clone())
    }

    pub(super) fn row_problem(
        &mut self,
        kind: Kind,
        doc: &Document,
        code: Option<String>,
        message: Text,
    ) {
        let lead = self.lead(code.as_deref());
        self.problems.push(Problem {
            kind,
            code,
            file: self.m.source.clone(),
            line: Some(doc.line),
            document: Some(doc.id.clone()),
            message,
            points: None,
            lead,
        });
    }
}

/// Checks a dossier's evidence against its scored sheet.
pub fn assess(
    d: &Dossier,
    sheet: &ScoreSheet,
    m: &Manifest,
    read: crate::input::ReadOptions,
) -> Assessment {
    let mut cx = Ctx {
        d,
        m,
        read,
        problems: Vec::new(),
        listed: Default::default(),
        nodes: d
            .criteria
            .nodes()
            .into_iter()
            .chain(
                d.criteria
                    .adjustments
                    .iter()
                    .flat_map(|a| &a.items)
                    .map(|i| &i.node),
            )
            .map(|n| (n.code.as_str(), n))
            .collect(),
    };
    let files_dir = d.dir.join(super::FILES_DIR);
    let docs = &m.documents;

    // Ids: the first row with an id is the document; later rows with it are reported.
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    let mut counted = vec![true; docs.len()];
    for (i, doc) in docs.iter().enumerate() {
        if let Some(&first) = by_id.get(doc.id.as_str()) {
            counted[i] = false;
            let (id, l) = (&doc.id, docs[first].line);
            let code = cx.first_leaf(doc);
            cx.row_problem(
                Kind::DuplicateId,
                doc,
                code,
                text!(
                    vi: "mã văn bản \"{id}\" đã dùng ở dòng {l}; dòng này không được tính",
                    en: "document id \"{id}\" is already used on line {l}; this row is not counted"
                ),
            );
        } else {
            by_id.insert(&doc.id, i);
        }
    }

    // Files: refused, missing, unreadable, empty, or present with a size; each distinct
    // path is looked at once, however many rows name it.
    let mut seen: HashMap<String, (FileState, Option<(Alias, String)>)> = HashMap::new();
    let states: Vec<FileState> = docs
        .iter()
        .map(|doc| {
            let (state, alias) = seen
                .entry(normalise(&doc.file))
                .or_insert_with(|| match resolve(&files_dir, &doc.file) {
                    Err(why) => (FileState::Refused(why), None),
                    Ok(Located::Missing) => (FileState::Missing, None),
                    Ok(Located::Found { path, key, alias }) => {
                        cx.listed.insert(key.clone());
                        (look_at(&path, &files_dir), alias.map(|a| (a, key)))
                    }
                })
                .clone();
            let code = cx.first_leaf(doc);
            let (f, id) = (&doc.file, doc.label());
            if let Some((alias, on_disk)) = &alias {
                let given = normalise(f);
                cx.row_problem(
                    Kind::NameAlias,
                    doc,
                    code.clone(),
                    alias.text(&given, on_disk),
                );
            }
            match &state {
                FileState::Refused(why) => cx.row_problem(Kind::UnsafePath, doc, code, why.clone()),
                FileState::Missing => cx.row_problem(
                    Kind::FileMissing,
                    doc,
                    code,
                    text!(
                        vi: "không có tệp files/{f} của văn bản {id}",
                        en: "file files/{f} of document {id} does not exist"
                    ),
                ),
                FileState::Unreadable(why) => {
                    let (vi, en) = (&why.vi, &why.en);
                    cx.row_problem(
                        Kind::FileUnreadable,
                        doc,
                        code,
                        text!(
                            vi: "không đọc được tệp files/{f} của văn bản {id}: {vi}",
                            en: "cannot read file files/{f} of document {id}: {en}"
                        ),
                    )
                }
                FileState::Empty => cx.row_problem(
                    Kind::FileEmpty,
                    doc,
                    code,
                    text!(
                        vi: "tệp files/{f} của văn bản {id} rỗng (0 byte)",
                        en: "file files/{f} of document {id} is empty (0 bytes)"
                    ),
                ),
                FileState::Present(..) => {}
            }
            state
        })
        .collect();
    for (i, s) in states.iter().enumerate() {
        if !matches!(s, FileState::Present(..)) {
            counted[i] = false;
        }
    }

    check_dates(&mut cx);
    let links = collect_links(&mut cx, &by_id, &counted);
    super::assess_files::check_same_content(&mut cx, &states);
    super::assess_files::check_unlisted(&mut cx, &files_dir);

    let mut by_code: HashMap<&str, Vec<(usize, Option<usize>)>> = HashMap::new();
    for (doc, code, item) in &links {
        by_code
            .entry(code.as_str())
            .or_default()
            .push((*doc, *item));
    }
    let mut a = Assessment {
        documents: docs.len(),
        ..Assessment::default()
    };
    // Bonus items need their evidence as leaves do; a penalty's documents put no points
    // at risk.
    let bonus = sheet
        .adjustments
        .iter()
        .flat_map(|a| &a.items)
        .filter(|i| i.kind == crate::criteria::AdjustmentKind::Bonus)
        .map(|i| &i.score);
    for n in sheet.nodes.iter().chain(bonus) {
        let (Some(leaf), Some(node)) = (&n.leaf, cx.nodes.get(n.code.as_str()).copied()) else {
            continue;
        };
        if n.method != Method::SelfAssessed || leaf.status != Status::Scored {
            continue;
        }
        let mine: &[(usize, Option<usize>)] = by_code
            .get(n.code.as_str())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        if n.achieved > Decimal::ZERO {
            // A leaf that says nothing happened (0 cases, the "none" level) needs no
            // "(nếu có)" document.
            let happened = leaf
                .working
                .as_ref()
                .and_then(|w| w.happened)
                .unwrap_or(true);
            let coverage = uncovered(node, mine, happened);
            let items = coverage.missing;
            if !items.is_empty() {
                a.at_risk += n.achieved;
                let mut code = n.code.clone();
                loop {
                    *a.at_risk_by_node.entry(code.clone()).or_default() += n.achieved;
                    match code.rfind('.') {
                        Some(i) => code.truncate(i),
                        None => break,
                    }
                }
                a.missing.push(Missing {
                    code: n.code.clone(),
                    name: n.name.clone(),
                    points: n.achieved,
                    items,
                    assumed: coverage
                        .assumed
                        .iter()
                        .map(|(doc, k)| Assumed {
                            document: docs[*doc].label(),
                            item: *k,
                            what: node.evidence[k - 1].what.clone(),
                        })
                        .collect(),
                    lead: cx.lead(Some(&n.code)),
                });
            }
        }
        let dated: Vec<&Document> = mine.iter().map(|(i, _)| &docs[*i]).collect();
        let at_top = n.achieved == n.max;
        check_declared(&mut cx, node, n.achieved, at_top, &leaf.value, &dated);
    }
    a.doubtful = cx.problems.iter().filter_map(|p| p.points).sum();
    a.missing.sort_by(|x, y| {
        (area_of(&x.code), std::cmp::Reverse(x.points), &x.code).cmp(&(
            area_of(&y.code),
            std::cmp::Reverse(y.points),
            &y.code,
        ))
    });
    cx.problems.sort_by(|x, y| {
        let key = |p: &Problem| {
            (
                p.code.as_deref().map(area_of).unwrap_or("~").to_string(),
                std::cmp::Reverse(p.points),
                p.file.clone(),
                p.line,
                p.kind,
            )
        };
        key(x).cmp(&key(y))
    });
    a.problems = cx.problems;
    a
}

/// Looks at a document's file through the path policy: its metadata only, and an open
/// that cannot block, to know that it can be read; its content is not read here.
fn look_at(path: &std::path::Path, files_dir: &std::path::Path) -> FileState {
    match open_regular(path, Within::Folder(files_dir)) {
        Err(Refusal::Missing) => FileState::Missing,
        Err(Refusal::Outside) => FileState::Refused(Refusal::Outside.text()),
        Err(r) => FileState::Unreadable(r.text()),
        Ok((_, meta)) if meta.len() == 0 => FileState::Empty,
        Ok((_, meta)) => FileState::Present(path.to_path_buf(), meta.len(), stamp(&meta)),
    }
}

fn check_dates(cx: &mut Ctx) {
    let year = cx.d.settings.year;
    let as_of = cx.d.settings.as_of;
    for doc in &cx.m.documents {
        let code = cx.first_leaf(doc);
        let (raw, id) = (&doc.date_text, doc.label());
        match doc.date {
            None if raw.is_empty() => {}
            None => cx.row_problem(Kind::BadDate, doc, code, text!(
                vi: "ngày \"{raw}\" của văn bản {id} không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)",
                en: "date \"{raw}\" of document {id} is not a valid date (dd/mm/yyyy or yyyy-mm-dd)"
            )),
            Some(date) if date.year() != year => {
                let shown = show_date(date);
                cx.row_problem(Kind::OutsideYear, doc, code, text!(
                    vi: "văn bản {id} ngày {shown}, ngoài năm đánh giá {year}",
                    en: "document {id} is dated {shown}, outside the assessed year {year}"
                ))
            }
            Some(date) if date > as_of => {
                let (shown, limit) = (show_date(date), show_date(as_of));
                cx.row_problem(Kind::AfterAsOf, doc, code, text!(
                    vi: "văn bản {id} ngày {shown}, sau thời điểm đánh giá {limit}",
                    en: "document {id} is dated {shown}, after the as-of date {limit}"
                ))
            }
            Some(_) => {}
        }
    }
}

/// Every (document, leaf, item) link: from the manifest's `criteria` column and from the
/// `evidence` column of `scores.csv`; only documents that count (first id, file present).
fn collect_links(
    cx: &mut Ctx,
    by_id: &HashMap<&str, usize>,
    counted: &[bool],
) -> Vec<(usize, String, Option<usize>)> {
    let mut links = Vec::new();
    for (i, doc) in cx.m.documents.iter().enumerate() {
        for Link {
            code,
            item,
            written,
        } in &doc.links
        {
            let id = doc.label();
            let node = cx.nodes.get(code.as_str()).copied();
            let problem = match node {
                None => Some((
                    Kind::UnknownCode,
                    text!(
                        vi: "văn bản {id} dẫn mã \"{written}\" không có trong bộ tiêu chí",
                        en: "document {id} names code \"{written}\", which is not in the criteria set"
                    ),
                )),
                Some(n) if !n.is_leaf() => Some((
                    Kind::BadReference,
                    text!(
                        vi: "văn bản {id} dẫn mã \"{written}\" là tiêu chí cha; ghi mã tiêu chí lá",
                        en: "document {id} names \"{written}\", a parent; name the leaf codes"
                    ),
                )),
                Some(n) if item.is_some_and(|k| k == 0 || k > n.evidence.len()) => {
                    let count = n.evidence.len();
                    Some((
                        Kind::BadReference,
                        text!(
                            vi: "văn bản {id} dẫn \"{written}\" nhưng tiêu chí này chỉ có {count} tài liệu kiểm chứng (đánh số từ 1)",
                            en: "document {id} names \"{written}\" but this leaf has only {count} evidence items (numbered from 1)"
                        ),
                    ))
                }
                Some(_) => None,
            };
            match problem {
                Some((kind, message)) => {
                    let at = node
                        .filter(|n| n.is_leaf())
                        .map(|n| n.code.clone())
                        .or_else(|| cx.first_leaf(doc));
                    cx.row_problem(kind, doc, at, message);
                }
                None if counted[i] => links.push((i, code.clone(), *item)),
                None => {}
            }
        }
    }
    let mut rows: Vec<_> = cx.d.scores.rows.values().collect();
    rows.sort_by_key(|r| r.line);
    for row in rows {
        for id in &row.evidence {
            match by_id.get(id.as_str()) {
                Some(&i) if counted[i] => links.push((i, row.code.clone(), None)),
                Some(_) => {}
                None => {
                    let lead = cx.lead(Some(&row.code));
                    cx.problems.push(Problem {
                        kind: Kind::UnknownDocument,
                        code: Some(row.code.clone()),
                        file: cx.d.scores.source.clone(),
                        line: Some(row.line),
                        document: Some(id.clone()),
                        message: text!(
                            vi: "cột \"evidence\" dẫn văn bản \"{id}\" không có trong manifest.csv",
                            en: "the evidence column names document \"{id}\", which manifest.csv does not list"
                        ),
                        points: None,
                        lead,
                    });
                }
            }
        }
    }
    links
}

/// How a leaf's required items are covered: the items no document covers, and which item
/// each unnumbered link was taken to cover.
struct Coverage {
    missing: Vec<String>,
    /// (document index, item number from 1) for every unnumbered link that covered an item.
    assumed: Vec<(usize, usize)>,
}

/// `#N` links cover item N; an unnumbered link covers exactly one item, the first required
/// one still uncovered, in manifest order. A document counts once per leaf: its second
/// unnumbered link (from the manifest and from `scores.csv`'s `evidence` column), or an
/// unnumbered link beside a numbered one, covers nothing more.
fn uncovered(node: &Node, links: &[(usize, Option<usize>)], happened: bool) -> Coverage {
    let required: Vec<bool> = node
        .evidence
        .iter()
        .map(|e| e.required && (happened || !e.if_happened))
        .collect();
    let mut covered = vec![false; node.evidence.len()];
    let mut numbered: BTreeSet<usize> = BTreeSet::new();
    for (doc, item) in links {
        if let Some(k) = item {
            covered[k - 1] = true;
            numbered.insert(*doc);
        }
    }
    let mut assumed = Vec::new();
    let mut used: BTreeSet<usize> = numbered;
    for (doc, item) in links {
        if item.is_some() || !used.insert(*doc) {
            continue;
        }
        if let Some(free) = (0..covered.len()).find(|&k| required[k] && !covered[k]) {
            covered[free] = true;
            assumed.push((*doc, free + 1));
        }
    }
    let missing = node
        .evidence
        .iter()
        .zip(covered)
        .zip(required)
        .filter(|((_, c), r)| *r && !c)
        .map(|((e, _), _)| e.what.clone())
        .collect();
    Coverage { missing, assumed }
}

/// A deadline leaf whose declared date is not the date of any linked document; a leaf at
/// its maximum whose document is dated after the plan task's fixed due date.
fn check_declared(
    cx: &mut Ctx,
    node: &Node,
    achieved: Decimal,
    at_top: bool,
    value: &str,
    docs: &[&Document],
) {
    let code = node.code.clone();
    let dates: Vec<(time::Date, &Document)> =
        docs.iter().filter_map(|d| Some((d.date?, *d))).collect();
    let Some((first_date, first_doc)) = dates.iter().min_by_key(|(d, _)| *d).copied() else {
        return;
    };
    let is_deadline = node
        .rule()
        .is_some_and(|r| matches!(r.kind, RuleKind::Deadline { .. }));
    if is_deadline {
        let Some(declared) = crate::value::parse_date(value) else {
            return;
        };
        if dates.iter().any(|(d, _)| *d == declared) {
            return;
        }
        let Ok(at_doc) = evaluate(node, &show_date(first_date)) else {
            return;
        };
        let loss = (achieved - at_doc.points).max(Decimal::ZERO);
        let (said, dated, id) = (
            show_date(declared),
            show_date(first_date),
            first_doc.label(),
        );
        let (p, q) = (
            show_points(achieved, Lang::Vi),
            show_points(at_doc.points, Lang::Vi),
        );
        let (pe, qe) = (
            show_points(achieved, Lang::En),
            show_points(at_doc.points, Lang::En),
        );
        let lead = cx.lead(Some(&code));
        cx.problems.push(Problem {
            kind: Kind::DeadlineMismatch,
            code: Some(code),
            file: cx.m.source.clone(),
            line: Some(first_doc.line),
            document: Some(first_doc.id.clone()),
            message: if loss > Decimal::ZERO {
                text!(
                    vi: "kê khai ngày {said} nhưng văn bản {id} ghi ngày {dated}; theo ngày văn bản được {q} điểm thay vì {p}",
                    en: "declared {said} but document {id} is dated {dated}; at the document's date it scores {qe} instead of {pe}"
                )
            } else {
                text!(
                    vi: "kê khai ngày {said} nhưng văn bản {id} ghi ngày {dated} (điểm không đổi: {p}); sửa cho khớp",
                    en: "declared {said} but document {id} is dated {dated} (the points stay {pe}); make them agree"
                )
            },
            points: (loss > Decimal::ZERO).then_some(loss),
            lead,
        });
        return;
    }
    let at_top = achieved > Decimal::ZERO && at_top;
    let Some(plan) = cx.d.plan.as_ref() else {
        return;
    };
    if !at_top {
        return;
    }
    let fixed = plan.tasks.iter().find_map(|t| match t.due {
        crate::dossier::Due::On(due) if t.criteria.contains(&code) => Some((t, due)),
        _ => None,
    });
    let Some((task, due)) = fixed else {
        return;
    };
    for (date, doc) in dates {
        if date > due {
            let (dated, limit, id, task_id) =
                (show_date(date), show_date(due), doc.label(), &task.id);
            let lead = Some(task.lead.clone());
            cx.problems.push(Problem {
                kind: Kind::IssuedLate,
                code: Some(code.clone()),
                file: cx.m.source.clone(),
                line: Some(doc.line),
                document: Some(doc.id.clone()),
                message: text!(
                    vi: "kê khai mức cao nhất nhưng văn bản {id} ngày {dated}, sau hạn {limit} của nhiệm vụ {task_id} trong kế hoạch",
                    en: "declared at the top level but document {id} is dated {dated}, after the {limit} due date of plan task {task_id}"
                ),
                points: None,
                lead,
            });
            return;
        }
    }
}
