//! Hospital templates: a joint initiative's usual plan — tasks for each department with dates
//! relative to the start, the dependencies between them, the go-live milestone, the gates that
//! apply and suggested KPIs. Applying one is a single write (`Op::CreateFromTemplate`).
//!
//! The eight built-in templates live here, the same in every Bridgeboard; a board's own
//! templates (saved from an initiative, or imported from a file) are rows that sync with it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::Id;
use super::results::Direction;

/// The plan a template holds. Offsets are calendar days from the chosen start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TemplatePlan {
    pub summary: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// The target (go-live) date, in days after the start.
    pub target_days: i64,
    pub tasks: Vec<TemplateTask>,
    /// Finish-to-start links between the plan's tasks, by position: `(predecessor, successor, lag)`.
    #[serde(default)]
    pub dependencies: Vec<(usize, usize, i32)>,
    /// Gate keys from the board's catalogue (`privacy`, `security`, ...).
    #[serde(default)]
    pub gates: Vec<String>,
    #[serde(default)]
    pub kpis: Vec<TemplateKpi>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TemplateTask {
    pub title: String,
    /// `marketing`, `it`, or another department's name.
    pub department: String,
    pub start_day: i64,
    /// 0 for a milestone (a single day).
    pub days: i64,
    #[serde(default)]
    pub milestone: bool,
    #[serde(default)]
    pub go_live: bool,
    /// How often recurring work happens ("weekly", "3× a week"); shown, not scheduled.
    #[serde(default)]
    pub cadence: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TemplateKpi {
    pub name: String,
    pub unit: String,
    pub direction: Direction,
    pub baseline: f64,
    pub target: f64,
    /// The target date, in days after the start (the baseline is dated the start).
    pub target_days: i64,
}

/// A template as lists show it: built-in ones have no id (their key is their name).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Template {
    pub id: Option<Id>,
    pub name: String,
    pub description: String,
    pub plan: TemplatePlan,
}

fn task(title: &str, department: &str, start_day: i64, days: i64) -> TemplateTask {
    TemplateTask { title: title.into(), department: department.into(), start_day, days, milestone: false, go_live: false, cadence: None }
}

fn go_live(title: &str, department: &str, day: i64) -> TemplateTask {
    TemplateTask { milestone: true, go_live: true, days: 0, ..task(title, department, day, 0) }
}

fn every(cadence: &str, t: TemplateTask) -> TemplateTask {
    TemplateTask { cadence: Some(cadence.into()), ..t }
}

fn kpi(name: &str, unit: &str, direction: Direction, baseline: f64, target: f64, target_days: i64) -> TemplateKpi {
    TemplateKpi { name: name.into(), unit: unit.into(), direction, baseline, target, target_days }
}

fn gates(keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| k.to_string()).collect()
}

fn template(name: &str, description: &str, plan: TemplatePlan) -> Template {
    Template { id: None, name: name.into(), description: description.into(), plan }
}

/// The templates every Bridgeboard ships with.
pub fn builtin() -> Vec<Template> {
    use Direction::{Higher, Lower};
    vec![
        template(
            "Patient online self-scheduling",
            "Patients book primary-care and imaging visits online from the website and the portal.",
            TemplatePlan {
                summary: "Open online booking for the first service lines, announce it, and measure bookings and no-shows.".into(),
                tags: vec!["scheduling".into(), "patient access".into()],
                target_days: 120,
                tasks: vec![
                    task("Choose visit types and providers open for online booking", "marketing", 0, 14),
                    task("Configure open scheduling in the EHR", "it", 7, 45),
                    task("Embed the scheduling widget on the website and the portal", "it", 52, 21),
                    task("Security and HIPAA review of the booking flow", "it", 60, 14),
                    task("Patient-facing instructions and FAQ", "marketing", 40, 30),
                    task("Train call-center staff on online bookings", "marketing", 90, 14),
                    go_live("Go-live: online scheduling", "it", 110),
                    task("Announcement emails and social posts", "marketing", 110, 14),
                ],
                dependencies: vec![(0, 1, 0), (1, 2, 0), (2, 3, 0), (3, 6, 0), (4, 6, 0), (6, 7, 0)],
                gates: gates(&["privacy", "security", "accessibility"]),
                kpis: vec![
                    kpi("Share of appointments booked online", "%", Higher, 4.0, 15.0, 300),
                    kpi("No-show rate", "%", Lower, 18.0, 12.0, 300),
                ],
            },
        ),
        template(
            "Care-plan reminder texts (SMS)",
            "Text reminders for follow-up visits and care-plan steps, with consent and a link to reschedule.",
            TemplatePlan {
                summary: "Reminder texts with documented opt-in, 10DLC registration and a feed from the care plans.".into(),
                tags: vec!["sms".into(), "care plans".into()],
                target_days: 110,
                tasks: vec![
                    task("Select a TCPA-compliant SMS vendor", "it", 0, 21),
                    task("Register the 10DLC brand and campaign", "it", 21, 21),
                    task("Build the HL7 feed from care plans to the SMS platform", "it", 21, 50),
                    task("Write reminder message templates and opt-in wording", "marketing", 7, 21),
                    task("Compliance review of consent capture and opt-out", "marketing", 30, 14),
                    go_live("Launch reminder texts", "it", 100),
                ],
                dependencies: vec![(0, 1, 0), (0, 2, 0), (3, 4, 0), (1, 5, 0), (2, 5, 0), (4, 5, 0)],
                gates: gates(&["texting", "privacy", "security"]),
                kpis: vec![kpi("Reminder-text opt-out rate", "%", Lower, 5.0, 2.0, 200), kpi("No-show rate", "%", Lower, 18.0, 14.0, 200)],
            },
        ),
        template(
            "Patient portal adoption campaign",
            "Raise portal sign-ups: clinic flyers, discharge emails and self-enrollment.",
            TemplatePlan {
                summary: "Self-enrollment in the portal and a campaign in clinics and after discharge.".into(),
                tags: vec!["portal".into(), "campaign".into()],
                target_days: 90,
                tasks: vec![
                    task("Enable portal self-enrollment", "it", 0, 40),
                    task("Portal sign-up flyers and posters for every clinic", "marketing", 10, 20),
                    task("Email campaign to recently discharged patients", "marketing", 45, 30),
                    task("Front-desk script: offer portal sign-up at check-in", "marketing", 30, 10),
                    go_live("Campaign launch", "marketing", 45),
                ],
                dependencies: vec![(0, 4, 0), (1, 4, 0), (4, 2, 0)],
                gates: gates(&["privacy", "brand", "legal"]),
                kpis: vec![kpi("Portal activation", "% of active patients", Higher, 38.0, 60.0, 270)],
            },
        ),
        template(
            "Website redesign with accessibility",
            "New service-line pages in plain language, a CMS refresh, and WCAG 2.1 AA before launch.",
            TemplatePlan {
                summary: "Audit, rewrite and rebuild the website to WCAG 2.1 AA, then launch.".into(),
                tags: vec!["website".into(), "accessibility".into()],
                target_days: 150,
                tasks: vec![
                    task("Accessibility audit against WCAG 2.1 AA", "it", 0, 25),
                    task("Rewrite service-line pages in plain language", "marketing", 10, 60),
                    task("Migrate CMS templates", "it", 25, 60),
                    task("Fix contrast, focus and keyboard issues", "it", 85, 30),
                    task("Tracking-technology review of tags and widgets", "it", 100, 14),
                    go_live("Launch the new website", "marketing", 140),
                ],
                dependencies: vec![(0, 3, 0), (2, 3, 0), (3, 5, 0), (1, 5, 0), (4, 5, 0)],
                gates: gates(&["accessibility", "privacy", "brand"]),
                kpis: vec![kpi("Website conversion rate", "%", Higher, 1.2, 2.0, 330)],
            },
        ),
        template(
            "Social media program",
            "A blog post a week, social posts several times a week, replies to mentions within a business day.",
            TemplatePlan {
                summary: "A steady publishing rhythm with a management tool, a calendar and a reply standard.".into(),
                tags: vec!["social".into(), "content".into()],
                target_days: 60,
                tasks: vec![
                    task("Social media management tool with single sign-on", "it", 0, 30),
                    task("Editorial calendar and approval workflow", "marketing", 0, 21),
                    every("weekly", task("Blog post", "marketing", 30, 30)),
                    every("3× a week", task("Social posts", "marketing", 30, 30)),
                    every("within 1 business day", task("Reply to mentions and messages", "marketing", 30, 30)),
                    go_live("Program launch", "marketing", 30),
                ],
                dependencies: vec![(0, 5, 0), (1, 5, 0)],
                gates: gates(&["brand", "legal"]),
                kpis: vec![kpi("Website visits from social media", "per week", Higher, 800.0, 2000.0, 240)],
            },
        ),
        template(
            "Marketing attribution tracking",
            "Know which campaigns bring patients: website tracking, tagged links, marketing automation, call tracking.",
            TemplatePlan {
                summary: "Consent-aware website tracking, a link-tagging standard, CRM integration and call tracking.".into(),
                tags: vec!["analytics".into(), "website".into()],
                target_days: 120,
                tasks: vec![
                    task("Define conversion goals with service lines", "marketing", 0, 15),
                    task("UTM standard for every campaign link", "marketing", 5, 15),
                    task("Tag manager and consent banner on the website", "it", 10, 25),
                    task("Connect marketing automation to the CRM", "it", 25, 45),
                    task("Call-tracking numbers for service lines", "it", 40, 30),
                    go_live("Attribution dashboard for the CMO", "marketing", 110),
                ],
                dependencies: vec![(0, 2, 0), (2, 5, 0), (3, 5, 0), (4, 5, 0), (1, 5, 0)],
                gates: gates(&["privacy", "security"]),
                kpis: vec![kpi("Share of new patients with a known source", "%", Higher, 20.0, 70.0, 240)],
            },
        ),
        template(
            "Price-transparency estimator",
            "A patient cost estimator and the machine-readable price file the federal rule requires.",
            TemplatePlan {
                summary: "Shoppable services with estimates from the chargemaster and payer rates, on the website.".into(),
                tags: vec!["price transparency".into(), "website".into()],
                target_days: 120,
                tasks: vec![
                    task("Pick the shoppable services and plain-language names", "marketing", 0, 20),
                    task("Select the estimator vendor", "it", 0, 30),
                    task("Feed chargemaster and payer rates to the estimator", "it", 30, 45),
                    task("Publish the machine-readable price file", "it", 40, 20),
                    task("Estimator page, FAQ and disclaimers", "marketing", 60, 30),
                    go_live("Estimator live on the website", "it", 110),
                ],
                dependencies: vec![(1, 2, 0), (2, 5, 0), (4, 5, 0), (0, 4, 0)],
                gates: gates(&["legal", "security", "accessibility"]),
                kpis: vec![kpi("Estimates run per month", "estimates", Higher, 0.0, 1500.0, 240)],
            },
        ),
        template(
            "Chatbot / digital front door",
            "A website and portal assistant that answers common questions and routes to booking, billing and nurses.",
            TemplatePlan {
                summary: "A scoped assistant with human hand-off, privacy review of what it collects, and measured deflection.".into(),
                tags: vec!["digital front door".into(), "chatbot".into()],
                target_days: 140,
                tasks: vec![
                    task("Decide what it answers, and what goes to a person", "marketing", 0, 21),
                    task("Select the vendor and sign the business associate agreement", "it", 0, 40),
                    task("Connect scheduling, billing and nurse-line hand-offs", "it", 40, 50),
                    task("Write and test the answers", "marketing", 21, 60),
                    task("Tracking-technology review of the widget", "it", 90, 14),
                    go_live("Assistant live on the website", "it", 130),
                ],
                dependencies: vec![(1, 2, 0), (0, 3, 0), (2, 5, 0), (3, 5, 0), (4, 5, 0)],
                gates: gates(&["privacy", "security", "accessibility", "legal"]),
                kpis: vec![kpi("Questions answered without a call", "%", Higher, 0.0, 40.0, 300)],
            },
        ),
    ]
}

/// A template file, as `export-template` writes and `import-template` reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateFile {
    pub format: String,
    pub format_version: u32,
    pub name: String,
    pub description: String,
    pub plan: TemplatePlan,
}

impl TemplateFile {
    pub const FORMAT: &'static str = "bridgeboard-template";
    pub const VERSION: u32 = 1;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_template_is_a_whole_plan() {
        let all = builtin();
        assert_eq!(all.len(), 8, "the eight templates the issue names");
        for t in &all {
            let p = &t.plan;
            assert_eq!(p.tasks.iter().filter(|k| k.go_live).count(), 1, "{} has one go-live milestone", t.name);
            assert!(
                p.tasks.iter().any(|k| k.department == "marketing") && p.tasks.iter().any(|k| k.department == "it"),
                "{}: both sides",
                t.name
            );
            assert!(!p.gates.is_empty() && !p.kpis.is_empty(), "{}: gates and KPIs", t.name);
            for &(a, b, _) in &p.dependencies {
                assert!(a < p.tasks.len() && b < p.tasks.len() && a != b, "{}: links point at its own tasks", t.name);
                let finish = |k: &TemplateTask| k.start_day + k.days;
                assert!(p.tasks[b].start_day >= finish(&p.tasks[a]) - 60, "{}: a sensible order", t.name);
            }
        }
        let social = all.iter().find(|t| t.name == "Social media program").unwrap();
        assert!(social.plan.tasks.iter().any(|k| k.cadence.as_deref() == Some("weekly")), "a blog post a week is a cadence");
    }
}
