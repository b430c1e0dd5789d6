#!/usr/bin/env bash
# Derives data/places/communes_fr_2024.csv from ../shared/data/places/communes_fr_2024.csv (INSEE
# and La Poste open data, Licence Ouverte 2.0). The changes are listed in data/places/README.md:
# communes (COM) only, the columns `places import france` reads, and missing figures left empty
# instead of the source's 0. Usage: tools/derive_communes_fr.sh [SOURCE.csv] > OUT.csv
set -euo pipefail
src="${1:-$(dirname "$0")/../../shared/data/places/communes_fr_2024.csv}"
awk -F, -v OFS=, '
NR == 1 {
  for (i = 1; i <= NF; ++i) col[$i] = i
  print "insee_com,lat,lng,superficie_km2,population_2015,population_2021,menages_2021," \
        "naissances_2022,deces_2022,pop_15_64_totale_2021,pop_15_64_active_2021," \
        "pop_15_64_chomage_2021"
  next
}
$col["commune_type"] != "COM" { next }
{
  pop15 = $col["population_2015"]; pop21 = $col["population_2021"]
  men = $col["menages_2021"]; tot = $col["pop_15_64_totale_2021"]
  act = $col["pop_15_64_active_2021"]; cho = $col["pop_15_64_chomage_2021"]
  # Mayotte: the comparateur has no census figures (population 0 beside hundreds of births).
  if ($col["insee_dep"] == "976") { pop15 = pop21 = men = tot = act = cho = "" }
  # Inhabited communes with no census detail (0 households): the detail is missing, not zero.
  if (pop21 != "" && pop21 > 0 && men == 0) { men = tot = act = cho = "" }
  print $col["insee_com"], $col["lat"], $col["lng"], $col["superficie_km2"], pop15, pop21, men,
        $col["naissances_2022"], $col["deces_2022"], tot, act, cho
}' "$src"
