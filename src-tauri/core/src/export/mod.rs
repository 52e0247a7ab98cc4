//! Exports of the joint roadmap. [`roadmap::Roadmap`] is the one model; each format renders it.
//! Every file is written atomically (`crate::fsutil::write_atomically`), so a failed export never
//! leaves half a file over a good one.

pub mod roadmap;

pub use roadmap::{Lane, Roadmap, RoadmapFilter, RoadmapTask, Span};
