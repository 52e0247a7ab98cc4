//! What the app holds while it runs: the open board (if any), this desktop's settings and where
//! things live on disk. The board itself is the truth; nothing here caches its contents (the
//! boards sent to windows are remembered only by fingerprint, to send each window what changed).

use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};

use bridgeboard_core::settings::{Session, Settings};
use bridgeboard_core::{backups, sample, Actor, Error, Id, Result, SentBoards, Store};

use crate::timings;

pub struct Paths {
    pub settings_file: PathBuf,
    pub backups_dir: PathBuf,
    pub default_board: PathBuf,
    pub sample_board: PathBuf,
}

impl Paths {
    /// Where a joined board's local copy goes by default: the app-data folder, under a name
    /// made from its folder in the share, never over an existing file.
    pub fn joined_board_path(&self, board_folder: &str) -> PathBuf {
        let dir = self.default_board.parent().map(Path::to_path_buf).unwrap_or_default();
        let name = Path::new(board_folder).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "shared".into());
        let mut path = dir.join(format!("{name}.bridgeboard"));
        let mut n = 2;
        while path.exists() {
            path = dir.join(format!("{name}-{n}.bridgeboard"));
            n += 1;
        }
        path
    }
}

/// The board a command line names: its first argument that is a file (a `.bridgeboard` file
/// opened from the file manager arrives as one).
pub fn named_board(args: impl IntoIterator<Item = PathBuf>) -> Option<PathBuf> {
    args.into_iter().find(|p| p.is_file())
}

pub struct Open {
    pub store: Store,
    /// The last `data_version` this app has shown, to notice other processes' commits.
    pub seen_version: i64,
}

pub struct AppState {
    pub paths: Paths,
    pub board: Mutex<Option<Open>>,
    pub settings: Mutex<Settings>,
    pub open_error: Mutex<Option<String>>,
    /// The boards recently sent to windows, so that the next read sends only what changed.
    pub sent_boards: Mutex<SentBoards>,
    /// Whether the board to show at start has been opened (or has failed to): it is opened
    /// beside the window's creation, and until then a command waits rather than answer that no
    /// board is open.
    started: (Mutex<bool>, Condvar),
}

impl AppState {
    pub fn new(paths: Paths) -> AppState {
        let settings = Settings::load(&paths.settings_file);
        AppState {
            paths,
            board: Mutex::new(None),
            settings: Mutex::new(settings),
            open_error: Mutex::new(None),
            sent_boards: Mutex::new(SentBoards::default()),
            started: (Mutex::new(false), Condvar::new()),
        }
    }

    /// Opens the board to show at start (the sample with `sample`), keeping a failure for the
    /// window to show; then lets the commands waiting for it go on.
    pub fn start(&self, sample: bool) {
        let opened = if sample { self.open_sample() } else { self.open(&self.startup_path()) };
        if let Err(err) = opened {
            *self.open_error.lock().unwrap() = Some(err.to_string());
        }
        let (done, wake) = &self.started;
        *done.lock().unwrap() = true;
        wake.notify_all();
    }

    pub fn wait_for_start(&self) {
        let (done, wake) = &self.started;
        let _started = wake.wait_while(done.lock().unwrap(), |done| !*done).unwrap();
    }

    /// The board file to open at start: one named on the command line, else `BRIDGEBOARD_DB`, else
    /// the last one used, else the default.
    pub fn startup_path(&self) -> PathBuf {
        named_board(std::env::args_os().skip(1).map(PathBuf::from))
            .or_else(|| std::env::var_os("BRIDGEBOARD_DB").map(PathBuf::from))
            .or_else(|| self.settings.lock().unwrap().board_path.as_ref().map(PathBuf::from))
            .unwrap_or_else(|| self.paths.default_board.clone())
    }

    /// Opens (or creates) a board file and makes it the current one; remembers it in settings.
    /// On failure the previous board stays open and the error is returned.
    pub fn open(&self, path: &Path) -> Result<()> {
        if let Some(parent) = path.parent() {
            if path == self.paths.default_board || path == self.paths.sample_board {
                let _ = std::fs::create_dir_all(parent);
            }
        }
        let store = Store::open(path, Some(&self.paths.backups_dir))?;
        timings::mark("store-opened");
        let _ = backups::take_daily(&store, &self.paths.backups_dir, chrono::Utc::now());
        timings::mark("daily-backup");
        let seen_version = store.data_version()?;
        *self.board.lock().unwrap() = Some(Open { store, seen_version });
        *self.open_error.lock().unwrap() = None;
        let remembered = self.change_settings(|settings| settings.remember_board(path));
        timings::mark("board-remembered");
        remembered
    }

    /// Changes this desktop's settings: written to the settings file first, and kept in memory
    /// only once written, so that the app never shows a setting it has not saved.
    pub fn change_settings(&self, change: impl FnOnce(&mut Settings)) -> Result<()> {
        let mut settings = self.settings.lock().unwrap();
        let mut next = settings.clone();
        change(&mut next);
        next.save(&self.paths.settings_file)?;
        *settings = next;
        Ok(())
    }

    /// Opens the sample hospital board, writing it first if its file does not exist yet. It
    /// has its own file so that demo data never mixes with real work.
    pub fn open_sample(&self) -> Result<()> {
        let path = self.paths.sample_board.clone();
        if !path.exists() {
            let dir = path.parent().expect("the sample board lives in the app data folder");
            std::fs::create_dir_all(dir).map_err(|e| Error::Storage(format!("The folder {} cannot be created ({e}).", dir.display())))?;
            let mut store = Store::open(&path, None)?;
            sample::create(&mut store, chrono::Local::now().date_naive(), chrono::Utc::now())?;
            timings::mark("sample-written");
        }
        self.open(&path)
    }

    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.wait_for_start();
        let mut board = self.board.lock().unwrap();
        let open = board
            .as_mut()
            .ok_or_else(|| Error::Storage("No board is open. Open a board file in Settings, or open the sample hospital board.".into()))?;
        // `seen_version` is left to the watcher: this connection's own commits never move
        // data_version, and another process's commit that lands while the UI reads is news
        // that a later read must still pick up.
        f(&mut open.store)
    }

    /// The open board's file and id.
    pub fn board_file(&self) -> Result<(PathBuf, Id)> {
        self.with_store(|store| {
            let file = store.path().ok_or_else(|| Error::Storage("This board is not kept in a file.".into()))?;
            Ok((file.to_path_buf(), store.info()?.id))
        })
    }

    /// The open board's file and its folder in the share, when it is shared.
    pub fn shared_board(&self) -> Option<(PathBuf, PathBuf)> {
        self.wait_for_start();
        let board = self.board.lock().unwrap();
        let store = &board.as_ref()?.store;
        Some((store.path()?.to_path_buf(), store.sharing()?.folder.clone()))
    }

    /// Who this desktop's changes are recorded as.
    pub fn actor(&self, store: &Store) -> Actor {
        let me = self.settings.lock().unwrap().me;
        me.and_then(|id| store.person(id).ok().flatten()).map(|p| Actor { id: Some(p.id), name: p.name }).unwrap_or_else(Actor::unknown)
    }

    pub fn session(&self) -> Session {
        self.wait_for_start();
        let board = self.board.lock().unwrap();
        let store = board.as_ref().map(|o| &o.store);
        let path = store.and_then(|s| s.path()).map(Path::to_path_buf).unwrap_or_else(|| self.startup_path());
        Session {
            board_path: path.display().to_string(),
            default_board_path: self.paths.default_board.display().to_string(),
            read_only: store.is_some_and(Store::is_read_only),
            location_warning: bridgeboard_core::store::location_warning(&path),
            open_error: self.open_error.lock().unwrap().clone(),
            settings: self.settings.lock().unwrap().clone(),
        }
    }
}
