//! The parts forms play in a call, as the rules that compare forms know
//! them. A definition says its form's role (`role = "budget"` in
//! schemas/forms/*.toml); the rules look forms up by role, never by form
//! id, so another call's forms take part by declaring a role.

use super::declared::def_of;
use crate::forms::ExtractedForm;

/// A role a definition can give its form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The proposal with the 事業費総額 (SUM, SUB001, XD003, ROS003).
    Budget,
    /// The reasons for subcontracting over 50% (SUB001–SUB006, XD003).
    SubcontractReason,
    /// The roster of information handlers (ROS001–ROS003).
    HandlerRoster,
    /// The report on the security terms, item by item (RPT001–RPT003).
    ComplianceReport,
}

impl Role {
    /// The word a definition writes.
    pub fn key(self) -> &'static str {
        match self {
            Role::Budget => "budget",
            Role::SubcontractReason => "subcontracting_reasons",
            Role::HandlerRoster => "information_handlers",
            Role::ComplianceReport => "compliance_report",
        }
    }
}

/// Whether `form`'s definition gives it `role`.
pub fn plays(form: &ExtractedForm, role: Role) -> bool {
    def_of(form).is_some_and(|d| d.role.as_deref() == Some(role.key()))
}
