//! Turning sharing on and off: sharing a board (its genesis document), joining one into a new
//! file, stopping (a private copy under a new id), what happens to a restored backup of a shared
//! board, and the decisions Needs attention offers about deletes made apart.

use std::collections::HashSet;
use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{Transaction, TransactionBehavior};
use uuid::Uuid;

use super::{capture, damaged, fresh_actor, journal, project, read_new, record_waiting, transport_error, Loaded, Shared, Sharing};
use crate::domain::model::Actor;
use crate::store::{board, Store};
use crate::sync::{BoardMarker, Replica, Transport, FORMAT_VERSION};
use crate::{Error, Result};

impl Store {
    /// Publishes this board through `transport`: the whole board and its history become the
    /// share's genesis document, and this file remembers the share and its own device.
    pub fn share(&mut self, transport: &dyn Transport, device_name: &str, actor: &Actor, now: DateTime<Utc>) -> Result<Sharing> {
        if let Some(shared) = &self.shared {
            return Err(Error::Conflict(format!(
                "This board is already shared through {}. Stop sharing it first to share it somewhere else.",
                shared.sharing.folder.display()
            )));
        }
        self.refuse_read_only()?;
        let info = board::info(self.conn())?;
        match transport.marker().map_err(transport_error)? {
            Some(marker) if marker.board_id == info.id.to_string() => {
                return Err(Error::Conflict(format!(
                    "{} already holds this board (“{}”). Join it from there instead of sharing it again.",
                    transport.describe(),
                    marker.board_name
                )))
            }
            Some(marker) => {
                return Err(Error::Conflict(format!(
                    "{} already holds another board, “{}”. Pick a different folder.",
                    transport.describe(),
                    marker.board_name
                )))
            }
            None => {}
        }
        let sharing = Sharing {
            folder: transport.location(),
            device_id: Uuid::now_v7().to_string(),
            device_name: device_name.to_string(),
            newer_format: None,
        };
        let shared = Shared::start(self.conn(), sharing.clone())?;
        let author = shared.author(actor);
        let at_ms = now.timestamp_millis();
        let mut replica = Replica::genesis(&info.id.to_string(), fresh_actor(), &author, at_ms);
        replica.commit(&project::all_writes(self.conn(), &shared.columns)?, &author, at_ms).map_err(damaged)?;
        let genesis = replica.save();
        // The genesis holds the tables added since the first format: nothing to publish.
        replica.take_upgrade();
        let marker = BoardMarker {
            board_id: info.id.to_string(),
            board_name: info.name.clone(),
            format_version: FORMAT_VERSION,
            genesis_heads: replica.heads().iter().map(|h| h.to_string()).collect(),
        };
        let started = (|| {
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            journal::start_sharing(&tx, &sharing, &genesis, now)?;
            transport.create(&marker, &genesis).map_err(transport_error)?;
            Ok(tx.commit()?)
        })();
        if let Err(err) = started {
            capture::uninstall(self.conn())?;
            return Err(err);
        }
        self.shared = Some(Shared { loaded: Some(Loaded { replica, through: 0, generation: 1 }), ..shared });
        let _ = transport.announce(&self.device_record(actor));
        Ok(sharing)
    }

    /// Makes a new board file at `db` holding the board shared through `transport`, complete.
    pub fn join(db: &Path, transport: &dyn Transport, device_name: &str, actor: &Actor, now: DateTime<Utc>) -> Result<Store> {
        if std::fs::metadata(db).is_ok_and(|m| m.len() > 0) {
            return Err(Error::Conflict(format!(
                "{} already holds a board. Joining makes a new board file: choose a file name that is not taken.",
                db.display()
            )));
        }
        let marker = transport.marker().map_err(transport_error)?.ok_or_else(|| {
            Error::Validation(format!(
                "{} holds no shared Bridgeboard board. Pick the board's folder (Bridgeboard-…) or the folder that holds it.",
                transport.describe()
            ))
        })?;
        if marker.format_version > FORMAT_VERSION {
            return Err(Error::Storage(format!(
                "The board “{}” is shared in a newer format ({}) than this Bridgeboard reads ({FORMAT_VERSION}). Update Bridgeboard to join it.",
                marker.board_name, marker.format_version
            )));
        }
        let genesis = transport.genesis().map_err(transport_error)?;
        let mut replica = Replica::load(&genesis, Vec::new(), fresh_actor()).map_err(damaged)?;
        if replica.board_id().as_deref() != Some(marker.board_id.as_str()) {
            return Err(Error::Validation(format!("{} is damaged: its document is not the board its marker names.", transport.describe())));
        }
        let scan = transport.scan().map_err(transport_error)?;
        let (mut received, _unusable) = read_new(transport, &scan, &HashSet::new());
        // A change the document refuses is left out, as a sync leaves it out.
        let refused = replica
            .apply_screened(received.iter().map(|r| r.change.clone()).collect(), || Replica::load(&genesis, Vec::new(), fresh_actor()))
            .map_err(damaged)?;
        received.retain(|r| !refused.iter().any(|(hash, _)| *hash == r.change.hash().to_string()));

        let mut store = Store::open(db, None)?;
        let columns = capture::columns(store.conn())?;
        let sharing = Sharing {
            folder: transport.location(),
            device_id: Uuid::now_v7().to_string(),
            device_name: device_name.to_string(),
            newer_format: None,
        };
        let tx = store.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        board::forget(&tx)?;
        project::project_all(&tx, &replica, &columns)?;
        journal::start_sharing(&tx, &sharing, &genesis, now)?;
        for r in &received {
            journal::append_change(&tx, &r.change.hash().to_string(), &r.sha256, r.change.raw_bytes(), Some(&r.device_id))?;
        }
        for device in &scan.devices {
            journal::note_device(&tx, device, None)?;
        }
        record_waiting(&tx, &replica)?;
        tx.commit()?;
        let through = journal::last_seq(store.conn())?;
        let shared = Shared::start(store.conn(), sharing)?;
        store.shared = Some(Shared { loaded: Some(Loaded { replica, through, generation: 1 }), ..shared });
        let _ = transport.announce(&store.device_record(actor));
        Ok(store)
    }

    /// Stops syncing: this file keeps everything as a private board under a new board id, so
    /// it can never merge back into the shared one by accident. Returns the new id.
    pub fn stop_sharing(&mut self, actor: &Actor, now: DateTime<Utc>) -> Result<crate::Id> {
        let Some(shared) = &self.shared else {
            return Err(Error::Validation("This board is not shared, so there is nothing to stop.".into()));
        };
        let folder = shared.sharing.folder.display().to_string();
        self.shared = None;
        capture::uninstall(self.conn())?;
        self.write(actor, now, |tx| {
            make_private(tx, actor, now, &format!("stopped sharing the board through {folder}; it is now a private copy"))
        })
    }

    /// After a backup was put in place: a backup of a shared board comes back as a private
    /// copy under a new id, so it never mixes into the shared board it was taken from.
    pub(crate) fn keep_private_after_restore(&mut self, actor: &Actor, now: DateTime<Utc>, backup: &str) -> Result<()> {
        self.shared = None;
        capture::uninstall(self.conn())?;
        if journal::sharing(self.conn())?.is_some() {
            let why = format!("restored {backup}, a backup of a shared board; this board is now a private copy of it");
            self.write(actor, now, |tx| make_private(tx, actor, now, &why))?;
        }
        Ok(())
    }
}

/// The items deleted on one desktop while changed on another (see `store/attention.rs`).
pub(crate) fn deleted_while_edited(conn: &rusqlite::Connection) -> Result<Vec<(crate::domain::model::ItemKind, crate::Id)>> {
    use crate::domain::model::ItemKind;
    let rows = journal::deleted_while_edited(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(table, id)| {
            let kind = if table == "initiatives" { ItemKind::Initiative } else { ItemKind::Task };
            Some((kind, id.parse().ok()?))
        })
        .collect())
}

/// Deletes again, after the changes made elsewhere, an item that was changed while deleted: a
/// new delete (at `now`), which every desktop then sees as coming after those changes.
pub(crate) fn keep_deleted(store: &mut Store, actor: &Actor, now: DateTime<Utc>, id: crate::Id) -> Result<()> {
    use crate::domain::model::ItemKind;
    let found = journal::deleted_while_edited(store.conn())?.into_iter().find(|(_, row)| *row == id.to_string());
    let Some((table, row_id)) = found else {
        return Err(Error::NotFound(format!("{id} is not an item deleted while it was changed elsewhere.")));
    };
    // The new delete must differ from the old one, or Automerge sees nothing new to record.
    let previous: Option<String> =
        store.conn().query_row(&format!("SELECT deleted_at FROM {table} WHERE id = ?1"), [&row_id], |r| r.get(0)).unwrap_or(None);
    let at =
        if previous.as_deref() == Some(crate::store::rows::stamp(now).as_str()) { now + chrono::Duration::microseconds(1) } else { now };
    store.write(actor, now, |tx| {
        let (kind, initiative_id) = if table == "initiatives" {
            crate::store::initiatives::delete_again(tx, id, previous.as_deref().unwrap_or_default(), at)?;
            (ItemKind::Initiative, Some(id))
        } else {
            let task = crate::store::tasks::get_any(tx, id)?.map(|(t, _)| t.initiative_id);
            crate::store::tasks::set_deleted(tx, id, Some(at), now)?;
            (ItemKind::Task, task)
        };
        journal::set_deleted_while_edited(tx, &table, &row_id, false)?;
        crate::store::activity::append(
            tx,
            actor,
            now,
            crate::store::activity::Entry {
                item_kind: kind,
                item_id: id,
                initiative_id,
                action: "keep_deleted",
                field: None,
                before: None,
                after: None,
                summary: "kept deleted what had been changed on another desktop while it was deleted".into(),
            },
        )
    })
}

/// Turns the board in this file into a private copy under a new id, with an activity entry
/// saying why. Used when sharing stops, and when a backup of a shared board is restored.
pub(crate) fn make_private(tx: &Transaction, actor: &Actor, now: DateTime<Utc>, why: &str) -> Result<crate::Id> {
    journal::stop_sharing(tx)?;
    let id = Uuid::now_v7();
    board::set_id(tx, id, now)?;
    crate::store::activity::append(
        tx,
        actor,
        now,
        crate::store::activity::Entry {
            item_kind: crate::domain::model::ItemKind::Board,
            item_id: id,
            initiative_id: None,
            action: "unshare",
            field: None,
            before: None,
            after: None,
            summary: why.to_string(),
        },
    )?;
    Ok(id)
}
