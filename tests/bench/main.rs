//! Bridgeboard measured against a bare Tauri app (`tests/hello`): cold start to the painted
//! board, idle memory and idle CPU. It prints figures and never fails on them.
//!
//! Run under a display and a D-Bus session (the app's single-instance plugin uses D-Bus):
//!
//! ```text
//! dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
//!   cargo run -p bridgeboard-e2e --bin bench -- [startup|cpu|all] [--runs N] [--cpu-secs S]
//!   cargo run -p bridgeboard-e2e --bin bench -- [render|interact] [--runs N] [--samples N]
//! ```
//!
//! `render` and `interact` measure Bridgeboard alone on generated boards, against absolute
//! targets: run them on the release build (`BRIDGEBOARD_APP=target/release/bridgeboard`, which
//! `./dev bench-interact` builds and passes), since that is what a hospital installs.
//!
//! - Both apps are built the same way (`tauri build --debug --no-bundle`, debug profile):
//!   `BRIDGEBOARD_APP` (default `target/debug/bridgeboard`) and `HELLO_APP` (default
//!   `target/debug/bridgeboard-hello`); `BRIDGEBOARD_CLI` shares the board for the CPU run.
//! - Every run is a fresh process on a fresh data folder (HOME and the XDG folders in a temp
//!   directory); the runs alternate between the apps, after one discarded warm-up run of each, so
//!   the file caches are warm and a busy moment of the machine falls on both.
//! - "Painted" comes from the apps themselves with `BRIDGEBOARD_TIMINGS=1` (see
//!   `src-tauri/src/timings.rs`, which the hello-world app compiles too): the frame after the
//!   board's first card (or the empty board) — the hello-world's text — is in the DOM. No
//!   WebDriver in the way, which would start the app through WebKitWebDriver.
//! - Memory: PSS (`/proc/PID/smaps_rollup`) summed over the app and every process under it
//!   (WebKitWebProcess, WebKitNetworkProcess), once it has settled after the paint.
//! - CPU: utime + stime (`/proc/PID/stat`) of the same processes over the window, as a share of
//!   one core, with a board shared through a folder (the file watcher and the sync poll run).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

mod boards;
mod interact;
mod render;

const START_TARGET: f64 = 1.3;
const MEMORY_TARGET: f64 = 1.5;
const CPU_TARGET: f64 = 1.0;

/// The steps of Bridgeboard's startup, in the order they happen (marks from `timings.rs`).
const STEPS: &[(&str, &str)] = &[
    ("main", "process start → main()"),
    ("setup", "Tauri builder, plugins, event loop → setup"),
    ("settings-loaded", "settings file read"),
    ("sample-written", "sample board written (first open of the sample)"),
    ("store-opened", "board file opened: probe, WAL, migrations"),
    ("daily-backup", "daily backup"),
    ("board-remembered", "settings saved (recent boards)"),
    ("setup-done", "window prepared, watcher and sync threads → setup done"),
    ("page-load-started", "webview created → page load starts"),
    ("page-script", "page's first script"),
    ("dom-ready", "UI bundle parsed and run → DOMContentLoaded"),
    ("ui-mounted", "first render of the shell (\"Opening the board…\")"),
    ("board-read-start", "session and listeners → board command"),
    ("board-read-done", "board read (core board())"),
    ("in-dom", "board reply to the page → board in the DOM"),
    ("frame", "→ the next animation frame starts"),
    ("painted", "→ that frame is done (painted)"),
    // The page's own paint timing, where WebKit reports it (not a step of the chain above).
    ("first-paint", "(WebKit: first paint)"),
    ("first-contentful-paint", "(WebKit: first contentful paint)"),
];

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Hello,
    Empty,
    /// The sample board, written by the app at this first start.
    Sample,
    /// The sample board, already written (a later start of the app).
    SampleWritten,
}

struct Scenario {
    name: &'static str,
    kind: Kind,
}

const SCENARIOS: &[Scenario] = &[
    Scenario { name: "hello-world", kind: Kind::Hello },
    Scenario { name: "bridgeboard, empty board", kind: Kind::Empty },
    Scenario { name: "bridgeboard, sample board", kind: Kind::Sample },
    Scenario { name: "bridgeboard, sample, written", kind: Kind::SampleWritten },
];

struct Options {
    mode: String,
    runs: usize,
    samples: usize,
    cpu_secs: u64,
    settle_secs: u64,
    verbose: bool,
    only: Option<String>,
    app: PathBuf,
    hello: PathBuf,
    cli: PathBuf,
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn options() -> Options {
    let env_path = |key: &str, default: &str| std::env::var_os(key).map(PathBuf::from).unwrap_or_else(|| workspace().join(default));
    let mut options = Options {
        mode: "all".into(),
        runs: 7,
        samples: 40,
        cpu_secs: 60,
        settle_secs: 5,
        verbose: false,
        only: None,
        app: env_path("BRIDGEBOARD_APP", "target/debug/bridgeboard"),
        hello: env_path("HELLO_APP", "target/debug/bridgeboard-hello"),
        cli: env_path("BRIDGEBOARD_CLI", "target/debug/bridgeboard-cli"),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |what: &str| args.next().and_then(|v| v.parse().ok()).unwrap_or_else(|| panic!("{what} takes a number"));
        match arg.as_str() {
            "--runs" => options.runs = number("--runs") as usize,
            "--samples" => options.samples = number("--samples") as usize,
            "--cpu-secs" => options.cpu_secs = number("--cpu-secs"),
            "--settle-secs" => options.settle_secs = number("--settle-secs"),
            "--verbose" => options.verbose = true,
            "--only" => options.only = args.next(),
            "startup" | "cpu" | "all" | "render" | "interact" => options.mode = arg,
            other => panic!(
                "unknown argument {other}: bench [startup|cpu|all|render|interact] [--runs N] [--samples N] [--cpu-secs S] [--settle-secs S] [--verbose]"
            ),
        }
    }
    options
}

fn main() {
    let options = options();
    let alone = matches!(options.mode.as_str(), "render" | "interact");
    for binary in if alone { vec![&options.app] } else { vec![&options.app, &options.hello] } {
        assert!(binary.exists(), "{} is missing: build both apps first (see tests/hello/README.md)", binary.display());
    }
    if std::env::var_os("DISPLAY").is_none() || std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        eprintln!("run under a display and a D-Bus session: dbus-run-session -- xvfb-run -a -s \"-screen 0 1280x800x24\" ...");
        std::process::exit(2);
    }
    if !alone {
        println!("bridgeboard: {}\nhello-world: {}", options.app.display(), options.hello.display());
    }
    match options.mode.as_str() {
        "startup" => startup(&options),
        "cpu" => cpu(&options),
        "render" => render::run(&options),
        "interact" => interact::run(&options.app, options.samples),
        _ => {
            startup(&options);
            cpu(&options);
        }
    }
}

/// One launch's figures.
struct Run {
    /// Each mark, in ms after the process was spawned.
    marks: BTreeMap<String, f64>,
    /// When the "painted" line reached this driver, in ms after the spawn.
    seen_ms: f64,
    pss_kb: u64,
    processes: usize,
}

fn startup(options: &Options) {
    println!("\n== startup to the painted board, and idle memory ({} runs each, alternating, after a warm-up)", options.runs);
    let mut runs: Vec<Vec<Run>> = SCENARIOS.iter().map(|_| Vec::new()).collect();
    // The sample as the app writes it, made once by the CLI and copied in before each such run.
    let sample_home = fresh_home("sample");
    let sample = sample_home.join("sample.bridgeboard");
    cli(options, &sample, &["demo"]);
    for round in 0..=options.runs {
        for (i, scenario) in SCENARIOS.iter().enumerate() {
            if options.only.as_ref().is_some_and(|only| i > 0 && !scenario.name.contains(only.as_str())) {
                continue;
            }
            let home = fresh_home(&format!("{i}-{round}"));
            if scenario.kind == Kind::SampleWritten {
                let dir = home.join("data/org.bridgeboard.app");
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::copy(&sample, dir.join("sample-hospital-board.bridgeboard")).unwrap();
            }
            let mut app = launch(options, scenario.kind, &home, &[]);
            let run = app.measure(Duration::from_secs(options.settle_secs));
            app.stop();
            let _ = std::fs::remove_dir_all(&home);
            let Some(run) = run else {
                println!("  {}: no paint within 60 s (run {round})", scenario.name);
                continue;
            };
            let label = if round == 0 { "warm-up, discarded".to_string() } else { format!("run {round}") };
            println!(
                "  {:<28} {label:<19} painted {:>7.1} ms (line seen {:>7.1} ms)   PSS {:>6.1} MB in {} processes",
                scenario.name,
                run.marks["painted"],
                run.seen_ms,
                run.pss_kb as f64 / 1024.0,
                run.processes
            );
            if options.verbose {
                let mut marks: Vec<_> = run.marks.iter().collect();
                marks.sort_by(|a, b| a.1.total_cmp(b.1));
                println!("    {}", marks.iter().map(|(m, at)| format!("{m} {at:.0}")).collect::<Vec<_>>().join(", "));
            }
            if round > 0 {
                runs[i].push(run);
            }
        }
    }

    let _ = std::fs::remove_dir_all(&sample_home);

    println!("\n== medians");
    let painted: Vec<f64> = runs.iter().map(|r| median(r.iter().map(|run| run.marks["painted"]).collect())).collect();
    let pss: Vec<f64> = runs.iter().map(|r| median(r.iter().map(|run| run.pss_kb as f64 / 1024.0).collect())).collect();
    for (i, scenario) in SCENARIOS.iter().enumerate() {
        println!("  {:<28} start to painted {:>7.1} ms   idle PSS {:>6.1} MB", scenario.name, painted[i], pss[i]);
    }
    for i in 1..SCENARIOS.len() {
        let start = painted[i] / painted[0];
        let memory = pss[i] / pss[0];
        println!(
            "  {:<28} start {start:.2}× the hello-world (target ≤ {START_TARGET}×: {})   PSS {memory:.2}× (target ≤ {MEMORY_TARGET}×: {})",
            SCENARIOS[i].name,
            verdict(start <= START_TARGET),
            verdict(memory <= MEMORY_TARGET)
        );
    }

    println!("\n== where the time goes (median ms after the spawn; step = since the previous mark)");
    print!("  {:<58}", "step");
    for scenario in SCENARIOS {
        print!(" {:>24}", scenario.name);
    }
    println!();
    for (mark, what) in STEPS {
        if !runs.iter().any(|r| r.iter().any(|run| run.marks.contains_key(*mark))) {
            continue;
        }
        print!("  {:<58}", format!("{mark}: {what}"));
        for scenario_runs in &runs {
            let at: Vec<f64> = scenario_runs.iter().filter_map(|run| run.marks.get(*mark).copied()).collect();
            let step: Vec<f64> = scenario_runs.iter().filter_map(|run| Some(run.marks.get(*mark)? - previous(run, mark)?)).collect();
            if at.is_empty() {
                print!(" {:>24}", "—");
            } else {
                print!(" {:>24}", format!("{:.1} (+{:.1})", median(at), median(step)));
            }
        }
        println!();
    }
}

/// The latest mark before `mark` that this run has, in the order of `STEPS`.
fn previous(run: &Run, mark: &str) -> Option<f64> {
    let index = STEPS.iter().position(|(m, _)| *m == mark)?;
    if index == 0 || mark.contains("paint") && mark != "painted" {
        return Some(0.0);
    }
    STEPS[..index].iter().rev().find_map(|(m, _)| run.marks.get(*m).copied())
}

fn cpu(options: &Options) {
    println!("\n== idle CPU over {} s after the paint (a share of one core)", options.cpu_secs);
    let cases: [(&str, Kind, bool); 2] = [("hello-world", Kind::Hello, false), ("bridgeboard, shared sample board", Kind::Sample, true)];
    for (name, kind, shared) in cases {
        let home = fresh_home(&format!("cpu-{}", name.len()));
        let mut env = Vec::new();
        if shared {
            let board = home.join("board.bridgeboard");
            let share = home.join("share");
            std::fs::create_dir_all(&share).unwrap();
            cli(options, &board, &["demo"]);
            cli(options, &board, &["share", "--folder", share.to_str().unwrap()]);
            env.push(("BRIDGEBOARD_DB", board.display().to_string()));
        }
        // The shared board opens from BRIDGEBOARD_DB, so not as the sample.
        let mut app = launch(options, if shared { Kind::Empty } else { kind }, &home, &env);
        if app.measure(Duration::from_secs(options.settle_secs)).is_none() {
            println!("  {name}: no paint within 60 s");
            app.stop();
            continue;
        }
        let before = ticks(app.child.id());
        let started = Instant::now();
        std::thread::sleep(Duration::from_secs(options.cpu_secs));
        let after = ticks(app.child.id());
        let wall = started.elapsed().as_secs_f64();
        let used: u64 = after.iter().map(|(pid, t)| t - before.get(pid).copied().unwrap_or(0).min(*t)).sum();
        let percent = used as f64 / clock_ticks() / wall * 100.0;
        let verdict = if shared { format!("   (target < {CPU_TARGET} %: {})", verdict(percent < CPU_TARGET)) } else { String::new() };
        println!("  {name:<34} {percent:.2} % of a core over {wall:.0} s, {} processes{verdict}", after.len());
        app.stop();
        let _ = std::fs::remove_dir_all(&home);
    }
}

fn cli(options: &Options, board: &Path, args: &[&str]) {
    let status = Command::new(&options.cli).arg("--db").arg(board).args(args).stdout(Stdio::null()).status().expect("the CLI runs");
    assert!(status.success(), "bridgeboard-cli {args:?} succeeds");
}

fn verdict(pass: bool) -> &'static str {
    if pass {
        "pass"
    } else {
        "FAIL"
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    }
}

fn fresh_home(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bridgeboard-bench-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for sub in ["config", "data", "cache", "state"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    dir
}

struct Launched {
    child: Child,
    spawned_us: f64,
    spawned: Instant,
    lines: mpsc::Receiver<(String, f64, Instant)>,
}

fn launch(options: &Options, kind: Kind, home: &Path, env: &[(&str, String)]) -> Launched {
    let binary = if kind == Kind::Hello { &options.hello } else { &options.app };
    let mut command = Command::new(binary);
    command
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("BRIDGEBOARD_TIMINGS", "1")
        .env_remove("BRIDGEBOARD_SAMPLE")
        .env_remove("BRIDGEBOARD_DB")
        .current_dir(home)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        // Its own process group, so that stopping it stops its WebKit processes too.
        .process_group(0);
    if matches!(kind, Kind::Sample | Kind::SampleWritten) {
        command.env("BRIDGEBOARD_SAMPLE", "1");
    }
    for (key, value) in env {
        command.env(key, value);
    }
    let spawned_us = now_us();
    let spawned = Instant::now();
    let mut child = command.spawn().unwrap_or_else(|e| panic!("{} starts: {e}", binary.display()));
    let stderr = child.stderr.take().unwrap();
    let (send, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(std::result::Result::ok) {
            let mut parts = line.split_whitespace();
            if let (Some("timing"), Some(name), Some(at)) = (parts.next(), parts.next(), parts.next()) {
                if let Ok(at) = at.parse::<f64>() {
                    let _ = send.send((name.to_string(), at, Instant::now()));
                }
            }
        }
    });
    Launched { child, spawned_us, spawned, lines }
}

impl Launched {
    /// Waits for the paint, then for the memory to settle; None when nothing was painted.
    fn measure(&mut self, settle: Duration) -> Option<Run> {
        let mut marks = BTreeMap::new();
        let deadline = Instant::now() + Duration::from_secs(60);
        let seen_ms = loop {
            let (name, at, arrived) = self.lines.recv_timeout(deadline.saturating_duration_since(Instant::now())).ok()?;
            marks.entry(name.clone()).or_insert((at - self.spawned_us) / 1000.0);
            if name == "painted" {
                break arrived.duration_since(self.spawned).as_secs_f64() * 1000.0;
            }
        };
        // Late marks (none expected) are kept if they arrive while settling.
        let (pss_kb, processes) = self.settled_pss(settle);
        while let Ok((name, at, _)) = self.lines.try_recv() {
            marks.entry(name).or_insert((at - self.spawned_us) / 1000.0);
        }
        Some(Run { marks, seen_ms, pss_kb, processes })
    }

    /// PSS once it stops changing by more than 1 % between two seconds (at most `settle` + 10 s).
    fn settled_pss(&self, settle: Duration) -> (u64, usize) {
        std::thread::sleep(settle);
        let mut last = pss(self.child.id());
        for _ in 0..10 {
            std::thread::sleep(Duration::from_secs(1));
            let next = pss(self.child.id());
            let calm = (next.0 as f64 - last.0 as f64).abs() <= last.0 as f64 * 0.01;
            last = next;
            if calm {
                break;
            }
        }
        last
    }

    /// SIGTERM to the app's process group, then waits for it.
    fn stop(mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        if !matches!(self.child.try_wait(), Ok(Some(_))) {
            let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
            let _ = self.child.wait();
        }
        // Let its WebKit processes go too before the next launch.
        std::thread::sleep(Duration::from_millis(500));
    }
}

fn now_us() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_micros() as f64
}

/// The app and every process under it.
fn tree(root: u32) -> Vec<u32> {
    let mut parents = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        if let Some(fields) = stat(pid) {
            parents.push((pid, fields.get(1).and_then(|p| p.parse::<u32>().ok()).unwrap_or(0)));
        }
    }
    let mut found = vec![root];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(parents.iter().filter(|(_, p)| *p == parent).map(|(pid, _)| *pid));
        i += 1;
    }
    found
}

/// The fields of /proc/PID/stat after the command name (state is [0], ppid [1], utime [11], stime [12]).
fn stat(pid: u32) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &text[text.rfind(')')? + 2..];
    Some(rest.split_whitespace().map(str::to_string).collect())
}

/// Summed PSS (kB) of the tree, and how many processes it has.
fn pss(root: u32) -> (u64, usize) {
    let pids = tree(root);
    let total = pids
        .iter()
        .filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok())
        .filter_map(|text| text.lines().find(|l| l.starts_with("Pss:"))?.split_whitespace().nth(1)?.parse::<u64>().ok())
        .sum();
    (total, pids.len())
}

/// utime + stime (clock ticks) of each process in the tree.
fn ticks(root: u32) -> BTreeMap<u32, u64> {
    tree(root)
        .into_iter()
        .filter_map(|pid| {
            let fields = stat(pid)?;
            let t = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
            Some((pid, t))
        })
        .collect()
}

fn clock_ticks() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}
