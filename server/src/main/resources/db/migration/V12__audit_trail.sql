-- Chorus schema, version 12: the audit trail. One row for every change made by a person or a
-- token (and every export, and what Chorus does by itself): who, when, from where, which
-- operation, on which thing, and a short summary. Never a password, a token or a comment's words.
create table audit_entry (
  id          varchar(36)   primary key,
  happened_at timestamp with time zone not null,
  actor       varchar(200)  not null,
  address     varchar(64),
  action      varchar(100)  not null,
  target_id   varchar(64),
  summary     varchar(500)
);
create index audit_entry_at on audit_entry (happened_at);
create index audit_entry_target on audit_entry (target_id);
