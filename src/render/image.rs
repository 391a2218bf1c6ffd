//! A claim's picture as the site serves it: decoded, at most [`MAX_WIDTH`]
//! pixels wide, laid on white and written as a JPEG of at most
//! [`MAX_BYTES`], never hot-linked. The same file gives the same bytes.

use std::io::Cursor;

use image::imageops::FilterType;
use image::{ImageReader, Limits, Rgb, RgbImage};

/// The widest a claim's picture is served: wider than the page's column,
/// for sharp screens.
pub const MAX_WIDTH: u32 = 800;
/// The most bytes a served picture has.
pub const MAX_BYTES: usize = 200 * 1024;
/// The largest picture file tathya reads: a screenshot is some megabytes.
pub const MAX_SOURCE_BYTES: u64 = 16 * 1024 * 1024;
/// The most pixels a side of a picture may have when decoded.
const MAX_SIDE: u32 = 12_000;

/// A picture ready to serve.
#[derive(Debug, Clone)]
pub struct Picture {
    /// The JPEG file.
    pub bytes: Vec<u8>,
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
}

/// The served form of the picture file `source`; or why it cannot be one.
pub fn web_picture(source: &[u8]) -> Result<Picture, String> {
    let mut reader =
        ImageReader::new(Cursor::new(source)).with_guessed_format().map_err(|err| format!("cannot read it: {err}"))?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    reader.limits(limits);
    let picture =
        reader.decode().map_err(|err| format!("it is not a PNG, JPEG or WebP picture tathya can read: {err}"))?;
    let mut width = picture.width().min(MAX_WIDTH);
    loop {
        let sized = if width < picture.width() {
            picture.resize(width, u32::MAX, FilterType::Lanczos3)
        } else {
            picture.clone()
        };
        let rgb = on_white(&sized.to_rgba8());
        for quality in [85, 75, 65, 55] {
            let mut bytes = Vec::new();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, quality)
                .encode_image(&rgb)
                .map_err(|err| format!("cannot write it as JPEG: {err}"))?;
            if bytes.len() <= MAX_BYTES {
                return Ok(Picture { bytes, width: rgb.width(), height: rgb.height() });
            }
        }
        if width <= 200 {
            return Err(format!("it does not fit in {MAX_BYTES} bytes even at 200 pixels wide"));
        }
        width = width * 3 / 4;
    }
}

/// `rgba` laid on a white page, as a screenshot with transparent parts shows.
fn on_white(rgba: &image::RgbaImage) -> RgbImage {
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let blend = |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        Rgb([blend(r), blend(g), blend(b)])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_screenshot_is_served_narrower_and_lighter() {
        // A noisy 2000×3000 picture, which compresses badly.
        let noisy = RgbImage::from_fn(2000, 3000, |x, y| {
            let v = (x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)) as u8;
            Rgb([v, v.wrapping_mul(3), v.wrapping_mul(7)])
        });
        let mut png = Vec::new();
        image::DynamicImage::ImageRgb8(noisy).write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png).unwrap();
        let served = web_picture(&png).unwrap();
        assert!(
            served.width <= MAX_WIDTH && served.bytes.len() <= MAX_BYTES,
            "{}×{}, {} bytes",
            served.width,
            served.height,
            served.bytes.len()
        );
        assert_eq!(served.height * 2, served.width * 3, "the shape is kept");
        assert_eq!(web_picture(&png).unwrap().bytes, served.bytes, "the same file gives the same bytes");
        assert!(web_picture(b"<svg/>").is_err());
    }
}
