-- jinmap database schema. Table and column names are a contract (DESIGN.md).
-- Geometry columns are added with AddGeometryColumn by the builder.
-- Facts schema v2 (issue 11, helpers/FACTS_CONTRACT.md): sources are documents;
-- figures carry fact_id, label, scope (and company); notes carry note_en, kind
-- and, for conflicts, the other document's fact; places carry English names.
CREATE TABLE sources (id TEXT PRIMARY KEY, file TEXT NOT NULL, title TEXT, sha256 TEXT NOT NULL,
  title_en TEXT, publisher TEXT, publisher_en TEXT, date TEXT, kind TEXT NOT NULL DEFAULT 'seed'
  CHECK (kind IN ('seed','user')));
-- Normalised source text (DESIGN.md quote rule): quotes of new facts are checked against it.
CREATE TABLE source_texts (source_id TEXT PRIMARY KEY REFERENCES sources(id), text TEXT NOT NULL,
  sha256 TEXT NOT NULL);
CREATE TABLE metadata (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE province (name TEXT NOT NULL, adcode TEXT);
CREATE TABLE prefectures (adcode TEXT PRIMARY KEY, name TEXT NOT NULL, coverage TEXT NOT NULL
  CHECK (coverage IN ('full','partial','none')), coverage_note TEXT, town_count INTEGER NOT NULL DEFAULT 0);
CREATE TABLE counties (adcode TEXT PRIMARY KEY, name TEXT NOT NULL, prefecture_adcode TEXT NOT NULL,
  prefecture TEXT NOT NULL, kind TEXT NOT NULL, boundary_quality TEXT NOT NULL
  CHECK (boundary_quality IN ('exact','approximate')), boundary_note TEXT,
  source_units TEXT, label_x REAL, label_y REAL, repaired INTEGER NOT NULL DEFAULT 0);
CREATE TABLE neighbors (name TEXT NOT NULL);
CREATE TABLE sector_groups (sector_group TEXT PRIMARY KEY, label_en TEXT, description TEXT,
  description_en TEXT);
CREATE TABLE metrics (metric TEXT PRIMARY KEY, label_zh TEXT, label_en TEXT);
CREATE TABLE towns (id TEXT PRIMARY KEY, name TEXT NOT NULL, name_as_written TEXT NOT NULL,
  prefecture TEXT NOT NULL, county_adcode TEXT, county TEXT, sector TEXT, sector_group TEXT
  REFERENCES sector_groups(sector_group), level TEXT NOT NULL
  CHECK (level IN ('provincial','municipal','unknown')), level_detail TEXT,
  location_precision TEXT NOT NULL, source_id TEXT REFERENCES sources(id), quote TEXT,
  name_en TEXT, sector_en TEXT, level_detail_en TEXT, prefecture_adcode TEXT);
CREATE TABLE town_facts (id INTEGER PRIMARY KEY, town_id TEXT NOT NULL REFERENCES towns(id),
  metric TEXT NOT NULL REFERENCES metrics(metric), value REAL, value_text TEXT NOT NULL, unit TEXT,
  year INTEGER, source_id TEXT NOT NULL REFERENCES sources(id), quote TEXT NOT NULL, char_offset INTEGER NOT NULL,
  fact_id TEXT NOT NULL UNIQUE, label TEXT NOT NULL, label_en TEXT NOT NULL, value_text_en TEXT,
  scope TEXT NOT NULL
  CHECK (scope IN ('town','county','company','city','province')), company TEXT,
  CHECK ((scope = 'company') = (company IS NOT NULL)));
CREATE TABLE data_notes (id TEXT PRIMARY KEY, subject_table TEXT NOT NULL, subject_id TEXT,
  note TEXT NOT NULL, source_id TEXT, note_en TEXT, kind TEXT NOT NULL
  CHECK (kind IN ('conflict','doubt','garbled','placement','coverage','boundary','scope','method','source')),
  related_fact_id TEXT REFERENCES town_facts(fact_id));
CREATE TABLE provenance (id INTEGER PRIMARY KEY, subject_table TEXT NOT NULL, subject_id TEXT NOT NULL,
  field TEXT, source_id TEXT NOT NULL REFERENCES sources(id), quote TEXT NOT NULL, char_offset INTEGER NOT NULL);
CREATE TABLE doc_counts (id TEXT PRIMARY KEY, scope TEXT NOT NULL, level TEXT NOT NULL, count INTEGER NOT NULL,
  what TEXT, source_id TEXT NOT NULL REFERENCES sources(id), quote TEXT NOT NULL, what_en TEXT);
CREATE TABLE layout_elements (id TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('corridor','core','belt')),
  name TEXT NOT NULL, description TEXT, anchors TEXT, schematic INTEGER NOT NULL DEFAULT 1,
  name_en TEXT, description_en TEXT);
CREATE TABLE layout_axes (id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE parks (id TEXT PRIMARY KEY, name TEXT NOT NULL, industry TEXT, industry_group TEXT, layout_kind TEXT,
  county_adcode TEXT, county TEXT, location_precision TEXT, name_en TEXT, industry_en TEXT);
CREATE TABLE platforms (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT, county_adcode TEXT, county TEXT,
  location_precision TEXT, name_en TEXT, industry_en TEXT, kind_en TEXT);
CREATE TABLE projects (id TEXT PRIMARY KEY, name TEXT NOT NULL, industry TEXT, builder TEXT, content TEXT,
  investment REAL, investment_text TEXT, investment_unit TEXT, county_adcode TEXT, county TEXT,
  source_id TEXT NOT NULL REFERENCES sources(id), quote TEXT NOT NULL, name_en TEXT, industry_en TEXT,
  content_en TEXT);
CREATE INDEX town_facts_town ON town_facts(town_id);
CREATE INDEX provenance_subject ON provenance(subject_table, subject_id);
CREATE INDEX data_notes_subject ON data_notes(subject_table, subject_id);
CREATE INDEX towns_county ON towns(county_adcode);
CREATE INDEX data_notes_related ON data_notes(related_fact_id);
-- Facts schema v2: English names and texts of the tables the boundary stage
-- creates (kept apart so that stage's columns can change independently).
ALTER TABLE counties ADD COLUMN name_en TEXT;
ALTER TABLE counties ADD COLUMN boundary_note_en TEXT;
ALTER TABLE prefectures ADD COLUMN name_en TEXT;
ALTER TABLE prefectures ADD COLUMN coverage_note_en TEXT;
