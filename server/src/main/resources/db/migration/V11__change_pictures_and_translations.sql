-- Chorus schema, version 11: a change may have a picture (uploaded by staff, checked and written
-- again without its metadata) and its words in more languages, shown when a visitor picks one.
-- The picture's number goes up with every upload, so kiosks and walls fetch the new one.
alter table action_post add column picture_version integer;
-- By language tag: {"cy":{"youSaid","weDid","easyRead","stageNote"}}, as JSON.
alter table action_post add column translations varchar(20000);

create table action_picture (
  action_id     varchar(36)   primary key references action_post (id),
  content_type  varchar(32)   not null,
  bytes         bytea         not null,
  width         integer       not null,
  height        integer       not null,
  uploaded_at   timestamp with time zone not null,
  uploaded_by   varchar(64)   not null
);
