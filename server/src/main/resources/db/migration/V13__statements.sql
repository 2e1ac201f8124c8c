-- Chorus schema, version 13: the install's own privacy and accessibility statements, written by an
-- admin in Markdown. A kind with no row shows Chorus's default words.
create table statement (
  kind        varchar(20)    primary key,
  markdown    varchar(20000) not null,
  updated_at  timestamp with time zone not null,
  updated_by  varchar(200)   not null
);
