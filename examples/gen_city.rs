//! A synthetic city for the benchmarks (`bench/run.sh`): criteria sets of about 150, 1,500
//! and 15,000 leaves, 127 units × 5 years of dossiers, two years of dossiers at each
//! criteria size, and one dossier of 20,000 equal-size evidence files (about 2 GB). Every
//! figure comes from a seeded generator, so two runs write the same bytes.
//!
//! `cargo run --release --example gen_city -- OUT [--no-big] [--big NAME=FILES]...`
//! (`--big` replaces the default `big/2026=20000` with dossiers `OUT/NAME` of FILES files;
//! the bench uses three sizes to show how hashing grows with bytes).

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const UNITS: usize = 127;
const YEARS: [i32; 5] = [2022, 2023, 2024, 2025, 2026];
const BIG_FILE_BYTES: usize = 104_858; // × 20,000 ≈ 2.1 GB

/// The shape of a criteria set: areas × criteria per area × leaves per criterion.
struct Shape {
    areas: usize,
    criteria: usize,
    leaves: usize,
}

const SHAPES: [(&str, Shape); 3] = [
    (
        "150",
        Shape {
            areas: 10,
            criteria: 3,
            leaves: 5,
        },
    ),
    (
        "1500",
        Shape {
            areas: 30,
            criteria: 10,
            leaves: 5,
        },
    ),
    (
        "15000",
        Shape {
            areas: 150,
            criteria: 20,
            leaves: 5,
        },
    ),
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out) = args.first().map(PathBuf::from) else {
        eprintln!("usage: gen_city OUT [--no-big]");
        std::process::exit(2);
    };
    let mut big: Vec<(String, usize)> = args
        .windows(2)
        .filter(|w| w[0] == "--big")
        .filter_map(|w| {
            let (name, files) = w[1].split_once('=')?;
            Some((name.to_string(), files.parse().ok()?))
        })
        .collect();
    if big.is_empty() && !args.iter().any(|a| a == "--no-big") {
        big.push(("big/2026".into(), 20_000));
    }
    let mut rng = StdRng::seed_from_u64(2026);
    let criteria_dir = out.join("criteria");
    fs::create_dir_all(&criteria_dir).unwrap();

    for (name, shape) in &SHAPES {
        for year in [2025, 2026] {
            let file = criteria_dir.join(format!("city-{name}-{year}.json"));
            fs::write(&file, criteria_json(shape, year, name)).unwrap();
            let dir = out.join(format!("sizes/{name}/{year}"));
            write_dossier(
                &dir,
                shape,
                year,
                "Sở Thử nghiệm",
                &format!("../../../criteria/city-{name}-{year}.json"),
                &mut rng,
            );
        }
    }
    let shape = &SHAPES[0].1;
    for &year in &YEARS {
        let file = criteria_dir.join(format!("city-150-{year}.json"));
        fs::write(&file, criteria_json(shape, year, "150")).unwrap();
    }
    fs::write(criteria_dir.join("rankings.csv"), rankings(&mut rng)).unwrap();
    for u in 1..=UNITS {
        for &year in &YEARS {
            let dir = out.join(format!("units/u{u:03}/{year}"));
            let criteria = format!("../../../criteria/city-150-{year}.json");
            write_dossier(&dir, shape, year, &unit_name(u), &criteria, &mut rng);
        }
    }
    for (name, files) in &big {
        let criteria = format!(
            "{}criteria/city-150-2026.json",
            "../".repeat(name.split('/').count())
        );
        write_big(&out.join(name), *files, &criteria, &mut rng);
    }
    println!("{}", out.display());
}

fn unit_name(u: usize) -> String {
    format!("Đơn vị số {u:03}")
}

fn leaf_codes(shape: &Shape) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for a in 1..=shape.areas {
        for c in 1..=shape.criteria {
            for l in 1..=shape.leaves {
                out.push((format!("{a}.{c}.{l}"), l));
            }
        }
    }
    out
}

fn rule_json(kind: usize, year: i32) -> String {
    match kind % 5 {
        0 => r#"{ "kind": "levels", "levels": [ { "label": "Tốt", "points": 1 }, { "label": "Đạt", "points": "50%" }, { "label": "Không đạt", "points": 0 } ] }"#.to_string(),
        1 => r#"{ "kind": "bands", "bands": [ { "when": ">90", "points": 1 }, { "when": ">=70", "points": "50%" }, { "when": "else", "points": 0 } ] }"#.to_string(),
        2 => r#"{ "kind": "ratio" }"#.to_string(),
        3 => format!(r#"{{ "kind": "deadline", "due": "{year}-01-15", "late": 0.5 }}"#),
        _ => r#"{ "kind": "deduct", "per": 0.25 }"#.to_string(),
    }
}

fn criteria_json(shape: &Shape, year: i32, name: &str) -> String {
    let leaves = shape.areas * shape.criteria * shape.leaves;
    let mut s = String::new();
    write!(
        s,
        "{{\n  \"format\": \"parscore-criteria/1\",\n  \"id\": \"city-{name}-{year}\",\n  \"title\": \"Bộ tiêu chí tổng hợp {name} ({year})\",\n  \"year\": {year},\n  \"total\": {leaves},\n  \"note\": \"Sinh tự động cho đo hiệu năng.\",\n  \"areas\": [\n"
    )
    .unwrap();
    for a in 1..=shape.areas {
        let amax = shape.criteria * shape.leaves;
        writeln!(s, "    {{ \"code\": \"{a}\", \"name\": \"Lĩnh vực {a}\", \"max\": {amax}, \"children\": [").unwrap();
        for c in 1..=shape.criteria {
            writeln!(s, "      {{ \"code\": \"{a}.{c}\", \"name\": \"Tiêu chí {a}.{c}\", \"max\": {}, \"children\": [", shape.leaves).unwrap();
            for l in 1..=shape.leaves {
                let sep = if l < shape.leaves { "," } else { "" };
                writeln!(
                    s,
                    "        {{ \"code\": \"{a}.{c}.{l}\", \"name\": \"Tiêu chí thành phần {a}.{c}.{l}\", \"max\": 1, \"rule\": {}, \"evidence\": [ {{ \"what\": \"Văn bản của tiêu chí {a}.{c}\", \"required\": true }} ] }}{sep}",
                    rule_json(l - 1, year)
                )
                .unwrap();
            }
            let sep = if c < shape.criteria { "," } else { "" };
            writeln!(s, "      ] }}{sep}").unwrap();
        }
        let sep = if a < shape.areas { "," } else { "" };
        writeln!(s, "    ] }}{sep}").unwrap();
    }
    s.push_str("  ]\n}\n");
    s
}

fn value(kind: usize, year: i32, rng: &mut StdRng) -> String {
    match kind % 5 {
        0 => ["Tốt", "Đạt", "Không đạt"][rng.random_range(0..3)].to_string(),
        1 => format!(
            "\"{},{}\"",
            rng.random_range(60..100),
            rng.random_range(0..10)
        ),
        2 => {
            let total = rng.random_range(10..60);
            format!("{}/{total}", rng.random_range(total / 2..=total))
        }
        3 => format!("{:02}/01/{year}", rng.random_range(5..25)),
        _ => rng.random_range(0..3).to_string(),
    }
}

fn write_dossier(
    dir: &Path,
    shape: &Shape,
    year: i32,
    unit: &str,
    criteria: &str,
    rng: &mut StdRng,
) {
    fs::create_dir_all(dir.join("files")).unwrap();
    let as_of = if year == 2026 {
        "2026-11-30".to_string()
    } else {
        format!("{year}-12-31")
    };
    fs::write(
        dir.join("dossier.json"),
        format!(
            "{{ \"format\": \"parscore-dossier/1\", \"unit\": \"{unit}\", \"year\": {year},\n  \"criteria\": \"{criteria}\", \"group\": \"so-ban-nganh\",\n  \"rankings\": \"{}\", \"target_rank\": 5, \"as_of\": \"{as_of}\" }}\n",
            criteria.replace(&criteria[criteria.rfind('/').unwrap() + 1..], "rankings.csv")
        ),
    )
    .unwrap();
    let mut scores = String::from("code,value,note\n");
    for (code, l) in leaf_codes(shape) {
        writeln!(scores, "{code},{},", value(l - 1, year, rng)).unwrap();
    }
    fs::write(dir.join("scores.csv"), scores).unwrap();
    let mut plan = String::from("id,area,task,lead,support,due,product,status,done_on,criteria\n");
    for t in 1..=10 {
        let done = rng.random_bool(0.8);
        let (status, done_on) = if done {
            (
                "Đã hoàn thành",
                format!(
                    "{:02}/{:02}/{year}",
                    rng.random_range(1..28),
                    rng.random_range(1..11)
                ),
            )
        } else {
            ("Đang thực hiện", String::new())
        };
        writeln!(
            plan,
            "{t},1,Nhiệm vụ {t},Văn phòng,,Trước 15/{t:02}/{year},Báo cáo,{status},{done_on},1.1.1"
        )
        .unwrap();
    }
    fs::write(dir.join("plan.csv"), plan).unwrap();
    let mut manifest = String::from("id,file,number,date,issuer,title,criteria,pages,sha256\n");
    for a in 1..=shape.areas {
        for c in 1..=shape.criteria {
            let file = format!("vb-{a}-{c}.txt");
            fs::write(
                dir.join("files").join(&file),
                format!("Văn bản của tiêu chí {a}.{c}, năm {year}, {unit}\n"),
            )
            .unwrap();
            let links: Vec<String> = (1..=shape.leaves).map(|l| format!("{a}.{c}.{l}")).collect();
            writeln!(
                manifest,
                "VB-{a}-{c},{file},{a}{c}/BC,{:02}/03/{year},{unit},Văn bản tiêu chí {a}.{c},{},,",
                rng.random_range(1..28),
                links.join(";")
            )
            .unwrap();
        }
    }
    fs::write(dir.join("manifest.csv"), manifest).unwrap();
}

fn rankings(rng: &mut StdRng) -> String {
    let mut s = String::from("year,group,unit,score,rank,source\n");
    for &year in &YEARS {
        let mut scores: Vec<(u32, usize)> = (1..=UNITS)
            .map(|u| (rng.random_range(7000..9800), u))
            .collect();
        scores.sort_by(|a, b| b.cmp(a));
        for (rank, (score, u)) in scores.iter().enumerate() {
            writeln!(
                s,
                "{year},so-ban-nganh,{},{}.{:02},{},tổng hợp",
                unit_name(*u),
                score / 100,
                score % 100,
                rank + 1
            )
            .unwrap();
        }
    }
    s
}

/// One dossier of the 150-leaf set whose manifest lists `files` documents of equal size
/// (every size collides, so the duplicate-content check must hash them all unless a seal
/// recorded their hashes).
fn write_big(dir: &Path, files: usize, criteria: &str, rng: &mut StdRng) {
    let shape = &SHAPES[0].1;
    write_dossier(dir, shape, 2026, "Đơn vị hồ sơ lớn", criteria, rng);
    let mut manifest = fs::read_to_string(dir.join("manifest.csv")).unwrap();
    let mut buf = vec![0u8; BIG_FILE_BYTES];
    for i in 0..files {
        rng.fill(&mut buf[..]);
        let file = format!("scan-{i:05}.pdf");
        fs::write(dir.join("files").join(&file), &buf).unwrap();
        let (a, c) = (i % shape.areas + 1, i % shape.criteria + 1);
        writeln!(
            manifest,
            "SCAN-{i:05},{file},{i}/SC,01/06/2026,Văn phòng,Bản quét {i},{a}.{c}.1,,"
        )
        .unwrap();
    }
    fs::write(dir.join("manifest.csv"), manifest).unwrap();
}
