-- Spring Modulith's event publication registry (spring-modulith-events-jdbc 2.1, schema v2 for PostgreSQL), made by
-- Flyway instead of Modulith's own schema initialization: one row per event and transactional listener, written in
-- the publishing transaction, completed when the listener has finished. A row without completion_date is a listener
-- that failed or had not run when the server stopped; it is published again at the next start
-- (spring.modulith.events.republish-outstanding-events-on-restart). See docs/architecture.md, Events.
create table event_publication (
    id                     uuid not null primary key,
    listener_id            text not null,
    event_type             text not null,
    serialized_event       text not null,
    publication_date       timestamptz not null,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamptz
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
