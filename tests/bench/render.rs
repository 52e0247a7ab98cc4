//! How drawing the board grows with it: a 5,000-card board against a 50-card one (target: within
//! 3× the time), each a fresh start of the app on a copy of the board, alternating. "Render" is
//! from the core's board reply to the frame that shows the cards (marks `board-read-done` →
//! `painted` of `timings.rs`): the page receiving the reply, Svelte building the columns, layout
//! and paint. The core's read before it is printed beside it.

use std::time::Duration;

use crate::{boards, fresh_home, launch, median, verdict, Kind, Options};

const TARGET: f64 = 3.0;
const SIZES: [usize; 2] = [50, 5_000];

pub fn run(options: &Options) {
    println!("\n== drawing 5,000 cards against 50 ({} runs each, alternating, after a warm-up)", options.runs);
    println!("app: {}", options.app.display());
    let dir = fresh_home("render-boards");
    let boards: Vec<_> = SIZES
        .iter()
        .map(|&n| {
            let path = dir.join(format!("cards-{n}.bridgeboard"));
            boards::cards(&path, n);
            path
        })
        .collect();
    let mut render: Vec<Vec<f64>> = vec![Vec::new(); SIZES.len()];
    let mut read: Vec<Vec<f64>> = vec![Vec::new(); SIZES.len()];
    for round in 0..=options.runs {
        for (i, board) in boards.iter().enumerate() {
            let home = fresh_home(&format!("render-{i}-{round}"));
            let copy = home.join("board.bridgeboard");
            std::fs::copy(board, &copy).unwrap();
            let mut app = launch(options, Kind::Empty, &home, &[("BRIDGEBOARD_DB", copy.display().to_string())]);
            let run = app.measure(Duration::from_secs(1));
            app.stop();
            let _ = std::fs::remove_dir_all(&home);
            let Some(run) = run else {
                println!("  {} cards: no paint within 60 s (run {round})", SIZES[i]);
                continue;
            };
            let mark = |name: &str| run.marks.get(name).copied().unwrap_or(f64::NAN);
            let (drawn, core) = (mark("painted") - mark("board-read-done"), mark("board-read-done") - mark("board-read-start"));
            let label = if round == 0 { "warm-up, discarded".to_string() } else { format!("run {round}") };
            println!("  {:>5} cards {label:<19} render {drawn:>7.1} ms   (core board read {core:>6.1} ms)", SIZES[i]);
            if round > 0 {
                render[i].push(drawn);
                read[i].push(core);
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    let medians: Vec<f64> = render.into_iter().map(median).collect();
    for (i, n) in SIZES.iter().enumerate() {
        println!("  {n:>5} cards: render median {:>7.1} ms   core board read median {:>6.1} ms", medians[i], median(read[i].clone()));
    }
    let ratio = medians[1] / medians[0];
    println!("  5,000 cards render in {ratio:.2}× the 50-card time (target ≤ {TARGET}×: {})", verdict(ratio <= TARGET));
}
