// The page's backend in the browser: ldm compiled to WebAssembly checks the dossier
// where it is, in this page. It stands in for http.js (ldm serve's adapter) with the
// same `window.ldmBackend` methods, so app.js is the same file in both pages. The
// WebAssembly module comes as a script (ldm_web_wasm.js), not fetched: the page's
// Content-Security-Policy forbids every connection (connect-src 'none').
import init, { Session } from './ldm_web.js';
import WASM from './ldm_web_wasm.js';

function octets(base64) {
  if (typeof Uint8Array.fromBase64 === 'function') {
    return Uint8Array.fromBase64(base64);
  }
  const texte = atob(base64);
  const out = new Uint8Array(texte.length);
  for (let i = 0; i < texte.length; i += 1) {
    out[i] = texte.charCodeAt(i);
  }
  return out;
}

// Once the module is ready, and before the page reads a folder, the first check's
// one-time work is done while the opening screen waits (`Session.preparer`); its time
// goes to `window.ldmMesure` too.
let preparation = null;
const pret = init({ module_or_path: octets(WASM) }).then(function () {
  return new Promise(function (resolve) {
    setTimeout(function () {
      const debut = performance.now();
      Session.preparer();
      preparation = performance.now() - debut;
      resolve();
    }, 0);
  });
});

// The open dossier: its session (in the WebAssembly memory), its state as JSON, the
// blob addresses of its cited evidence.
let session = null;
let etatJson = null;
let preuves = new Map();
// `premier` resolves `ouvert` at the first dossier, then is spent.
let premier = null;
const ouvert = new Promise(function (resolve) { premier = resolve; });
const abonne = { miseAJour: function () {}, connexion: function () {} };

// Reads the files of a chosen folder (each `{ chemin, fichier }`, `chemin` as the browser
// gives it, the chosen folder first) into a new session and checks them; the session finds
// the dossier's root in them (ldm's rule) and says which files to read. The times go to
// `window.ldmMesure` (the tests print them).
export async function ouvrir(entrees) {
  await pret;
  const debut = performance.now();
  const s = new Session(entrees.map(function (e) { return e.chemin; }));
  const max = Session.taille_max();
  const gardees = entrees.filter(function (e) { return s.lire(e.chemin); });
  const lues = gardees.filter(function (e) { return e.fichier.size <= max; });
  // One read of every file and one copy into WebAssembly: reading them one by one cost
  // more than their bytes (a sixth of the page's time on the example).
  const tout = await new Blob(lues.map(function (e) { return e.fichier; })).arrayBuffer();
  s.ajouter(
    gardees.map(function (e) { return e.chemin; }),
    Float64Array.from(gardees, function (e) { return e.fichier.size; }),
    new Uint8Array(tout)
  );
  const lu = performance.now();
  const json = s.analyser();
  const fin = performance.now();
  if (session) {
    session.free();
  }
  preuves.forEach(function (adresse) { URL.revokeObjectURL(adresse); });
  preuves = new Map();
  session = s;
  etatJson = json;
  const mesure = Object.assign({ preparation: preparation, fichiers: gardees.length, lecture: lu - debut }, JSON.parse(s.temps()));
  mesure.analyse = fin - lu;
  window.ldmMesure = mesure;
  // The first dossier answers the state app.js has been waiting for since it started; a
  // later one is a new state, which `connexion(true)` makes app.js ask for (asking for
  // the first too would draw it twice).
  if (premier) {
    premier();
    premier = null;
  } else {
    abonne.connexion(true);
  }
  // app.js draws the state in the promises this resolves or starts; the next frame shows it
  // (style, layout, paint), and a task queued from that frame's callback runs after it.
  requestAnimationFrame(function () {
    setTimeout(function () {
      mesure.affichage = performance.now() - fin;
      mesure.total = performance.now() - debut;
    }, 0);
  });
  return s.nom();
}

function html(texte) {
  return new Blob([texte], { type: 'text/html;charset=utf-8' });
}

// A download of the open dossier: its blob and file name.
export async function telechargement(genre) {
  await ouvert;
  switch (genre) {
    case 'annexe-html': return { blob: html(session.annexe(undefined)), nom: 'annexe.html' };
    case 'tableau-html': return { blob: html(session.tableau_de_bord(undefined)), nom: 'tableau-de-bord.html' };
    case 'annexe-docx': return {
      blob: new Blob([session.annexe_docx()], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }),
      nom: 'annexe.docx'
    };
    case 'annexe-pdf':
      if (!Session.pdf()) {
        throw new Error('cette page a été construite sans le moteur PDF');
      }
      return { blob: new Blob([session.annexe_pdf()], { type: 'application/pdf' }), nom: 'annexe.pdf' };
    default: throw new Error('téléchargement inconnu\u00a0: ' + genre);
  }
}

// Whether this build makes PDF (typst compiled in).
export function pdf() {
  return pret.then(function () { return Session.pdf(); });
}

window.ldmBackend = {
  etat: function () {
    return ouvert.then(function () { return JSON.parse(etatJson); });
  },
  annexe: function (critere) {
    return ouvert.then(function () { return session.annexe(critere); });
  },
  tableauDeBord: function (critere) {
    return ouvert.then(function () { return session.tableau_de_bord(critere); });
  },
  // Nothing changes behind the page's back: a new state comes only when a folder is
  // opened, and `connexion(true)` then makes the page load it.
  suivre: function (miseAJour, connexion) {
    abonne.miseAJour = miseAJour;
    abonne.connexion = connexion;
  },
  // A blob address of the cited file (made once per dossier); a file that cannot be
  // given shows why, as text.
  preuve: function (chemin) {
    if (!preuves.has(chemin)) {
      let blob;
      try {
        const p = session.preuve(chemin);
        blob = new Blob([p.octets], { type: p.type_mime });
        p.free();
      } catch (e) {
        blob = new Blob([String(e.message || e)], { type: 'text/plain;charset=utf-8' });
      }
      preuves.set(chemin, URL.createObjectURL(blob));
    }
    return preuves.get(chemin);
  }
};
