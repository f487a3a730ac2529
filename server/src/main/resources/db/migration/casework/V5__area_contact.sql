-- 办公电话: the office phone of a village committee or a township government, kept by administrators and printed on
-- the public notice as where to object. Office phones, not personal data: stored and shown in the clear.
create table area_contact (
    area_code    char(12) primary key,
    office_phone text not null,
    version      int not null default 0
);
