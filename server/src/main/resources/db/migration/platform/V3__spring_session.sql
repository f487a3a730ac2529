-- The web sessions (Spring Session JDBC, spring.session.jdbc.table-name = platform.spring_session): kept in the
-- database instead of one server's memory, so two servers behind one proxy share them (no sticky sessions) and a
-- restart signs nobody out. Spring Session's own PostgreSQL schema, in lower case. Expired rows are deleted every
-- minute by each server (spring.session.jdbc.cleanup-cron). Attributes are Java-serialized; nothing personal is put
-- in them in plain text (household.SearchTokens keeps an id number sealed).
create table spring_session (
    primary_id            char(36) not null,
    session_id            char(36) not null,
    creation_time         bigint not null,
    last_access_time      bigint not null,
    max_inactive_interval int not null,
    expiry_time           bigint not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36) not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);
