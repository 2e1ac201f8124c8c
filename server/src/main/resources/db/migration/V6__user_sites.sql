-- Users limited to some sites: a facilitator or staff member with rows here sees and changes
-- only those sites' kiosks, assignments, feedback, comments, alerts, actions and wall keys.
-- No rows means every site (as before); an admin always covers every site.
create table app_user_site (
  username  varchar(64) not null references app_user (username) on delete cascade,
  site_id   varchar(36) not null references site (id),
  primary key (username, site_id)
);
create index app_user_site_site on app_user_site (site_id);
