-- Idempotency-Key of POST /api/messages: a retried request answers the message first stored under its key.
-- Rows older than the configured retention are deleted by the writer.
create table idempotency_keys (
    idempotency_key varchar(128)                not null primary key,
    message_id      bigint                      not null references messages (id),
    created_at      timestamp(6) with time zone not null
);

create index idempotency_keys_created_at_idx on idempotency_keys (created_at);
