// French and English labels. The language comes from ?lang=, then the saved choice, then the browser.
const labels = {
  fr: {
    town: 'Commune', source_code: 'Code source', transfer: 'Fiche de transfert', diffusion: 'Diffusion',
    ecosystem: 'Écosystème', entry: 'Saisie', other_language: 'English', search: 'Rechercher une commune',
    profile: 'Profil', population: 'Population', coordinates: 'Coordonnées', hierarchy: 'Appartenance',
    kind: 'Type', name: 'Nom', id: 'Identifiant', neighbours: 'Communes voisines', distance_km: 'Distance (km)',
    map: 'Carte', trajectories: 'Trajectoires', indicator: 'Indicateur', unit: 'Unité', year: 'Année',
    value: 'Valeur', source: 'Source', note: 'Note', evaluation: 'Évaluation systémique',
    radar: 'Scores par domaine', domain: 'Domaine', score: 'Score', choquet: 'Intégrale de Choquet',
    weighted_sum: 'Somme pondérée (stand-alone)', surplus: 'Surplus systémique', balance: 'Équilibre',
    over_years: 'au fil des années', referentiel: 'Référentiel', peers: 'La commune et les communes comparables',
    peers_mean: 'Moyenne des pairs', this_town: 'Cette commune', table: 'Tableau', download_csv: 'Télécharger CSV',
    print: 'Imprimer le dossier', loading: 'Chargement…', missing: 'Absent', why: 'Pourquoi', how: 'Comment',
    not_available: 'Pas encore disponible', api_missing: 'L’API ne fournit pas encore ces données',
    initiatives: 'Initiatives', title: 'Titre', start_year: 'Début', status: 'État', involvement: 'Implication',
    error: 'Erreur', no_data: 'Aucune donnée', band: 'Tranche de population', area: 'Zone', candidates: 'Candidats',
    rank: 'Rang', median: 'Médiane des pairs', token: 'Jeton d’accès', save: 'Enregistrer', saved: 'Enregistré',
    observation: 'Nouvelle observation', territory: 'Territoire', sign_in: 'Utiliser ce jeton',
    viewer_cannot_write: 'Ce compte ne peut pas écrire.', shown: 'affiché', of: 'sur', page_not_found: 'Page introuvable',
    recipes: 'Recettes', levers: 'Leviers à actionner, dans l’ordre', exemplars: 'Exemplaires à visiter',
    adoption: 'Adoption par année', channels: 'Canaux comparés', forecast: 'Prévision et intervalle',
    constants: 'Constantes', run: 'Lancer', loops: 'Dominance des boucles', with_data: 'avec des données', sources_caveats: 'Sources et réserves', exemplars_map: 'Carte des exemplaires', no_systemic: 'Pas de score systémique : la capacité porte sur des domaines sans score.', initiative: 'Nouvelle initiative', no_coordinates: 'Aucun de ces lieux n’a de coordonnées dans la base.', all_keys_together: 'Aucune clé seule n’augmente l’appartenance : il faut réunir toutes les clés manquantes ensemble.', seed_town: 'Commune pionnière', replicas: 'Réplications', interval: 'intervalle', adopters: 'Communes adoptantes', step: 'Étape', channel: 'Canal', median_step: 'Étape médiane', reach: 'Atteinte de 10, 50 et 90 % des communes', diffusion_lede: 'La recette de la commune pionnière se diffuse par chaque canal du réseau des communes : moyenne de Monte Carlo et intervalle à 95 % (quantiles 2,5 et 97,5 % des réplications).',
    role: 'Rôle', signed_in_as: 'Connecté en tant que', entry_help: 'Un compte éditeur de cette commune peut ajouter une observation ou une initiative ; le serveur vérifie chaque champ.',
  },
  en: {
    town: 'Town', source_code: 'Source code', transfer: 'Transfer sheet', diffusion: 'Diffusion',
    ecosystem: 'Ecosystem', entry: 'Data entry', other_language: 'Français', search: 'Find a town',
    profile: 'Profile', population: 'Population', coordinates: 'Coordinates', hierarchy: 'Member of',
    kind: 'Kind', name: 'Name', id: 'Id', neighbours: 'Neighbouring towns', distance_km: 'Distance (km)',
    map: 'Map', trajectories: 'Trajectories', indicator: 'Indicator', unit: 'Unit', year: 'Year',
    value: 'Value', source: 'Source', note: 'Note', evaluation: 'Systemic evaluation',
    radar: 'Scores by domain', domain: 'Domain', score: 'Score', choquet: 'Choquet integral',
    weighted_sum: 'Weighted sum (stand-alone)', surplus: 'Systemic surplus', balance: 'Balance',
    over_years: 'over the years', referentiel: 'Référentiel', peers: 'The town against towns like it',
    peers_mean: 'Peers’ mean', this_town: 'This town', table: 'Table', download_csv: 'Download CSV',
    print: 'Print the dossier', loading: 'Loading…', missing: 'Missing', why: 'Why', how: 'How',
    not_available: 'Not available yet', api_missing: 'The API does not serve this data yet',
    initiatives: 'Initiatives', title: 'Title', start_year: 'Start', status: 'Status', involvement: 'Involvement',
    error: 'Error', no_data: 'No data', band: 'Population band', area: 'Area', candidates: 'Candidates',
    rank: 'Rank', median: 'Peers’ median', token: 'Access token', save: 'Save', saved: 'Saved',
    observation: 'New observation', territory: 'Territory', sign_in: 'Use this token',
    viewer_cannot_write: 'This account cannot write.', shown: 'shown', of: 'of', page_not_found: 'Page not found',
    recipes: 'Recipes', levers: 'Levers to raise, in order', exemplars: 'Exemplars to visit',
    adoption: 'Adoption by year', channels: 'Channels compared', forecast: 'Forecast with interval',
    constants: 'Constants', run: 'Run', loops: 'Loop dominance', with_data: 'with data', sources_caveats: 'Sources and caveats', exemplars_map: 'Map of the exemplars', no_systemic: 'No systemic score: the capacity weighs domains that have no score.', initiative: 'New initiative', no_coordinates: 'None of these places has coordinates in the store.', all_keys_together: 'No key alone raises the membership: all the missing keys are needed together.', seed_town: 'Pioneer town', replicas: 'Replicas', interval: 'interval', adopters: 'Adopting towns', step: 'Step', channel: 'Channel', median_step: 'Median step', reach: 'Reaching 10, 50 and 90% of the towns', diffusion_lede: 'The pioneer town’s recipe spreads over each channel of the network of towns: Monte Carlo mean and 95% interval (2.5% and 97.5% quantiles over replicas).',
    role: 'Role', signed_in_as: 'Signed in as', entry_help: 'An editor account of this town can add an observation or an initiative; the server checks every field.',
  },
};

// Domain names as the evaluation spells them (ids) → readable labels.
const domains = {
  fr: {
    energy: 'Énergie', building_housing: 'Bâtiment et logement', food_agriculture: 'Alimentation et agriculture',
    nature_green_belts: 'Nature et trames vertes', mobility: 'Mobilité', waste_circular: 'Déchets et économie circulaire',
    participation_governance: 'Participation et gouvernance', participation: 'Participation', housing: 'Logement',
    food: 'Alimentation', economy: 'Économie', culture: 'Culture', water: 'Eau', nature: 'Nature',
    heritage_culture: 'Patrimoine et culture', social_cohesion: 'Cohésion sociale', environment: 'Environnement', governance: 'Gouvernance',
  },
  en: {
    energy: 'Energy', building_housing: 'Building and housing', food_agriculture: 'Food and agriculture',
    nature_green_belts: 'Nature and green belts', mobility: 'Mobility', waste_circular: 'Waste and circular economy',
    participation_governance: 'Participation and governance', participation: 'Participation', housing: 'Housing',
    food: 'Food', economy: 'Economy', culture: 'Culture', water: 'Water', nature: 'Nature',
    heritage_culture: 'Heritage and culture', social_cohesion: 'Social cohesion', environment: 'Environment', governance: 'Governance',
  },
};

export function currentLang() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'fr' || asked === 'en') return asked;
  const saved = localStorage.getItem('duckweed.lang');
  if (saved === 'fr' || saved === 'en') return saved;
  return (navigator.language || 'fr').startsWith('fr') ? 'fr' : 'en';
}

export function setLang(lang) {
  localStorage.setItem('duckweed.lang', lang);
  document.documentElement.lang = lang;
}

export function t(key) {
  const lang = currentLang();
  return labels[lang][key] ?? labels.en[key] ?? key;
}

// A domain id as a reader's label; unknown ids are shown with underscores as spaces, never dropped.
export function domainLabel(id) {
  return domains[currentLang()][id] ?? String(id).replaceAll('_', ' ');
}

export function formatNumber(value, digits = 2) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const lang = currentLang() === 'fr' ? 'fr-FR' : 'en-GB';
  return Number(value).toLocaleString(lang, { maximumFractionDigits: digits });
}
