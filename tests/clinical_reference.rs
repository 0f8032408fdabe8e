//! Every section of the clinical reference that the code, tests, examples,
//! documentation and default policy cite must exist in
//! `docs/clinical-reference.md`, so that a reader can follow each citation.
//!
//! A citation is any `§n` or `§n.m` in the scanned files, including each item
//! of a list (`CLINICAL-REFERENCE §1.5, §2.4; §0`) and both ends of a range
//! (`§6.2–§6.5`, `§6.2–6.5`). A `§` that follows another document's
//! identifier (`NICE NG209 §1.18`), and the items listed after it, cite that
//! document and are skipped.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const REFERENCE: &str = "docs/clinical-reference.md";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The section numbers of the reference's headings, with how often each occurs.
fn headings() -> BTreeMap<String, usize> {
    let text = fs::read_to_string(root().join(REFERENCE))
        .unwrap_or_else(|e| panic!("cannot read {REFERENCE}: {e}"));
    let mut found = BTreeMap::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code || !line.starts_with('#') {
            continue;
        }
        let rest = line.trim_start_matches('#').trim_start();
        let number: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let number = number.trim_end_matches('.');
        if !number.is_empty() && number.starts_with(|c: char| c.is_ascii_digit()) {
            *found.entry(number.to_string()).or_insert(0) += 1;
        }
    }
    found
}

/// The files to scan: text files under the crate's source, test, example,
/// benchmark and documentation folders (the fuzz crate's `.rs` and `.json`
/// only), and the README and changelog.
fn files() -> Vec<PathBuf> {
    let root = root();
    let mut out = vec![root.join("README.md"), root.join("CHANGELOG.md")];
    for dir in ["src", "tests", "examples", "benches", "docs"] {
        walk(
            &root.join(dir),
            &["rs", "json", "md", "toml", "txt"],
            &mut out,
        );
    }
    walk(&root.join("fuzz"), &["rs", "json"], &mut out);
    out.sort();
    out
}

fn walk(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name == "target" {
            continue;
        }
        if path.is_dir() {
            walk(&path, extensions, out);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| extensions.contains(&e))
        {
            out.push(path);
        }
    }
}

/// One cited section: where, and which.
#[derive(Debug)]
struct Citation {
    line: usize,
    section: String,
}

/// A file's text with each line's indentation and comment markers removed, so
/// that a citation broken across comment lines reads as one, and the offset
/// at which each line starts.
fn flatten(text: &str) -> (String, Vec<usize>) {
    let mut flat = String::with_capacity(text.len());
    let mut starts = Vec::new();
    for line in text.lines() {
        starts.push(flat.len());
        let mut l = line.trim_start();
        for marker in ["//!", "///", "//", "* "] {
            if let Some(rest) = l.strip_prefix(marker) {
                l = rest;
                break;
            }
        }
        flat.push_str(l);
        flat.push('\n');
    }
    (flat, starts)
}

/// Whether `word` identifies another document, such as `NG209`, `PH44` or
/// `CG189`: capital letters followed by digits.
fn names_another_document(word: &str) -> bool {
    let letters = word.chars().take_while(char::is_ascii_uppercase).count();
    letters > 0 && letters < word.len() && word[letters..].chars().all(|c| c.is_ascii_digit())
}

/// Whether the text between two cited sections only joins them into one
/// list or range.
fn only_joins(gap: &str) -> bool {
    gap.split(|c: char| c.is_whitespace() || ",;–—-/&".contains(c))
        .all(|w| w.is_empty() || matches!(w, "and" | "or" | "to"))
}

/// Reads a section number (`6`, `6.11`) at the start of `s`; returns it and
/// its length in bytes. A trailing full stop is not part of it.
fn section_at(s: &str) -> Option<(String, usize)> {
    let bytes = s.as_bytes();
    let digits_from = |i: usize| bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    let mut end = digits_from(0);
    if end == 0 {
        return None;
    }
    while end + 1 < bytes.len() && bytes[end] == b'.' && bytes[end + 1].is_ascii_digit() {
        end += 1;
        end += digits_from(end);
    }
    Some((s[..end].to_string(), end))
}

fn citations(text: &str) -> Vec<Citation> {
    let (flat, starts) = flatten(text);
    let line_of = |offset: usize| starts.partition_point(|&s| s <= offset);
    let mut out = Vec::new();
    // The end of the previous cited section, and whether it cited another document.
    let mut previous: Option<(usize, bool)> = None;
    for (at, _) in flat.match_indices('§') {
        let after = at + '§'.len_utf8();
        let Some((section, len)) = section_at(&flat[after..]) else {
            continue;
        };
        let mut end = after + len;
        let foreign = match previous {
            Some((prev_end, prev_foreign)) if prev_end <= at && only_joins(&flat[prev_end..at]) => {
                prev_foreign
            }
            _ => {
                let word = flat[..at]
                    .trim_end()
                    .rsplit(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
                    .next()
                    .unwrap_or("");
                names_another_document(word)
            }
        };
        let mut cited = vec![section];
        // A range whose second end omits the `§`: `§6.2–6.5`.
        let rest = &flat[end..];
        if let Some(dash) = rest.chars().next().filter(|c| matches!(c, '–' | '-'))
            && let Some((second, len)) = section_at(&rest[dash.len_utf8()..])
        {
            cited.push(second);
            end += dash.len_utf8() + len;
        }
        if !foreign {
            for section in cited {
                out.push(Citation {
                    line: line_of(at),
                    section,
                });
            }
        }
        previous = Some((end, foreign));
    }
    out
}

/// Every citation in the scanned files, with the file it is in.
fn all_citations() -> Vec<(PathBuf, Citation)> {
    let root = root();
    let mut out = Vec::new();
    for path in files() {
        // Binary or non-UTF-8 files hold no citations.
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        let relative = path.strip_prefix(&root).unwrap_or(&path).to_path_buf();
        out.extend(citations(&text).into_iter().map(|c| (relative.clone(), c)));
    }
    out
}

#[test]
fn every_cited_section_is_a_heading_of_the_clinical_reference() {
    let headings = headings();
    let cited = all_citations();
    println!("{} citations checked", cited.len());
    let missing: Vec<String> = cited
        .iter()
        .filter(|(_, c)| !headings.contains_key(&c.section))
        .map(|(path, c)| format!("{}:{}: §{}", path.display(), c.line, c.section))
        .collect();
    assert!(
        missing.is_empty(),
        "{} citation(s) name a section that is not a heading in {REFERENCE}:\n{}",
        missing.len(),
        missing.join("\n")
    );
    assert!(
        cited.len() > 200,
        "only {} citations found: the scanner is not reading the sources",
        cited.len()
    );
    let files: BTreeSet<_> = cited.iter().map(|(p, _)| p).collect();
    for expected in [
        "src/policy/national_default.json",
        "src/instruments/bmi.rs",
        "tests/pat.rs",
    ] {
        assert!(
            files.contains(&PathBuf::from(expected)),
            "no citation found in {expected}"
        );
    }
}

#[test]
fn the_clinical_reference_numbers_each_section_once() {
    let repeated: Vec<String> = headings()
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(s, n)| format!("§{s} ({n} headings)"))
        .collect();
    assert!(
        repeated.is_empty(),
        "{REFERENCE} numbers these sections more than once: {}",
        repeated.join(", ")
    );
}

#[test]
fn the_scanner_sees_known_sections_and_skips_other_documents() {
    let headings = headings();
    for section in [
        "0", "1", "1.3", "1.5", "2.3", "3.2", "4.1", "5.2", "6.2", "6.11", "7", "8.3", "9", "10",
    ] {
        assert!(
            headings.contains_key(section),
            "{REFERENCE} has no heading for §{section}"
        );
    }
    // No heading may be numbered like another document's recommendation.
    assert!(!headings.contains_key("1.18"));

    let found: Vec<String> = citations(
        "/// (CLINICAL-REFERENCE §1.5, §2.4; §0) and §6.2–§6.5, §3.1–3.3.\n\
         /// (CLINICAL-REFERENCE §2.3; NICE NG209 §1.18, §1.19). See\n\
         /// §8.3 and the §§ sign, and §n.\n\
         // split across lines (CLINICAL-REFERENCE\n\
         // §5.2).",
    )
    .into_iter()
    .map(|c| format!("{}:{}", c.line, c.section))
    .collect();
    assert_eq!(
        found,
        [
            "1:1.5", "1:2.4", "1:0", "1:6.2", "1:6.5", "1:3.1", "1:3.3", "2:2.3", "3:8.3", "5:5.2"
        ]
    );
}
