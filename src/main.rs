//! The `parscore` command: parses arguments, calls the library, prints what it returns.

use clap::{Parser, Subcommand, ValueEnum};
use parscore::app::{self, Outcome};
use parscore::dossier::{ScoresChoice, Shared};
use parscore::escape::for_terminal;
use parscore::fsio::Caps;
use parscore::input::{ReadOptions, TextEncoding};
use parscore::lang::Lang;
use parscore::report::table::Width;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "parscore",
    version,
    about = "Chấm điểm tự đánh giá Chỉ số cải cách hành chính (PAR Index)",
    long_about = "Chấm điểm tự đánh giá Chỉ số cải cách hành chính (PAR Index) của một cơ quan, đơn vị.\n\
                  Scores a public body's self-assessment for Vietnam's PAR Index.\n\n\
                  Mã thoát / exit codes: 0 thành công / success; 1 dữ liệu có lỗi / the data has problems; \
                  2 không chạy được / the command could not run."
)]
struct Cli {
    /// Ngôn ngữ thông báo / language of messages and reports
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Vi)]
    lang: LangArg,
    /// Bảng mã của các tệp CSV (mặc định: tự nhận biết) / encoding of the CSV files (default: detected)
    #[arg(long, global = true, value_enum, default_value_t = EncodingArg::Auto)]
    encoding: EncodingArg,
    /// Nâng giới hạn kích thước tệp đầu vào lên N MiB (mặc định: bảng 64, dossier.json 1,
    /// seal.json 64, tiêu chí 32) / raise every input size limit to N MiB
    #[arg(long, global = true, value_name = "MIB")]
    max_input: Option<u64>,
    /// Độ rộng bảng, số ký tự (mặc định: độ rộng cửa sổ dòng lệnh, hoặc 100 khi ghi ra tệp)
    /// / the width of tables in columns (default: the terminal's, or 100 off a terminal)
    #[arg(long, global = true, value_name = "N")]
    width: Option<u16>,
    /// Phiếu điểm cần đọc khi hồ sơ có cả scores.csv và scores.xlsx / the score sheet to read
    /// when a dossier has both scores.csv and scores.xlsx
    #[arg(long, global = true, value_enum)]
    scores: Option<ScoresArg>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum EncodingArg {
    Auto,
    #[value(name = "utf-8")]
    Utf8,
    #[value(name = "utf-16le")]
    Utf16le,
    #[value(name = "utf-16be")]
    Utf16be,
    #[value(name = "windows-1258")]
    Windows1258,
}

#[derive(Clone, Copy, ValueEnum)]
enum ScoresArg {
    Csv,
    Xlsx,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Vi,
    En,
}

// The formats each command offers; all of them become the one `app::Format`.

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ScoreFormatArg {
    Table,
    Csv,
    Json,
}

impl From<CheckFormat> for app::Format {
    fn from(f: CheckFormat) -> Self {
        match f {
            CheckFormat::Text => app::Format::Table,
            CheckFormat::Json => app::Format::Json,
        }
    }
}

impl From<ReportFormat> for app::Format {
    fn from(f: ReportFormat) -> Self {
        match f {
            ReportFormat::Table => app::Format::Table,
            ReportFormat::Json => app::Format::Json,
        }
    }
}

impl From<ScoreFormatArg> for app::Format {
    fn from(f: ScoreFormatArg) -> Self {
        match f {
            ScoreFormatArg::Table => app::Format::Table,
            ScoreFormatArg::Csv => app::Format::Csv,
            ScoreFormatArg::Json => app::Format::Json,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Tạo hồ sơ mới cho một đơn vị và một năm / create a new dossier for a unit and a year
    Init {
        /// Thư mục hồ sơ mới, ví dụ evidence/2027 / the new dossier folder
        dir: PathBuf,
        /// Tên đơn vị / the unit's name
        #[arg(long)]
        unit: Option<String>,
        /// Năm đánh giá / the year assessed
        #[arg(long, value_name = "YYYY")]
        year: Option<String>,
        /// Tệp tiêu chí / the criteria file
        #[arg(long, value_name = "FILE")]
        criteria: Option<String>,
        /// Khối trong bảng xếp hạng / the group in the ranking
        #[arg(long, value_name = "G")]
        group: Option<String>,
        /// Tệp xếp hạng công bố / the published ranking file
        #[arg(long, value_name = "FILE")]
        rankings: Option<String>,
        /// Hạng cần đạt / the rank to reach
        #[arg(long, value_name = "K")]
        target_rank: Option<String>,
        /// Ngày đánh giá hồ sơ / the date the dossier is judged at
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Chép kế hoạch từ hồ sơ năm khác / copy the plan of another year's dossier
        #[arg(long, value_name = "DOSSIER")]
        plan_from: Option<PathBuf>,
    },
    /// Tính điểm hồ sơ: từng tiêu chí, lĩnh vực, tổng và chỉ số / score a dossier
    Score {
        /// Thư mục hồ sơ, ví dụ evidence/2026; nhiều hồ sơ thì mỗi hồ sơ một phần / the dossier folder(s)
        #[arg(required = true)]
        dossiers: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = ScoreFormatArg::Table)]
        format: ScoreFormatArg,
        /// Bảng tính chi tiết cho một tiêu chí / the working sheet for a leaf or criterion
        #[arg(long, value_name = "CODE")]
        explain: Option<String>,
    },
    /// Tài liệu kiểm chứng còn thiếu hoặc đáng ngờ, điểm có nguy cơ bị trừ / missing and doubtful evidence, points at risk
    Evidence {
        /// Thư mục hồ sơ, ví dụ evidence/2026; nhiều hồ sơ thì mỗi hồ sơ một phần / the dossier folder(s)
        #[arg(required = true)]
        dossiers: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
    },
    /// Niêm phong hồ sơ: ghi mã SHA-256 vào manifest.csv và seal.json / seal the dossier with SHA-256 hashes
    Seal {
        /// Thư mục hồ sơ / the dossier folder
        dossier: PathBuf,
    },
    /// Kiểm tra hồ sơ có bị sửa, xóa, thêm tệp sau khi niêm phong / report files changed, deleted or added since the seal
    Verify {
        /// Thư mục hồ sơ / the dossier folder
        dossier: PathBuf,
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
    },
    /// Khoảng cách tới nhóm dẫn đầu và cách gỡ điểm rẻ nhất / the gap to the top-K line and the cheapest way to close it
    Gap {
        /// Thư mục hồ sơ; nhiều hồ sơ thì mỗi hồ sơ một phần / the dossier folder(s)
        #[arg(required = true)]
        dossiers: Vec<PathBuf>,
        /// Hạng cần đạt (mặc định: target_rank trong dossier.json) / the rank to reach
        #[arg(long, value_name = "K")]
        rank: Option<u32>,
        /// Ngưỡng điểm tự đặt, thay cho xếp hạng công bố / a line to beat instead of the published one
        #[arg(long, value_name = "X")]
        threshold: Option<String>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
    },
    /// So sánh các năm theo lĩnh vực (và tiêu chí với --detail) / compare years by area (and leaf)
    Compare {
        /// Các thư mục hồ sơ, ví dụ evidence/2024 evidence/2025 / the dossier folders
        #[arg(required = true)]
        dossiers: Vec<PathBuf>,
        /// Thêm từng tiêu chí lá / add every leaf
        #[arg(long)]
        detail: bool,
        /// Cho phép so sánh hồ sơ của nhiều đơn vị khác nhau / allow dossiers of different units
        #[arg(long)]
        several_units: bool,
        #[arg(long, value_enum, default_value_t = ScoreFormatArg::Table)]
        format: ScoreFormatArg,
    },
    /// Vẽ biểu đồ areas.svg, gap.svg, trend.svg (và PNG) / draw the leadership charts
    Chart {
        /// Thư mục hồ sơ năm cần vẽ / the dossier folder
        dossier: PathBuf,
        /// Các hồ sơ năm khác cho biểu đồ diễn biến / other years for the trend chart
        #[arg(long, num_args = 1.., value_name = "DOSSIER")]
        compare: Vec<PathBuf>,
        /// Thư mục ghi biểu đồ / the folder to write the charts into
        #[arg(long)]
        out: PathBuf,
        /// Ghi thêm PNG độ phân giải in (font nhúng sẵn) / also write print-resolution PNGs
        #[arg(long)]
        png: bool,
        /// Hạng cần đạt / the rank to reach
        #[arg(long, value_name = "K")]
        rank: Option<u32>,
        /// Ngưỡng điểm tự đặt / a line to beat instead of the published one
        #[arg(long, value_name = "X")]
        threshold: Option<String>,
        /// Cho phép vẽ hồ sơ của nhiều đơn vị khác nhau / allow dossiers of different units
        #[arg(long)]
        several_units: bool,
    },
    /// Báo cáo một trang cho lãnh đạo: một tệp HTML tự chứa, in được trên A4 / the one-page
    /// leadership report: one self-contained HTML file that prints on A4
    Report {
        /// Thư mục hồ sơ năm cần báo cáo / the dossier folder
        dossier: PathBuf,
        /// Các hồ sơ năm khác để so sánh / other years to compare with
        #[arg(long, num_args = 1.., value_name = "DOSSIER")]
        compare: Vec<PathBuf>,
        /// Tệp HTML cần ghi (mặc định: bao-cao-cchc-<năm>.html trong thư mục hiện tại) /
        /// the HTML file to write (default: bao-cao-cchc-<year>.html in the current folder)
        #[arg(long, value_name = "FILE.html")]
        out: Option<PathBuf>,
        /// Hạng cần đạt / the rank to reach
        #[arg(long, value_name = "K")]
        rank: Option<u32>,
        /// Ngưỡng điểm tự đặt / a line to beat instead of the published one
        #[arg(long, value_name = "X")]
        threshold: Option<String>,
        /// Ghi phụ lục số liệu làm việc thay cho trang báo cáo (mặc định:
        /// bao-cao-cchc-<năm>-phu-luc.html) / write the working appendix instead of the page
        #[arg(long)]
        appendix: bool,
    },
    /// Bảng tổng hợp để nộp (Excel), báo cáo tự đánh giá hoặc công văn giải trình (Word) / the
    /// submission table (Excel), the self-assessment report or the explanation letter (Word)
    Export {
        /// Thư mục hồ sơ / the dossier folder
        dossier: PathBuf,
        /// Tệp bảng tính cần ghi, ví dụ tong-hop.xlsx / the workbook to write
        #[arg(
            long,
            value_name = "FILE",
            required_unless_present = "docx",
            conflicts_with = "docx"
        )]
        xlsx: Option<PathBuf>,
        /// Báo cáo tự đánh giá dạng Word, ví dụ bao-cao.docx / the report as a Word document
        #[arg(long, value_name = "FILE")]
        docx: Option<PathBuf>,
        /// Với --docx: công văn giải trình gửi Hội đồng thẩm định / with --docx: the
        /// explanation letter to the appraisal council
        #[arg(long, requires = "docx")]
        appeal: bool,
    },
    /// Tạo phiếu chấm điểm trống (CSV, UTF-8 có BOM) / write a blank score sheet
    Template {
        /// Tệp tiêu chí hoặc thư mục hồ sơ / a criteria file or a dossier folder
        input: PathBuf,
        /// Tệp kết quả (mặc định: in ra màn hình) / output file (default: standard output)
        #[arg(long, conflicts_with = "xlsx")]
        out: Option<PathBuf>,
        /// Ghi phiếu chấm dạng bảng tính Excel / write the score sheet as an Excel workbook
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
    },
    /// Mở ứng dụng web trên máy này (trình duyệt) cho các hồ sơ / a local web app over the dossiers
    Serve {
        /// Một hồ sơ hoặc thư mục chứa các hồ sơ, ví dụ evidence / a dossier or a folder of dossiers
        path: PathBuf,
        /// Cổng (0: tự chọn cổng trống) / the port (0 picks a free one)
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Địa chỉ lắng nghe; khác 127.0.0.1 thì phải đăng nhập bằng mã in ra / the address to
        /// listen on; beyond loopback a printed token is required
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
        /// Mở trình duyệt / open the browser
        #[arg(long)]
        open: bool,
    },
    /// Kiểm tra hoặc xem bộ tiêu chí / check or show a criteria file
    Criteria {
        #[command(subcommand)]
        command: CriteriaCommand,
    },
}

#[derive(Subcommand)]
enum CriteriaCommand {
    /// Nhập bảng tiêu chí (Word .docx, Excel .xlsx, CSV) thành tệp tiêu chí JSON / import a
    /// criteria table from Word, Excel or CSV into a criteria file
    Import {
        /// Bảng tiêu chí, ví dụ phu-luc-2026.docx / the table
        table: PathBuf,
        /// Tệp tiêu chí cần ghi (không ghi đè) / the criteria file to write (never overwritten)
        #[arg(long, value_name = "FILE.json")]
        out: PathBuf,
        /// Mã ngắn của bộ tiêu chí (mặc định: tên tệp) / the set's id (default: the file's name)
        #[arg(long)]
        id: Option<String>,
        /// Tên bộ tiêu chí / the set's title
        #[arg(long)]
        title: Option<String>,
        /// Năm đánh giá (mặc định: năm trong tên tệp) / the year (default: the year in the file name)
        #[arg(long, value_name = "YYYY")]
        year: Option<i32>,
    },
    /// Kiểm tra tệp tiêu chí, báo mọi lỗi một lần / check criteria files, reporting every problem
    Check {
        /// Tệp tiêu chí (JSON) / criteria files
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// text cho người đọc, json cho công cụ / text for people, json for tools
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// In cây tiêu chí với điểm tối đa và cách tính điểm / print the tree with maxima and rules
    Show {
        /// Tệp tiêu chí (JSON) / a criteria file
        file: PathBuf,
        /// Chỉ in nhánh dưới mã này / only the branch under this code, e.g. 3.2
        #[arg(long)]
        code: Option<String>,
        /// Số cấp in ra / how many levels to print
        #[arg(long)]
        depth: Option<usize>,
    },
}

fn main() -> ExitCode {
    // Double-clicked in Explorer: no arguments and a console of its own. From a terminal,
    // no arguments still prints the usage.
    if std::env::args_os().len() == 1 && parscore::fsio::console_is_our_own() {
        return ExitCode::from(parscore::desktop::start() as u8);
    }
    let cli = Cli::parse();
    let lang = match cli.lang {
        LangArg::Vi => Lang::Vi,
        LangArg::En => Lang::En,
    };
    let read = ReadOptions {
        encoding: match cli.encoding {
            EncodingArg::Auto => TextEncoding::Auto,
            EncodingArg::Utf8 => TextEncoding::Utf8,
            EncodingArg::Utf16le => TextEncoding::Utf16Le,
            EncodingArg::Utf16be => TextEncoding::Utf16Be,
            EncodingArg::Windows1258 => TextEncoding::Windows1258,
        },
        caps: cli.max_input.map(Caps::raised_to_mib).unwrap_or_default(),
    };
    let width = cli.width.map(Width::columns).unwrap_or_default();
    let scores = match cli.scores {
        None => ScoresChoice::Either,
        Some(ScoresArg::Csv) => ScoresChoice::Csv,
        Some(ScoresArg::Xlsx) => ScoresChoice::Xlsx,
    };
    let shared = Shared::choosing(scores).reading(read);
    let json = format_of(&cli.command).is_json();
    let outcome = match cli.command {
        Command::Init {
            dir,
            unit,
            year,
            criteria,
            group,
            rankings,
            target_rank,
            as_of,
            plan_from,
        } => {
            let args = app::InitArgs {
                dir,
                unit,
                year,
                criteria,
                group,
                rankings,
                target_rank,
                as_of,
                plan_from,
            };
            let mut terminal = app::Terminal::if_interactive();
            let ask = terminal.as_mut().map(|t| t as &mut dyn app::Ask);
            app::init(&args, ask, lang, read)
        }
        Command::Score {
            dossiers,
            format,
            explain,
        } => {
            let format = format.into();
            app::over_dossiers(&dossiers, format, lang, shared, |d, shared| {
                app::score(d, format, explain.as_deref(), lang, shared, width)
            })
        }
        Command::Evidence { dossiers, format } => {
            let format = format.into();
            app::over_dossiers(&dossiers, format, lang, shared, |d, shared| {
                app::evidence(d, format, lang, shared, width)
            })
        }
        Command::Gap {
            dossiers,
            rank,
            threshold,
            format,
        } => {
            let format = format.into();
            app::over_dossiers(&dossiers, format, lang, shared, |d, shared| {
                app::gap(d, rank, threshold.as_deref(), format, lang, shared, width)
            })
        }
        Command::Compare {
            dossiers,
            detail,
            several_units,
            format,
        } => {
            let mut shared = shared;
            app::compare(
                &dossiers,
                detail,
                several_units,
                format.into(),
                lang,
                &mut shared,
                width,
            )
        }
        Command::Chart {
            dossier,
            compare,
            out,
            png,
            rank,
            threshold,
            several_units,
        } => app::chart(
            &app::ChartArgs {
                dossier: &dossier,
                compare: &compare,
                out: &out,
                png,
                rank,
                threshold: threshold.as_deref(),
                scores,
                several_units,
                read,
            },
            lang,
        ),
        Command::Report {
            dossier,
            compare,
            out,
            rank,
            threshold,
            appendix,
        } => app::report(
            &app::ReportArgs {
                dossier: &dossier,
                compare: &compare,
                out: out.as_deref(),
                rank,
                threshold: threshold.as_deref(),
                appendix,
                scores,
                read,
                source_date_epoch: std::env::var("SOURCE_DATE_EPOCH").ok(),
            },
            lang,
        ),
        Command::Export {
            dossier,
            xlsx,
            docx,
            appeal,
        } => {
            let mut shared = shared;
            match (&xlsx, &docx) {
                (_, Some(file)) => {
                    app::export(&dossier, app::ExportTo::Docx { file, appeal }, lang, &mut shared)
                }
                (Some(x), None) => app::export(&dossier, app::ExportTo::Xlsx(x), lang, &mut shared),
                // clap already asks for one of the two.
                (None, None) => app::Outcome::fatal(
                    parscore::diag::Diagnostic::error(
                        "export",
                        parscore::text!(vi: "cần --xlsx hoặc --docx", en: "--xlsx or --docx is needed"),
                    )
                    .into(),
                    lang,
                ),
            }
        }
        Command::Seal { dossier } => app::seal(&dossier, lang, read),
        Command::Verify { dossier, format } => app::verify(&dossier, format.into(), lang, read),
        Command::Template { input, out, xlsx } => {
            let to = match (&out, &xlsx) {
                (_, Some(x)) => app::TemplateTo::Xlsx(x),
                (Some(o), None) => app::TemplateTo::Csv(o),
                (None, None) => app::TemplateTo::Stdout,
            };
            app::template(&input, to, lang, read)
        }
        Command::Serve {
            path,
            port,
            host,
            open,
        } => {
            let args = parscore::serve::ServeArgs {
                path,
                port,
                host,
                open,
                any_free_port: false,
                read,
            };
            parscore::serve::serve(&args, lang, &mut |line| {
                let mut out = std::io::stdout();
                let _ = writeln!(out, "{}", for_terminal(line));
                let _ = out.flush();
            })
        }
        Command::Criteria { command } => match command {
            CriteriaCommand::Check { files, format } => {
                app::criteria_check(&files, lang, format.into(), read)
            }
            CriteriaCommand::Import {
                table,
                out,
                id,
                title,
                year,
            } => app::criteria_import(
                &app::ImportArgs {
                    table: &table,
                    out: &out,
                    id: id.as_deref(),
                    title: title.as_deref(),
                    year,
                },
                lang,
                read,
            ),
            CriteriaCommand::Show { file, code, depth } => {
                app::criteria_show(&file, code.as_deref(), depth, lang, read, width)
            }
        },
    };
    print(if json {
        outcome.json_errors(lang)
    } else {
        outcome
    })
}

/// The format the command was asked for: with JSON its errors come as JSON too.
fn format_of(c: &Command) -> app::Format {
    match c {
        Command::Score { format, .. } | Command::Compare { format, .. } => (*format).into(),
        Command::Evidence { format, .. }
        | Command::Verify { format, .. }
        | Command::Gap { format, .. } => (*format).into(),
        Command::Criteria {
            command: CriteriaCommand::Check { format, .. },
        } => (*format).into(),
        _ => app::Format::Table,
    }
}

/// Writes the outcome with every control character a terminal would obey spelled out
/// (`\u{1b}`): a name or a value from a shared dossier cannot clear the screen or fake a line.
fn print(outcome: Outcome) -> ExitCode {
    let _ = std::io::stdout().write_all(for_terminal(&outcome.out).as_bytes());
    let _ = std::io::stderr().write_all(for_terminal(&outcome.err).as_bytes());
    ExitCode::from(outcome.status as u8)
}
