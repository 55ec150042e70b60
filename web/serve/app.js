// The page of `ldm serve`: the criteria column, the findings of the chosen criterion or
// file (as the terminal shows them), the previews. Plain JavaScript; every text of the
// dossier is put in with textContent, never as HTML. It reaches the dossier only
// through `window.ldmBackend` (http.js).
(function () {
  'use strict';

  var backend = window.ldmBackend;
  var NBSP = '\u00a0';
  var NNBSP = '\u202f';
  var GRAVITES = ['erreur', 'avertissement', 'info'];
  var PLURIELS = { erreur: 'erreurs', avertissement: 'avertissements', info: 'infos' };

  // The dossier as last received, and what the reader chose.
  var etat = null;
  var enCours = null;
  var manque = false;
  var vue = {
    selection: 'tout', // 'tout', 'autres' (outside the criteria) or a criterion's number
    fichier: null,
    onglet: 'constats',
    gravites: { erreur: true, avertissement: true, info: true },
    recherche: ''
  };

  // ---- small helpers ----

  function el(tag, classe, texte) {
    var e = document.createElement(tag);
    if (classe) {
      e.className = classe;
    }
    if (texte !== undefined && texte !== null) {
      e.textContent = texte;
    }
    return e;
  }

  function compte(n, singulier, pluriel) {
    return n + NBSP + (n > 1 ? pluriel : singulier);
  }

  function critereDe(chemin) {
    var m = /^criteres\/(\d+)/.exec(chemin);
    return m ? Number(m[1]) : null;
  }

  function dansSelection(chemin) {
    if (vue.fichier !== null) {
      return chemin === vue.fichier;
    }
    if (vue.selection === 'tout') {
      return true;
    }
    var n = critereDe(chemin);
    return vue.selection === 'autres' ? n === null : n === vue.selection;
  }

  function replier(s) {
    return (s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  function retenu(chemin, c) {
    if (!vue.gravites[c.gravite]) {
      return false;
    }
    if (!vue.recherche) {
      return true;
    }
    var x = c.extrait;
    var tout = [chemin, c.regle, c.message, c.aide, x ? x.avant + x.marque + x.apres : ''].join(' ');
    return replier(tout).indexOf(replier(vue.recherche)) >= 0;
  }

  // ---- state ----

  function charger() {
    if (enCours) {
      manque = true;
      return enCours;
    }
    enCours = backend.etat().then(function (e) {
      etat = e;
      enCours = null;
      dessiner();
      if (manque) {
        manque = false;
        charger();
      }
    }, function () {
      enCours = null;
      alerte('Le serveur ne répond pas' + NBSP + ': la page reprendra dès qu’il sera relancé.');
    });
    return enCours;
  }

  // An update applies on top of the generation it follows; otherwise the page missed
  // one and asks for the whole state.
  function appliquer(maj) {
    if (!etat || enCours || maj.precedente !== etat.generation) {
      charger();
      return;
    }
    etat.generation = maj.generation;
    etat.resume = maj.resume;
    Object.keys(maj.fichiers).forEach(function (f) {
      if (maj.fichiers[f].length) {
        etat.fichiers[f] = maj.fichiers[f];
      } else {
        delete etat.fichiers[f];
      }
    });
    dessiner();
  }

  function alerte(texte) {
    var a = document.getElementById('alerte');
    a.textContent = texte || '';
    a.hidden = !texte;
  }

  // ---- drawing ----

  function dessiner() {
    // A redrawing keeps where the reader was; the first drawing has nothing to keep, and
    // reading a scroll position would lay the page out before its content is there.
    var nav = document.getElementById('criteres');
    var garder = document.body.dataset.generation !== undefined;
    var y = garder ? window.scrollY : 0;
    var yNav = garder ? nav.scrollTop : 0;
    var r = etat.resume;
    alerte(r.erreur ? 'Le dossier ne peut pas être lu' + NBSP + ': ' + r.erreur : '');
    dessinerEntete(r);
    dessinerColonne(r);
    dessinerTitre(r);
    dessinerConstats(r);
    // Only when shown: each link is a file given out (a blob made in the WebAssembly page).
    if (vue.onglet === 'preuves') {
      dessinerPreuves(r);
    }
    if (vue.onglet === 'annexe' || vue.onglet === 'tableau') {
      apercu();
    }
    document.body.dataset.generation = etat.generation;
    ecrireAdresse();
    if (garder) {
      window.scrollTo(window.scrollX, y);
      nav.scrollTop = yNav;
    }
  }

  function dessinerEntete(r) {
    var nom = r.etablissement || 'Dossier «' + NBSP + 'Lycée des métiers' + NBSP + '»';
    document.getElementById('etablissement').textContent = nom;
    document.title = 'ldm · ' + nom;
    document.getElementById('edition').textContent = r.edition
      ? 'édition du cahier des charges' + NBSP + ': ' + r.edition + (r.total.erreurs === 0 ? ' · prêt pour le dépôt' : ' · à reprendre avant le dépôt')
      : '';
    var e = document.getElementById('nb-erreurs');
    e.textContent = compte(r.total.erreurs, 'erreur', 'erreurs');
    e.dataset.n = r.total.erreurs;
    var a = document.getElementById('nb-avertissements');
    a.textContent = compte(r.total.avertissements, 'avertissement', 'avertissements');
    a.dataset.n = r.total.avertissements;
    // As the terminal says: coverage and uncited evidence wait for the broken fiches, so
    // « 0 avertissement » is no good news yet.
    if (r.a_corriger.length) {
      a.textContent += ' (en attente ' + (r.a_corriger.length > 1 ? 'des fiches' : 'de la fiche') + ' à corriger)';
      a.title = 'Les exigences non couvertes et les preuves non citées seront vérifiées une fois les fiches à corriger lues.';
      a.dataset.attente = 'oui';
    } else {
      delete a.dataset.attente;
      a.title = '';
    }
  }

  // Counts by severity of the findings of the files outside the criteria.
  function comptesAutres() {
    var c = { erreurs: 0, avertissements: 0 };
    Object.keys(etat.fichiers).forEach(function (f) {
      if (critereDe(f) !== null) {
        return;
      }
      etat.fichiers[f].forEach(function (x) {
        if (x.gravite === 'erreur') { c.erreurs += nombre(x); }
        if (x.gravite === 'avertissement') { c.avertissements += nombre(x); }
      });
    });
    return c;
  }

  function etatCourt(c, absent) {
    if (absent) {
      return el('span', 'etat absent', 'dossier absent');
    }
    if (c.erreurs + c.avertissements === 0) {
      return el('span', 'etat complet', 'complet');
    }
    var s = el('span', 'etat');
    if (c.erreurs) { s.appendChild(el('span', 'pastille erreur', compte(c.erreurs, 'erreur', 'erreurs'))); }
    if (c.avertissements) { s.appendChild(el('span', 'pastille avertissement', compte(c.avertissements, 'avertissement', 'avertissements'))); }
    return s;
  }

  function entree(cle, titre, c, details, absent) {
    var b = el('button', 'entree');
    b.type = 'button';
    b.dataset.selection = String(cle);
    if (vue.selection === cle && vue.fichier === null) {
      b.setAttribute('aria-current', 'true');
    }
    b.appendChild(el('span', 'nom', titre));
    b.appendChild(etatCourt(c, absent));
    if (details) {
      b.appendChild(el('span', 'details', details));
    }
    b.addEventListener('click', function () {
      vue.selection = cle;
      vue.fichier = null;
      dessiner();
      window.scrollTo(0, 0);
    });
    return b;
  }

  function dessinerColonne(r) {
    var nav = document.getElementById('criteres');
    var liste = [entree('tout', 'Tout le dossier', r.total, null, false)];
    liste.push(entree('autres', 'Hors critères', comptesAutres(), 'ldm.toml, établissement, preuves', false));
    r.criteres.forEach(function (c) {
      var details = compte(c.actions, 'action', 'actions') + ' · ' + compte(c.engagements, 'engagement', 'engagements') +
        ' · exigences couvertes ' + c.exigences_couvertes + '/' + c.exigences_total;
      liste.push(entree(c.numero, c.numero + '. ' + c.intitule, c, details, !c.dossier));
    });
    nav.replaceChildren.apply(nav, liste);
  }

  function dessinerTitre(r) {
    var t = 'Tout le dossier';
    if (vue.selection === 'autres') {
      t = 'Hors critères';
    } else if (typeof vue.selection === 'number') {
      var c = r.criteres.filter(function (x) { return x.numero === vue.selection; })[0];
      t = 'Critère ' + vue.selection + (c ? NBSP + ': ' + c.intitule : '');
    }
    document.getElementById('titre-selection').textContent = t;
    var f = document.getElementById('filtre-fichier');
    f.hidden = vue.fichier === null;
    if (vue.fichier !== null) {
      var retour = el('button', 'retour', 'voir tout le critère');
      retour.type = 'button';
      retour.addEventListener('click', function () { vue.fichier = null; dessiner(); });
      f.replaceChildren(el('span', null, 'Fichier' + NBSP + ': '), el('code', null, vue.fichier), document.createTextNode(' '), retour);
    }
  }

  function dessinerConstats(r) {
    var boite = document.getElementById('constats');
    var fichiers = r.ordre.filter(function (f) { return etat.fichiers[f] && dansSelection(f); });
    var parGravite = { erreur: 0, avertissement: 0, info: 0 };
    var groupes = [];
    var montres = 0;
    fichiers.forEach(function (f) {
      etat.fichiers[f].forEach(function (c) { parGravite[c.gravite] += nombre(c); });
      var retenus = etat.fichiers[f].filter(function (c) { return retenu(f, c); });
      if (retenus.length) {
        montres += retenus.length;
        groupes.push(groupe(f, retenus));
      }
    });
    GRAVITES.forEach(function (g) {
      var n = parGravite[g];
      document.querySelector('[data-gravite="' + g + '"]').textContent = n + NBSP + (n > 1 ? PLURIELS[g] : g);
    });
    if (!groupes.length) {
      var vide = fichiers.length ? 'Aucun constat ne répond au filtre.' : 'Aucun constat' + NBSP + ': rien à reprendre ici.';
      groupes.push(el('p', 'vide', vide));
    }
    if (r.a_corriger.length && vue.selection === 'tout') {
      groupes.unshift(el('p', 'a-corriger', 'À corriger d’abord' + NBSP + ': ' + r.a_corriger.join(', ') +
        ' (ldm n’a pas pu les lire en entier' + NNBSP + '; les exigences couvertes et les preuves non citées seront vérifiées ensuite)'));
    }
    boite.replaceChildren.apply(boite, groupes);
    boite.dataset.montres = montres;
  }

  function groupe(chemin, constats) {
    var s = el('section', 'fichier');
    var h = el('h3');
    var b = el('button', 'lien-fichier', chemin || 'tout le dossier');
    b.type = 'button';
    b.title = 'Ne montrer que ce fichier';
    b.addEventListener('click', function () {
      vue.fichier = chemin;
      dessiner();
      window.scrollTo(0, 0);
    });
    h.appendChild(b);
    var n = constats.reduce(function (s, c) { return s + nombre(c); }, 0);
    h.appendChild(el('span', 'nombre', compte(n, 'constat', 'constats')));
    s.appendChild(h);
    constats.forEach(function (c) { s.appendChild(constat(chemin, c)); });
    return s;
  }

  // How many findings a card stands for: itself and the repeats grouped under it.
  function nombre(c) {
    return 1 + (c.aussi ? c.aussi.length : 0);
  }

  // One finding as the terminal writes it: title, excerpt with the spot marked, the
  // repeats grouped under it (« même constat : lignes … »), hint.
  function constat(chemin, c) {
    var a = el('article', 'constat ' + c.gravite);
    var titre = el('p', 'titre');
    titre.appendChild(el('span', 'gravite', c.gravite));
    titre.appendChild(el('span', 'regle', '[' + c.regle + ']'));
    titre.appendChild(document.createTextNode(NBSP + ': ' + c.message));
    a.appendChild(titre);
    if (c.extrait) {
      a.appendChild(extrait(c));
    }
    if (c.aussi_note) {
      var meme = el('p', 'meme');
      meme.appendChild(el('strong', null, 'même constat' + NBSP + ':'));
      meme.appendChild(document.createTextNode(' ' + c.aussi_note));
      a.appendChild(meme);
    }
    if (c.aide) {
      var aide = el('p', 'aide');
      aide.appendChild(el('strong', null, 'aide' + NBSP + ':'));
      aide.appendChild(document.createTextNode(' ' + c.aide));
      a.appendChild(aide);
    }
    if (chemin) {
      a.appendChild(lieu(chemin, c));
    }
    return a;
  }

  function extrait(c) {
    var x = c.extrait;
    var pre = el('pre', 'extrait');
    var num = String(c.ligne);
    var marge = ' '.repeat(num.length) + ' │ ';
    pre.appendChild(el('span', 'numero', num + ' │ '));
    pre.appendChild(document.createTextNode(x.avant));
    pre.appendChild(el('mark', null, x.marque));
    pre.appendChild(document.createTextNode(x.apres + '\n'));
    var avant = Array.from(x.avant).map(function (ch) { return ch === '\t' ? '\t' : ' '; }).join('');
    pre.appendChild(el('span', 'numero', marge));
    pre.appendChild(el('span', 'soulignement', avant + '^'.repeat(Math.max(1, Array.from(x.marque).length))));
    return pre;
  }

  function lieu(chemin, c) {
    var p = el('p', 'lieu');
    var texte = chemin + (c.ligne ? ':' + c.ligne + (c.colonne ? ':' + c.colonne : '') : '');
    var code = el('code', null, texte);
    p.appendChild(code);
    var copier = el('button', 'copier', 'copier');
    copier.type = 'button';
    copier.title = 'Copier le chemin et la ligne';
    copier.addEventListener('click', function () {
      var fait = function () { copier.textContent = 'copié'; };
      if (navigator.clipboard) {
        navigator.clipboard.writeText(texte).then(fait, function () { selectionner(code); });
      } else {
        selectionner(code);
      }
    });
    p.appendChild(copier);
    var modele = etat.reglages && etat.reglages.editeur;
    if (modele) {
      var absolu = etat.reglages.racine.replace(/\/$/, '') + '/' + chemin;
      var adresse = modele
        .split('{fichier}').join(absolu.split('/').map(encodeURIComponent).join('/'))
        .split('{ligne}').join(String(c.ligne || 1));
      var lien = el('a', 'editeur', 'ouvrir dans l’éditeur');
      lien.href = adresse;
      p.appendChild(lien);
    }
    return p;
  }

  function selectionner(noeud) {
    var r = document.createRange();
    r.selectNodeContents(noeud);
    var s = window.getSelection();
    s.removeAllRanges();
    s.addRange(r);
  }

  function dessinerPreuves(r) {
    var ul = document.getElementById('preuves');
    var items = r.preuves.filter(function (p) {
      if (vue.fichier !== null) { return p.citee_par.indexOf(vue.fichier) >= 0; }
      if (typeof vue.selection === 'number') { return p.criteres.indexOf(vue.selection) >= 0; }
      return vue.selection === 'tout' || critereDe(p.chemin) === null;
    }).map(function (p) {
      var li = el('li');
      var a = el('a', null, p.chemin);
      a.href = backend.preuve(p.chemin);
      a.target = '_blank';
      a.rel = 'noopener';
      li.appendChild(a);
      li.appendChild(el('span', 'citee', 'citée par ' + p.citee_par.join(', ')));
      return li;
    });
    if (!items.length) {
      items.push(el('li', 'vide', 'Aucune preuve citée ici.'));
    }
    ul.replaceChildren.apply(ul, items);
  }

  // ---- previews ----

  function critereChoisi() {
    var n = vue.fichier !== null ? critereDe(vue.fichier) : vue.selection;
    return typeof n === 'number' ? n : undefined;
  }

  // Fills a sandboxed frame, keeping its scroll when it shows the same criterion.
  function remplir(cadre, cle, html) {
    var y = 0;
    if (cadre.dataset.cle === cle) {
      try { y = cadre.contentWindow.scrollY; } catch (e) { y = 0; }
    }
    cadre.dataset.cle = cle;
    cadre.addEventListener('load', function () {
      try { cadre.contentWindow.scrollTo(0, y); } catch (e) { /* nothing to restore */ }
    }, { once: true });
    cadre.srcdoc = html;
  }

  function apercu() {
    var n = critereChoisi();
    var cle = String(n);
    if (vue.onglet === 'annexe') {
      backend.annexe(n).then(function (html) { remplir(document.getElementById('cadre-annexe'), cle, html); });
    } else if (vue.onglet === 'tableau') {
      backend.tableauDeBord(n).then(function (html) { remplir(document.getElementById('cadre-tableau'), cle, html); });
    }
  }

  // ---- the address: « #critere-4/annexe » reopens the same view ----

  function lireAdresse() {
    var m = /^#(tout|autres|critere-(\d+))(?:\/(constats|annexe|tableau|preuves))?$/.exec(location.hash);
    if (!m) {
      return;
    }
    vue.selection = m[2] ? Number(m[2]) : m[1];
    if (m[3]) {
      onglet(m[3]);
    }
  }

  // Only when it changes (an address without one is the first view): each replaceState
  // costs the browser a navigation entry's update.
  function ecrireAdresse() {
    var cle = typeof vue.selection === 'number' ? 'critere-' + vue.selection : vue.selection;
    var adresse = '#' + cle + '/' + vue.onglet;
    if (location.hash !== adresse && (location.hash || adresse !== '#tout/constats')) {
      history.replaceState(null, '', adresse);
    }
  }

  // ---- controls ----

  function onglet(nom) {
    vue.onglet = nom;
    document.querySelectorAll('[data-onglet]').forEach(function (b) {
      b.setAttribute('aria-selected', String(b.dataset.onglet === nom));
    });
    document.querySelectorAll('.vue').forEach(function (s) {
      s.hidden = s.id !== 'vue-' + nom;
    });
    ecrireAdresse();
    if (etat && (nom === 'annexe' || nom === 'tableau')) {
      apercu();
    }
    if (etat && nom === 'preuves') {
      dessinerPreuves(etat.resume);
    }
  }

  document.querySelectorAll('[data-onglet]').forEach(function (b) {
    b.addEventListener('click', function () { onglet(b.dataset.onglet); });
  });
  document.querySelectorAll('#gravites input').forEach(function (c) {
    c.addEventListener('change', function () {
      vue.gravites[c.value] = c.checked;
      if (etat) { dessiner(); }
    });
  });
  document.getElementById('recherche').addEventListener('input', function (e) {
    vue.recherche = e.target.value.trim();
    if (etat) { dessiner(); }
  });

  function connexion(ouverte) {
    var c = document.getElementById('connexion');
    c.textContent = ouverte ? 'en direct' : 'connexion perdue, nouvelle tentative…';
    c.classList.toggle('perdue', !ouverte);
    if (ouverte) {
      // The first opening and every reconnection: the state may have moved meanwhile.
      charger();
    }
  }

  lireAdresse();
  charger();
  backend.suivre(appliquer, connexion);
})();
