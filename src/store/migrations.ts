/**
 * The database schema as numbered migrations, applied in order by `migrate` (src/store/db.ts), each in
 * its own transaction, the database's `PRAGMA user_version` recording the last one applied. A
 * migration is never edited once released: a change is a new migration.
 * NOTE: kept as SQL strings in a module rather than .sql files so that they ship inside dist/.
 */

/** One migration: its number (user_version after it) and its SQL. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, in order. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'map',
    sql: `
-- Settings the data depends on (e.g. the priority weights the stored priorities were computed with).
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  path TEXT,                              -- where its file came from (audits match new files by it)
  service TEXT,                           -- owning service
  channel TEXT,                           -- courrier, courriel, espace en ligne, formulaire…
  yearly_volume INTEGER CHECK (yearly_volume IS NULL OR yearly_volume >= 0),
  declared_type TEXT,                     -- type set by a person; else the latest report's
  status TEXT NOT NULL DEFAULT 'identifie',
  latest_version_id INTEGER,
  -- Copied from the latest version (and recomputed with it) so that the map sorts and filters on indexes.
  doc_type TEXT,
  score REAL,
  grade TEXT,
  missing_count INTEGER NOT NULL DEFAULT 0,
  legal_risk REAL NOT NULL DEFAULT 0,
  reports_count INTEGER NOT NULL DEFAULT 0,
  priority REAL NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX documents_priority ON documents (priority DESC, id);
CREATE INDEX documents_score ON documents (score, id);
CREATE INDEX documents_status ON documents (status, priority DESC);
CREATE INDEX documents_service ON documents (service, priority DESC);
CREATE INDEX documents_type ON documents (doc_type, priority DESC);
CREATE INDEX documents_grade ON documents (grade, priority DESC);
CREATE INDEX documents_path ON documents (path);

CREATE TABLE versions (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  sha256 TEXT NOT NULL,                   -- of the file's bytes (or of the UTF-8 text)
  filename TEXT,
  format TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  text TEXT NOT NULL,                     -- the extracted text, as in the report
  report TEXT NOT NULL,                   -- the Report (JSON)
  score REAL NOT NULL,
  grade TEXT NOT NULL,
  doc_type TEXT NOT NULL,
  signature BLOB,                         -- MinHash of the text (near-duplicates)
  author TEXT,
  comment TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (document_id, number),
  UNIQUE (document_id, sha256)
);
CREATE INDEX versions_sha ON versions (sha256);

-- Required mentions missing or partial in each document's latest version (the map's "missing" filter).
CREATE TABLE document_mentions (
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  mention TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('missing', 'partial')),
  PRIMARY KEY (document_id, mention)
) WITHOUT ROWID;
CREATE INDEX document_mentions_mention ON document_mentions (mention, document_id);

CREATE TABLE status_history (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  from_status TEXT,
  to_status TEXT NOT NULL,
  author TEXT,
  comment TEXT,
  at TEXT NOT NULL
);
CREATE INDEX status_history_document ON status_history (document_id, id);

-- Reports from readers and agents ("incompréhensible"…), each with a count.
CREATE TABLE user_reports (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  count INTEGER NOT NULL CHECK (count > 0),
  comment TEXT,
  author TEXT,
  at TEXT NOT NULL
);
CREATE INDEX user_reports_document ON user_reports (document_id);

CREATE TABLE audits (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'interrupted')),
  profile TEXT NOT NULL,
  save INTEGER NOT NULL,
  total INTEGER NOT NULL,
  author TEXT,
  created_at TEXT NOT NULL,
  finished_at TEXT
);

CREATE TABLE audit_files (
  audit_id TEXT NOT NULL REFERENCES audits (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  path TEXT NOT NULL,
  sha256 TEXT,
  bytes INTEGER,
  state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'error')),
  error_code TEXT,
  error_message TEXT,
  document_id INTEGER REFERENCES documents (id) ON DELETE SET NULL,
  version_number INTEGER,
  result TEXT,                            -- the audit row (JSON): score, grade, type, missing mentions…
  PRIMARY KEY (audit_id, seq)
) WITHOUT ROWID;
`,
  },
  {
    version: 2,
    name: 'audit-files-data',
    sql: `
-- The bytes of an uploaded file wait here until it is analysed (then they are dropped), so that an
-- audit interrupted by a stop of the server resumes at its next start.
ALTER TABLE audit_files ADD COLUMN data BLOB;
`,
  },
  {
    version: 3,
    name: 'map-sort-indexes',
    sql: `
-- The map sorted by title, and by score within a filter (measured over 100,000 documents).
CREATE INDEX documents_title ON documents (title COLLATE NOCASE, id);
CREATE INDEX documents_status_score ON documents (status, score);
CREATE INDEX documents_type_score ON documents (doc_type, score);
CREATE INDEX documents_service_score ON documents (service, score);
`,
  },
  {
    version: 4,
    name: 'accounts',
    sql: `
-- People who sign in (web pages) or whose programs call the API with a token. No default account:
-- the first admin comes from \`clarte users add --admin\` or from ADMIN_LOGIN/ADMIN_PASSWORD.
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'comms', 'expert', 'agent')),
  service TEXT,                           -- scopes what an agent sees
  password_hash TEXT,                     -- scrypt (src/auth/passwords.ts); NULL: tokens only
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- API tokens: shown once, stored as the SHA-256 of 32 random bytes (no need for a slow hash).
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  hash BLOB NOT NULL UNIQUE,
  prefix TEXT NOT NULL,                   -- the first characters, to recognise a token in a list
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Web sessions: the cookie's SHA-256, its CSRF token and its expiry.
CREATE TABLE sessions (
  hash BLOB PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Who changed what: statuses, metadata, deletions, accounts (never a document's text).
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user_id INTEGER,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  details TEXT
);
CREATE INDEX audit_log_target ON audit_log (target, id);
`,
  },
  {
    version: 5,
    name: 'volunteer tests and expert reviews',
    sql: `
-- Volunteers: a pseudonym and one contact, given with consent; an optional profile to balance panels.
-- Erasing one keeps the row (invitation counts) without any personal data.
CREATE TABLE volunteers (
  id INTEGER PRIMARY KEY,
  pseudonym TEXT,                         -- NULL once erased
  contact TEXT,                           -- e-mail or phone; NULL once erased
  age_band TEXT,
  digital_ease TEXT,
  languages TEXT,
  consent_version TEXT NOT NULL,          -- the consent text they agreed to
  consent_at TEXT NOT NULL,
  manage_hash BLOB UNIQUE,                -- SHA-256 of their own link (see, unsubscribe, erase)
  unsubscribed_at TEXT,
  erased_at TEXT,
  created_at TEXT NOT NULL,
  last_active_at TEXT NOT NULL            -- registration, invitation or answer: retention counts from it
);

-- A test of one version of a document, optionally against another version (A/B).
CREATE TABLE campaigns (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  version_number INTEGER NOT NULL,
  compare_version INTEGER,
  title TEXT NOT NULL,
  panel_size INTEGER NOT NULL CHECK (panel_size > 0),
  deadline TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  author TEXT,
  created_at TEXT NOT NULL,
  closed_at TEXT
);
CREATE INDEX campaigns_document ON campaigns (document_id, version_number);

CREATE TABLE campaign_questions (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  prompt TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('choice', 'text')),
  options TEXT,                           -- JSON array (choice)
  accepted TEXT NOT NULL,                 -- JSON: indexes (choice) or accepted answers (text)
  multiple INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX campaign_questions_campaign ON campaign_questions (campaign_id, position);

-- Single-use invitation links (their SHA-256). The answer does not point back to the invitation.
CREATE TABLE invitations (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  volunteer_id INTEGER REFERENCES volunteers (id) ON DELETE SET NULL,
  hash BLOB NOT NULL UNIQUE,
  new_first INTEGER NOT NULL DEFAULT 1,   -- A/B order shown to this volunteer
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX invitations_volunteer ON invitations (volunteer_id, created_at);
CREATE INDEX invitations_campaign ON invitations (campaign_id);

-- Anonymous answers: no volunteer, no contact, no invitation.
CREATE TABLE responses (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  rating INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 10),
  preference TEXT CHECK (preference IN ('new', 'old', 'same')),
  comment TEXT,
  answered_at TEXT NOT NULL
);
CREATE INDEX responses_campaign ON responses (campaign_id);

CREATE TABLE response_answers (
  response_id INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
  question_id INTEGER NOT NULL REFERENCES campaign_questions (id) ON DELETE CASCADE,
  answer TEXT NOT NULL,                   -- JSON: { choice: [..] } or { text }
  correct INTEGER NOT NULL,
  PRIMARY KEY (response_id, question_id)
) WITHOUT ROWID;

-- Experts' decisions on a version: the history is kept, the latest decision counts.
CREATE TABLE reviews (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  version_number INTEGER NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
  comment TEXT,
  author TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX reviews_document ON reviews (document_id, version_number, id);
`,
  },
];
