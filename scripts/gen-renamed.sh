#!/usr/bin/env bash
# Makes two dossiers for timing `ldm diff` at scale: OUT/ancien and OUT/nouveau, copies of
# the `valide` fixture with N more actions each, spread over its criteria. Every action of
# the renewal is a renamed file with a reworded dénomination, so pairing must go through
# title similarity (the costly path), not file names.
# Usage: scripts/gen-renamed.sh N OUT   then   time ldm diff OUT/ancien OUT/nouveau
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:?"nombre d'actions"}
out=${2:?"dossier de sortie"}
rm -rf "$out/ancien" "$out/nouveau"
mkdir -p "$out"
cp -r tests/fixtures/valide "$out/ancien"
cp -r tests/fixtures/valide "$out/nouveau"
template=tests/fixtures/valide/criteres/2-partenariats/actions/job-dating.md
criteres=(1-offre-de-formation 2-partenariats)
verbes=(Organiser Développer Consolider Proposer Accompagner Renforcer Animer Structurer Valoriser Préparer Ouvrir Créer Installer)
objets=("des visites d'entreprises" "un atelier de découverte" "des stages d'observation" "un forum des métiers" "le tutorat entre pairs" "un club de robotique" "des rencontres avec les anciens" "une semaine de l'orientation" "des immersions en BTS" "un concours de projets" "des ateliers d'écriture")
publics=("les élèves de seconde" "les apprentis" "les terminales" "les familles" "les professeurs principaux" "les alternants" "les collégiens du secteur")
lieux=("au lycée" "en entreprise" "sur le campus" "au CDI" "dans le bassin")
syllabes=(ka lo mi ru ze ta no vi sa po de fu gi ba le ro ti mu na ve)

# A distinct dénomination for action i: every slot varies with i, plus a partner name.
title() {
  local i=$1
  local name="${syllabes[$((i % 20))]}${syllabes[$((i / 20 % 20))]}${syllabes[$((i / 400 % 20))]}"
  printf '%s %s pour %s %s avec %s' "${verbes[$((i % 13))]}" "${objets[$((i % 11))]}" \
    "${publics[$((i % 7))]}" "${lieux[$((i % 5))]}" "${name^}"
}

body=$(sed '1,/^---$/{/^denomination:/d}' "$template" | tail -n +2)
for ((i = 0; i < n; i++)); do
  crit=${criteres[$((i % ${#criteres[@]}))]}
  t=$(title "$i")
  # The renewal rewords the title a little, as a school does between two campaigns.
  if ((i % 2)); then nt="$t, reconduit"; else nt="${t/ pour les / auprès des }"; fi
  printf -- '---\ndenomination: "%s"\n%s\n' "$t" "$body" \
    >"$out/ancien/criteres/$crit/actions/action-$i.md"
  printf -- '---\ndenomination: "%s"\n%s\n' "$nt" "$body" \
    >"$out/nouveau/criteres/$crit/actions/fiche-$i-renommee.md"
done
