//! `plan.completion` at `as_of`: done ÷ counted, where a task is counted when it is due
//! by `as_of` or done by then. Fixture `plan_ranged_early_late` (as_of 15/06/2026):
//! 1 "Trước 15/01/2026", done 10/01                      → due, done
//! 2 "Tháng 01/2026 đến tháng 5/2026", ongoing            → due 31/05, not done
//! 3 "Tháng 3 đến tháng 6/2026", done 10/06               → due 30/06, done early: counted
//! 4 "Cả năm 2026", marked done on 20/06 (after as_of)    → not done at as_of, not due
//! 5 "Thường xuyên", ongoing                              → neither due nor done
//! 6 "Tháng 01/2026 đến tháng 4/2026", done 30/04         → due 30/04, done
//! counted 1, 2, 3, 6; done 1, 3, 6: 3/4 = 75 % → ">=70" → 1 point of 2.
//! (Were ranges due on 31/12 and early tasks left out, it would be 1/1 = 100 % → 2.)

use crate::harness::{data, run};

#[test]
fn ranged_tasks_fall_due_at_the_end_of_their_last_month_and_early_work_counts() {
    let path = data("dossiers/plan_ranged_early_late");
    let (code, out, err) = run(&["score", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let item = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == "1.3")
        .unwrap();
    assert_eq!(item["value"], "3/4");
    assert_eq!(item["achieved"], "1.00");
    assert_eq!(item["percent"], "50.00");
}

#[test]
fn the_working_names_the_early_and_the_late_dated_tasks() {
    let path = data("dossiers/plan_ranged_early_late");
    let (code, out, err) = run(&["score", path.to_str().unwrap(), "--explain", "1.3"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Kê khai: 75,00%"), "{out}");
    assert!(
        out.contains("từ kế hoạch: 3/4 nhiệm vụ đã hoàn thành (tính cả 1 nhiệm vụ hoàn thành trước hạn); 2 nhiệm vụ chưa đến hạn và chưa hoàn thành"),
        "{out}"
    );
    assert!(
        out.contains("nhiệm vụ 4 ghi hoàn thành nhưng ngày hoàn thành sau ngày đánh giá: chưa tính là hoàn thành"),
        "{out}"
    );
    let (_, out, _) = run(&[
        "score",
        path.to_str().unwrap(),
        "--explain",
        "1.3",
        "--lang",
        "en",
    ]);
    assert!(
        out.contains(
            "from the plan: 3 of 4 tasks are done (including 1 done before they fall due)"
        ),
        "{out}"
    );
}
