//! Templates from the command line: `templates`, `add-initiative --template`, `save-template`,
//! `export-template`, `import-template` and `remove-template`.

use std::path::Path;

use bridgeboard_core::domain::templates::{Template, TemplateFile};
use bridgeboard_core::{Error, Id, Op, Result, Store, TemplateRef};

use super::Edit;
use crate::args::InitiativeFields;
use crate::parse;

fn named(store: &Store, name: &str) -> Result<Template> {
    let all = store.templates()?;
    let names: Vec<String> = all.iter().map(|t| format!("“{}”", t.name)).collect();
    all.into_iter().find(|t| t.name.eq_ignore_ascii_case(name.trim())).ok_or_else(|| {
        Error::NotFound(format!(
            "There is no template called “{}”; there are {}. See `bridgeboard-cli templates`.",
            name.trim(),
            names.join(", ")
        ))
    })
}

fn reference(t: &Template) -> TemplateRef {
    match t.id {
        Some(id) => TemplateRef::Board(id),
        None => TemplateRef::Builtin(t.name.clone()),
    }
}

pub fn add_from(e: &mut Edit, title: String, template: &str, f: InitiativeFields) -> Result<Id> {
    let others = f.summary.is_some()
        || f.status.is_some()
        || f.priority.is_some()
        || f.target.is_some()
        || f.marketing_owner.is_some()
        || f.it_owner.is_some()
        || f.sponsor.is_some()
        || f.accountable.is_some()
        || !f.tags.is_empty()
        || f.block_reason.is_some();
    if others {
        return Err(Error::Validation(
            "With --template only --start applies: the template sets the rest. Choose owners and the rest with edit-initiative afterwards."
                .into(),
        ));
    }
    let start = parse::date(f.start.as_deref().expect("clap requires --start with --template"))?;
    let template = reference(&named(&e.store, template)?);
    e.apply(Op::CreateFromTemplate { template, title, start })
}

pub fn save(e: &mut Edit, item: &str, name: String, description: Option<String>) -> Result<Id> {
    let initiative_id = e.board.initiative(item)?;
    e.apply(Op::SaveTemplate { initiative_id, name, description: description.unwrap_or_default() })
}

pub fn import(e: &mut Edit, path: &Path) -> Result<Id> {
    let bytes = std::fs::read(path).map_err(|err| Error::Storage(format!("{} could not be read ({err}).", path.display())))?;
    let file: TemplateFile = serde_json::from_slice(&bytes)
        .map_err(|err| Error::Validation(format!("{} is not a Bridgeboard template file ({err}).", path.display())))?;
    if file.format != TemplateFile::FORMAT || file.format_version > TemplateFile::VERSION {
        return Err(Error::Validation(format!(
            "{} is not a template this Bridgeboard reads (format “{}”, version {}); export it with export-template.",
            path.display(),
            file.format,
            file.format_version
        )));
    }
    e.apply(Op::AddTemplate { name: file.name, description: file.description, plan: file.plan })
}

pub fn remove(e: &mut Edit, name: &str) -> Result<Id> {
    let template = named(&e.store, name)?;
    let id =
        template.id.ok_or_else(|| Error::Validation(format!("“{}” is built into Bridgeboard and cannot be removed.", template.name)))?;
    e.apply(Op::RemoveTemplate { id })
}

pub fn list(store: &Store, json: bool) -> Result<String> {
    let all = store.templates()?;
    if json {
        return serde_json::to_string_pretty(&all)
            .map_err(|err| Error::Storage(format!("The templates could not be written as JSON ({err}).")));
    }
    let lines: Vec<String> = all
        .iter()
        .map(|t| {
            let whose = if t.id.is_some() { "this board's" } else { "built in" };
            format!(
                "{}  ({whose}; {} tasks, gates: {})\n    {}",
                t.name,
                t.plan.tasks.len(),
                if t.plan.gates.is_empty() { "none".into() } else { t.plan.gates.join(", ") },
                t.description
            )
        })
        .collect();
    Ok(lines.join("\n"))
}

pub fn export(store: &Store, name: &str, out: &Path) -> Result<String> {
    let t = named(store, name)?;
    let file = TemplateFile {
        format: TemplateFile::FORMAT.into(),
        format_version: TemplateFile::VERSION,
        name: t.name,
        description: t.description,
        plan: t.plan,
    };
    let json = serde_json::to_vec_pretty(&file).map_err(|err| Error::Storage(format!("The template could not be written ({err}).")))?;
    bridgeboard_core::fsutil::write_atomically(out, &json)?;
    Ok(out.display().to_string())
}
