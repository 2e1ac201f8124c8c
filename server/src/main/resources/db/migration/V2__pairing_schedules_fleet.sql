-- Chorus schema, version 2: pairing codes, fleet status, scheduled live assignments.
-- Portable SQL, as V1.

-- A kiosk is paired by a short code (stored hashed, single use, valid 15 minutes).
alter table kiosk add column pairing_code_hash varchar(64);
alter table kiosk add column pairing_expires_at timestamp with time zone;
alter table kiosk add column paired_at timestamp with time zone;
create unique index kiosk_pairing_code on kiosk (pairing_code_hash);

-- Fleet status: what the kiosk says it shows, when it (dis)connected, since when it is missed.
alter table kiosk add column prompt_id varchar(36);
alter table kiosk add column connected_at timestamp with time zone;
alter table kiosk add column disconnected_at timestamp with time zone;
alter table kiosk add column offline_since timestamp with time zone;

-- An assignment may be limited to a period (from/until) and to daily windows on some weekdays,
-- read in the site's timezone: days like 'mon,tue,wed,thu,fri', times as 'HH:MM'.
alter table live_assignment add column starts_at timestamp with time zone;
alter table live_assignment add column ends_at timestamp with time zone;
alter table live_assignment add column days varchar(27);
alter table live_assignment add column daily_from varchar(5);
alter table live_assignment add column daily_until varchar(5);

-- A prompt that was ever live may have presses still queued on a kiosk: it is archived, never deleted.
alter table prompt add column ever_live boolean default false not null;
update prompt set ever_live = true
  where id in (select prompt_id from live_assignment) or id in (select prompt_id from feedback);
