//! Namespaces of a WordprocessingML part: which ones the parser cares
//! about, the prefixes declared so far, and an element name's namespace
//! and local name.

use std::collections::HashMap;

/// Namespaces the parser cares about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ns {
    W,
    W14,
    Mc,
    M,
    Other,
}

pub(super) fn classify_uri(uri: &str) -> Ns {
    match uri {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | "http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
        "http://schemas.microsoft.com/office/word/2010/wordml" => Ns::W14,
        "http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
        "http://schemas.openxmlformats.org/officeDocument/2006/math"
        | "http://purl.oclc.org/ooxml/officeDocument/math" => Ns::M,
        _ => Ns::Other,
    }
}

/// Namespace prefix → namespace, as declared so far.
#[derive(Debug)]
pub(super) struct Prefixes {
    map: HashMap<String, Ns>,
    /// What `w` stands for: nearly every element has that prefix, and a
    /// hashed look-up per element was 6 % of `check`.
    w: Option<Ns>,
}

impl Prefixes {
    pub(super) fn new() -> Self {
        let mut p = Prefixes {
            // Room for what a Word root element declares (~30 prefixes):
            // growing from empty rehashed every prefix four times.
            map: HashMap::with_capacity(64),
            w: None,
        };
        for (prefix, ns) in [("w", Ns::W), ("w14", Ns::W14), ("mc", Ns::Mc), ("m", Ns::M)] {
            p.insert(prefix, ns);
        }
        p
    }

    pub(super) fn insert(&mut self, prefix: &str, ns: Ns) {
        if prefix == "w" {
            self.w = Some(ns);
        }
        self.map.insert(prefix.to_string(), ns);
    }

    fn get(&self, prefix: &str) -> Option<Ns> {
        match (prefix, self.w) {
            ("w", Some(ns)) => Some(ns),
            _ => self.map.get(prefix).copied(),
        }
    }
}

/// Element name → (namespace, local name) without borrowing the parser.
#[inline(always)]
pub(super) fn split<'q>(ns: &Prefixes, qname: &'q str) -> (Ns, &'q str) {
    // Nearly every element is `w:…`: what `w` stands for is kept apart,
    // and told inline (a call per element was 1 % of `extract`).
    if let (Some(local), Some(n)) = (qname.strip_prefix("w:"), ns.w) {
        return (n, local);
    }
    split_other(ns, qname)
}

/// [`split`] for names other than `w:…`.
#[inline(never)]
fn split_other<'q>(ns: &Prefixes, qname: &'q str) -> (Ns, &'q str) {
    // Names are short (`w:p`): a plain byte loop beats setting up a
    // character search for each element.
    let (prefix, local) = match qname.bytes().position(|b| b == b':') {
        Some(i) => (&qname[..i], &qname[i + 1..]),
        None => ("", qname),
    };
    let n = ns.get(prefix).unwrap_or(Ns::Other);
    (n, local)
}
