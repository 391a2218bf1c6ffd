//! A statement's share card: the 1200×630 picture a link preview shows on
//! WhatsApp, X and Telegram, drawn in Rust from the site's `card.svg`
//! template with [`resvg`], its text shaped with the card fonts alone (the
//! ones built into tathya, or the files `tathya.yaml` names), never with
//! whatever fonts the machine has: the same record gives the same bytes
//! wherever it is built.
//!
//! A card is made in two steps. [`CardKit::prove`] lays the SVG out, as
//! resvg will draw it, and refuses it when a letter of its text would not
//! show: a glyph the fonts lack (`.notdef`), or a dotted circle (U+25CC)
//! where the shaper found a vowel sign or virama with no letter to sit on.
//! Every command runs this step. [`CardKit::paint`] then draws the proven
//! layout into a PNG, which only a build that writes the card needs.
//! A card is known by [`CardKit::key`], a hash of everything it is made of,
//! so a build keeps the card of an unchanged statement from the last one.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};
use serde::Serialize;
use std::path::Path;
use xxhash_rust::xxh3::Xxh3;

use crate::load::theme;
use crate::site::routes::CARD_SIZE;

/// The fonts built into tathya: Noto Sans Devanagari, Regular and Bold,
/// with Latin (see `fonts/README.md`).
const BUILT_IN_FONTS: [&[u8]; 2] = [
    include_bytes!("../../fonts/NotoSansDevanagari-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansDevanagari-Bold.ttf"),
];

/// The dotted circle a shaper shows in place of a missing base letter.
const DOTTED_CIRCLE: char = '\u{25CC}';

/// A letter of a card's text that would not show as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unshowable {
    /// The text that would not show: a character, or the cluster of
    /// characters the shaper could not form.
    pub text: String,
    /// Why, in words.
    pub why: String,
}

/// The fonts and the logo cards are drawn with.
pub struct CardKit {
    options: usvg::Options<'static>,
    /// Every face of the card fonts, to shape with as resvg does.
    faces: Vec<Face>,
    /// A hash of the fonts, the logo and the way cards are drawn.
    hash: u64,
    /// Texts already proven to show: most of a card's (the issuer, the
    /// date, the address) are on many cards.
    shown: Mutex<HashSet<String>>,
}

impl std::fmt::Debug for CardKit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CardKit").field("faces", &self.faces.len()).finish_non_exhaustive()
    }
}

/// A face of a card font, ready to shape with [`harfrust`], the shaper
/// resvg uses.
struct Face {
    data: Arc<Vec<u8>>,
    index: u32,
    weight: u16,
    shaper: harfrust::ShaperData,
    /// Its glyph for the dotted circle, if it has one.
    dotted: Option<u32>,
    /// Its shaping plans for Devanagari and Latin, the scripts of cards,
    /// made once: a plan costs more than shaping a line.
    plans: Vec<(harfrust::Script, harfrust::ShapePlan)>,
}

/// The scripts each face has a plan for.
const PLANNED: [harfrust::Script; 2] = [harfrust::script::DEVANAGARI, harfrust::script::LATIN];

/// A text shaped in one face: its glyphs, each glyph's advance and the
/// byte in the text its cluster starts at, and the face's units per em.
struct Shaped {
    glyphs: Vec<(u32, i32, usize)>,
    units_per_em: i32,
}

impl Face {
    /// The face `info` of `db`, with its shaping data and plans.
    fn of(db: &fontdb::Database, info: &fontdb::FaceInfo) -> Result<Face, String> {
        let data = db.with_face_data(info.id, |data, _| Arc::new(data.to_vec())).ok_or("no font data")?;
        let font = harfrust::FontRef::from_index(data.as_slice(), info.index).map_err(|err| err.to_string())?;
        let shaper = harfrust::ShaperData::new(&font);
        let plans = PLANNED
            .into_iter()
            .map(|script| {
                let shaper = shaper.shaper(&font).build();
                let direction = harfrust::Direction::LeftToRight;
                (script, harfrust::ShapePlan::new(&shaper, direction, Some(script), None, &[]))
            })
            .collect();
        let mut face =
            Face { data: Arc::clone(&data), index: info.index, weight: info.weight.0, shaper, dotted: None, plans };
        face.dotted = face.shape(&DOTTED_CIRCLE.to_string()).and_then(|s| s.glyphs.first().map(|g| g.0));
        Ok(face)
    }

    fn shape(&self, text: &str) -> Option<Shaped> {
        let font = harfrust::FontRef::from_index(self.data.as_slice(), self.index).ok()?;
        let shaper = self.shaper.shaper(&font).build();
        let mut buffer = harfrust::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let ltr = buffer.direction() == harfrust::Direction::LeftToRight && buffer.language().is_none();
        let plan = self.plans.iter().find(|(script, _)| ltr && *script == buffer.script()).map(|(_, plan)| plan);
        let output = shaper.shape(buffer, harfrust::ShapeOptions::new().plan(plan));
        let glyphs = output
            .glyph_infos()
            .iter()
            .zip(output.glyph_positions())
            .map(|(info, position)| (info.glyph_id, position.x_advance, info.cluster as usize))
            .collect();
        Some(Shaped { glyphs, units_per_em: shaper.units_per_em() })
    }

    /// The first cluster of `text` this face would not show: a glyph it
    /// lacks (`.notdef`), or a dotted circle the shaper put in.
    fn unshowable(&self, text: &str) -> Option<Unshowable> {
        let Some(shaped) = self.shape(text) else {
            return Some(Unshowable { text: text.to_owned(), why: "the card's font cannot be read".into() });
        };
        for (i, &(glyph, _, start)) in shaped.glyphs.iter().enumerate() {
            let end = shaped.glyphs[i..].iter().map(|g| g.2).find(|&at| at > start).unwrap_or(text.len());
            let cluster = text.get(start..end).unwrap_or(text);
            if glyph == 0 {
                let letter = cluster.chars().find(|c| !c.is_whitespace()).unwrap_or(' ');
                return Some(Unshowable {
                    text: cluster.to_owned(),
                    why: format!(
                        "the card's font has no letter for `{}` ({}): write it otherwise, or name a font that has it under share_cards.fonts",
                        cluster.trim(),
                        code_point(letter)
                    ),
                });
            }
            if self.dotted == Some(glyph) && !cluster.contains(DOTTED_CIRCLE) {
                return Some(Unshowable {
                    text: cluster.to_owned(),
                    why: format!(
                        "`{}` has no letter before it to sit on, and a vowel sign, nukta or virama alone shows as a dotted circle: write the letter it belongs to",
                        cluster.trim()
                    ),
                });
            }
        }
        None
    }
}

/// The logo a card may show: `<image href="NAME">` in `card.svg`, where
/// NAME is its file name under `templates/`.
#[derive(Debug, Clone)]
pub struct Logo {
    /// Its file name, as `tathya.yaml` gives it.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// What `lines()` gives a card template: a text broken into lines that fit
/// a width, at the largest size that fits the number of lines allowed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Lines {
    /// The font size, in pixels.
    pub size: f32,
    /// The lines; the last ends in "…" when the text did not fit at the
    /// smallest size.
    pub lines: Vec<String>,
    /// Each line's width in pixels.
    pub widths: Vec<f32>,
}

impl CardKit {
    /// A kit with the font files `fonts` (their bytes), or with the fonts
    /// built into tathya when there are none; a card may show `logo`.
    /// Fails, saying which, when a file is not a font.
    pub fn new(fonts: Vec<(String, Vec<u8>)>, logo: Option<Logo>) -> Result<Self, String> {
        let fonts = if fonts.is_empty() {
            BUILT_IN_FONTS.iter().enumerate().map(|(i, bytes)| (format!("built-in font {i}"), bytes.to_vec())).collect()
        } else {
            fonts
        };
        let mut hash = Xxh3::new();
        hash.update(env!("TATHYA_BUILD_ID").as_bytes());
        for (_, bytes) in &fonts {
            hash.update(bytes);
        }
        if let Some(logo) = &logo {
            hash.update(logo.name.as_bytes());
            hash.update(&logo.bytes);
        }
        let (db, family) = font_database(fonts)?;
        let faces = db.faces().map(|info| Face::of(&db, info)).collect::<Result<Vec<Face>, String>>()?;
        let mut options = usvg::Options { font_family: family, ..usvg::Options::default() };
        options.fontdb = Arc::new(db);
        let logo = logo.and_then(|logo| Some((logo.name.clone(), logo_image(logo, &options)?)));
        // Nor any picture written into the template (`data:`).
        options.image_href_resolver.resolve_data = Box::new(|_, _, _| None);
        options.image_href_resolver.resolve_string = Box::new(move |href, _| {
            // Only the site's logo: a card never reads any other file.
            logo.as_ref().filter(|(name, _)| name == href).map(|(_, kind)| kind.clone())
        });
        Ok(CardKit { options, faces, hash: hash.digest(), shown: Mutex::default() })
    }

    /// The key of the card `svg` makes: the same key, the same picture.
    pub fn key(&self, svg: &str) -> u64 {
        let mut hash = Xxh3::with_seed(self.hash);
        hash.update(svg.as_bytes());
        hash.digest()
    }

    /// Proves that `svg` is a card whose every text shows: a `<svg>` of
    /// [`CARD_SIZE`], each `<text>` shaped in every face of the card font
    /// (the shaper and faces resvg draws with) without `.notdef` or a
    /// dotted circle. Every command proves every card it renders; only a
    /// build draws them.
    pub fn prove(&self, svg: &str) -> Result<(), CardError> {
        let document = usvg::roxmltree::Document::parse(svg).map_err(|err| CardError::Svg(err.to_string()))?;
        let root = document.root_element();
        let (width, height) = CARD_SIZE;
        let size = (root.attribute("width"), root.attribute("height"));
        if size != (Some(width.to_string().as_str()), Some(height.to_string().as_str())) {
            return Err(CardError::Svg(format!("its <svg> must say width=\"{width}\" height=\"{height}\"")));
        }
        for text in document.descendants().filter(|node| node.has_tag_name("text")) {
            let written: String = text.descendants().filter_map(|node| node.text()).collect();
            if let Some(problem) = self.unshowable(&written) {
                return Err(CardError::Text(problem));
            }
        }
        Ok(())
    }

    /// The first cluster of `text` some face of the card font would not show.
    pub fn unshowable(&self, text: &str) -> Option<Unshowable> {
        let shown = || self.shown.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if shown().contains(text) {
            return None;
        }
        let found = self.faces.iter().find_map(|face| face.unshowable(text));
        if found.is_none() {
            shown().insert(text.to_owned());
        }
        found
    }

    /// The card `svg`, proven by [`CardKit::prove`], drawn as a PNG:
    /// opaque, on white where the template leaves it bare.
    pub fn paint(&self, svg: &str) -> Result<Vec<u8>, CardError> {
        let tree = usvg::Tree::from_str(svg, &self.options).map_err(|err| CardError::Svg(err.to_string()))?;
        let (width, height) = CARD_SIZE;
        let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or(CardError::Svg("no room to draw".into()))?;
        pixmap.fill(tiny_skia::Color::WHITE);
        resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
        // Opaque, so the premultiplied pixels are the colours themselves.
        let mut rgb = Vec::with_capacity(pixmap.data().len() / 4 * 3);
        for pixel in pixmap.data().chunks_exact(4) {
            rgb.extend_from_slice(&pixel[..3]);
        }
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_compression(png::Compression::Fast);
        let written = encoder.write_header().and_then(|mut writer| writer.write_image_data(&rgb));
        written.map_err(|err| CardError::Svg(format!("cannot write the PNG: {err}")))?;
        Ok(bytes)
    }

    /// `text` broken at spaces into lines no wider than `width` pixels in
    /// the card font of `weight`, at the largest size from `size` down to
    /// `min_size` (by 2 pixels) at which it takes at most `max_lines`; at
    /// `min_size` the lines that fit, the last ending in "…".
    pub fn lines(&self, text: &str, width: f32, size: f32, min_size: f32, max_lines: usize, weight: u16) -> Lines {
        let face = self.faces.iter().min_by_key(|face| face.weight.abs_diff(weight));
        // Widths in thousandths of the font size.
        let measure = |text: &str| -> f32 {
            match face.and_then(|face| face.shape(text)) {
                Some(shaped) => {
                    shaped.glyphs.iter().map(|g| g.1).sum::<i32>() as f32 * 1000.0 / shaped.units_per_em as f32
                }
                None => 0.0,
            }
        };
        let words = words_measured(text, face);
        let space = measure(" ");
        let max_lines = max_lines.max(1);
        let mut size = size.max(min_size);
        loop {
            let scale = size / 1000.0;
            let mut lines = break_lines(&words, space, width / scale);
            if (2..=max_lines).contains(&lines.len()) {
                lines = balanced(&words, space, width / scale, lines.len());
            }
            if lines.len() <= max_lines || size <= min_size {
                if lines.len() > max_lines {
                    lines.truncate(max_lines);
                    if let Some(last) = lines.last_mut() {
                        *last = with_ellipsis(last, width / scale, &measure);
                    }
                }
                // A word wider than the line (an address, a compound) is cut.
                for line in &mut lines {
                    if measure(line) > width / scale {
                        *line = cut_to_fit(line, width / scale, &measure);
                    }
                }
                let widths = lines.iter().map(|line| measure(line) * scale).collect();
                return Lines { size, lines, widths };
            }
            size = (size - 2.0).max(min_size);
        }
    }
}

/// The words of `text` (split at spaces), each with its width in
/// thousandths of the font size: `text` shaped once in `face`, each glyph's
/// advance counted to the word its cluster starts in.
fn words_measured<'t>(text: &'t str, face: Option<&Face>) -> Vec<(&'t str, f32)> {
    let mut words: Vec<(usize, &str, f32)> = Vec::new();
    let mut at = 0;
    for word in text.split(' ') {
        if !word.is_empty() {
            words.push((at, word, 0.0));
        }
        at += word.len() + 1;
    }
    if let Some(shaped) = face.and_then(|face| face.shape(text)) {
        let scale = 1000.0 / shaped.units_per_em as f32;
        for (_, advance, start) in shaped.glyphs {
            let i = words.partition_point(|(at, _, _)| *at <= start);
            if let Some(word) = i.checked_sub(1).and_then(|i| words.get_mut(i))
                && start < word.0 + word.1.len()
            {
                word.2 += advance as f32 * scale;
            }
        }
    }
    words.into_iter().map(|(_, word, width)| (word, width)).collect()
}

/// The card kit of `site`: its fonts and logo, or `None` when it has no
/// cards (`share_cards: false`). A font file that is missing or is not a
/// font is an error at its place in `tathya.yaml`.
pub fn kit(site: &crate::load::Site) -> crate::diag::Result<Option<CardKit>> {
    use crate::load::config::ShareCards;
    use crate::load::yaml::YamlPath;
    let config = site.config();
    let named = match &config.share_cards {
        ShareCards::Off => return Ok(None),
        ShareCards::BuiltIn => Vec::new(),
        ShareCards::Fonts(files) => files.clone(),
    };
    let refuse = |i: usize, message: String| {
        let place = YamlPath::default().join("share_cards").join("fonts").join(i);
        crate::diag::Error::Content(vec![crate::load::at(
            &site.config,
            (crate::diag::Rule::BadSetting, place, message),
        )])
    };
    let mut fonts = Vec::new();
    for (i, file) in named.iter().enumerate() {
        if !site.root.join(file.as_str()).is_file() {
            return Err(refuse(
                i,
                format!(
                    "there is no font file {}: put it there, or leave out `share_cards` to draw cards with the built-in font",
                    file.as_str()
                ),
            ));
        }
        let bytes = crate::load::read_bytes(&site.root, Path::new(file.as_str()), MAX_FONT_BYTES)?;
        fonts.push((file.as_str().to_owned(), bytes));
    }
    // A missing or unreadable logo is reported by the settings' own check.
    let logo = config.identity.logo.as_ref().and_then(|logo| {
        let file = theme::file(&site.root, Path::new(crate::site::TEMPLATES_DIR), Path::new(logo.file.as_str()))?;
        let bytes = file.bytes(&site.root, super::image::MAX_SOURCE_BYTES).ok()?;
        Some(Logo { name: logo.file.as_str().to_owned(), bytes })
    });
    let first_bad = |message: String| {
        let i = named.iter().position(|file| message.starts_with(file.as_str())).unwrap_or(0);
        refuse(i, message)
    };
    CardKit::new(fonts, logo).map(Some).map_err(first_bad)
}

/// The largest font file tathya reads: a font with every script is some megabytes.
const MAX_FONT_BYTES: u64 = 32 * 1024 * 1024;

/// Why a card cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardError {
    /// A text that would not show.
    Text(Unshowable),
    /// The SVG the template made is not a card.
    Svg(String),
}

/// A font database of the files `fonts` (names and bytes), every generic
/// family set to theirs, and that family; or why they cannot be the card
/// fonts: a file that is no font, or fonts of two families.
fn font_database(fonts: Vec<(String, Vec<u8>)>) -> Result<(fontdb::Database, String), String> {
    let mut db = fontdb::Database::new();
    for (name, bytes) in fonts {
        let before = db.len();
        db.load_font_data(bytes);
        if db.len() == before {
            return Err(format!("{name} is not a font file tathya can read (TrueType or OpenType)"));
        }
    }
    let family_of = |face: &fontdb::FaceInfo| face.families.first().map(|(family, _)| family.clone());
    let family = db.faces().next().and_then(family_of).ok_or("no font")?;
    if let Some(other) = db.faces().filter_map(family_of).find(|other| *other != family) {
        return Err(format!(
            "the card fonts are of two families, {family} and {other}: name the files of one family (its weights)"
        ));
    }
    // Any family a template names is the card font: no other is there.
    db.set_serif_family(family.clone());
    db.set_sans_serif_family(family.clone());
    db.set_monospace_family(family.clone());
    db.set_cursive_family(family.clone());
    db.set_fantasy_family(family.clone());
    Ok((db, family))
}

/// The site's logo as a card draws it; `None` when it cannot be read.
fn logo_image(logo: Logo, options: &usvg::Options) -> Option<usvg::ImageKind> {
    let extension = logo.name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).unwrap_or_default();
    Some(match extension.as_str() {
        // resvg draws an SVG image through a layer the size of the whole
        // card, a third of a card's cost: drawn once instead.
        "svg" => usvg::ImageKind::PNG(Arc::new(raster_logo(&logo.bytes, options)?)),
        "png" => usvg::ImageKind::PNG(Arc::new(logo.bytes)),
        "jpg" | "jpeg" => usvg::ImageKind::JPEG(Arc::new(logo.bytes)),
        "webp" => usvg::ImageKind::WEBP(Arc::new(logo.bytes)),
        _ => return None,
    })
}

/// The SVG logo `bytes` as a PNG of [`LOGO_PIXELS`] on its longer side,
/// sharp wherever a card template puts it.
fn raster_logo(bytes: &[u8], options: &usvg::Options) -> Option<Vec<u8>> {
    let tree = usvg::Tree::from_data(bytes, options).ok()?;
    let size = tree.size();
    let scale = LOGO_PIXELS / size.width().max(size.height());
    let (width, height) = ((size.width() * scale).ceil() as u32, (size.height() * scale).ceil() as u32);
    let mut pixmap = tiny_skia::Pixmap::new(width.max(1), height.max(1))?;
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    pixmap.encode_png().ok()
}

/// How many pixels an SVG logo is drawn at on its longer side.
const LOGO_PIXELS: f32 = 384.0;

/// `U+0BB5` and the like.
fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Words of the widths given, with spaces of `space` between them, broken
/// greedily into lines no wider than `width`; a word wider than a line is
/// a line of its own.
fn break_lines(words: &[(&str, f32)], space: f32, width: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_width = 0.0;
    for (word, word_width) in words {
        if current.is_empty() {
            current.push_str(word);
            current_width = *word_width;
        } else if current_width + space + word_width <= width {
            current.push(' ');
            current.push_str(word);
            current_width += space + word_width;
        } else {
            lines.push(std::mem::take(&mut current));
            current.push_str(word);
            current_width = *word_width;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// `words` in `count` lines of widths as even as can be: broken as for the
/// narrowest width at most `width` that still takes `count` lines, so that
/// no last line holds a word alone when the lines above could give it one.
fn balanced(words: &[(&str, f32)], space: f32, width: f32, count: usize) -> Vec<String> {
    let (mut low, mut high) = (0.0_f32, width);
    for _ in 0..12 {
        let middle = (low + high) / 2.0;
        if break_lines(words, space, middle).len() <= count { high = middle } else { low = middle }
    }
    break_lines(words, space, high)
}

/// As much of `line` as fits `width` with "…" after it, cut between
/// grapheme clusters, never inside a conjunct.
fn cut_to_fit(line: &str, width: f32, measure: &impl Fn(&str) -> f32) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    let ends: Vec<usize> = line.grapheme_indices(true).map(|(at, _)| at).skip(1).collect();
    // The longest start that fits: widths grow with the text.
    let fits = |end: &usize| measure(&format!("{}…", &line[..*end])) <= width;
    let count = ends.partition_point(fits);
    let end = count.checked_sub(1).map_or(0, |i| ends[i]);
    format!("{}…", line[..end].trim_end())
}

/// `line` with "…" after it, words taken off its end until it fits `width`.
fn with_ellipsis(line: &str, width: f32, measure: &impl Fn(&str) -> f32) -> String {
    let mut words: Vec<&str> = line.split(' ').collect();
    loop {
        let candidate = format!("{}…", words.join(" "));
        if words.len() <= 1 || measure(&candidate) <= width {
            return candidate;
        }
        words.pop();
    }
}
