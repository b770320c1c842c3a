//! Reads one table through parscore's CSV reader and prints its rows and cells: the
//! reader alone, for `bench/hostile.sh` to measure its time and peak memory on a large
//! file (`cargo build --release --example read_table`).

use parscore::fsio::Within;
use parscore::input::{read_table, ReadOptions};

fn main() {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: read_table FILE.csv");
        std::process::exit(2);
    };
    let path = std::path::PathBuf::from(path);
    match read_table(&path, "table", Within::Anywhere, ReadOptions::default()) {
        Ok(Ok(t)) => {
            let cells: usize = t.rows.iter().map(|r| r.cells.len()).sum();
            println!("{} rows, {cells} cells", t.rows.len());
        }
        Ok(Err(d)) => {
            eprintln!("{}", d.render(parscore::lang::Lang::En));
            std::process::exit(1);
        }
        Err(_) => {
            eprintln!("cannot read the file");
            std::process::exit(2);
        }
    }
}
