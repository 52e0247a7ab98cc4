//! The command line, declared with clap's derive API.
//!
//! Why clap: the derive keeps every option next to its help text in one typed struct, gives
//! `--help` and `--version` for free, reads `BRIDGEBOARD_DB` from the environment, and reports
//! usage mistakes itself with exit code 2 — the contract scripts rely on. Values that the core
//! checks (dates, wire enums, titles) are taken as plain text here and parsed in `parse.rs`, so
//! that their refusals carry the core's wording and exit code 1, like any other bad input.

use std::path::PathBuf;

use bridgeboard_core::import::csv::Field;
use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "bridgeboard-cli", version, about = "Read and change a Bridgeboard board file without the app.")]
pub struct Cli {
    /// The board file (a .bridgeboard SQLite file).
    #[arg(long, value_name = "FILE", env = "BRIDGEBOARD_DB", global = true)]
    pub db: Option<PathBuf>,

    /// Who the changes are recorded as in the activity log: a person's name, email or id.
    #[arg(long = "as", value_name = "PERSON", global = true)]
    pub actor: Option<String>,

    /// Save text that looks like patient information (an SSN, an MRN, a date of birth or a
    /// phone number next to a name) anyway. Bridgeboard is not the place for PHI: without this,
    /// such an edit is refused with what was found.
    #[arg(long, global = true)]
    pub allow_phi_like: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the sample hospital board (demo data) into a new, empty board file.
    Demo {
        /// The day the sample's dates are relative to (YYYY-MM-DD); today if not given.
        #[arg(long, value_name = "DATE")]
        today: Option<String>,
    },
    /// Show every initiative with its owners, dates, blockers and tasks.
    List {
        /// Print JSON for scripts instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Check the board file's integrity; exit code 3 if it is damaged.
    Check,
    /// Copy the board into a new file, safely even while the app has it open.
    Backup {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Add an initiative; prints its id. With --template NAME --start DATE it comes with the
    /// template's whole plan: tasks for each department dated from the start, their
    /// dependencies, the go-live milestone, the gates and the suggested KPIs, in one write.
    AddInitiative {
        title: String,
        /// A template's name (see `templates`).
        #[arg(long, value_name = "NAME", requires = "start")]
        template: Option<String>,
        #[command(flatten)]
        fields: InitiativeFields,
    },
    /// Change an initiative's fields; prints its id.
    EditInitiative {
        /// The initiative's id or exact title.
        item: String,
        /// A new title.
        #[arg(long)]
        title: Option<String>,
        #[command(flatten)]
        fields: InitiativeFields,
        #[command(flatten)]
        clear: InitiativeClears,
    },
    /// Add a task to an initiative; prints its id.
    AddTask {
        /// The initiative's id or exact title.
        initiative: String,
        title: String,
        /// The department doing the task (Marketing, IT, ...).
        #[arg(long)]
        department: String,
        #[command(flatten)]
        fields: TaskFields,
        /// Make it a milestone (a single day, such as a go-live or a launch).
        #[arg(long)]
        milestone: bool,
        /// Make this milestone the initiative's go-live: marking it done waits for the gates.
        #[arg(long, requires = "milestone")]
        go_live: bool,
    },
    /// Change a task's fields; prints its id.
    EditTask {
        /// The task's id or exact title.
        task: String,
        /// A new title.
        #[arg(long)]
        title: Option<String>,
        /// Move the task to another department (Marketing, IT, ...).
        #[arg(long)]
        department: Option<String>,
        #[command(flatten)]
        fields: TaskFields,
        /// `task` or `milestone`.
        #[arg(long)]
        kind: Option<String>,
        /// Make this milestone the initiative's go-live (`--go-live false` to unmark it).
        #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
        go_live: Option<bool>,
        #[command(flatten)]
        clear: TaskClears,
    },
    /// Move an initiative's plan later (or earlier, with a negative number) by whole days: its
    /// start and target and its open tasks' dates; done and cancelled tasks keep theirs.
    MoveInitiative {
        /// The initiative's id or exact title.
        item: String,
        /// Calendar days to move by, such as 14 or -7.
        #[arg(long, allow_negative_numbers = true)]
        days: i32,
    },
    /// Move a task one place up or down among its department's tasks.
    MoveTask {
        task: String,
        #[command(flatten)]
        direction: Direction,
    },
    /// Set the status of an initiative (proposed planned in_progress live cancelled) or a task
    /// (todo in_progress done cancelled); prints its id.
    Status { item: String, status: String },
    /// Add a person; prints their id.
    AddPerson {
        name: String,
        /// Their department (Marketing, IT, ...).
        #[arg(long)]
        department: String,
        #[arg(long)]
        email: Option<String>,
        /// Job title, such as "Web Developer".
        #[arg(long)]
        title: Option<String>,
    },
    /// Change a person's name, email, job title or department; prints their id.
    EditPerson {
        /// The person's id, name or email.
        person: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        department: Option<String>,
    },
    /// Add a department; prints its id.
    AddDepartment {
        name: String,
        /// A colour such as #1d4ed8; one is chosen if not given.
        #[arg(long)]
        color: Option<String>,
    },
    /// Make SUCCESSOR wait for PREDECESSOR; prints the dependency's id.
    Depend {
        successor: String,
        #[arg(long = "on", value_name = "PREDECESSOR")]
        predecessor: String,
        /// Days between the predecessor's finish and the successor's start.
        #[arg(long, default_value_t = 0, allow_negative_numbers = true, conflicts_with = "relates")]
        lag: i32,
        /// Only note that the two are related; nothing waits.
        #[arg(long)]
        relates: bool,
    },
    /// Remove a dependency, given by its id or as SUCCESSOR --on PREDECESSOR.
    Undepend {
        /// A dependency id, or the successor when --on is given.
        item: String,
        #[arg(long = "on", value_name = "PREDECESSOR")]
        predecessor: Option<String>,
    },
    /// Delete an initiative (with its tasks), a task or a person.
    Delete {
        item: String,
        /// Who takes over the work of a person being deleted.
        #[arg(long, value_name = "PERSON")]
        reassign_to: Option<String>,
    },
    /// Bring back a deleted initiative (with the tasks deleted with it), task, person or
    /// dependency: by id, or a deleted initiative by its exact title. Prints its id.
    Restore { item: String },
    /// Comment on an initiative or a task; prints the comment's id.
    Comment { item: String, text: String },
    /// Export the roadmap (csv, xlsx, md, ics, svg, png, pdf, html) or the whole board as a
    /// backup (json) to a file, written atomically; prints the path written.
    Export(ExportArgs),
    /// Share this board through a folder every desktop can reach (a network share, a OneDrive
    /// or SharePoint folder): the board and its history go into a Bridgeboard-<board id>
    /// folder inside FOLDER. Exit code 4 when the folder cannot be reached.
    Share {
        #[arg(long, value_name = "PATH")]
        folder: PathBuf,
        /// This desktop's name as the others see it; the computer's name if not given.
        #[arg(long, value_name = "NAME")]
        device: Option<String>,
    },
    /// Join a board shared through a folder, into a new board file (--db): FOLDER is the
    /// board's own folder, or a folder holding shared boards (then --board chooses one).
    Join {
        #[arg(long, value_name = "PATH")]
        folder: PathBuf,
        /// The board's id or exact name, when FOLDER holds several.
        #[arg(long, value_name = "BOARD")]
        board: Option<String>,
        /// This desktop's name as the others see it; the computer's name if not given.
        #[arg(long, value_name = "NAME")]
        device: Option<String>,
    },
    /// Publish this desktop's changes to the shared folder and apply the others', once (or
    /// again and again with --watch). Exit code 4 when the folder cannot be reached; edits
    /// are kept and published by a later sync.
    Sync {
        /// Keep syncing until stopped.
        #[arg(long)]
        watch: bool,
        /// Seconds between syncs with --watch.
        #[arg(long, value_name = "SECONDS", default_value_t = 2)]
        every: u64,
    },
    /// Show the sync health of a shared board: devices, changes waiting, unreadable files.
    SyncStatus {
        #[arg(long)]
        json: bool,
    },
    /// List the fields that two desktops set to different values while apart.
    Conflicts {
        #[arg(long)]
        json: bool,
    },
    /// Keep one value of a field in conflict, on every desktop: ITEM by id or exact title,
    /// FIELD by its wire name (it_owner, target, status, ...), CHOICE as `conflicts` lists it.
    Resolve {
        item: String,
        field: String,
        #[arg(long, value_name = "CHOICE")]
        keep: usize,
    },
    /// List what needs a decision: rules broken only by a merge, items deleted while changed
    /// elsewhere, work left with deleted people or initiatives.
    NeedsAttention {
        #[arg(long)]
        json: bool,
    },
    /// Keep deleted an item that was changed on another desktop while it was deleted (see
    /// needs-attention); `restore ITEM` brings it back instead.
    KeepDeleted { item: String },
    /// Stop syncing this board: it stays in this file, complete, as a private board under a
    /// new board id, so it never merges back by accident.
    Unshare,
    /// Give a person a RACI role on an initiative or a task: responsible, accountable,
    /// consulted or informed. The Accountable is one person: naming one replaces the other
    /// (said on stderr). Prints the item's or the role's id.
    SetRole {
        /// The initiative or task: id or exact title.
        item: String,
        #[arg(long, value_name = "ROLE")]
        role: String,
        #[arg(long, value_name = "PERSON")]
        person: String,
    },
    /// Take a RACI role back. An initiative past Proposed keeps its Accountable: name another
    /// one with set-role instead.
    RemoveRole {
        item: String,
        #[arg(long, value_name = "ROLE")]
        role: String,
        #[arg(long, value_name = "PERSON")]
        person: String,
    },
    /// Show an initiative's gates: each with its approver, state, reason, evidence and who
    /// decided it, when.
    Gates {
        /// The initiative: id or exact title.
        item: String,
        #[arg(long)]
        json: bool,
    },
    /// Add a gate to an initiative: GATE is a key from `gate-types` (privacy, security,
    /// accessibility, texting, legal, brand, ...). Prints the gate's id.
    AddGate {
        item: String,
        gate: String,
        #[arg(long, value_name = "PERSON")]
        approver: String,
    },
    /// Change a gate: its state (not_started, in_review, passed, failed, waived), with the
    /// reason failing and waiving need, its evidence (a note or a link) or its approver.
    /// Checked against who --as is: only the approver passes or fails a gate; the approver or
    /// the initiative's Accountable waives it or hands it to another approver.
    Gate {
        item: String,
        gate: String,
        #[arg(long, value_name = "STATE")]
        state: Option<String>,
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
        #[arg(long, value_name = "TEXT")]
        evidence: Option<String>,
        #[arg(long, value_name = "PERSON")]
        approver: Option<String>,
    },
    /// Remove a gate from an initiative (adding it again brings back its state).
    RemoveGate { item: String, gate: String },
    /// List the board's gate catalogue: key, name, what it checks, who usually approves it.
    GateTypes {
        #[arg(long)]
        json: bool,
    },
    /// Add a gate type to the catalogue; prints its id.
    AddGateType {
        /// The short key for the CLI and the exports: lower-case letters, digits and dashes.
        key: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        description: Option<String>,
        #[arg(long, value_name = "TEXT")]
        usual_approver: Option<String>,
    },
    /// Change a gate type (given by its key); prints its id.
    EditGateType {
        gate: String,
        #[arg(long)]
        key: Option<String>,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        description: Option<String>,
        #[arg(long, value_name = "TEXT")]
        usual_approver: Option<String>,
    },
    /// Remove a gate type no initiative uses.
    RemoveGateType { gate: String },
    /// Add a KPI to an initiative: how its success is measured, from a baseline (with its date)
    /// to a target (with its date). Prints the KPI's id.
    AddKpi {
        item: String,
        /// "No-show rate", "Share of appointments booked online".
        name: String,
        /// "%", "visits", "per 1,000 patients".
        #[arg(long, default_value = "")]
        unit: String,
        /// lower or higher: which way is better.
        #[arg(long, value_parser = ["lower", "higher"])]
        direction: String,
        #[arg(long, allow_negative_numbers = true)]
        baseline: f64,
        #[arg(long, value_name = "DATE")]
        baseline_date: String,
        #[arg(long, allow_negative_numbers = true)]
        target: f64,
        #[arg(long, value_name = "DATE")]
        target_date: String,
    },
    /// Record a dated reading of an initiative's KPI (by its exact name); prints the reading's id.
    AddReading {
        item: String,
        kpi: String,
        #[arg(allow_negative_numbers = true)]
        value: f64,
        #[arg(long, value_name = "DATE")]
        date: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Show an initiative's KPIs: baseline, target, readings, and whether each is on track.
    Kpis {
        item: String,
        #[arg(long)]
        json: bool,
    },
    /// Remove a KPI (by its name) from an initiative, with its readings.
    RemoveKpi { item: String, kpi: String },
    /// List the templates to start an initiative from: the built-in ones, then the board's.
    Templates {
        #[arg(long)]
        json: bool,
    },
    /// Save an initiative's plan as a template of the board (it syncs with the board).
    SaveTemplate {
        item: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        description: Option<String>,
    },
    /// Write a template (by name) to a JSON file another board can import.
    ExportTemplate {
        template: String,
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
    /// Add the template in a JSON file (from export-template) to the board.
    ImportTemplate { path: PathBuf },
    /// Remove one of the board's templates (the built-in ones stay).
    RemoveTemplate { template: String },
    /// Save the board's schedule as it stands now under a name ("Steering committee 2027-01"),
    /// to compare with later.
    SaveBaseline { name: String },
    /// The board's baselines, the oldest first.
    Baselines {
        #[arg(long)]
        json: bool,
    },
    /// Today's schedule beside a baseline's: what moved and by how many days, who moved it and
    /// when, what is new and what was removed.
    CompareBaseline {
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Import a file, all or nothing; prints what was imported. A Bridgeboard board export
    /// (.json) fills a new, empty board file; a Jira or Asana CSV export, a Trello board export or a Microsoft Project XML plan is
    /// added to the board
    /// (epics or top-level tasks become initiatives, the rest their tasks, with dependencies,
    /// people, statuses and comments; try --preview first); a CSV file or an Excel sheet of
    /// initiatives and tasks is added to the board. Importing a newer export of the same project
    /// (or sheet) again updates what an earlier import brought in, only the fields the file
    /// changed since, and adds only what is new; --preview lists the edits made on the board
    /// that it would overwrite.
    Import(ImportArgs),
}

/// What `import` reads, and how to read a CSV file. The options are for CSV only; a board
/// export needs none.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file: a board export (.json), a Jira or Asana CSV export, a Trello board export, a
    /// Microsoft Project XML plan, an Excel workbook (.xlsx) or a CSV file.
    pub path: PathBuf,
    /// The tool the file comes from: jira, asana, trello, msproject (a Project plan saved as
    /// XML), xlsx (an Excel workbook), csv or bridgeboard (a board export); found from the file's
    /// content when not given.
    #[arg(long, value_name = "TOOL", value_parser = ["jira", "asana", "trello", "msproject", "xlsx", "csv", "bridgeboard"])]
    pub source: Option<String>,
    /// Asana: make each section an initiative and its tasks the initiative's tasks (by
    /// default each top-level task is an initiative and its subtasks its tasks).
    #[arg(long)]
    pub sections_as_initiatives: bool,
    /// Trello: leave archived cards out (skip, the default) or bring them as cancelled.
    #[arg(long, value_name = "WHAT", value_parser = ["skip", "cancelled"])]
    pub archived: Option<String>,
    /// Microsoft Project: the outline level of the initiatives (1 by default); the levels below
    /// are their tasks.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=20))]
    pub level: Option<u32>,
    /// Show what the import would bring over (counts, people, statuses, what is skipped and
    /// why, what it changes on items an earlier import brought in) and change nothing.
    #[arg(long)]
    pub preview: bool,
    /// What a status name of the file means here: "Waiting for vendor=planned" (any initiative
    /// or task status: proposed, planned, todo, in_progress, live, done, cancelled). Repeatable.
    #[arg(long = "status-map", value_name = "NAME=STATUS", value_parser = status_mapping)]
    pub status_map: Vec<(String, String)>,
    /// Create the people the file names who are not on the board, in --department (a CSV's
    /// or a workbook's owners go to Marketing and IT, its assignees to their task's department).
    #[arg(long, requires = "department")]
    pub create_people: bool,
    /// The department people created by --create-people join.
    #[arg(long, value_name = "NAME")]
    pub department: Option<String>,
    /// A CSV file of people the file names (a name, user name, account id or email) and who they
    /// are on the board (a name, email or id), or new:DEPARTMENT to create them there.
    #[arg(long, value_name = "FILE")]
    pub people_map: Option<PathBuf>,
    /// The Marketing owner of every initiative whose file names none.
    #[arg(long, value_name = "PERSON")]
    pub marketing_owner: Option<String>,
    /// The IT owner of every initiative whose file names none.
    #[arg(long, value_name = "PERSON")]
    pub it_owner: Option<String>,
    /// The time zone the file's times are in when they carry none (an IANA name such as
    /// America/Chicago); this desktop's by default.
    #[arg(long, value_name = "ZONE")]
    pub time_zone: Option<String>,
    /// How the CSV (or the Jira export) writes dates like 03/04/2026: dmy (day first), mdy
    /// (month first) or ymd. Needed only when the file's dates do not tell (no day above 12).
    #[arg(long, value_name = "ORDER", value_parser = ["dmy", "mdy", "ymd"])]
    pub date_format: Option<String>,
    /// The CSV's column separator, such as ';' (or 'tab'); found from the header line when not given.
    #[arg(long, value_name = "CHAR", value_parser = delimiter)]
    pub delimiter: Option<char>,
    /// Read a CSV column as a field: "Heading=field", where field is one of id, type,
    /// initiative_id, initiative, title, department, marketing_owner, it_owner, assignee, status,
    /// priority, start, finish, milestone, depends_on, blocked, tags, or ignore. Repeatable.
    #[arg(long = "map", value_name = "HEADING=FIELD", value_parser = mapping)]
    pub map: Vec<Mapping>,
    /// An Excel workbook's sheet to read (the first by default).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The row of an Excel sheet that holds the headings, as Excel numbers rows (found by
    /// default: title rows above the table are passed over).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub header_row: Option<u32>,
}

/// One `--map`: a heading, and the field its column is read as (`None`: not read).
#[derive(Debug, Clone)]
pub struct Mapping {
    pub heading: String,
    pub field: Option<Field>,
}

fn delimiter(text: &str) -> Result<char, String> {
    let mut chars = text.chars();
    match (text, chars.next(), chars.next()) {
        ("tab" | "\\t", _, _) => Ok('\t'),
        (_, Some(c), None) if c.is_ascii() && !matches!(c, '"' | '\n' | '\r') => Ok(c),
        _ => Err(format!("“{text}” cannot separate columns; give one character such as ';' or ',' (or 'tab')")),
    }
}

fn status_mapping(text: &str) -> Result<(String, String), String> {
    let (name, status) = text
        .rsplit_once('=')
        .ok_or_else(|| format!("“{text}” is not NAME=status; for example --status-map \"Waiting for vendor=planned\""))?;
    let known = ["proposed", "planned", "todo", "in_progress", "live", "done", "cancelled"];
    let status = status.trim().to_ascii_lowercase();
    if name.trim().is_empty() || !known.contains(&status.as_str()) {
        return Err(format!("“{text}” is not NAME=status; the status is one of {}", known.join(", ")));
    }
    Ok((name.trim().to_string(), status))
}

fn mapping(text: &str) -> Result<Mapping, String> {
    let (heading, field) =
        text.rsplit_once('=').ok_or_else(|| format!("“{text}” is not Heading=field; for example --map \"Due Date=finish\""))?;
    let heading = heading.trim().to_string();
    if heading.is_empty() {
        return Err(format!("“{text}” names no heading; for example --map \"Due Date=finish\""));
    }
    if field.trim().eq_ignore_ascii_case("ignore") {
        return Ok(Mapping { heading, field: None });
    }
    let field = Field::from_wire(field).ok_or_else(|| {
        let known: Vec<&str> = Field::ALL.iter().map(|f| f.wire()).collect();
        format!("“{}” is not a field; use one of: {}, or ignore", field.trim(), known.join(", "))
    })?;
    Ok(Mapping { heading, field: Some(field) })
}

/// What `export` writes, where, and which part of the roadmap.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// csv, xlsx, json (the whole board, lossless), md, ics, svg, png, pdf or html.
    #[arg(long, value_name = "FMT", value_parser = ["csv", "xlsx", "json", "md", "ics", "svg", "png", "pdf", "html"])]
    pub format: String,
    /// The file to write; an existing file is replaced whole, or left as it was if the export fails.
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
    /// Keep items that reach into the range starting on this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Keep items that reach into the range ending on this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Initiatives this department takes part in, with only its tasks.
    #[arg(long, value_name = "NAME")]
    pub department: Option<String>,
    /// Initiatives this person owns or sponsors, and tasks assigned to them: name, email or id.
    #[arg(long, value_name = "PERSON")]
    pub owner: Option<String>,
    /// Initiatives in this status (repeat for several); all but cancelled when not given.
    #[arg(long = "status", value_name = "S")]
    pub statuses: Vec<String>,
    /// Initiatives with this tag.
    #[arg(long, value_name = "T")]
    pub tag: Option<String>,
    /// The day the export is dated and computes lateness from (YYYY-MM-DD); today if not given.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// Paper size for pdf (a4 or letter); ignored by other formats.
    #[arg(long, value_name = "PAPER", value_parser = ["a4", "letter"])]
    pub paper: Option<String>,
    /// `tasks` draws every task in the picture formats (svg, png, pdf), over several pages;
    /// other formats ignore it.
    #[arg(long, value_name = "DETAIL", value_parser = ["tasks"])]
    pub detail: Option<String>,
    /// What to export: `roadmap` (the default); `raci`, the RACI matrix (people × initiatives;
    /// csv, xlsx, md or html; --department keeps that department's people); or `baseline:NAME`,
    /// the comparison with the baseline saved as NAME (csv, xlsx, md or html).
    #[arg(long, value_name = "REPORT")]
    pub report: Option<String>,
}

impl ExportArgs {
    /// A usage mistake clap cannot see on its own: filters with the JSON backup, which is
    /// always the whole board.
    pub fn misuse(&self) -> Option<String> {
        let filtered = self.from.is_some()
            || self.to.is_some()
            || self.department.is_some()
            || self.owner.is_some()
            || !self.statuses.is_empty()
            || self.tag.is_some();
        let baseline = self.report.as_deref().is_some_and(|r| r.trim().to_ascii_lowercase().starts_with("baseline:"));
        if baseline && filtered {
            return Some(
                "the baseline comparison is the whole board's schedule beside the baseline's, so it takes no filters; \
                 remove --from, --to, --department, --owner, --status and --tag"
                    .to_string(),
            );
        }
        (self.format == "json" && filtered).then(|| {
            "--format json is the whole board (a lossless backup), so it takes no filters; \
             remove --from, --to, --department, --owner, --status and --tag, or choose another format"
                .to_string()
        })
    }
}

/// Exactly one of `--up` or `--down`.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct Direction {
    #[arg(long)]
    pub up: bool,
    #[arg(long)]
    pub down: bool,
}

/// Fields an initiative can be given when added or edited.
#[derive(Debug, Args)]
pub struct InitiativeFields {
    /// A few sentences on what the initiative is for.
    #[arg(long)]
    pub summary: Option<String>,
    /// proposed, planned, in_progress, live or cancelled.
    #[arg(long)]
    pub status: Option<String>,
    /// low, medium, high or critical.
    #[arg(long)]
    pub priority: Option<String>,
    /// The start date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// The go-live date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub target: Option<String>,
    /// The Marketing owner (someone in Marketing): name, email or id.
    #[arg(long, value_name = "PERSON")]
    pub marketing_owner: Option<String>,
    /// The IT owner (someone in IT): name, email or id.
    #[arg(long, value_name = "PERSON")]
    pub it_owner: Option<String>,
    /// The executive sponsor.
    #[arg(long, value_name = "PERSON")]
    pub sponsor: Option<String>,
    /// The one person Accountable for it (RACI), needed once it leaves Proposed.
    #[arg(long, value_name = "PERSON")]
    pub accountable: Option<String>,
    /// The post-go-live review of its results (YYYY-MM-DD); 90 days after going Live if not set.
    #[arg(long, value_name = "DATE")]
    pub review_date: Option<String>,
    /// A tag; repeat for several. When editing, the given tags replace the old ones.
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Why the initiative is blocked; it shows Blocked until the reason is cleared.
    #[arg(long)]
    pub block_reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct InitiativeClears {
    /// Remove the start date.
    #[arg(long, conflicts_with = "start")]
    pub clear_start: bool,
    /// Remove the target date.
    #[arg(long, conflicts_with = "target")]
    pub clear_target: bool,
    /// Remove the Marketing owner.
    #[arg(long, conflicts_with = "marketing_owner")]
    pub clear_marketing_owner: bool,
    /// Remove the IT owner.
    #[arg(long, conflicts_with = "it_owner")]
    pub clear_it_owner: bool,
    /// Remove the sponsor.
    #[arg(long, conflicts_with = "sponsor")]
    pub clear_sponsor: bool,
    /// Remove the tags.
    #[arg(long, conflicts_with = "tags")]
    pub clear_tags: bool,
    /// Remove the block reason (unblock).
    #[arg(long, conflicts_with = "block_reason")]
    pub clear_block_reason: bool,
}

/// Fields a task can be given when added or edited.
#[derive(Debug, Args)]
pub struct TaskFields {
    /// Who does the task: name, email or id.
    #[arg(long, value_name = "PERSON")]
    pub assignee: Option<String>,
    /// todo, in_progress, done or cancelled.
    #[arg(long)]
    pub status: Option<String>,
    /// The start date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// The due date (YYYY-MM-DD); a milestone's day.
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
    /// Why the task is blocked; it shows Blocked until the reason is cleared.
    #[arg(long)]
    pub block_reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct TaskClears {
    /// Remove the assignee.
    #[arg(long, conflicts_with = "assignee")]
    pub clear_assignee: bool,
    /// Remove the start date.
    #[arg(long, conflicts_with = "start")]
    pub clear_start: bool,
    /// Remove the due date.
    #[arg(long, conflicts_with = "due")]
    pub clear_due: bool,
    /// Remove the block reason (unblock).
    #[arg(long, conflicts_with = "block_reason")]
    pub clear_block_reason: bool,
}
