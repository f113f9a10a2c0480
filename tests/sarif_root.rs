//! SARIF locations relative to the project root (`%SRCROOT%`), wherever
//! ragfit runs: from a subfolder of a temporary git repository, with
//! relative and absolute inputs, and with `--root`; every log validated
//! against the SARIF 2.1.0 schema (the copy in `../shared/schemas/` when it
//! is there, which `tests/data/` mirrors).

use assert_cmd::Command;
use serde_json::Value;

const MISMATCH: &str = include_str!("fixtures/check/mismatch.yaml");

fn schema() -> jsonschema::Validator {
    let shared = std::path::Path::new("../shared/schemas/sarif-schema-2.1.0.json");
    let ours = std::fs::read_to_string("tests/data/sarif-schema-2.1.0.json").unwrap();
    let text = match std::fs::read_to_string(shared) {
        Ok(t) => {
            assert_eq!(t, ours, "tests/data/ must mirror ../shared/schemas/");
            t
        }
        Err(_) => ours,
    };
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn sarif(cwd: &std::path::Path, args: &[&str]) -> Value {
    let out = Command::cargo_bin("ragfit")
        .unwrap()
        .args(["check", "-f", "sarif", "--fail-on", "never"])
        .args(args)
        .current_dir(cwd)
        .env("RAGFIT_TODAY", "2030-05-01")
        .env_remove("RAGFIT_RULES")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors: Vec<String> = schema().iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "invalid SARIF: {errors:?}");
    log
}

fn locations(log: &Value) -> Vec<(String, String)> {
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let a = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            (
                a["uri"].as_str().unwrap().to_string(),
                a["uriBaseId"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn uris_are_relative_to_the_git_root_from_a_subfolder_and_for_absolute_paths() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = std::fs::canonicalize(tmp.path()).unwrap();
    assert!(std::process::Command::new("git")
        .args(["init", "-q"])
        .current_dir(&repo)
        .status()
        .unwrap()
        .success());
    std::fs::create_dir_all(repo.join("workloads/team")).unwrap();
    std::fs::create_dir_all(repo.join("docs")).unwrap();
    std::fs::write(repo.join("workloads/team/a.ragfit.yaml"), MISMATCH).unwrap();

    let root_uri = format!("file://{}/", repo.display());
    let expected = (
        "workloads/team/a.ragfit.yaml".to_string(),
        "%SRCROOT%".to_string(),
    );
    // From a sibling subfolder, with a relative path.
    let log = sarif(&repo.join("docs"), &["../workloads/team/a.ragfit.yaml"]);
    assert_eq!(
        log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        root_uri.as_str()
    );
    let locs = locations(&log);
    assert!(!locs.is_empty());
    assert!(locs.iter().all(|l| *l == expected), "{locs:?}");
    // With an absolute path, from inside the file's own directory.
    let abs = repo
        .join("workloads/team/a.ragfit.yaml")
        .display()
        .to_string();
    let from_deep = sarif(&repo.join("workloads/team"), &[&abs]);
    assert!(locations(&from_deep).iter().all(|l| *l == expected));
    // The same findings, the same fingerprints, wherever ragfit ran.
    let prints = |log: &Value| -> Vec<String> {
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["partialFingerprints"]["ragfitFinding/v1"].to_string())
            .collect()
    };
    assert_eq!(prints(&log), prints(&from_deep));
    // --root moves the base.
    let log = sarif(
        &repo,
        &["--root", "workloads", "workloads/team/a.ragfit.yaml"],
    );
    assert_eq!(
        log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        format!("file://{}/workloads/", repo.display()).as_str()
    );
    assert!(locations(&log)
        .iter()
        .all(|l| l.0 == "team/a.ragfit.yaml" && l.1 == "%SRCROOT%"));
    // A file outside the root keeps an absolute URI and no base.
    let outside = tempfile::tempdir().unwrap();
    let elsewhere = outside.path().join("b.ragfit.yaml");
    std::fs::write(&elsewhere, MISMATCH).unwrap();
    let log = sarif(&repo, &[&elsewhere.display().to_string()]);
    assert!(locations(&log)
        .iter()
        .all(|l| l.0.starts_with("file:///") && l.1.is_empty()));
}

#[test]
fn rules_link_to_their_documentation_and_the_driver_to_the_project() {
    let log = sarif(
        std::path::Path::new("."),
        &["tests/fixtures/check/mismatch.yaml"],
    );
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["informationUri"], env!("CARGO_PKG_HOMEPAGE"));
    for r in driver["rules"].as_array().unwrap() {
        let id = r["id"].as_str().unwrap().to_ascii_lowercase();
        assert_eq!(
            r["helpUri"],
            format!("{}#{id}", env!("CARGO_PKG_REPOSITORY")).as_str()
        );
    }
}
