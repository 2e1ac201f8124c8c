-- Chorus schema, version 3: wall sequence numbers, comment moderation, alerts, wall keys and
-- "you said, we did". Portable SQL, as V1.

-- Named counters. 'feedback' numbers stored presses in commit order: the row is updated inside
-- the storing transaction, so a press cannot commit with a number below one already committed,
-- and a rolled-back press gives its number back. Walls catch up by this number, without gaps.
create table counter (
  name   varchar(32) primary key,
  seq_value  bigint      not null
);

alter table feedback add column seq bigint;
update feedback set seq = (
  select count(*) from feedback f2
  where f2.received_at < feedback.received_at or (f2.received_at = feedback.received_at and f2.id <= feedback.id));
insert into counter (name, seq_value) select 'feedback', coalesce(max(seq), 0) from feedback;
alter table feedback alter column seq set not null;
create unique index feedback_seq on feedback (seq);

-- Comments are private until staff approve them; flags say why one needs a careful look.
alter table feedback add column comment_status varchar(10);
alter table feedback add column flags varchar(100);
update feedback set comment_status = 'pending' where follow_up_kind = 'comment';
create index feedback_comment_status on feedback (comment_status, received_at);

create table moderation_log (
  id           varchar(36)  primary key,
  feedback_id  varchar(36)  not null references feedback (id),
  action       varchar(10)  not null check (action in ('approve', 'hide')),
  reason       varchar(500),
  actor        varchar(64)  not null,
  acted_at     timestamp with time zone not null
);
create index moderation_log_acted_at on moderation_log (acted_at);

-- Who is told at once when a comment may be a safeguarding concern.
alter table site add column duty_contact varchar(200);

create table alert (
  id               varchar(36)  primary key,
  kind             varchar(20)  not null,
  site_id          varchar(36)  not null references site (id),
  feedback_id      varchar(36)  references feedback (id),
  duty_contact     varchar(200),
  message          varchar(500) not null,
  created_at       timestamp with time zone not null,
  acknowledged_at  timestamp with time zone,
  acknowledged_by  varchar(64)
);
create index alert_open on alert (acknowledged_at, created_at);

-- Read-only keys for wall screens, one site each; only a hash is stored.
create table wall_key (
  id          varchar(36)  primary key,
  site_id     varchar(36)  not null references site (id),
  label       varchar(120) not null,
  key_hash    varchar(64)  not null unique,
  created_at  timestamp with time zone not null,
  revoked_at  timestamp with time zone
);

-- "You said, we did": an outcome, optionally about a prompt, shown on walls and pushed to the
-- kiosks of its sites (every site when it names none).
create table action_post (
  id            varchar(36)   primary key,
  you_said      varchar(1000),
  we_did        varchar(1000) not null,
  prompt_id     varchar(36)   references prompt (id),
  created_at    timestamp with time zone not null,
  created_by    varchar(64)   not null,
  withdrawn_at  timestamp with time zone
);

create table action_site (
  action_id  varchar(36) not null references action_post (id),
  site_id    varchar(36) not null references site (id),
  primary key (action_id, site_id)
);
