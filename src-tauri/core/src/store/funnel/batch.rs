//! A batch of operations in one transaction where each operation may be refused on its own:
//! every operation runs inside its own savepoint, so a refusal (a dependency loop, an initiative
//! leaving Proposed without owners) undoes only that operation and is handed back to the caller,
//! and the batch goes on. This lets an import report every refusal at once instead of stopping at
//! the first. The whole batch commits only when the caller's closure returns `Ok`; returning an
//! error (for instance because some operation was refused) rolls every operation back.

use chrono::{DateTime, Utc};

use super::{apply_in, Ctx};
use crate::domain::model::{Actor, Id};
use crate::domain::ops::Op;
use crate::store::Store;
use crate::Result;

/// The open batch handed to [`Store::batch`]'s closure.
pub struct Batch<'a> {
    ctx: Ctx<'a>,
}

impl Batch<'_> {
    /// Validates, applies and logs one operation in its own savepoint. On a refusal the
    /// operation leaves no trace (not even its activity entry) and its error is returned; the
    /// operations before and after it are unaffected.
    pub fn apply(&self, op: Op) -> Result<Id> {
        self.apply_logged(op, true)
    }

    /// [`Batch::apply`] without the operation's own activity entries: for a bulk write (an
    /// import) that says what it did in a few [`Batch::note`]s instead of one entry per row.
    pub fn apply_quietly(&self, op: Op) -> Result<Id> {
        self.apply_logged(op, false)
    }

    /// One activity entry for what a quiet batch did to an initiative (`Some`) or to the board.
    pub fn note(&self, initiative: Option<Id>, action: &str, summary: String) -> Result<()> {
        let (item_kind, item_id) = match initiative {
            Some(id) => (crate::domain::model::ItemKind::Initiative, id),
            None => (crate::domain::model::ItemKind::Board, crate::store::board::info(self.ctx.tx)?.id),
        };
        let entry = crate::store::activity::Entry {
            item_kind,
            item_id,
            initiative_id: initiative,
            action,
            field: None,
            before: None,
            after: None,
            summary,
        };
        crate::store::activity::append(self.ctx.tx, self.ctx.actor, self.ctx.now, entry)
    }

    fn apply_logged(&self, op: Op, logged: bool) -> Result<Id> {
        // Cached: an import runs these tens of thousands of times.
        self.ctx.tx.prepare_cached("SAVEPOINT batch_op")?.execute([])?;
        let applied = if logged { apply_in(&self.ctx, op) } else { self.ctx.quietly(|| apply_in(&self.ctx, op)) };
        match applied {
            Ok(id) => {
                self.ctx.tx.prepare_cached("RELEASE batch_op")?.execute([])?;
                Ok(id)
            }
            Err(err) => {
                self.ctx.tx.execute_batch("ROLLBACK TO batch_op; RELEASE batch_op")?;
                Err(err)
            }
        }
    }
}

impl Store {
    /// Runs `f` with a [`Batch`] in one `BEGIN IMMEDIATE` transaction. What `f` applied lands
    /// when it returns `Ok`; when it returns an error, nothing does.
    pub fn batch<T>(&mut self, actor: &Actor, now: DateTime<Utc>, f: impl FnOnce(&Batch) -> Result<T>) -> Result<T> {
        self.write(actor, now, |tx| f(&Batch { ctx: Ctx::new(tx, actor, now) }))
    }

    /// Runs `f` exactly as [`Store::batch`] would, then rolls all of it back, whatever `f`
    /// returns: what a batch would do (an import's preview, with the funnel's own refusals),
    /// without doing it. Nothing reaches the board, its activity or other desktops.
    pub fn trial<T>(&mut self, actor: &Actor, now: DateTime<Utc>, f: impl FnOnce(&Batch) -> Result<T>) -> Result<T> {
        self.refuse_read_only()?;
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let value = f(&Batch { ctx: Ctx::new(&tx, actor, now) });
        tx.rollback()?;
        value
    }
}
