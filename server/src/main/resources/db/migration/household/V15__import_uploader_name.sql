-- Who uploaded an import, by the name a user reads (the account's display name when uploaded): pages showed the
-- login name ("county 于 … 上传").
alter table registry_import add column uploaded_by_name text;
