//! `ldm audit comparer`: the school's self-assessment against the auditors' judgement,
//! requirement by requirement, naming each one where they differ.

use super::{Audit, Jugement};
use crate::model::front::Sp;
use crate::workspace::Workspace;
use serde::Serialize;

/// Version of `ldm audit comparer --format json`.
pub const JSON_VERSION: u32 = 1;

/// One side's judgement of a requirement: its conformité and efficacité as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Regard {
    pub conformite: Option<String>,
    pub efficacite: Option<String>,
}

impl Regard {
    fn of(j: Option<&Jugement>) -> Regard {
        let text = |v: &Option<Sp<String>>| {
            v.as_ref()
                .map(|v| v.value.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        Regard {
            conformite: j.and_then(|j| text(&j.conformite)),
            efficacite: j.and_then(|j| text(&j.efficacite)),
        }
    }

    /// The same judgement, case aside (the scales' words are compared as the audit's
    /// rules compare them).
    fn agrees(&self, other: &Regard) -> bool {
        let same = |a: &Option<String>, b: &Option<String>| match (a, b) {
            (Some(a), Some(b)) => super::check::same(a, b),
            (None, None) => true,
            _ => false,
        };
        same(&self.conformite, &other.conformite) && same(&self.efficacite, &other.efficacite)
    }

    /// « conforme, satisfaisante », « non jugée » when nothing is written.
    pub fn label(&self) -> String {
        let parts: Vec<&str> = [&self.conformite, &self.efficacite]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        if parts.is_empty() {
            "non jugée".to_string()
        } else {
            parts.join(", ")
        }
    }
}

/// A requirement judged differently by the school and by the auditors.
#[derive(Debug, Clone, Serialize)]
pub struct Divergence {
    pub critere: u32,
    pub exigence: String,
    pub etablissement: Regard,
    pub auditeurs: Regard,
}

/// The comparison over the requirements the edition asks of the dossier.
#[derive(Debug, Clone, Serialize)]
pub struct Comparaison {
    /// Requirements compared.
    pub exigences: usize,
    /// Requirements judged alike.
    pub concordantes: usize,
    pub divergences: Vec<Divergence>,
}

/// Compares the self-assessment `auto` with the audit `audit`, in the edition's order.
pub fn comparer(ws: &Workspace, auto: &Audit, audit: &Audit) -> Comparaison {
    let en_reseau = super::en_reseau(ws);
    let mut out = Comparaison {
        exigences: 0,
        concordantes: 0,
        divergences: Vec::new(),
    };
    for c in &ws.edition.criteres {
        for e in c.exigences_demandees(en_reseau) {
            let ecole = Regard::of(jugement(auto, c.numero, &e.id));
            let auditeurs = Regard::of(jugement(audit, c.numero, &e.id));
            out.exigences += 1;
            if ecole.agrees(&auditeurs) {
                out.concordantes += 1;
            } else {
                out.divergences.push(Divergence {
                    critere: c.numero,
                    exigence: e.id.clone(),
                    etablissement: ecole,
                    auditeurs,
                });
            }
        }
    }
    out
}

/// The judgement of requirement `id` of criterion `numero` in `a`, if written.
fn jugement<'a>(a: &'a Audit, numero: u32, id: &str) -> Option<&'a Jugement> {
    let front = a.criteres.get(&numero)?.front.as_ref()?;
    front.exigences.iter().find(|j| j.id.value.trim() == id)
}

/// The comparison for the terminal (French typography applied by the caller).
pub fn term(c: &Comparaison) -> String {
    let mut out = format!(
        "Autoévaluation et audit : {} sur {} jugées de même, {}.\n",
        c.concordantes,
        crate::text::count(c.exigences, "exigence", "exigences"),
        crate::text::count(c.divergences.len(), "divergence", "divergences")
    );
    for d in &c.divergences {
        out.push_str(&format!(
            "  critère {}, exigence {} : établissement « {} », auditeurs « {} »\n",
            d.critere,
            d.exigence,
            d.etablissement.label(),
            d.auditeurs.label()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regard(c: &str, e: &str) -> Regard {
        Regard {
            conformite: Some(c.into()),
            efficacite: Some(e.into()),
        }
    }

    #[test]
    fn judgements_agree_case_aside_and_differ_on_either_scale() {
        let a = regard("conforme", "satisfaisante");
        assert!(a.agrees(&regard("Conforme", "satisfaisante ")));
        assert!(!a.agrees(&regard("conforme", "partielle")));
        assert!(!a.agrees(&regard("non conforme", "satisfaisante")));
        assert!(!a.agrees(&Regard::default()));
        assert_eq!(Regard::default().label(), "non jugée");
        assert_eq!(a.label(), "conforme, satisfaisante");
    }
}
