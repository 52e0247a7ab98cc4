//! Helpers shared by the core's integration tests: a board with two owners, temp folders.

#![allow(dead_code)]

use std::path::PathBuf;

use bridgeboard_core::sync::Folder;

use bridgeboard_core::*;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use petgraph::graph::DiGraph;
use std::collections::HashMap;

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn me() -> Actor {
    Actor { id: None, name: "Test".into() }
}

/// A fresh, empty folder under the system temp folder.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bridgeboard-core-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub struct Board {
    pub store: Store,
    pub dana: Id,
    pub tom: Id,
}

impl Board {
    pub fn new() -> Board {
        Board::with(Store::open_in_memory().unwrap())
    }

    pub fn with(mut store: Store) -> Board {
        let dana = store
            .apply(
                &me(),
                now(),
                Op::CreatePerson(NewPerson { name: "Dana".into(), email: String::new(), title: String::new(), department_id: MARKETING }),
            )
            .unwrap();
        let tom = store
            .apply(
                &me(),
                now(),
                Op::CreatePerson(NewPerson { name: "Tom".into(), email: String::new(), title: String::new(), department_id: IT }),
            )
            .unwrap();
        Board { store, dana, tom }
    }

    pub fn apply(&mut self, op: Op) -> Result<Id> {
        self.store.apply(&me(), now(), op)
    }

    pub fn initiative(&mut self, title: &str) -> Id {
        let (dana, tom) = (self.dana, self.tom);
        self.apply(Op::CreateInitiative(NewInitiative {
            marketing_owner_id: Some(dana),
            it_owner_id: Some(tom),
            accountable_id: Some(dana),
            ..NewInitiative::titled(title)
        }))
        .unwrap()
    }

    pub fn task(&mut self, initiative: Id, title: &str) -> Id {
        self.apply(Op::CreateTask(NewTask::titled(initiative, IT, title))).unwrap()
    }

    pub fn depends(&mut self, successor: Id, predecessor: Id) -> Result<Id> {
        self.apply(Op::AddDependency(NewDependency {
            from_id: predecessor,
            to_id: successor,
            kind: DependencyKind::FinishToStart,
            lag_days: 0,
        }))
    }

    pub fn set_task(&mut self, id: Id, change: TaskChange) -> Result<Id> {
        self.apply(Op::UpdateTask { id, changes: vec![change] })
    }

    pub fn set_initiative(&mut self, id: Id, change: InitiativeChange) -> Result<Id> {
        self.apply(Op::UpdateInitiative { id, changes: vec![change] })
    }

    pub fn card(&self, id: Id) -> InitiativeCard {
        self.store.board(today()).unwrap().initiatives.into_iter().find(|c| c.id == id).map(|c| (*c).clone()).unwrap()
    }

    pub fn activity_count(&self, initiative: Id) -> usize {
        self.store.initiative_detail(initiative, today()).unwrap().activity.len()
    }
}

/// Dana's desktop shares a board holding one initiative (owned by Dana and Tom) through a
/// folder; Tom's desktop can then join it with [`Shared::join`].
pub struct Shared {
    /// The test's temp folder: the board files and the share.
    pub dir: PathBuf,
    /// Dana's desktop.
    pub board: Board,
    /// The board's folder in the share.
    pub folder: Folder,
    pub portal: Id,
    pub dana: Actor,
    pub tom: Actor,
}

impl Shared {
    pub fn new(name: &str) -> Shared {
        let dir = temp_dir(name);
        let share = dir.join("share");
        std::fs::create_dir_all(&share).unwrap();
        let mut board = Board::with(Store::open(&dir.join("dana.bridgeboard"), Some(&dir)).unwrap());
        let portal = board.initiative("Patient portal adoption");
        let folder = Folder::for_board(&share, &board.store.info().unwrap().id.to_string());
        let dana = Actor { id: Some(board.dana), name: "Dana".into() };
        let tom = Actor { id: Some(board.tom), name: "Tom".into() };
        board.store.share(&folder, "MKT-DESKTOP-2", &dana, now()).unwrap();
        Shared { dir, board, folder, portal, dana, tom }
    }

    /// Tom's desktop joins the board from the share.
    pub fn join(&self) -> Result<Store> {
        Store::join(&self.dir.join("tom.bridgeboard"), &Folder::at(self.folder.root()), "IT-PM-LAPTOP-7", &self.tom, now())
    }

    /// Dana's desktop publishes its changes and takes in the others'.
    pub fn sync_dana(&mut self) -> SyncReport {
        self.board.store.sync(&self.folder, &self.dana, now()).unwrap()
    }
}

/// Is the board's finish-to-start graph (drawn edges plus task → own initiative) acyclic?
pub fn acyclic_by_petgraph(store: &Store) -> bool {
    let listing = store.listing(today()).unwrap();
    let mut graph = DiGraph::<(), ()>::new();
    let mut nodes = HashMap::new();
    let mut node = |g: &mut DiGraph<(), ()>, id: Id| *nodes.entry(id).or_insert_with(|| g.add_node(()));
    for i in &listing.initiatives {
        let ni = node(&mut graph, i.id);
        for t in &i.tasks {
            let nt = node(&mut graph, t.id);
            graph.add_edge(nt, ni, ());
        }
    }
    let board = store.board(today()).unwrap();
    for card in &board.initiatives {
        let detail = store.initiative_detail(card.id, today()).unwrap();
        let ups = detail
            .upstream
            .iter()
            .map(|l| (l, card.id))
            .chain(detail.tasks.iter().flat_map(|t| t.upstream.iter().map(move |l| (l, t.task.id))));
        // A suspended link is shown but does not count (it would close a loop made apart).
        for (link, successor) in ups.filter(|(l, _)| l.kind == DependencyKind::FinishToStart && l.suspended_loop.is_none()) {
            let (a, b) = (node(&mut graph, link.item.id), node(&mut graph, successor));
            graph.add_edge(a, b, ());
        }
    }
    !petgraph::algo::is_cyclic_directed(&graph)
}
