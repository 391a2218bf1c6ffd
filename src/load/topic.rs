//! A rebuttal's topic is what the reports or the claim are about: the
//! headline and the lead name the reports themselves ("… की खबरों को …",
//! "reports of …"). A topic that names them again reads "की खबरें की
//! खबरों" or "reports of reports of"; this finds such a topic and what is
//! left without the repeated words.

/// Nouns for what was false, which the headline and lead add in Hindi: a
/// topic that ends in one repeats it.
const HINDI_NOUNS: [&str; 12] =
    ["खबर", "खबरें", "खबरों", "समाचार", "रिपोर्ट", "रिपोर्टें", "रिपोर्टों", "अफवाह", "अफवाहें", "अफवाहों", "दावा", "दावे"];

/// What joins the topic to such a noun, longest first.
const HINDI_JOINS: [&str; 10] = ["के बारे में", "से संबंधित", "से जुड़ी", "से जुड़े", "से जुड़ा", "संबंधी", "की", "के", "का", "पर"];

/// How an English topic that repeats the reports begins, lowercase.
const ENGLISH_STARTS: [&str; 14] = [
    "reports of ",
    "reports that ",
    "report of ",
    "news of ",
    "news that ",
    "claims of ",
    "claims that ",
    "claim of ",
    "claim that ",
    "the claim of ",
    "the claim that ",
    "a claim of ",
    "rumours of ",
    "rumors of ",
];

/// The words of `topic` (in `lang`) that repeat what the headline adds, and
/// the topic without them; `None` when it repeats nothing or the language
/// has no list.
pub fn repeated(lang: &str, topic: &str) -> Option<(String, String)> {
    match lang {
        "hi" => repeated_hindi(topic),
        "en" => repeated_english(topic),
        _ => None,
    }
}

fn repeated_hindi(topic: &str) -> Option<(String, String)> {
    let words: Vec<&str> = topic.split_whitespace().collect();
    let (last, rest) = words.split_last()?;
    if !HINDI_NOUNS.contains(last) {
        return None;
    }
    let rest = rest.join(" ");
    let join = HINDI_JOINS.iter().find(|join| rest.ends_with(&format!(" {join}")))?;
    let kept = rest[..rest.len() - join.len() - 1].trim_end().to_owned();
    Some((format!("{join} {last}"), kept))
}

fn repeated_english(topic: &str) -> Option<(String, String)> {
    let lower = topic.to_lowercase();
    let start = ENGLISH_STARTS.iter().find(|start| lower.starts_with(*start))?;
    // The starts are ASCII, so their length in `topic` is the same.
    let kept = topic.get(start.len()..)?.trim_start().to_owned();
    (!kept.is_empty()).then(|| (topic[..start.len()].trim_end().to_owned(), kept))
}

#[cfg(test)]
mod tests {
    use super::repeated;

    #[test]
    fn a_topic_that_names_the_reports_again() {
        let found = |lang, topic| repeated(lang, topic).map(|(words, kept)| format!("{words} | {kept}"));
        assert_eq!(found("hi", "नए नियम की खबरें").as_deref(), Some("की खबरें | नए नियम"));
        assert_eq!(found("hi", "नए नियम के बारे में खबर").as_deref(), Some("के बारे में खबर | नए नियम"));
        assert_eq!(found("hi", "पेंशन संबंधी दावा").as_deref(), Some("संबंधी दावा | पेंशन"));
        assert_eq!(found("en", "Reports of a new rule").as_deref(), Some("Reports of | a new rule"));
        assert_eq!(found("en", "claims that CoWIN was hacked").as_deref(), Some("claims that | CoWIN was hacked"));
    }

    #[test]
    fn a_topic_that_does_not() {
        for (lang, topic) in [
            ("hi", "नए नियम"),
            ("hi", "झूठा दावा"),
            ("hi", "खबरें"),
            ("hi", "अखबार"),
            ("en", "a new rule on pensions"),
            ("en", "a report card scheme"),
            ("en", "reports of"),
        ] {
            assert_eq!(repeated(lang, topic), None, "{topic}");
        }
    }
}
