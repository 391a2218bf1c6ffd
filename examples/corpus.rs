//! Writes a realistic, deterministic corpus of bilingual statements for
//! benchmarks: a site root with N records (rebuttals and myth-busters in
//! English and Hindi, with figures, quotes, myths, sources, corrections and
//! tags), the repository's settings, locales and templates.
//!
//!     cargo run --release --example corpus -- --records 1000 --out /dev/shm/corpus [--seed 7]
//!
//! The same seed and count give the same bytes.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// A small xorshift generator: deterministic across platforms and releases,
/// which a benchmark corpus needs more than statistical quality.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Sentences in both languages, each using the figure `{ $n }` or none.
const SENTENCES: [(&str, &str); 16] = [
    (
        "The platform keeps all vaccination data in a secure digital environment.",
        "प्लेटफॉर्म टीकाकरण का सारा डेटा एक सुरक्षित डिजिटल वातावरण में रखता है।",
    ),
    (
        "No data held on the platform is shared with any entity outside it.",
        "प्लेटफॉर्म पर रखा गया कोई भी डेटा उससे बाहर किसी संस्था के साथ साझा नहीं किया जाता।",
    ),
    (
        "Every login is protected by a one-time password sent to a registered mobile number.",
        "हर लॉग-इन पंजीकृत मोबाइल नंबर पर भेजे गए वन टाइम पासवर्ड से सुरक्षित है।",
    ),
    (
        "The reports circulating on social media are not based on any official document.",
        "सोशल मीडिया पर प्रसारित खबरें किसी आधिकारिक दस्तावेज पर आधारित नहीं हैं।",
    ),
    ("Over { $n } people have registered on the portal so far.", "अब तक { $n } से अधिक लोग पोर्टल पर पंजीकरण करा चुके हैं।"),
    (
        "The ministry has asked citizens to rely only on official sources of information.",
        "मंत्रालय ने नागरिकों से केवल आधिकारिक सूचना स्रोतों पर भरोसा करने का आग्रह किया है।",
    ),
    (
        "A technical team examined the claim and found no evidence of any breach.",
        "एक तकनीकी दल ने दावे की जांच की और किसी सेंधमारी का कोई सबूत नहीं पाया।",
    ),
    (
        "States have received { $n } doses under the national programme.",
        "राष्ट्रीय कार्यक्रम के तहत राज्यों को { $n } खुराकें मिल चुकी हैं।",
    ),
    (
        "The figures quoted in the post do not match the records of the department.",
        "पोस्ट में दिए गए आंकड़े विभाग के रिकॉर्ड से मेल नहीं खाते।",
    ),
    (
        "The scheme continues without any change, and no benefit has been withdrawn.",
        "योजना बिना किसी बदलाव के जारी है और कोई लाभ वापस नहीं लिया गया है।",
    ),
    (
        "Misleading messages are being forwarded on messaging apps with a forged letterhead.",
        "मैसेजिंग ऐप्स पर जाली लेटरहेड के साथ भ्रामक संदेश आगे भेजे जा रहे हैं।",
    ),
    (
        "Citizens can verify any circular on the official website of the ministry.",
        "नागरिक किसी भी परिपत्र की पुष्टि मंत्रालय की आधिकारिक वेबसाइट पर कर सकते हैं।",
    ),
    (
        "The helpline has answered { $n } calls since the service began.",
        "सेवा शुरू होने के बाद से हेल्पलाइन { $n } कॉल का जवाब दे चुकी है।",
    ),
    (
        "Action will be taken against those who spread false information.",
        "झूठी सूचना फैलाने वालों के खिलाफ कार्रवाई की जाएगी।",
    ),
    (
        "The data shown in the video belongs to a different year and a different state.",
        "वीडियो में दिखाया गया डेटा किसी दूसरे वर्ष और दूसरे राज्य का है।",
    ),
    (
        "All vaccines in use have been approved by the national regulator.",
        "उपयोग में आ रहे सभी टीकों को राष्ट्रीय नियामक की मंजूरी मिली है।",
    ),
];

const TOPICS: [(&str, &str); 6] = [
    ("a leak of CoWIN data", "कोविन से डेटा लीक होने"),
    ("a halt to the vaccination programme", "टीकाकरण कार्यक्रम रोके जाने"),
    ("a new fee for registration", "पंजीकरण पर नया शुल्क लगने"),
    ("the withdrawal of pension benefits", "पेंशन लाभ वापस लिए जाने"),
    ("a shortage of vaccine doses", "टीके की खुराकों की कमी होने"),
    ("a fake recruitment notice", "फर्जी भर्ती सूचना जारी होने"),
];

const VERDICTS: [&str; 5] = ["fake", "false", "misleading", "baseless", "out-of-context"];
const TAGS: [&str; 3] = ["cowin", "data-security", "vaccination"];

struct Args {
    records: usize,
    out: PathBuf,
    hugo: Option<PathBuf>,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args { records: 1000, out: PathBuf::from("target/corpus"), hugo: None, seed: 7 };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--records" => args.records = value.parse().map_err(|_| format!("bad count {value}"))?,
            "--out" => args.out = PathBuf::from(value),
            "--seed" => args.seed = value.parse().map_err(|_| format!("bad seed {value}"))?,
            "--hugo" => args.hugo = Some(PathBuf::from(value)),
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(args)
}

/// A paragraph of 3 to 5 sentences in both languages.
fn paragraph(rng: &mut Rng) -> (String, String) {
    let mut en = Vec::new();
    let mut hi = Vec::new();
    for _ in 0..3 + rng.below(3) {
        let (e, h) = rng.pick(&SENTENCES);
        en.push(*e);
        hi.push(*h);
    }
    (en.join(" "), hi.join(" "))
}

fn text(out: &mut String, indent: &str, (en, hi): &(String, String)) {
    let _ = writeln!(out, "{indent}en: \"{en}\"");
    let _ = writeln!(out, "{indent}hi: \"{hi}\"");
}

/// The parts of a generated statement, from which both sites are written.
struct Statement {
    rebuttal: bool,
    topic: (&'static str, &'static str),
    verdict: &'static str,
    n: usize,
    claim: (String, String),
    facts: Vec<(String, String)>,
    action: (String, String),
    myths: Vec<((String, String), (String, String))>,
    quote: (String, String),
    tag: &'static str,
}

fn generate(rng: &mut Rng, index: usize) -> Statement {
    let rebuttal = index % 4 != 3;
    let topic = *rng.pick(&TOPICS);
    let verdict = *rng.pick(&VERDICTS);
    let n = (1 + rng.below(999)) * 100_000;
    let facts = 6 + rng.below(3);
    let claim = paragraph(rng);
    let (facts, action, myths) = if rebuttal {
        ((0..facts).map(|_| paragraph(rng)).collect(), paragraph(rng), Vec::new())
    } else {
        (Vec::new(), (String::new(), String::new()), (0..facts / 2).map(|_| (paragraph(rng), paragraph(rng))).collect())
    };
    let quote = paragraph(rng);
    let tag = *rng.pick(&TAGS);
    Statement { rebuttal, topic, verdict, n, claim, facts, action, myths, quote, tag }
}

/// One record's YAML, about 500 words per language.
fn record(statement: &Statement, index: usize, date: &str, related: Option<&str>) -> String {
    let mut out = String::new();
    let (topic_en, topic_hi) = statement.topic;
    let _ = writeln!(out, "kind: {}", if statement.rebuttal { "rebuttal" } else { "myth-buster" });
    let _ = writeln!(out, "status: published\ndate: {date}\nissuer: mohfw");
    if statement.rebuttal {
        let _ = writeln!(out, "verdict: {}", statement.verdict);
    }
    let _ = writeln!(out, "topic: {{ en: \"{topic_en}\", hi: \"{topic_hi}\" }}");
    let _ = writeln!(out, "figures: {{ n: {} }}", statement.n);
    if statement.rebuttal {
        out.push_str("claim:\n  text:\n");
        text(&mut out, "    ", &statement.claim);
        out.push_str("  claimant: { en: posts on social media, hi: सोशल मीडिया पोस्ट }\n");
        let _ = writeln!(out, "  first_seen: {date}\n  appearances: [https://social.example/post/{index}]");
        out.push_str("facts:\n");
        for fact in &statement.facts {
            out.push_str("  -\n");
            text(&mut out, "    ", fact);
        }
        out.push_str("actions:\n  -\n");
        text(&mut out, "    ", &statement.action);
    } else {
        out.push_str("myths:\n");
        for (myth, fact) in &statement.myths {
            out.push_str("  - myth:\n");
            text(&mut out, "      ", myth);
            out.push_str("    fact:\n");
            text(&mut out, "      ", fact);
        }
    }
    out.push_str("quotes:\n  - by: rs-sharma\n    text:\n");
    text(&mut out, "      ", &statement.quote);
    let _ = writeln!(out, "sources:\n  - title: {{ en: Press release {index}, hi: प्रेस विज्ञप्ति {index} }}");
    let _ = writeln!(out, "    url: https://www.mohfw.gov.in/release/{index}");
    if let Some(related) = related {
        let _ = writeln!(out, "related: [{related}]");
    }
    let _ = writeln!(out, "contact: media-cell\ntags: [{}]", statement.tag);
    if index.is_multiple_of(5) {
        let _ = writeln!(
            out,
            "updates:\n  - date: {date}\n    note: {{ en: The figures were revised., hi: आंकड़े संशोधित किए गए। }}"
        );
    }
    out
}

/// The same statement as a Hugo content file in one language: the same
/// words, headings and lists, with the figure written out.
fn hugo_page(statement: &Statement, lang: usize, date: &str) -> String {
    let pick = |pair: &(String, String)| if lang == 0 { pair.0.clone() } else { pair.1.clone() };
    let fill = |text: String| text.replace("{ $n }", &statement.n.to_string());
    let topic = if lang == 0 { statement.topic.0 } else { statement.topic.1 };
    let title = if lang == 0 {
        format!("Health Ministry dismisses reports of {topic} as {}", statement.verdict)
    } else {
        format!("स्वास्थ्य मंत्रालय ने {topic} की खबरों को खारिज किया")
    };
    let headings: [&str; 5] = if lang == 0 {
        ["The claim", "The facts", "Action taken", "Myths and facts", "What was said"]
    } else {
        ["दावा", "तथ्य", "की गई कार्रवाई", "मिथक और तथ्य", "आधिकारिक बयान"]
    };
    let mut out = format!("---\ntitle: \"{title}\"\ndate: {date}\ntags: [\"{}\"]\n---\n\n", statement.tag);
    if statement.rebuttal {
        let _ = writeln!(out, "## {}\n\n> {}\n", headings[0], fill(pick(&statement.claim)));
        let _ = writeln!(out, "## {}\n", headings[1]);
        for fact in &statement.facts {
            let _ = writeln!(out, "- {}", fill(pick(fact)));
        }
        let _ = writeln!(out, "\n## {}\n\n- {}\n", headings[2], fill(pick(&statement.action)));
    } else {
        let _ = writeln!(out, "## {}\n", headings[3]);
        for (myth, fact) in &statement.myths {
            let _ = writeln!(out, "**Myth:** {}\n\n**Fact:** {}\n", fill(pick(myth)), fill(pick(fact)));
        }
    }
    let _ = writeln!(out, "## {}\n\n> {}", headings[4], fill(pick(&statement.quote)));
    out
}

/// Hugo's settings and layouts for the same bilingual site: statement
/// pages with hreflang alternates, paginated lists, tag pages, a feed per
/// language (Hugo's RSS) and a sitemap.
fn write_hugo_site(hugo: &Path) -> std::io::Result<()> {
    fs::create_dir_all(hugo.join("layouts/_default"))?;
    fs::write(hugo.join("hugo.toml"), HUGO_CONFIG)?;
    fs::write(hugo.join("layouts/_default/baseof.html"), HUGO_BASEOF)?;
    fs::write(hugo.join("layouts/_default/single.html"), HUGO_SINGLE)?;
    fs::write(hugo.join("layouts/_default/list.html"), HUGO_LIST)?;
    Ok(())
}

const HUGO_CONFIG: &str = r#"baseURL = "https://factcheck.example.gov.in/"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
paginate = 20
rssLimit = 50
disableKinds = []
[languages.en]
  contentDir = "content/en"
  languageName = "English"
  title = "Health Ministry Fact Check"
  weight = 1
[languages.hi]
  contentDir = "content/hi"
  languageName = "हिन्दी"
  title = "स्वास्थ्य मंत्रालय तथ्य जांच"
  weight = 2
[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML", "RSS"]
  taxonomy = ["HTML"]
  term = ["HTML"]
"#;

const HUGO_BASEOF: &str = r#"<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}">
<head>
<meta charset="utf-8">
<title>{{ .Title }} | {{ .Site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{ range .Translations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}<link rel="stylesheet" href="/style.css">
</head>
<body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a>{{ end }}
</header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"#;

const HUGO_SINGLE: &str = r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
{{ .Content }}
<p>{{ range .Params.tags }}<a href="{{ "tags/" | relLangURL }}{{ . | urlize }}/">{{ . }}</a> {{ end }}</p>
</article>{{ end }}
"#;

const HUGO_LIST: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ol>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2 January 2006" }}</time></li>
{{ end }}</ol>
{{ template "_internal/pagination.html" . }}{{ end }}
"#;

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse_args()?;
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    if args.out.join("statements").exists() {
        fs::remove_dir_all(args.out.join("statements"))?;
    }
    if let Some(hugo) = &args.hugo
        && hugo.join("content").exists()
    {
        fs::remove_dir_all(hugo.join("content"))?;
    }
    fs::create_dir_all(&args.out)?;
    fs::copy(repo.join("tathya.yaml"), args.out.join("tathya.yaml"))?;
    copy_dir(&repo.join("locales"), &args.out.join("locales"))?;
    copy_dir(&repo.join("templates"), &args.out.join("templates"))?;
    let mut rng = Rng(args.seed.max(1).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut previous: Option<String> = None;
    for index in 0..args.records {
        let year = 2019 + index % 8;
        let month = 1 + (index / 8) % 12;
        let day = 1 + (index / 96) % 28;
        let id = format!("{year}/{month:02}/statement-{index:06}");
        let date = format!("{year}-{month:02}-{day:02}");
        let related = if index.is_multiple_of(3) { previous.as_deref() } else { None };
        let statement = generate(&mut rng, index);
        let path = args.out.join("statements").join(format!("{id}.yaml"));
        fs::create_dir_all(path.parent().ok_or("no parent")?)?;
        fs::write(path, record(&statement, index, &date, related))?;
        if let Some(hugo) = &args.hugo {
            for (lang, code) in ["en", "hi"].iter().enumerate() {
                let page = hugo.join("content").join(code).join(format!("{id}.md"));
                fs::create_dir_all(page.parent().ok_or("no parent")?)?;
                fs::write(page, hugo_page(&statement, lang, &date))?;
            }
        }
        previous = Some(id);
    }
    if let Some(hugo) = &args.hugo {
        write_hugo_site(hugo)?;
    }
    eprintln!("wrote {} records to {}", args.records, args.out.display());
    Ok(())
}
