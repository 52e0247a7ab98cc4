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
    usvg::Tree::from_str(svg, &options).map_err(|e| Error::Validation(format!("The roadmap picture could not be drawn ({e}).")))
}

/// A 1920 × 1080 PNG: a 16:9 slide.
pub fn png(roadmap: &Roadmap) -> Result<Vec<u8>> {
    rasterize(&svg::render(roadmap, Page::SLIDE), Page::SLIDE.width as u32)
}

/// Draws an SVG `width` pixels wide, its height following the picture's shape.
fn rasterize(svg: &str, width: u32) -> Result<Vec<u8>> {
    let tree = parse(svg)?;
    let scale = width as f32 / tree.size().width();
    let height = (tree.size().height() * scale).round() as u32;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height).expect("a roadmap picture has a non-zero size");
    resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| Error::Validation(format!("The roadmap picture could not be encoded as PNG ({e}).")))
}

/// The detailed roadmap as a PNG: its pages stacked into one tall picture, each 16:9.
pub fn png_detail(roadmap: &Roadmap) -> Result<Vec<u8>> {
    let svg = super::detail::stacked(roadmap, Page::SLIDE)?;
    rasterize(&svg, Page::SLIDE.width as u32)
}

/// The detailed roadmap as a PDF of as many landscape pages as it takes.
pub fn pdf_detail(roadmap: &Roadmap, paper: Paper) -> Result<Vec<u8>> {
    use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref};

    let size = paper.page();
    let mut alloc = Ref::new(1);
    let (catalog, page_tree) = (alloc.bump(), alloc.bump());
    let mut pdf = Pdf::new();
    let mut pages = Vec::new();
    for content in super::detail::pages(roadmap, size) {
        let tree = parse(&svg::document(size, &[content]))?;
        let (chunk, picture) = svg2pdf::to_chunk(&tree, conversion()).map_err(pdf_failed)?;
        // Give the page's objects numbers after the ones already used; the mapping follows the
        // chunk's own order, so the same roadmap gives the same bytes.
        let mut numbers = std::collections::HashMap::new();
        let chunk = chunk.renumber(|old| *numbers.entry(old).or_insert_with(|| alloc.bump()));
        let (page_id, content_id) = (alloc.bump(), alloc.bump());
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, size.width, size.height)).parent(page_tree).contents(content_id);
        page.resources().x_objects().pair(Name(b"P"), numbers[&picture]);
        page.finish();
        // svg2pdf's picture is one point square: scale it to the page.
        let mut content = Content::new();
        content.transform([size.width, 0.0, 0.0, size.height, 0.0, 0.0]).x_object(Name(b"P"));
        pdf.stream(content_id, &content.finish());
        pdf.extend(&chunk);
        pages.push(page_id);
    }
    pdf.catalog(catalog).pages(page_tree);
    pdf.pages(page_tree).kids(pages.iter().copied()).count(pages.len() as i32);
    Ok(pdf.finish())
}

fn pdf_failed(e: impl std::fmt::Display) -> Error {
    Error::Validation(format!("The roadmap could not be written as PDF ({e})."))
}

/// Text as outlines of the bundled font: with two embedded font faces svg2pdf orders their
/// objects by hash, and the same roadmap must give the same bytes.
fn conversion() -> svg2pdf::ConversionOptions {
    svg2pdf::ConversionOptions { embed_text: false, ..Default::default() }
}

/// A one-page PDF on `paper`, landscape.
pub fn pdf(roadmap: &Roadmap, paper: Paper) -> Result<Vec<u8>> {
    let tree = parse(&svg::render(roadmap, paper.page()))?;
    svg2pdf::to_pdf(&tree, conversion(), svg2pdf::PageOptions::default()).map_err(pdf_failed)
}
