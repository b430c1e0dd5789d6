#include "store/migrations.h"

namespace duckweed::store::internal {
namespace {

// Version 1: the four entities, memberships, and same-place links (a GeoNames place that is an
// INSEE commune), used to give communes the coordinates of the world set.
constexpr const char* kV1 = R"sql(
CREATE TABLE territory (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  country TEXT NOT NULL DEFAULT '',
  population INTEGER,
  latitude REAL,
  longitude REAL
);
CREATE INDEX territory_by_name ON territory(name COLLATE NOCASE);
CREATE INDEX territory_by_kind ON territory(kind, country);
CREATE INDEX territory_by_latitude ON territory(latitude);
CREATE TABLE membership (
  child_id TEXT NOT NULL REFERENCES territory(id) ON DELETE CASCADE,
  parent_id TEXT NOT NULL REFERENCES territory(id) ON DELETE CASCADE,
  PRIMARY KEY (child_id, parent_id)
) WITHOUT ROWID;
CREATE INDEX membership_by_parent ON membership(parent_id);
CREATE TABLE same_place (
  territory_id TEXT NOT NULL REFERENCES territory(id) ON DELETE CASCADE,
  other_id TEXT NOT NULL,
  PRIMARY KEY (territory_id, other_id)
) WITHOUT ROWID;
CREATE INDEX same_place_by_other ON same_place(other_id);
CREATE TABLE indicator (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  unit TEXT NOT NULL DEFAULT '',
  domain TEXT NOT NULL DEFAULT '',
  direction TEXT NOT NULL DEFAULT '' CHECK (direction IN ('', 'higher', 'lower')),
  description TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  formula TEXT NOT NULL DEFAULT ''
);
CREATE TABLE observation (
  territory_id TEXT NOT NULL REFERENCES territory(id) ON DELETE CASCADE,
  indicator_id TEXT NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('result', 'target')),
  value REAL NOT NULL,
  source TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (territory_id, indicator_id, year, kind)
) WITHOUT ROWID;
CREATE TABLE initiative (
  territory_id TEXT NOT NULL REFERENCES territory(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  domain TEXT NOT NULL DEFAULT '',
  start_year INTEGER,
  end_year INTEGER,
  involvement TEXT NOT NULL
    CHECK (involvement IN ('inform', 'consult', 'co-produce', 'citizen-led')),
  participants INTEGER,
  budget REAL,
  status TEXT NOT NULL DEFAULT ''
    CHECK (status IN ('', 'planned', 'ongoing', 'completed', 'stopped')),
  source TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (territory_id, title)
) WITHOUT ROWID;
)sql";

// Version 2: the case base of `import table`. Where a table comes from (source), categorical,
// numeric and date attributes with their declared levels, and memberships of networks with the
// join date and the channel (a coordinator or supporter, by name) a territory joined through.
constexpr const char* kV2 = R"sql(
CREATE TABLE source (
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  licence TEXT NOT NULL DEFAULT '',
  imported_at TEXT NOT NULL,
  row_count INTEGER NOT NULL
);
CREATE TABLE attribute (
  name TEXT PRIMARY KEY,
  type TEXT NOT NULL CHECK (type IN ('category', 'number', 'date')),
  levels TEXT NOT NULL DEFAULT ''
);
CREATE TABLE territory_attribute (
  territory_id TEXT NOT NULL REFERENCES territory(id) ON DELETE CASCADE,
  name TEXT NOT NULL REFERENCES attribute(name),
  value TEXT NOT NULL,
  source_id INTEGER REFERENCES source(id),
  PRIMARY KEY (territory_id, name)
) WITHOUT ROWID;
CREATE INDEX territory_attribute_by_name ON territory_attribute(name, value);
CREATE TABLE network_membership (
  territory_id TEXT NOT NULL REFERENCES territory(id) ON DELETE CASCADE,
  network TEXT NOT NULL,
  channel TEXT NOT NULL DEFAULT 'direct'
    CHECK (channel IN ('direct', 'coordinator', 'supporter')),
  via TEXT NOT NULL DEFAULT '',
  joined TEXT NOT NULL DEFAULT '',
  source_id INTEGER REFERENCES source(id),
  PRIMARY KEY (territory_id, network, channel, via)
) WITHOUT ROWID;
CREATE INDEX network_membership_by_network ON network_membership(network, channel, via);
)sql";

// Version 3 (issue 15): a version per observation and initiative, 1 for the rows already there
// and for new rows, one more on every write, so an edit carrying the version it read is refused
// when the row changed since (Store::SetObservation, SetInitiative).
constexpr const char* kV3 = R"sql(
ALTER TABLE observation ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE initiative ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
)sql";

// Version 4: accounts (a token's SHA-256 only, never the token), the audit of every write through
// the server, and survey responses of postures written by editors (include/duckweed/store/
// accounts.h).
constexpr const char* kV4 = R"sql(
CREATE TABLE account (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
  territory_id TEXT NOT NULL DEFAULT '',
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT NOT NULL DEFAULT ''
);
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  account TEXT NOT NULL,
  action TEXT NOT NULL,
  territory_id TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT ''
);
CREATE TABLE survey_response (
  territory_id TEXT NOT NULL REFERENCES territory(id) ON DELETE CASCADE,
  respondent_group TEXT NOT NULL,
  year INTEGER NOT NULL,
  item TEXT NOT NULL,
  respondent TEXT NOT NULL DEFAULT '',
  answer REAL NOT NULL,
  PRIMARY KEY (territory_id, respondent_group, year, item, respondent)
) WITHOUT ROWID;
)sql";

// Version 5: recipes mined by `qca --save-recipe`, with their provenance: the case base query,
// the outcome's definition, the cut-offs, each condition's definition (calibration anchors
// included) and tag (lever, context), the date, the solution's fit, and its terms with their fit
// and exemplar cases.
constexpr const char* kV5 = R"sql(
CREATE TABLE recipe (
  name TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  data_file TEXT NOT NULL DEFAULT '',
  case_base TEXT NOT NULL DEFAULT '',
  case_count INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  outcome_definition TEXT NOT NULL DEFAULT '',
  cutoffs TEXT NOT NULL DEFAULT '',
  solution TEXT NOT NULL,
  expression TEXT NOT NULL,
  consistency REAL,
  coverage REAL,
  query TEXT NOT NULL DEFAULT ''
);
CREATE TABLE recipe_condition (
  recipe TEXT NOT NULL REFERENCES recipe(name) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  tag TEXT NOT NULL DEFAULT 'condition' CHECK (tag IN ('condition', 'lever', 'context')),
  definition TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (recipe, position)
) WITHOUT ROWID;
CREATE TABLE recipe_term (
  recipe TEXT NOT NULL REFERENCES recipe(name) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  expression TEXT NOT NULL,
  incl REAL,
  coverage REAL,
  exemplars TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (recipe, position)
) WITHOUT ROWID;
)sql";

// Version 6: the count of committed write transactions, one more at every commit
// (Store::ChangeCount): what a cache of reads compares to know, exactly and cheaply, that nothing
// was written since, whoever wrote (this process, another process, another server).
constexpr const char* kV6 = R"sql(
CREATE TABLE store_change (n INTEGER NOT NULL);
INSERT INTO store_change (n) VALUES (0);
)sql";

constexpr const char* kAll[] = {kV1, kV2, kV3, kV4, kV5, kV6};

constexpr const char* kTables[] = {"territory",
                                   "membership",
                                   "same_place",
                                   "indicator",
                                   "observation",
                                   "initiative",
                                   "source",
                                   "attribute",
                                   "territory_attribute",
                                   "network_membership",
                                   "account",
                                   "audit",
                                   "survey_response",
                                   "recipe",
                                   "recipe_condition",
                                   "recipe_term"};

}  // namespace

std::span<const char* const> Migrations() { return kAll; }

std::span<const char* const> TablesInCopyOrder() { return kTables; }

}  // namespace duckweed::store::internal
