-- The department a department data officer works for (feeds.md's departments): an officer uploads only the files of
-- that department (cn.shouwang.server.access.Department; screening maps each file kind to its department). Null for
-- every other role, and for officers of earlier releases until an administrator sets it (they may upload nothing).
alter table account add column department text
    check (department in ('MEDICAL_INSURANCE', 'HEALTH', 'HOUSING', 'EDUCATION', 'DISABILITY', 'PUBLIC_SECURITY',
                          'EMERGENCY', 'HUMAN_RESOURCES', 'WATER', 'AGRICULTURE', 'CIVIL_AFFAIRS'));
