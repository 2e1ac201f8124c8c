-- Chorus schema, version 10: visitors help choose what is asked next.
-- "What should we ask about next?": staff enter 2-4 candidate questions, each with a symbol; the
-- kiosks of its sites ask visitors to choose, through a prompt whose options are the candidates;
-- the facilitator puts the winner live as a prompt of its own, marked as chosen by vote.
create table vote (
  id                varchar(36)  primary key,
  prompt_id         varchar(36)  not null references prompt (id),
  created_at        timestamp with time zone not null,
  created_by        varchar(64)  not null,
  winner_key        varchar(32),
  winner_prompt_id  varchar(36)  references prompt (id),
  decided_at        timestamp with time zone
);

create table vote_candidate (
  vote_id     varchar(36)  not null references vote (id),
  position    integer      not null,
  option_key  varchar(32)  not null,
  question    varchar(200) not null,
  primary key (vote_id, position)
);

create table vote_site (
  vote_id  varchar(36) not null references vote (id),
  site_id  varchar(36) not null references site (id),
  primary key (vote_id, site_id)
);
