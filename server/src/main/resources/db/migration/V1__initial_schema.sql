-- Chorus schema, version 1. Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.
-- Ids are text UUIDs made by the application (feedback ids by the kiosk), so no identity columns.

create table site (
  id          varchar(36)  primary key,
  name        varchar(120) not null,
  kind        varchar(20)  not null check (kind in ('library', 'day_centre', 'other')),
  timezone    varchar(64)  not null,
  created_at  timestamp with time zone not null
);

create table prompt (
  id               varchar(36)  primary key,
  name             varchar(140) not null,
  current_version  integer      not null,
  archived         boolean      not null default false,
  created_at       timestamp with time zone not null
);

-- Every edit of a prompt is a new, immutable version; feedback points at the version shown.
create table prompt_version (
  prompt_id   varchar(36)    not null references prompt (id),
  version     integer        not null,
  definition  varchar(16000) not null,
  created_at  timestamp with time zone not null,
  primary key (prompt_id, version)
);

create table live_assignment (
  id           varchar(36) primary key,
  prompt_id    varchar(36) not null references prompt (id),
  target_kind  varchar(10) not null check (target_kind in ('kiosk', 'site', 'all')),
  target_id    varchar(36),
  created_at   timestamp with time zone not null,
  check ((target_kind = 'all') = (target_id is null))
);

create table kiosk (
  id              varchar(36)  primary key,
  site_id         varchar(36)  not null references site (id),
  name            varchar(120) not null,
  token_hash      varchar(64)  unique,
  created_at      timestamp with time zone not null,
  revoked_at      timestamp with time zone,
  last_seen_at    timestamp with time zone,
  agent           varchar(100),
  outbox_depth    integer,
  prompt_version  integer
);

-- One row per press. The primary key is the id the kiosk made: a resend can never be stored twice.
create table feedback (
  id              varchar(36)  primary key,
  kiosk_id        varchar(36)  not null references kiosk (id),
  site_id         varchar(36)  not null references site (id),
  prompt_id       varchar(36)  not null,
  prompt_version  integer      not null,
  option_key      varchar(32)  not null,
  follow_up       varchar(1000),
  follow_up_kind  varchar(10),
  pressed_at      timestamp with time zone not null,
  received_at     timestamp with time zone not null,
  foreign key (prompt_id, prompt_version) references prompt_version (prompt_id, version)
);

create index feedback_pressed_at on feedback (pressed_at);
create index feedback_kiosk_pressed_at on feedback (kiosk_id, pressed_at);
create index feedback_site_pressed_at on feedback (site_id, pressed_at);

create table app_user (
  username       varchar(64)  primary key,
  password_hash  varchar(400) not null,
  roles          varchar(200) not null,
  created_at     timestamp with time zone not null
);
