-- A press a person made that the server could not match (a prompt or version it does not know,
-- after a restore from an older backup; an option that version lacks; a time far off; a frame an
-- agent of another release wrote). Never refused: kept here with the reason, acked like any other,
-- left out of every count, and listed for staff, who place it on a prompt version (it then becomes
-- a numbered row of feedback) or leave it aside. The id is the kiosk's, as for feedback.
create table unmatched_feedback (
  id               varchar(36)   primary key,
  kiosk_id         varchar(36)   not null references kiosk (id),
  site_id          varchar(36)   not null references site (id),
  reason_code      varchar(64)   not null,
  reason           varchar(1000) not null,
  frame            varchar(16384) not null,
  prompt_id        varchar(64),
  prompt_version   integer,
  option_key       varchar(64),
  has_follow_up    boolean       not null default false,
  pressed_at       timestamp with time zone,
  received_at      timestamp with time zone not null,
  status           varchar(16)   not null check (status in ('open', 'assigned', 'set-aside')),
  resolved_at      timestamp with time zone,
  resolved_by      varchar(100),
  resolution_note  varchar(500)
);
create index unmatched_feedback_site_status on unmatched_feedback (site_id, status, received_at);

-- Presses the kiosk agent itself had to set aside (its rejected.jsonl), from hello and heartbeats.
alter table kiosk add column rejected_count integer;
