-- Chorus schema, version 8: alerts reach people. A site's duty rota (who is told, in order, and
-- the hours each covers), webhooks, a timeline per alert, and an outbox of notifications written
-- in the same transaction as what they tell of and sent by a worker that retries.

-- An alert is followed up: acknowledged (V3), escalated when nobody does, closed with a note.
alter table alert add column escalation_level integer not null default 0;
alter table alert add column escalated_at timestamp with time zone;
alter table alert add column closed_at timestamp with time zone;
alter table alert add column closed_by varchar(64);
alter table alert add column close_note varchar(2000);

-- What happened to an alert, in order: raised, sent to whom, failed, escalated, acknowledged.
create table alert_event (
  id        varchar(36)   primary key,
  alert_id  varchar(36)   not null references alert (id),
  happened_at timestamp with time zone not null,
  what      varchar(32)   not null,
  detail    varchar(1000) not null
);
create index alert_event_alert on alert_event (alert_id, happened_at);

-- Who is told of a site's alerts, in order (the first on duty first, escalation to the next).
-- days: seven characters, Monday first, 'Y' for a day covered; from/to: minutes of the site's day.
create table duty_rota_entry (
  id           varchar(36)  primary key,
  site_id      varchar(36)  not null references site (id),
  ordinal      integer      not null,
  address      varchar(200) not null,
  days         varchar(7)   not null,
  from_minute  integer      not null,
  to_minute    integer      not null
);
create index duty_rota_entry_site on duty_rota_entry (site_id, ordinal);

-- Webhooks told of every alert of one site, or of every site when site_id is null.
create table webhook (
  id          varchar(36)  primary key,
  name        varchar(100) not null,
  url         varchar(1000) not null,
  body_format varchar(16)  not null check (body_format in ('plain', 'slack', 'teams')),
  secret      varchar(100) not null,
  site_id     varchar(36)  references site (id),
  created_at  timestamp with time zone not null,
  removed_at  timestamp with time zone
);

-- The outbox: one row per message to one recipient, sent once by whichever instance leases it
-- (alert_id null: a summary e-mail).
create table notification (
  id               varchar(36)   primary key,
  alert_id         varchar(36)   references alert (id),
  channel          varchar(16)   not null check (channel in ('email', 'webhook')),
  target           varchar(1000) not null,
  subject          varchar(200)  not null,
  body             varchar(4000) not null,
  link             varchar(1000) not null,
  status           varchar(16)   not null check (status in ('pending', 'sent', 'failed')),
  attempts         integer       not null default 0,
  next_attempt_at  timestamp with time zone not null,
  lease_owner      varchar(64),
  lease_until      timestamp with time zone,
  last_error       varchar(500),
  created_at       timestamp with time zone not null,
  sent_at          timestamp with time zone
);
create index notification_due on notification (status, next_attempt_at);

-- Alerts about a kiosk (offline during opening hours), and a key that lets only one instance raise
-- the same alert (one per outage of a kiosk, one per bad run of a site).
alter table alert add column kiosk_id varchar(36) references kiosk (id);
alter table alert add column dedupe_key varchar(200);
create unique index alert_dedupe on alert (dedupe_key);

-- Per site: the hours it is open (a kiosk offline then is worth telling someone about) and what
-- counts as a bad run of unhappy presses. opening_hours: lines "days from to" separated by ';',
-- days as in duty_rota_entry, minutes of the site's day: "YYYYY-- 540 1020".
create table site_alert_settings (
  site_id            varchar(36)  primary key references site (id),
  opening_hours      varchar(1000) not null,
  bad_run_presses    integer      not null,
  bad_run_minutes    integer      not null,
  cool_down_minutes  integer      not null
);

-- A person's own subscription: kinds of alert (comma-separated) for the sites they cover (all of
-- them, or those listed), and a weekly or monthly summary e-mail.
create table alert_subscription (
  username         varchar(64)   primary key references app_user (username),
  email            varchar(200)  not null,
  kinds            varchar(200)  not null,
  site_ids         varchar(4000) not null,
  summary          varchar(16)   not null check (summary in ('none', 'weekly', 'monthly')),
  last_summary_at  timestamp with time zone
);
