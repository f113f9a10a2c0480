//! The `exclude` globs of the configuration file: `*` (any characters but
//! `/`), `?` (one character but `/`) and `**` (any number of whole path
//! segments), matched against a path relative to the configuration's
//! directory, gitignore-style: a pattern without a `/` matches a name at any
//! depth, and a pattern that matches a directory excludes everything in it.
//!
//! Three wildcards are all the configuration needs, so they are matched
//! here rather than through a glob crate and its regex engine.

/// One `exclude` pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Glob {
    segments: Vec<String>,
}

impl Glob {
    /// A pattern; the error says what is wrong with it.
    pub fn new(pattern: &str) -> Result<Glob, String> {
        let p = pattern.trim();
        if p.starts_with('/') {
            return Err(
                "a pattern is relative to the configuration's directory; drop the leading `/`"
                    .into(),
            );
        }
        let p = p.trim_end_matches('/');
        if p.is_empty() {
            return Err("the pattern is empty".into());
        }
        let mut segments: Vec<String> = p
            .split('/')
            .filter(|s| !s.is_empty() && *s != ".")
            .map(str::to_string)
            .collect();
        if let Some(bad) = segments
            .iter()
            .find(|s| s.contains("**") && s.as_str() != "**")
        {
            return Err(format!(
                "`**` must be a whole path segment (`a/**/b`), not part of `{bad}`"
            ));
        }
        if segments.iter().any(|s| s == "..") {
            return Err("a pattern cannot leave the configuration's directory (`..`)".into());
        }
        // gitignore: a name alone matches at any depth.
        if !p.contains('/') {
            segments.insert(0, "**".into());
        }
        Ok(Glob { segments })
    }

    /// Whether `path` (`/`-separated, relative) or one of the directories it
    /// lies in matches.
    pub fn matches_path(&self, path: &str) -> bool {
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        (1..=parts.len()).any(|n| segments_match(&self.segments, &parts[..n]))
    }
}

fn segments_match(pattern: &[String], path: &[&str]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((first, rest)) if first == "**" => {
            (0..=path.len()).any(|skip| segments_match(rest, &path[skip..]))
        }
        Some((first, rest)) => match path.split_first() {
            Some((name, more)) => segment_matches(first, name) && segments_match(rest, more),
            None => false,
        },
    }
}

/// `*` and `?` within one segment (backtracking on the last `*`, linear in practice).
fn segment_matches(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while j < n.len() {
        if i < p.len() && (p[i] == '?' || p[i] == n[j]) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some((i, j));
            i += 1;
        } else if let Some((si, sj)) = star {
            i = si + 1;
            j = sj + 1;
            star = Some((si, sj + 1));
        } else {
            return false;
        }
    }
    p[i..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, path: &str) -> bool {
        Glob::new(pattern).unwrap().matches_path(path)
    }

    #[test]
    fn wildcards_segments_and_directories() {
        assert!(m("drafts/**", "drafts/a.yaml"));
        assert!(m("drafts", "drafts/x/a.yaml"));
        assert!(
            m("drafts", "sub/drafts/a.yaml"),
            "a bare name matches at any depth"
        );
        assert!(!m("workloads/drafts", "sub/workloads/drafts/a.yaml"));
        assert!(m("workloads/drafts/", "workloads/drafts/a.yaml"));
        assert!(m("*.draft.yaml", "w/x.draft.yaml"));
        assert!(!m("*.draft.yaml", "w/x.yaml"));
        assert!(m("w/*.yaml", "w/a.yaml"));
        assert!(!m("w/*.yaml", "w/sub/a.yaml"), "`*` stays within a segment");
        assert!(m("w/**/*.yaml", "w/sub/deeper/a.yaml"));
        assert!(m("w/**/*.yaml", "w/a.yaml"), "`**` may be no segment");
        assert!(m("a?c.yaml", "abc.yaml"));
        assert!(!m("a?c.yaml", "a/c.yaml"));
        assert!(m("*", "anything/at/all.yaml"));
    }

    #[test]
    fn bad_patterns_say_why() {
        assert!(Glob::new("/abs").unwrap_err().contains("relative"));
        assert!(Glob::new("a**b")
            .unwrap_err()
            .contains("whole path segment"));
        assert!(Glob::new("../x").unwrap_err().contains("cannot leave"));
        assert!(Glob::new(" ").unwrap_err().contains("empty"));
    }
}
