-- Chorus schema, version 9: "you said, we did" becomes a change people can follow. A change has
-- a stage (heard, working, done, not-possible) and a dated step for every move, may name the
-- approved comments and the period of answers that raised it, and the prompt that asked whether
-- it helped. Posts made before are changes that
-- are done, with one step at the time they were posted.
alter table action_post add column stage varchar(16) default 'done' not null;
alter table action_post add column stage_note varchar(1000);
-- The change in easy-read words, spoken and shown on kiosks in place of the two lines.
alter table action_post add column easy_read varchar(1000);
alter table action_post add column said_from date;
alter table action_post add column said_to date;
-- "Did it help?": the short prompt put live at its sites once it was done.
alter table action_post add column help_prompt_id varchar(36) references prompt (id);

create table action_step (
  id           varchar(36)   primary key,
  action_id    varchar(36)   not null references action_post (id),
  stage        varchar(16)   not null,
  note         varchar(1000),
  happened_at  timestamp with time zone not null,
  actor        varchar(64)   not null
);
create index action_step_action on action_step (action_id, happened_at);

insert into action_step (id, action_id, stage, note, happened_at, actor)
  select id, id, 'done', null, created_at, created_by from action_post;

create table action_comment (
  action_id    varchar(36)   not null references action_post (id),
  feedback_id  varchar(36)   not null references feedback (id),
  primary key (action_id, feedback_id)
);

-- Staff mark an approved comment as a concern when they approve it: the follow-through measure
-- counts how many concerns have a change planned or made.
alter table feedback add column comment_concern boolean default false not null;
