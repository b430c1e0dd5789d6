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
    weighted_sum: 'Somme pondérée (Shapley)', surplus: 'Surplus systémique', balance: 'Équilibre',
    over_years: 'au fil des années', referentiel: 'Référentiel', peers: 'La commune et les communes comparables',
    peers_mean: 'Moyenne des pairs', this_town: 'Cette commune', table: 'Tableau', download_csv: 'Télécharger CSV',
    print: 'Imprimer le dossier', loading: 'Chargement…', missing: 'Absent', why: 'Pourquoi', how: 'Comment',
    not_available: 'Pas encore disponible', api_missing: 'L’API ne fournit pas encore ces données',
    initiatives: 'Initiatives', title: 'Titre', start_year: 'Début', status: 'État', involvement: 'Implication',
    error: 'Erreur', no_data: 'Aucune donnée', band: 'Tranche de population', area: 'Zone', candidates: 'Candidats', peers_count: (n, of, data) => `${n} communes semblables parmi ${of} candidates, dont ${data} avec des données`, peers_no_data: 'Aucune des communes semblables n’a de score dans ces domaines : leur moyenne n’est pas tracée.',
    rank: 'Rang', median: 'Médiane des pairs', token: 'Jeton d’accès', save: 'Enregistrer', saved: 'Enregistré',
    observation: 'Nouvelle observation', territory: 'Territoire', sign_in: 'Utiliser ce jeton',
    viewer_cannot_write: 'Ce compte ne peut pas écrire.', shown: 'affiché', of: 'sur', page_not_found: 'Page introuvable',
    recipes: 'Recettes', levers: 'Leviers à actionner, dans l’ordre', exemplars: 'Exemplaires à visiter',
    adoption: 'Adoption par année', channels: 'Canaux comparés', forecast: 'Prévision et intervalle',
    not_on_map: 'Absents de la carte (sans coordonnées dans la base)', constants: 'Constantes', run: 'Lancer', loops: 'Dominance des boucles', with_data: 'avec des données', sources_caveats: 'Sources et réserves', exemplars_map: 'Carte des exemplaires', no_systemic: 'Pas de score systémique : la capacité porte sur des domaines sans score.', initiative: 'Nouvelle initiative', no_coordinates: 'Aucun de ces lieux n’a de coordonnées dans la base.', all_keys_together: 'Aucune clé seule n’augmente l’appartenance : il faut réunir toutes les clés manquantes ensemble.', seed_town: 'Commune pionnière', replicas: 'Réplications', interval: 'intervalle', adopters: 'Communes adoptantes', step: 'Étape', channel: 'Canal', median_step: 'Étape médiane', reach: 'Atteinte de 10, 50 et 90 % des communes', diffusion_lede: 'La recette de la commune pionnière se diffuse par chaque canal du réseau des communes : moyenne de Monte Carlo et intervalle à 95 % (quantiles 2,5 et 97,5 % des réplications).',

    standalone_sum: 'Somme stand-alone', and: 'et', peer_towns: 'Communes comparables',
    surplus_note: 'Surplus systémique = Choquet − somme stand-alone : ce que les domaines ajoutent en avançant ensemble. Équilibre = Choquet − somme pondérée : la pénalité d’un profil déséquilibré.',
    domain_trajectories: 'Trajectoires par domaine', sources: 'Sources', figures: 'Chiffres', no_sources: 'Aucune adresse de source n’accompagne ces chiffres.',
    method_notes: 'Comment ces chiffres ont été calculés', not_in_report: 'Ces données ne font pas partie de ce rapport hors ligne.',
    realise_share: 'Part réalisée', potential: 'Potentiel (points)', stars: 'étoile(s)', total: 'total', realise: 'réalisé',
    postures: 'Postures', posture_index: 'indice', posture_means: 'Réponses moyennes', scale: 'échelle', mean: 'Moyenne',
    interval95: 'Intervalle à 95 %', group: 'Groupe', item: 'Question', agree: 'D’accord',
    emergent: 'Effets émergents', emergent_title: 'Confiance, image, attractivité et score systémique',
    emergent_note: 'Moyennes d’enquête ramenées de l’échelle de Likert à [0, 1] ; un trou : une année sans données.',
    transfer_lede: 'Pour chaque recette (une combinaison de conditions qui a mené au succès ailleurs) : l’appartenance de la commune, les clés qui lui manquent par ordre de gain, et les communes les plus proches qui suivent déjà la recette.',
    membership: 'Appartenance', membership_chart: 'Appartenance à chaque recette', membership_note: 'Au-dessus de 0,5 : la commune suit déjà la recette.',
    now: 'Actuel', gain: 'Gain', context_differences: 'Pourquoi cette recette peut ne pas vous convenir (contexte)',
    role: 'Rôle', signed_in_as: 'Connecté en tant que', entry_help: 'Un compte éditeur de cette commune peut ajouter une observation, une initiative ou une réponse d’enquête ; le serveur vérifie chaque champ.',
  },
  en: {
    town: 'Town', source_code: 'Source code', transfer: 'Transfer sheet', diffusion: 'Diffusion',
    ecosystem: 'Ecosystem', entry: 'Data entry', other_language: 'Français', search: 'Find a town',
    profile: 'Profile', population: 'Population', coordinates: 'Coordinates', hierarchy: 'Member of',
    kind: 'Kind', name: 'Name', id: 'Id', neighbours: 'Neighbouring towns', distance_km: 'Distance (km)',
    map: 'Map', trajectories: 'Trajectories', indicator: 'Indicator', unit: 'Unit', year: 'Year',
    value: 'Value', source: 'Source', note: 'Note', evaluation: 'Systemic evaluation',
    radar: 'Scores by domain', domain: 'Domain', score: 'Score', choquet: 'Choquet integral',
    weighted_sum: 'Shapley-weighted sum', surplus: 'Systemic surplus', balance: 'Balance',
    over_years: 'over the years', referentiel: 'Référentiel', peers: 'The town against towns like it',
    peers_mean: 'Peers’ mean', this_town: 'This town', table: 'Table', download_csv: 'Download CSV',
    print: 'Print the dossier', loading: 'Loading…', missing: 'Missing', why: 'Why', how: 'How',
    not_available: 'Not available yet', api_missing: 'The API does not serve this data yet',
    initiatives: 'Initiatives', title: 'Title', start_year: 'Start', status: 'Status', involvement: 'Involvement',
    error: 'Error', no_data: 'No data', band: 'Population band', area: 'Area', candidates: 'Candidates', peers_count: (n, of, data) => `${n} towns like it among ${of} candidates, ${data} of them with data`, peers_no_data: 'None of the towns like it has a score in these domains: their mean is not drawn.',
    rank: 'Rank', median: 'Peers’ median', token: 'Access token', save: 'Save', saved: 'Saved',
    observation: 'New observation', territory: 'Territory', sign_in: 'Use this token',
    viewer_cannot_write: 'This account cannot write.', shown: 'shown', of: 'of', page_not_found: 'Page not found',
    recipes: 'Recipes', levers: 'Levers to raise, in order', exemplars: 'Exemplars to visit',
    adoption: 'Adoption by year', channels: 'Channels compared', forecast: 'Forecast with interval',
    not_on_map: 'Not on the map (no coordinates in the store)', constants: 'Constants', run: 'Run', loops: 'Loop dominance', with_data: 'with data', sources_caveats: 'Sources and caveats', exemplars_map: 'Map of the exemplars', no_systemic: 'No systemic score: the capacity weighs domains that have no score.', initiative: 'New initiative', no_coordinates: 'None of these places has coordinates in the store.', all_keys_together: 'No key alone raises the membership: all the missing keys are needed together.', seed_town: 'Pioneer town', replicas: 'Replicas', interval: 'interval', adopters: 'Adopting towns', step: 'Step', channel: 'Channel', median_step: 'Median step', reach: 'Reaching 10, 50 and 90% of the towns', diffusion_lede: 'The pioneer town’s recipe spreads over each channel of the network of towns: Monte Carlo mean and 95% interval (2.5% and 97.5% quantiles over replicas).',

    standalone_sum: 'Stand-alone sum', and: 'and', peer_towns: 'Towns like it',
    surplus_note: 'Systemic surplus = Choquet − stand-alone sum: what the domains add by advancing together. Balance = Choquet − weighted sum: the penalty for an unbalanced profile.',
    domain_trajectories: 'Trajectories by domain', sources: 'Sources', figures: 'Figures', no_sources: 'No source address comes with these figures.',
    method_notes: 'How these figures were computed', not_in_report: 'This data is not part of this offline report.',
    realise_share: 'Share réalisé', potential: 'Potential (points)', stars: 'star(s)', total: 'total', realise: 'réalisé',
    postures: 'Postures', posture_index: 'index', posture_means: 'Mean answers', scale: 'scale', mean: 'Mean',
    interval95: '95% interval', group: 'Group', item: 'Item', agree: 'Agree',
    emergent: 'Emergent outcomes', emergent_title: 'Trust, image, attractiveness and the systemic score',
    emergent_note: 'Survey means rescaled from the Likert scale to [0, 1]; a gap: a year without data.',
    transfer_lede: 'For each recipe (a combination of conditions that led to success elsewhere): the town’s membership, the keys it lacks in order of gain, and the closest towns that already follow the recipe.',
    membership: 'Membership', membership_chart: 'Membership in each recipe', membership_note: 'Above 0.5: the town already follows the recipe.',
    now: 'Now', gain: 'Gain', context_differences: 'Why this recipe may not fit you (context)',
    role: 'Role', signed_in_as: 'Signed in as', entry_help: 'An editor account of this town can add an observation, an initiative or a survey answer; the server checks every field.',
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

// Labels a page brings with it: {fr: {...}, en: {...}}, added to these (a key already here is kept).
export function addLabels(more) {
  for (const lang of ['fr', 'en']) labels[lang] = { ...more[lang], ...labels[lang] };
}

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
