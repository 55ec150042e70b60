// The page's backend: this adapter asks `ldm serve` over HTTP. The page uses nothing
// else to reach the dossier, so an in-browser backend (WebAssembly) can stand in for
// it by defining `window.ldmBackend` with the same methods.
(function () {
  'use strict';

  function ok(reponse) {
    if (!reponse.ok) {
      throw new Error('réponse ' + reponse.status);
    }
    return reponse;
  }

  function avecCritere(adresse, critere) {
    return typeof critere === 'number' ? adresse + '?critere=' + critere : adresse;
  }

  window.ldmBackend = {
    // The full state: { generation, precedente: null, reglages, resume, fichiers }.
    etat: function () {
      return fetch('api/etat', { cache: 'no-store' }).then(ok).then(function (r) { return r.json(); });
    },
    // The annex of one criterion (a number) or of the whole dossier, as an HTML page.
    annexe: function (critere) {
      return fetch(avecCritere('api/annexe', critere), { cache: 'no-store' }).then(ok).then(function (r) { return r.text(); });
    },
    // The tableau de bord of one criterion or of the whole dossier, as an HTML page.
    tableauDeBord: function (critere) {
      return fetch(avecCritere('api/tableau-de-bord', critere), { cache: 'no-store' }).then(ok).then(function (r) { return r.text(); });
    },
    // Calls `miseAJour(update)` after each check of the dossier, and `connexion(true)`
    // or `connexion(false)` when the link to the backend opens or drops (the browser
    // reconnects by itself).
    suivre: function (miseAJour, connexion) {
      var source = new EventSource('api/evenements');
      source.addEventListener('etat', function (e) { miseAJour(JSON.parse(e.data)); });
      source.addEventListener('open', function () { connexion(true); });
      source.addEventListener('error', function () { connexion(false); });
    },
    // The address of an evidence file that a fiche cites.
    preuve: function (chemin) {
      return 'preuve/' + chemin.split('/').map(encodeURIComponent).join('/');
    }
  };
})();
