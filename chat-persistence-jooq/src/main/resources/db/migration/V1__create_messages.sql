-- Every message ever accepted. Ids come from the identity and increase in commit order (the writer serialises
-- commits); created_at is set by the server in UTC with microsecond precision.
create table messages (
    id         bigint generated always as identity primary key,
    sequence   bigint                      not null,
    text       varchar                     not null,
    created_at timestamp(6) with time zone not null
);

-- Serves GET /api/messages?from=&to=: the range scan and its (created_at, id) order, with no sort step.
create index messages_created_at_id_idx on messages (created_at, id);
