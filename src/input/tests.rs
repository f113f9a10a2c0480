//! Unit tests of input.rs: decoding, positions of bad bytes, de-duplication.

use super::*;

/// The names a walk gives the sources, as strings relative to `dir`.
fn names(dir: &Path, args: &[&str]) -> Vec<String> {
    let args: Vec<String> = args
        .iter()
        .map(|a| dir.join(a).display().to_string())
        .collect();
    let (sources, problems) = expand(&args);
    assert!(problems.is_empty(), "{problems:?}");
    sources
        .iter()
        .map(|s| {
            s.display()
                .strip_prefix(&format!("{}/", dir.display()))
                .unwrap()
                .to_string()
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn a_file_reached_several_ways_is_read_once() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::create_dir_all(d.join("w/real")).unwrap();
    fs::write(d.join("w/a.yaml"), "workload: a\n").unwrap();
    fs::write(d.join("w/real/c.yaml"), "workload: c\n").unwrap();
    // A link to a file the walk also finds, and a link to a directory it
    // also walks: each file once, under the first name in path order.
    symlink("a.yaml", d.join("w/b.yaml")).unwrap();
    symlink("real", d.join("w/linked")).unwrap();
    assert_eq!(names(d, &["w"]), ["w/a.yaml", "w/linked/c.yaml"]);
    // The same tree named twice, and one of its files named explicitly
    // (`w/../w/…` sorts first, so it names them).
    assert_eq!(
        names(d, &["w", "w/real/c.yaml", "w/../w"]),
        ["w/../w/a.yaml", "w/../w/linked/c.yaml"]
    );
    // Without links, a walk's files keep their own names.
    fs::remove_file(d.join("w/b.yaml")).unwrap();
    fs::remove_file(d.join("w/linked")).unwrap();
    assert_eq!(names(d, &["w", "w"]), ["w/a.yaml", "w/real/c.yaml"]);
}

#[test]
fn positions_of_bad_bytes() {
    assert_eq!(line_col(b"ab\ncd\xff", 5), Pos::new(2, 3));
    assert_eq!(line_col(b"x", 0), Pos::new(1, 1));
}

#[test]
fn refuses_binary_empty_and_non_utf8() {
    assert!(decode(b"a: 1\0".to_vec(), "f")
        .unwrap_err()
        .message
        .contains("binary"));
    assert!(decode(b"  \n".to_vec(), "f")
        .unwrap_err()
        .message
        .contains("empty"));
    let e = decode(b"a: \xc3\x28".to_vec(), "f").unwrap_err();
    assert_eq!(e.pos, Some(Pos::new(1, 4)));
    assert_eq!(decode(b"\xEF\xBB\xBFa: 1".to_vec(), "f").unwrap(), "a: 1");
    let utf16 = decode(b"\xFF\xFEa\0:\0".to_vec(), "f").unwrap_err();
    assert_eq!(
        utf16.to_string(),
        "f: file is UTF-16 text (save the file as UTF-8)"
    );
    for utf32 in [&b"\xFF\xFE\0\0a\0\0\0"[..], b"\0\0\xFE\xFF\0\0\0a"] {
        assert_eq!(
            decode(utf32.to_vec(), "f").unwrap_err().to_string(),
            "f: file is UTF-32 text (save the file as UTF-8)"
        );
    }
}

/// A file the walk found regular and that became a FIFO before it was read
/// is refused at once, not waited on (there is no writer); a regular file
/// reads as `read_text` reads it.
#[cfg(unix)]
#[test]
fn a_found_file_that_became_a_fifo_is_refused_not_waited_on() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("a.yaml");
    fs::write(&file, "workload: w\n").unwrap();
    assert_eq!(
        read_found(&file, "a.yaml").unwrap(),
        read_text(&file, "a.yaml").unwrap()
    );
    let fifo = tmp.path().join("f.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(
        made.is_ok_and(|s| s.success()),
        "mkfifo (coreutils) is needed"
    );
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(read_found(&fifo, "f.yaml")).unwrap());
    let got = rx
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("reading a FIFO waited for a writer");
    let d = got.expect_err("a FIFO is not a workload file");
    assert!(
        d.to_string()
            .contains("f.yaml: a FIFO (named pipe), not a workload file"),
        "{d}"
    );
}
