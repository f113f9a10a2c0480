//! Markup shared by the HTML report and the SVG charts: escaping (every
//! string from a workload file is untrusted input), code spans in sentences
//! built by the text renderers, and links that may only be web links.

/// Text made safe for HTML and XML content and attribute values: the five
/// markup characters become entities, and characters XML cannot carry at
/// all (control characters other than tab and newline) become U+FFFD, so an
/// SVG with a hostile name still parses.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(ch),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The mark the shared sentence builders put around code (they take a
/// `fn(&str) -> String`); a private-use character no rule base or workload
/// has reason to contain.
const CODE_MARK: char = '\u{E000}';

/// For the shared sentence builders' `code` argument: mark `s` as code.
pub fn mark_code(s: &str) -> String {
    format!("{CODE_MARK}{s}{CODE_MARK}")
}

/// A sentence with [`mark_code`] marks, escaped, the marked parts in
/// `<code>`. Marks pair up in order and an odd one left over is dropped, so
/// the markup is balanced whatever the text holds.
pub fn sentence(s: &str) -> String {
    let pieces: Vec<&str> = s.split(CODE_MARK).collect();
    let mut out = String::new();
    let last = pieces.len() - 1;
    for (i, piece) in pieces.iter().enumerate() {
        let text = escape(piece);
        if i % 2 == 1 && i < last {
            out.push_str(&format!("<code>{text}</code>"));
        } else {
            out.push_str(&text);
        }
    }
    out
}

/// A link to a source, only when it is a web address (`http:` or `https:`):
/// a rule base is a file too, and a `javascript:` URL must not become a link.
pub fn web_link(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| escape(url.trim()))
}

/// The page's style sheet: inline, so the report is one file that works
/// offline and as a mail attachment; fonts are only named (local ones),
/// never fetched. The summary is moved first with `order`, since it is
/// written last (it needs every file).
const CSS: &str = "\
:root{--rag:#1d4ed8;--fine-tune:#7e22ce;--hybrid:#0e7490;--prompt-only:#15803d;\
--muted:#4b5563;--line:#e5e7eb}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;\
color:#111827;background:#f3f4f6}
header{max-width:1140px;margin:0 auto;padding:20px 24px 0}
h1{font-size:1.6em;margin:0}
.meta{color:var(--muted);margin:.2em 0 0}
main{display:flex;flex-direction:column;max-width:1140px;margin:0 auto;padding:0 24px 24px}
#summary{order:-1}
main>section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 24px 16px;\
margin-top:16px}
h2{font-size:1.3em;margin:.3em 0}
h2 small,.path{font-weight:normal;color:var(--muted);font-size:.8em}
h3{font-size:1.05em;margin:1.2em 0 .4em}
h4{font-size:.95em;margin:1em 0 .3em}
p{margin:.4em 0}
figure{margin:8px 0;overflow-x:auto}
figure svg{max-width:100%;height:auto}
table{border-collapse:collapse;width:100%;font-size:.9em;margin:6px 0}
th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:#f9fafb;font-weight:600}
td.num,th.num{text-align:right;white-space:nowrap}
td.name{font-weight:600;overflow-wrap:anywhere}
/* Fixed columns: the reasons take what the figures leave. */
table.recommendations{table-layout:fixed}
col.name{width:14%}col.outcome{width:10.5%}col.num{width:7.5%}col.review{width:13%}
.recommendations th{font-size:.85em}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,'DejaVu Sans Mono',monospace;\
font-size:.9em;background:#f3f4f6;padding:0 3px;border-radius:3px;overflow-wrap:anywhere}
.badge{display:inline-block;padding:0 8px;border-radius:10px;color:#fff;font-weight:600;\
font-size:.85em;white-space:nowrap}
.badge.rag{background:var(--rag)}.badge.fine-tune{background:var(--fine-tune)}
.badge.hybrid{background:var(--hybrid)}.badge.prompt-only{background:var(--prompt-only)}
.borderline{color:#92400e}
.why ul{margin:0;padding-left:1.1em}
.why p{margin:.3em 0 0}
.label{font-weight:600}
.bar{display:flex;height:26px;border-radius:5px;overflow:hidden;margin:8px 0;color:#fff;\
font-weight:600;font-size:.85em}
.bar span{display:flex;align-items:center;justify-content:center;min-width:2em}
.bar .rag{background:var(--rag)}.bar .fine-tune{background:var(--fine-tune)}
.bar .hybrid{background:var(--hybrid)}.bar .prompt-only{background:var(--prompt-only)}
details{border:1px solid var(--line);border-radius:6px;margin:6px 0;padding:4px 12px}
details[open]{padding-bottom:10px}
summary{cursor:pointer;font-weight:600}
.agree{color:#15803d}.disagree,.error{color:#b91c1c}.waived,.warning{color:#92400e}
.undeclared,.note{color:var(--muted)}
ul.findings{padding-left:1.1em}
ol.sources{font-size:.9em;padding-left:2em}
footer{max-width:1140px;margin:0 auto;padding:0 24px 24px;color:var(--muted);font-size:.85em}
@media print{body{background:#fff}main>section{border:none;padding:0}details{border:none}}
";

/// The start of a page: doctype, head with the style sheet, the heading.
pub fn page_start(title: &str, meta: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"generator\" content=\"ragfit {}\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n\
<body>\n<header>\n<h1>{}</h1>\n<p class=\"meta\">{}</p>\n</header>\n<main>\n",
        env!("CARGO_PKG_VERSION"),
        escape(title),
        escape(title),
        meta
    )
}

/// The end of a page.
pub fn page_end() -> String {
    format!(
        "</main>\n<footer>Made by ragfit {}: one file, no scripts, nothing fetched; \
links go only to the sources the rule base cites.</footer>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    )
}

/// An outcome as a coloured badge.
pub fn badge(o: crate::rules::Outcome) -> String {
    format!("<span class=\"badge {0}\">{0}</span>", o.id())
}

/// A table: a header row (already-escaped cells) and rows of cells, each
/// `(class, html)`.
pub fn table(head: &[&str], rows: &[Vec<(&str, String)>]) -> String {
    let mut out = String::from("<table>\n<thead><tr>");
    for h in head {
        out.push_str(&format!("<th>{h}</th>"));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for (class, cell) in row {
            if class.is_empty() {
                out.push_str(&format!("<td>{cell}</td>"));
            } else {
                out.push_str(&format!("<td class=\"{class}\">{cell}</td>"));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// Sources as links where they have a web address: `cite — claim`.
pub fn sources_inline(list: &[crate::rules::Source]) -> String {
    if list.is_empty() {
        return "<span class=\"note\">no source given</span>".into();
    }
    list.iter()
        .map(|s| {
            let cite = match s.link().as_deref().and_then(web_link) {
                Some(href) => format!("<a href=\"{href}\">{}</a>", escape(&s.cite)),
                None => escape(&s.cite),
            };
            match &s.claim {
                Some(claim) => format!("{cite} — {}", escape(claim)),
                None => cite,
            }
        })
        .collect::<Vec<_>>()
        .join("<br>")
}

/// The rule base's sources, numbered once for the whole page: rules,
/// gates and notes cite them as `[n]` linking to the list at the end of the
/// page, so a source cited by every component is written out once (an
/// explanation per component would otherwise repeat every link and claim).
#[derive(Clone, Debug, Default)]
pub struct SourceIndex {
    list: Vec<crate::rules::Source>,
}

impl SourceIndex {
    /// Every source of the rule base, in rule-base order.
    pub fn of(rb: &crate::rules::RuleBase) -> Self {
        let mut list: Vec<crate::rules::Source> = Vec::new();
        let all = rb
            .rules
            .iter()
            .flat_map(|r| &r.sources)
            .chain(rb.gates.iter().flat_map(|g| &g.sources))
            .chain(rb.notes.iter().flat_map(|n| &n.sources));
        for s in all {
            if !list.iter().any(|x| x.cite == s.cite && x.url == s.url) {
                list.push(s.clone());
            }
        }
        SourceIndex { list }
    }

    /// `[n]` references to these sources, each linking to its entry (where
    /// the claim and the link are).
    pub fn cite(&self, sources: &[crate::rules::Source]) -> String {
        if sources.is_empty() {
            return "<span class=\"note\">no source given</span>".into();
        }
        sources
            .iter()
            .map(|s| {
                match self
                    .list
                    .iter()
                    .position(|x| x.cite == s.cite && x.url == s.url)
                {
                    Some(i) => format!("<a href=\"#src-{n}\">[{n}]</a>", n = i + 1),
                    // Not in the index (never for the rule base it was made of).
                    None => sources_inline(std::slice::from_ref(s)),
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The page's list of sources: `[n] cite — claim`, the cite a link.
    pub fn section(&self) -> String {
        if self.list.is_empty() {
            return String::new();
        }
        let mut out =
            String::from("<section id=\"sources\">\n<h2>Sources</h2>\n<ol class=\"sources\">\n");
        for (i, s) in self.list.iter().enumerate() {
            out.push_str(&format!(
                "<li id=\"src-{}\">{}</li>\n",
                i + 1,
                sources_inline(std::slice::from_ref(s))
            ));
        }
        out.push_str("</ol>\n</section>\n");
        out
    }
}

/// A stable id for an anchor, from the parts it names (paths, names): the
/// same on every run, safe in any attribute, and different for different
/// parts (a 64-bit FNV hash).
pub fn anchor(prefix: &str, parts: &[&str]) -> String {
    use std::hash::Hasher;
    let mut h = fnv::FnvHasher::default();
    for p in parts {
        h.write(p.as_bytes());
        h.write_u8(0);
    }
    format!("{prefix}-{:016x}", h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_control_characters_replaced() {
        assert_eq!(
            escape("<script>alert('x' & \"y\")</script>\u{1}"),
            "&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;\u{FFFD}"
        );
    }

    #[test]
    fn code_marks_become_balanced_code_spans() {
        let s = format!("use {} not {}", mark_code("rag"), mark_code("<b>"));
        assert_eq!(
            sentence(&s),
            "use <code>rag</code> not <code>&lt;b&gt;</code>"
        );
        let odd = format!("a {CODE_MARK}b");
        assert_eq!(sentence(&odd), "a b");
    }

    #[test]
    fn only_web_links_are_links() {
        assert_eq!(
            web_link("https://a.b/?x=1&y=2").unwrap(),
            "https://a.b/?x=1&amp;y=2"
        );
        assert!(web_link("javascript:alert(1)").is_none());
        assert!(web_link("data:text/html,x").is_none());
    }
}
