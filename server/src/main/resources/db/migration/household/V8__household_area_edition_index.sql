-- An edition of the division codes loaded by mistake may be deleted while no household refers to it
-- (Registry.anyInEdition asks with this index), and deleting its area rows checks the household_area foreign key
-- row by row: without an index on the referring columns each check would scan the registry.
create index household_area_edition on household (area_edition_id, village_code);
