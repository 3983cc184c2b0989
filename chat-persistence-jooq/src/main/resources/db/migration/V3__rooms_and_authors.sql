-- Rooms and authors. Every message belongs to a room; the rows stored before rooms existed go to the default room,
-- the Flyway placeholder default_room (DatabaseMigrations sets it from chat.rooms.default). The placeholder stays
-- inside a string literal so that jOOQ's code generation parses this script as it is.
alter table messages add column room varchar(64) not null default '${default_room}';
-- The writer always names the room: a default left here would hide a bug.
alter table messages alter column room drop default;
-- The display name of the writer, or null when none was given.
alter table messages add column author varchar;

-- Every read is per room now; these serve, without a sort step:
-- the room's time range (GET /api/rooms/{room}/messages?from=&to=), ordered by (created_at, id);
create index messages_room_created_at_id_idx on messages (room, created_at, id);
-- the room's id cursor (before, after, newest) and catch-up over a set of rooms (one index range per room, merged).
create index messages_room_id_idx on messages (room, id);
-- Catch-up over every room uses the primary key; nothing reads by time across rooms any more.
drop index messages_created_at_id_idx;

-- One row per room that has messages, kept by the writer in the transaction that stores them, so that listing
-- rooms never counts messages. last_id and last_at are those of the room's newest message.
create table rooms (
    room     varchar(64)                 not null primary key,
    messages bigint                      not null,
    last_id  bigint                      not null,
    last_at  timestamp(6) with time zone not null
);

-- Serves GET /api/rooms, most recently active first.
create index rooms_last_id_idx on rooms (last_id desc);

insert into rooms (room, messages, last_id, last_at)
select newest.room, counted.messages, newest.id, newest.created_at
from (select room, count(*) as messages, max(id) as last_id from messages group by room) counted
join messages newest on newest.id = counted.last_id;
