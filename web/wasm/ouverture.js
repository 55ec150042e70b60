// The static page's opening screen and downloads bar: a folder chosen
// (`<input webkitdirectory>`) or dropped is read into the backend (backend.js); the
// page (app.js) then shows it as ldm serve does.
import { ouvrir, telechargement, pdf } from './backend.js';

const NBSP = '\u00a0';
const zone = document.getElementById('zone');
const choix = document.getElementById('choix-dossier');
const etat = document.getElementById('ouverture-etat');

function dire(texte, erreur) {
  etat.textContent = texte;
  etat.classList.toggle('erreur', Boolean(erreur));
}

async function charger(entrees) {
  if (!entrees.length) {
    dire('Ce dossier est vide' + NBSP + ': choisissez le dossier qui contient ldm.toml.', true);
    return;
  }
  const choisi = entrees[0].chemin.split('/')[0];
  dire('Vérification de «' + NBSP + choisi + NBSP + '» (' + entrees.length + ' fichiers)…');
  try {
    await ouvrir(entrees);
  } catch (e) {
    dire('Le dossier ne peut pas être vérifié' + NBSP + ': ' + (e.message || e), true);
    return;
  }
  dire('');
  document.body.classList.remove('attente');
  document.getElementById('ouverture').hidden = true;
  document.getElementById('barre').hidden = false;
}

choix.addEventListener('change', function () {
  const entrees = Array.from(choix.files).map(function (f) {
    return { chemin: f.webkitRelativePath || f.name, fichier: f };
  });
  choix.value = '';
  charger(entrees);
});

// A dropped folder, walked with the entries API (readEntries gives a folder's names in
// batches, until an empty one).
function lireDossier(entree, chemin, out) {
  if (entree.isFile) {
    return new Promise(function (resolve, reject) {
      entree.file(function (f) { out.push({ chemin: chemin + entree.name, fichier: f }); resolve(); }, reject);
    });
  }
  const lecteur = entree.createReader();
  const dedans = chemin + entree.name + '/';
  return new Promise(function (resolve, reject) {
    const suite = function () {
      lecteur.readEntries(function (lot) {
        if (!lot.length) {
          resolve();
          return;
        }
        Promise.all(lot.map(function (e) { return lireDossier(e, dedans, out); })).then(suite, reject);
      }, reject);
    };
    suite();
  });
}

zone.addEventListener('dragover', function (e) {
  e.preventDefault();
  zone.classList.add('survol');
});
zone.addEventListener('dragleave', function () { zone.classList.remove('survol'); });
zone.addEventListener('drop', function (e) {
  e.preventDefault();
  zone.classList.remove('survol');
  const entrees = Array.from(e.dataTransfer.items)
    .map(function (i) { return i.webkitGetAsEntry ? i.webkitGetAsEntry() : null; })
    .filter(Boolean);
  const dossier = entrees.filter(function (x) { return x.isDirectory; })[0];
  if (!dossier) {
    dire('Déposez un dossier (celui qui contient ldm.toml), pas des fichiers isolés.', true);
    return;
  }
  const out = [];
  lireDossier(dossier, '', out).then(function () { charger(out); }, function () {
    dire('Le dossier déposé ne peut pas être lu par le navigateur.', true);
  });
});

document.getElementById('autre-dossier').addEventListener('click', function () {
  choix.click();
});

document.querySelectorAll('[data-telecharger]').forEach(function (b) {
  b.addEventListener('click', async function () {
    b.disabled = true;
    try {
      const t = await telechargement(b.dataset.telecharger);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(t.blob);
      a.download = t.nom;
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 60000);
    } catch (e) {
      window.alert('Le document ne peut pas être produit' + NBSP + ': ' + (e.message || e));
    } finally {
      b.disabled = false;
    }
  });
});

pdf().then(function (oui) {
  if (!oui) {
    document.querySelector('[data-telecharger="annexe-pdf"]').remove();
  }
});
