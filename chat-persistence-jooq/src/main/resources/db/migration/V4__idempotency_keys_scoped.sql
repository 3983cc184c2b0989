-- With tokens on, an idempotency key is stored with its subject's scope in front (IdempotencyKey.stored():
-- 22 characters of a digest, a space, the client's key of up to 128): room for the longest.
alter table idempotency_keys alter column idempotency_key set data type varchar(151);
