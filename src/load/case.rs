//! The case of a rebuttal's Hindi topic. The topic stands before की, के or
//! संबंधी in the headline and the lead, so it must be in the oblique case:
//! "पुराने कानून", not "पुराना कानून". Only its head changes, with the words
//! that directly qualify a noun head: inside a verbal noun the subject,
//! object and predicate stay as they are ("बैंक खाता बंद होने", "कोविन का
//! डेटा लीक होने"). The advice errs on the side of silence: a word tathya
//! does not know to change is left alone, never guessed at.

/// What to tell the author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Advice {
    /// Write the topic so.
    Write(String),
    /// The topic ends in a finite verb: make it a verbal noun.
    Rephrase,
}

/// Finite verbs: a topic that ends in one is a sentence, not a noun phrase.
const FINITE: [&str; 17] =
    ["है", "हैं", "था", "थी", "थे", "गया", "गई", "गए", "हुआ", "हुई", "हुए", "रहा", "रही", "रहे", "सकता", "सकती", "सकते"];

/// Feminine nouns in -ना, which do not change: a final -ना that is not one
/// of these nor a masculine noun of [`DECLINING_NOUNS`] is a verbal noun
/// (होना → होने).
const FEMININE_NA: [&str; 33] = [
    "योजना",
    "परियोजना",
    "सूचना",
    "अधिसूचना",
    "घटना",
    "दुर्घटना",
    "रचना",
    "कल्पना",
    "परिकल्पना",
    "तुलना",
    "भावना",
    "आलोचना",
    "संभावना",
    "प्रार्थना",
    "स्थापना",
    "कामना",
    "यातना",
    "गणना",
    "जनगणना",
    "मतगणना",
    "चेतना",
    "वेदना",
    "सेना",
    "नौसेना",
    "वायुसेना",
    "प्रस्तावना",
    "सांत्वना",
    "याचना",
    "वंदना",
    "साधना",
    "अवहेलना",
    "उपासना",
    "अर्चना",
];

/// Masculine nouns in -ा (-या) that change in the oblique: दावा → दावे.
const DECLINING_NOUNS: [&str; 62] = [
    "दावा",
    "टीका",
    "छापा",
    "इस्तीफा",
    "घपला",
    "फैसला",
    "मामला",
    "खाता",
    "भत्ता",
    "किराया",
    "रास्ता",
    "पैसा",
    "हमला",
    "घोटाला",
    "इलाका",
    "धमाका",
    "नक्शा",
    "मुद्दा",
    "वादा",
    "इरादा",
    "सौदा",
    "चंदा",
    "झगड़ा",
    "धंधा",
    "ढांचा",
    "कमरा",
    "लड़का",
    "बेटा",
    "रुपया",
    "कपड़ा",
    "धोखा",
    "नारा",
    "पर्चा",
    "नतीजा",
    "तरीका",
    "सिलसिला",
    "कब्जा",
    "दर्जा",
    "हिस्सा",
    "टुकड़ा",
    "पौधा",
    "मसौदा",
    "फायदा",
    "घाटा",
    "बंटवारा",
    "मोर्चा",
    "ठेका",
    "अड्डा",
    "जुर्माना",
    "खजाना",
    "थाना",
    "निशाना",
    "ठिकाना",
    "बहाना",
    "जमाना",
    "पैमाना",
    "नमूना",
    "कारखाना",
    "हर्जाना",
    "घराना",
    "गाना",
    "खाना",
];

/// Masculine nouns in -ा that do not change in the oblique: kinship words,
/// loan words and names ("राजा के आदेश", "डेटा के लीक"). Nouns in -ता
/// after a masculine qualifier are agent nouns (नेता, प्रवक्ता) and do not
/// change either.
const INVARIANT_A: [&str; 16] = [
    "राजा",
    "पिता",
    "दादा",
    "नाना",
    "चाचा",
    "मामा",
    "काका",
    "बाबा",
    "योद्धा",
    "डेटा",
    "मीडिया",
    "एजेंडा",
    "कोटा",
    "टाटा",
    "आत्मा",
    "महात्मा",
];

/// Words that stand between a genitive subject and होना as its predicate,
/// so that the genitive belongs to the verbal noun: "राशन कार्ड का रद्द
/// होना" → "राशन कार्ड के रद्द होने".
const PREDICATES: [&str; 20] = [
    "रद्द",
    "गायब",
    "बंद",
    "खत्म",
    "समाप्त",
    "लागू",
    "शुरू",
    "जारी",
    "हैक",
    "लीक",
    "माफ",
    "फेल",
    "पास",
    "घोषित",
    "निलंबित",
    "बर्खास्त",
    "गिरफ्तार",
    "रिहा",
    "नष्ट",
    "ठप",
];

/// Words that qualify a noun and change with it: adjectives in -ा, the
/// genitive का, वाला, and present participles used as adjectives.
const DECLINING_QUALIFIERS: [&str; 40] = [
    "का",
    "वाला",
    "नया",
    "पुराना",
    "बड़ा",
    "छोटा",
    "अपना",
    "ऐसा",
    "वैसा",
    "जैसा",
    "कैसा",
    "सस्ता",
    "महंगा",
    "ऊंचा",
    "नीचा",
    "लंबा",
    "चौड़ा",
    "पहला",
    "दूसरा",
    "तीसरा",
    "चौथा",
    "अच्छा",
    "बुरा",
    "झूठा",
    "सच्चा",
    "सारा",
    "पूरा",
    "आधा",
    "कड़ा",
    "गहरा",
    "ताजा",
    "मोटा",
    "पतला",
    "काला",
    "खुला",
    "दोगुना",
    "बढ़ता",
    "घटता",
    "चलता",
    "बदलता",
];

/// Demonstratives and the like, with their oblique forms.
const PRONOUNS: [(&str, &str); 5] = [("यह", "इस"), ("वह", "उस"), ("ये", "इन"), ("वे", "उन"), ("कोई", "किसी")];

/// The oblique of a word in -ा or -या: पुराना → पुराने, नया → नए.
fn declined(word: &str) -> Option<String> {
    if let Some(stem) = word.strip_suffix("या") {
        return Some(format!("{stem}ए"));
    }
    word.strip_suffix('\u{093e}').map(|stem| format!("{stem}\u{0947}"))
}

/// The feminine plural's oblique: योजनाएं → योजनाओं, खबरें → खबरों, नीतियां → नीतियों.
fn plural_oblique(word: &str) -> Option<String> {
    if let Some(stem) = word.strip_suffix("एं") {
        return Some(format!("{stem}ओं"));
    }
    if let Some(stem) = word.strip_suffix("यां") {
        return Some(format!("{stem}यों"));
    }
    word.strip_suffix("ें").map(|stem| format!("{stem}ों"))
}

/// Whether a final -ना word is a verbal noun or masculine noun (it changes).
/// घटना is the verb after a noun ("दाम घटना") and the event after की, यह.
fn changing_na(words: &[&str], last: &str) -> bool {
    if last == "घटना" {
        let before = words.len().checked_sub(2).and_then(|i| words.get(i)).copied();
        return !matches!(before, None | Some("की" | "यह" | "इस" | "वह" | "उस" | "एक" | "ऐसी"));
    }
    last.ends_with("ना") && !FEMININE_NA.contains(&last) && !DECLINING_NOUNS.contains(&last)
}

/// Whether a head in -ा, known to be masculine, changes in the oblique.
fn declines_after_qualifier(head: &str) -> bool {
    head.ends_with('\u{093e}') && !head.ends_with("ता") && !INVARIANT_A.contains(&head)
}

/// Advice on a Hindi topic that is not in the oblique case, if tathya can tell.
pub fn oblique(topic: &str) -> Option<Advice> {
    let mut words: Vec<String> = topic.split_whitespace().map(str::to_owned).collect();
    let n = words.len();
    let last = words.last()?.clone();
    let view: Vec<&str> = topic.split_whitespace().collect();
    if FINITE.contains(&last.as_str()) {
        return Some(Advice::Rephrase);
    }
    if changing_na(&view, &last) {
        words[n - 1] = declined(&last)?;
        // A passive: "माफ किया जाना" → "माफ किए जाने".
        let passive = last == "जाना" && n >= 2 && words[n - 2].ends_with("या");
        if passive {
            words[n - 2] = declined(&words[n - 2])?;
        }
        // A genitive subject right before the predicate: "X का रद्द होना".
        let predicate = n.checked_sub(if passive { 3 } else { 2 });
        if let Some(at) = predicate
            && at >= 1
            && PREDICATES.contains(&view[at])
            && view[at - 1] == "का"
        {
            words[at - 1] = "के".to_owned();
        }
        return Some(Advice::Write(words.join(" ")));
    }
    let mut changed = false;
    if DECLINING_NOUNS.contains(&last.as_str()) {
        words[n - 1] = declined(&last)?;
        changed = true;
    } else if let Some(oblique) = plural_oblique(&last) {
        words[n - 1] = oblique;
        changed = true;
    }
    // The words that qualify the head, right before it.
    let mut qualified = false;
    for i in (0..n - 1).rev() {
        let word = words[i].clone();
        if let Some((_, oblique)) = PRONOUNS.iter().find(|(direct, _)| *direct == word) {
            words[i] = (*oblique).to_owned();
        } else if DECLINING_QUALIFIERS.contains(&word.as_str()) {
            words[i] = declined(&word)?;
            qualified = true;
        } else {
            break;
        }
        changed = true;
    }
    // A masculine qualifier shows that a head in -ा is a masculine noun,
    // which changes with it unless it is one of the few that do not:
    // "कोविड का टीका" → "कोविड के टीके".
    if qualified && !DECLINING_NOUNS.contains(&last.as_str()) && declines_after_qualifier(&last) {
        words[n - 1] = declined(&last)?;
    }
    changed.then(|| Advice::Write(words.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(topic: &str) -> Option<String> {
        match oblique(topic)? {
            Advice::Write(text) => Some(text),
            Advice::Rephrase => Some("(rephrase)".into()),
        }
    }

    #[test]
    fn heads_and_their_qualifiers_change() {
        let cases = [
            ("पुराना कानून", "पुराने कानून"),
            ("नया नियम", "नए नियम"),
            ("यह नियम", "इस नियम"),
            ("ऐसा कोई आदेश", "ऐसे किसी आदेश"),
            ("कोई नया कर", "किसी नए कर"),
            ("नई योजनाएं", "नई योजनाओं"),
            ("डेटा बेचने वाला गिरोह", "डेटा बेचने वाले गिरोह"),
            ("बढ़ता प्रदूषण", "बढ़ते प्रदूषण"),
            ("सरकार का फैसला", "सरकार के फैसले"),
            ("झूठा दावा", "झूठे दावे"),
            ("बकाया किराया", "बकाया किराए"),
            ("बड़ा जुर्माना", "बड़े जुर्माने"),
            ("कोविड का टीका", "कोविड के टीके"),
            ("पुलिस का छापा", "पुलिस के छापे"),
            ("मुख्यमंत्री का इस्तीफा", "मुख्यमंत्री के इस्तीफे"),
            ("कंपनी का नया कैमरा", "कंपनी के नए कैमरे"),
            ("राजा का आदेश", "राजा के आदेश"),
            ("सरकार का नया प्रवक्ता", "सरकार के नए प्रवक्ता"),
            ("कंपनी का डेटा", "कंपनी के डेटा"),
        ];
        for (direct, oblique) in cases {
            assert_eq!(write(direct).as_deref(), Some(oblique), "{direct}");
        }
    }

    #[test]
    fn inside_a_verbal_noun_only_the_verb_changes() {
        let cases = [
            ("आधार कार्ड का डेटा लीक होना", "आधार कार्ड का डेटा लीक होने"),
            ("बैंक खाता बंद होना", "बैंक खाता बंद होने"),
            ("सोना सस्ता होना", "सोना सस्ता होने"),
            ("कर्ज माफ किया जाना", "कर्ज माफ किए जाने"),
            ("पेट्रोल का दाम घटना", "पेट्रोल का दाम घटने"),
            ("राशन कार्ड का रद्द होना", "राशन कार्ड के रद्द होने"),
            ("चुनाव का रद्द होना", "चुनाव के रद्द होने"),
            ("लड़कियों का गायब होना", "लड़कियों के गायब होने"),
            ("परीक्षा का रद्द किया जाना", "परीक्षा के रद्द किए जाने"),
        ];
        for (direct, oblique) in cases {
            assert_eq!(write(direct).as_deref(), Some(oblique), "{direct}");
        }
    }

    #[test]
    fn a_finite_verb_asks_for_a_verbal_noun() {
        assert_eq!(oblique("कोविन हैक हो गया"), Some(Advice::Rephrase));
        assert_eq!(oblique("डेटा लीक हुआ है"), Some(Advice::Rephrase));
    }

    #[test]
    fn what_is_right_or_unknown_is_left_alone() {
        for topic in [
            "कोविन से डेटा लीक होने",
            "कोविन का डेटा लीक होने",
            "पुराने कानून",
            "कोविन की सुरक्षा",
            "राजा",
            "हरियाणा में नई योजना",
            "जनता",
            "महिला आरक्षण",
            "लोकसभा चुनाव",
            "रेल दुर्घटना",
            "जनगणना",
            "मुफ्त सुविधा",
            "महात्मा गांधी",
            "बाबा रामदेव",
            "टाटा समूह",
            "शर्मा समिति",
            "मणिपुर की घटना",
            "गरीबी रेखा",
        ] {
            assert_eq!(oblique(topic), None, "{topic}");
        }
    }
}
