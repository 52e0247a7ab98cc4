//! Turning the roadmap SVG into a PNG for slides and a PDF for the steering committee. Both
//! parse the one SVG from `svg.rs` with the bundled Noto Sans, so they look the same on every
//! machine whatever fonts it has.

use resvg::usvg;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::roadmap::Roadmap;
use super::svg::{self, Page};
use crate::{Error, Result};

/// The paper a PDF is laid out for (landscape).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    pub fn from_wire(text: &str) -> Option<Paper> {
        match text.trim().to_ascii_lowercase().as_str() {
            "a4" => Some(Paper::A4),
            "letter" => Some(Paper::Letter),
            _ => None,
        }
    }

    fn page(self) -> Page {
        match self {
            Paper::A4 => Page::A4,
            Paper::Letter => Page::LETTER,
        }
    }
}

fn parse(svg: &str) -> Result<usvg::Tree> {
    let mut options = usvg::Options::default();
    let fonts = options.fontdb_mut();
    fonts.load_font_data(ttf_noto_sans::REGULAR.to_vec());
    fonts.load_font_data(ttf_noto_sans::BOLD.to_vec());
    fonts.set_sans_serif_family("Noto Sans");
    options.font_family = "Noto Sans".into();
    usvg::Tree::from_str(svg, &options)
        .map_err(|e| Error::Validation(format!("The roadmap picture could not be drawn ({e}).")))
}

/// A 1920 × 1080 PNG: a 16:9 slide.
pub fn png(roadmap: &Roadmap) -> Result<Vec<u8>> {
    let page = Page::SLIDE;
    let tree = parse(&svg::render(roadmap, page))?;
    let (width, height) = (page.width as u32, page.height as u32);
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height).expect("a slide has a non-zero size");
    let scale = width as f32 / tree.size().width();
    resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    pixmap
        .encode_png()
        .map_err(|e| Error::Validation(format!("The roadmap picture could not be encoded as PNG ({e}).")))
}

/// A one-page PDF on `paper`, landscape. Text is drawn as outlines of the bundled font: with
/// two embedded font faces svg2pdf orders their objects by hash, and the same roadmap must
/// give the same bytes.
pub fn pdf(roadmap: &Roadmap, paper: Paper) -> Result<Vec<u8>> {
    let tree = parse(&svg::render(roadmap, paper.page()))?;
    let options = svg2pdf::ConversionOptions { embed_text: false, ..Default::default() };
    svg2pdf::to_pdf(&tree, options, svg2pdf::PageOptions::default())
        .map_err(|e| Error::Validation(format!("The roadmap could not be written as PDF ({e}).")))
}
