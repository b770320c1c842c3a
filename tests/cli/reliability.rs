//! No data loss under a killed process, and the fuzzers' kept corpus replayed on stable.

use crate::harness::{copy_dossier, parscore, root};
use std::time::Duration;

/// `seal` killed while it hashes a large document: the manifest is byte for byte what it
/// was (or, if the kill came after the rename, complete), and no half-written seal.json or
/// temporary file is trusted.
#[test]
fn a_seal_killed_mid_way_leaves_the_manifest_whole() {
    let dir = copy_dossier("evidence_complete");
    let dossier = dir.path().join("dossiers/evidence_complete");
    // 48 MiB of noise to hash, listed in the manifest.
    let big: Vec<u8> = (0..48u32 << 20)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(dossier.join("files/ban-quet-lon.pdf"), &big).unwrap();
    let manifest = dossier.join("manifest.csv");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    text.push_str("SCAN1,ban-quet-lon.pdf,9/BC-VP,01/06/2026,Văn phòng,Bản quét lớn,1.2.1,,\n");
    std::fs::write(&manifest, &text).unwrap();
    let before = std::fs::read(&manifest).unwrap();

    let mut child = std::process::Command::new(parscore().get_program())
        .current_dir(dir.path())
        .args(["seal", "dossiers/evidence_complete"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(60));
    let _ = child.kill();
    let status = child.wait().unwrap();

    let after = std::fs::read(&manifest).unwrap();
    if status.success() {
        // The machine was fast enough to finish: then the seal must be whole.
        assert!(dossier.join("seal.json").exists());
        assert!(String::from_utf8_lossy(&after).contains(&"SCAN1".to_string()));
    } else {
        assert_eq!(after, before, "a killed seal changed the manifest");
        assert!(
            !dossier.join("seal.json").exists(),
            "a killed seal left seal.json"
        );
    }
    // Whatever happened, the manifest still reads as a table with every row.
    let table = parscore::input::parse_table(&after, "manifest.csv").unwrap();
    assert_eq!(table.rows.len(), text.lines().count() - 1);
}

/// Every input the fuzzers kept (`fuzz/corpus/<target>/`) still runs through its target
/// without a panic; crashes they found are kept there too, as regression inputs.
#[test]
fn the_fuzz_corpus_replays_without_a_panic() {
    type Target = fn(&[u8]);
    let targets: [(&str, Target); 4] = [
        ("criteria_parser", parscore::fuzzing::criteria_parser),
        ("table_reader", parscore::fuzzing::table_reader),
        ("value_parser", parscore::fuzzing::value_parser),
        ("rule_wording", parscore::fuzzing::rule_wording),
    ];
    for (name, target) in targets {
        let dir = root().join("fuzz/corpus").join(name);
        let mut count = 0;
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|_| panic!("{dir:?}")) {
            let path = entry.unwrap().path();
            // (A fuzzer running beside the tests may remove an input under our feet.)
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let result = std::panic::catch_unwind(|| target(&bytes));
            assert!(result.is_ok(), "{name} panics on {}", path.display());
            count += 1;
        }
        assert!(count > 10, "{name}: only {count} inputs kept");
    }
}
