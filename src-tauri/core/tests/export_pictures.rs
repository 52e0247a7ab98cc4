//! The roadmap as a picture (SVG, PNG, PDF) and as a web page, read back by real readers: the
//! SVG parsed by usvg, the PNG decoded, the PDF parsed, the HTML parsed, with hostile titles
//! intact as text.

mod common;

use bridgeboard_core::export::{self, html, picture, svg, Format, Options, Roadmap, RoadmapFilter};
use bridgeboard_core::*;
use common::*;

const HOSTILE: &str = "<script>alert(1)</script> & <img src=x onerror=alert(2)> \"quoted\" 🚀";

fn sample_roadmap() -> Roadmap {
    let mut store = Store::open_in_memory().unwrap();
    sample::create(&mut store, today(), now()).unwrap();
    let mut b = Board::with(store);
    let id = b.initiative(HOSTILE);
    b.set_initiative(id, InitiativeChange::Target(Some(day("2026-04-30")))).unwrap();
    Roadmap::build(&b.store.snapshot().unwrap(), &RoadmapFilter::default(), today())
}

#[test]
fn the_svg_is_well_formed_with_hostile_titles_escaped() {
    let roadmap = sample_roadmap();
    let text = svg::render(&roadmap, svg::Page::SLIDE);
    let tree = resvg::usvg::Tree::from_str(&text, &resvg::usvg::Options::default()).expect("the SVG parses");
    assert_eq!((tree.size().width(), tree.size().height()), (1920.0, 1080.0), "a 16:9 slide");
    assert!(!text.contains("<script"), "no markup from a title reaches the SVG");
    assert!(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the title is drawn as text");
    assert!(text.contains("Today 2 Mar"), "the today line is labelled with the fixed today");
    for status in ["Proposed", "Planned", "In progress", "Live"] {
        assert!(text.contains(&format!(">{status}</text>")), "the legend names {status} in words");
    }
}

#[test]
fn the_same_roadmap_draws_the_same_bytes() {
    let roadmap = sample_roadmap();
    assert_eq!(svg::render(&roadmap, svg::Page::A4), svg::render(&roadmap, svg::Page::A4), "no clock or hash order in the picture");
    assert!(picture::png(&roadmap).unwrap() == picture::png(&roadmap).unwrap(), "the PNG is the same pixels each time");
    let (a, b) = (picture::pdf(&roadmap, picture::Paper::A4).unwrap(), picture::pdf(&roadmap, picture::Paper::A4).unwrap());
    assert!(a == b, "the PDF is the same bytes each time");
}

#[test]
fn the_png_is_a_16_by_9_slide() {
    let bytes = picture::png(&sample_roadmap()).unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a valid PNG");
    let mut pixels = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!((info.width, info.height), (1920, 1080), "sized for a 16:9 slide");
    let distinct: std::collections::HashSet<&[u8]> = pixels.chunks(4).take(1920 * 1080).collect();
    assert!(distinct.len() > 20, "something was drawn, not a blank page ({} colours)", distinct.len());
}

#[test]
fn the_pdf_is_one_landscape_page_on_the_chosen_paper() {
    let roadmap = sample_roadmap();
    for (paper, size) in [(picture::Paper::A4, (842.0, 595.0)), (picture::Paper::Letter, (792.0, 612.0))] {
        let bytes = picture::pdf(&roadmap, paper).unwrap();
        let doc = lopdf::Document::load_mem(&bytes).expect("a PDF a reader can parse");
        let pages = doc.get_pages();
        assert_eq!(pages.len(), 1, "the executive roadmap is one page");
        let page = doc.get_dictionary(*pages.values().next().unwrap()).unwrap();
        let media: Vec<f32> = page.get(b"MediaBox").unwrap().as_array().unwrap().iter().map(|v| v.as_float().unwrap()).collect();
        assert_eq!((media[2], media[3]), size, "{paper:?} landscape in points");
        assert!(bytes.len() > 20_000, "the page has content ({} bytes)", bytes.len());
    }
}

#[test]
fn the_html_page_is_self_contained_and_shows_hostile_titles_as_text() {
    let page = html::render(&sample_roadmap());
    let doc = scraper::Html::parse_document(&page);
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    assert_eq!(doc.select(&select("script")).count(), 0, "no scripts at all");
    assert_eq!(doc.select(&select("img")).count(), 0, "no element made from a title");
    let csp = doc.select(&select("meta[http-equiv=Content-Security-Policy]")).next().expect("its own CSP");
    assert!(csp.value().attr("content").unwrap().starts_with("default-src 'none'"));
    let cells: Vec<String> = doc.select(&select("td")).map(|td| td.text().collect()).collect();
    assert!(cells.iter().any(|c| c == HOSTILE), "the hostile title is intact as text in the table");
    assert!(!page.contains("src=\"http") && !page.contains("href=\"http"), "nothing is loaded from elsewhere");
}

fn detailed() -> Options {
    Options { detail_tasks: true, ..Options::new(today()) }
}

#[test]
fn the_detailed_variant_draws_every_task_over_pages() {
    let roadmap = sample_roadmap();
    let tasks: Vec<&str> = roadmap.lanes.iter().flat_map(|l| &l.tasks).map(|t| t.task.title.as_str()).collect();
    let svg = String::from_utf8(export::render_roadmap(Format::Svg, &roadmap, &detailed()).unwrap()).unwrap();
    resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).expect("the stacked SVG parses");
    for title in &tasks {
        // Long titles are cut with an ellipsis to fit the label column; their start is there.
        let start: String = title.chars().take(24).collect();
        assert!(svg.contains(&svg::escape(&start)), "every task is drawn, including “{title}”");
    }
    let pages = svg.matches("every task · page ").count();
    assert!(pages >= 2, "the sample's {} tasks take more than one page", tasks.len());

    let pdf = lopdf::Document::load_mem(&export::render_roadmap(Format::Pdf, &roadmap, &detailed()).unwrap()).unwrap();
    assert_eq!(pdf.get_pages().len(), pages, "the PDF has one page per page of the picture");

    let png = export::render_roadmap(Format::Png, &roadmap, &detailed()).unwrap();
    let reader = png::Decoder::new(std::io::Cursor::new(png)).read_info().unwrap();
    assert_eq!((reader.info().width, reader.info().height), (1920, 1080 * pages as u32), "the pages are stacked, each a 16:9 slide");
}

#[test]
fn a_detailed_picture_too_tall_for_one_image_is_refused_but_the_pdf_is_made() {
    let mut b = Board::new();
    let id = b.initiative("Hundreds of tasks");
    for n in 0..400 {
        let task = b.task(id, &format!("Task {n}"));
        b.set_task(task, TaskChange::Due(Some(day("2026-05-01")))).unwrap();
    }
    let roadmap = Roadmap::build(&b.store.snapshot().unwrap(), &RoadmapFilter::default(), today());
    let err = export::render_roadmap(Format::Png, &roadmap, &detailed()).unwrap_err();
    assert!(err.to_string().contains("Export it as PDF"), "a 25-page picture is refused with what to do: {err}");
    let pdf = lopdf::Document::load_mem(&export::render_roadmap(Format::Pdf, &roadmap, &detailed()).unwrap()).unwrap();
    assert!(pdf.get_pages().len() > export::detail::MAX_STACKED_PAGES, "the PDF spans as many pages as it takes");
}
