-- How far into the file an import has read, so its progress shows as a percentage even when nobody previewed
-- it (the number of lines is known only at the end; the file's size is known from the start).
alter table imports add column bytes_done bigint not null default 0;
