//! Form definitions loaded from `schemas/forms/`. Placeholder.
pub struct FormSet;
static BUILTIN: FormSet = FormSet;
pub fn builtin() -> &'static FormSet {
    &BUILTIN
}
