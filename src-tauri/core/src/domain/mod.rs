//! The rules of a joint board, free of storage: the nouns, the operations that change them,
//! what a change must satisfy, and what the app displays.

#[macro_use]
pub mod model;
pub mod baselines;
pub mod board_update;
pub mod governance;
pub mod graph;
pub mod id_hash;
pub mod ops;
pub mod phi;
pub mod raci;
pub mod results;
pub mod rules;
pub mod snapshot;
pub mod templates;
pub mod validate;
pub mod view;
pub mod wire_time;
