-- Chorus schema, version 14: retention, enforced. How long comments keep their words (by status),
-- how long presses are kept one by one before they are rolled up into counts per day, and how long
-- the audit trail and closed alerts' timelines are kept. One row; a daily job applies it, on one
-- instance a day (last_run_day is claimed with a conditional update).
create table retention_setting (
  id                     integer      primary key check (id = 1),
  approved_comment_days  integer      not null,
  pending_comment_days   integer      not null,
  hidden_comment_days    integer      not null,
  press_detail_days      integer      not null,
  audit_days             integer      not null,
  alert_days             integer      not null,
  updated_at             timestamp with time zone,
  updated_by             varchar(200),
  last_run_day           date,
  last_run_at            timestamp with time zone,
  last_run_summary       varchar(500)
);
insert into retention_setting (id, approved_comment_days, pending_comment_days, hidden_comment_days,
  press_detail_days, audit_days, alert_days) values (1, 730, 365, 90, 730, 2190, 2190);

-- Presses past their time at full detail, counted per site, prompt version, option and day (in the
-- site's timezone). The id is those five, joined by '|'.
create table feedback_day (
  id              varchar(200) primary key,
  site_id         varchar(36)  not null references site (id),
  prompt_id       varchar(36)  not null,
  prompt_version  integer      not null,
  option_key      varchar(32)  not null,
  on_day          date         not null,
  presses         integer      not null,
  supported       integer      not null,
  repeats         integer      not null,
  foreign key (prompt_id, prompt_version) references prompt_version (prompt_id, version)
);
create index feedback_day_on_day on feedback_day (on_day, site_id);

-- The ids of rolled-up presses, and nothing else: a kiosk that resends one years later is told it
-- is stored, and it is never counted twice.
create table feedback_rolled (
  id   varchar(36) primary key,
  on_day  date     not null
);
