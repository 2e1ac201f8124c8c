-- Personal API tokens for scripts and integrations: created and revoked by their owner; only
-- the SHA-256 of the token is kept.
create table api_token (
  id          varchar(36)  primary key,
  username    varchar(64)  not null references app_user (username),
  label       varchar(120) not null,
  key_hash    varchar(64)  not null unique,
  created_at  timestamp with time zone not null,
  revoked_at  timestamp with time zone
);
create index api_token_username on api_token (username);
