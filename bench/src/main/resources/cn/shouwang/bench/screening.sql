-- The sixteen rules of feeds.md as SQL, for the bench only: DuckDB runs them over the same files as the Java
-- engine so that both speed and results can be compared side by side. Written for the generator's clean output
-- (--clean: UTF-8, English headers, every row valid), because the dirt handling (GB18030, id check characters,
-- three date forms) is the Java engine's job. Placeholders: ${registry}, ${feeds}, ${period}, ${year},
-- ${year_start}, ${start}, ${end}, ${month}, ${prev_month}.
-- Id numbers are joined as BIGINT (their first 17 digits; the 18th, the check character, follows from them, and the
-- generator's clean files hold valid numbers only): DuckDB hashes and compares them faster than 18-character text.
-- The text of a warning's id number comes from members.csv.
-- Line numbers: tables are created in file order, so line = rowid + 2 (the header is line 1).
-- Run by DuckRun in a process of its own; ${threads} and ${memory} come from the bench's options.

SET threads = ${threads};
SET memory_limit = '${memory}';
SET preserve_insertion_order = true;

CREATE TABLE households AS SELECT * FROM read_csv('${registry}/households.csv', header = true,
  columns = {'household_id': 'VARCHAR', 'area_code': 'VARCHAR', 'head_id_number': 'VARCHAR', 'formerly_poor': 'VARCHAR'});
CREATE TABLE members AS SELECT household_id, id_number, relation, labour_capacity, status FROM read_csv('${registry}/members.csv', header = true,
  columns = {'household_id': 'VARCHAR', 'id_number': 'VARCHAR', 'name': 'VARCHAR', 'relation': 'VARCHAR',
             'labour_capacity': 'VARCHAR', 'status': 'VARCHAR'});
CREATE TABLE incomes AS SELECT * FROM read_csv('${registry}/incomes.csv', header = true,
  columns = {'household_id': 'VARCHAR', 'year': 'INTEGER', 'wages': 'DECIMAL(18,2)', 'business': 'DECIMAL(18,2)',
             'property': 'DECIMAL(18,2)', 'transfers': 'DECIMAL(18,2)', 'production_costs': 'DECIMAL(18,2)',
             'eligible_out_of_pocket': 'DECIMAL(18,2)'});
CREATE TABLE monitored AS SELECT * FROM read_csv('${registry}/monitored.csv', header = true,
  columns = {'household_id': 'VARCHAR', 'category': 'VARCHAR', 'risk_types': 'VARCHAR', 'identified_month': 'VARCHAR', 'status': 'VARCHAR'});

CREATE TABLE medical_claims AS SELECT * REPLACE (CAST(left(id_number, 17) AS BIGINT) AS id_number) FROM read_csv('${feeds}/medical_claims.csv', header = true,
  columns = {'id_number': 'VARCHAR', 'settled_on': 'DATE', 'total_cost': 'DECIMAL(18,2)', 'insurance_paid': 'DECIMAL(18,2)', 'out_of_pocket': 'DECIMAL(18,2)'});
CREATE TABLE major_diagnoses AS SELECT * REPLACE (CAST(left(id_number, 17) AS BIGINT) AS id_number) FROM read_csv('${feeds}/major_diagnoses.csv', header = true,
  columns = {'id_number': 'VARCHAR', 'diagnosed_on': 'DATE', 'disease': 'VARCHAR'});
CREATE TABLE insurance_enrollment AS SELECT * REPLACE (CAST(left(id_number, 17) AS BIGINT) AS id_number) FROM read_csv('${feeds}/insurance_enrollment.csv', header = true,
  columns = {'id_number': 'VARCHAR', 'year': 'INTEGER'});
CREATE TABLE housing_appraisals AS SELECT * REPLACE (CAST(left(id_number, 17) AS BIGINT) AS id_number) FROM read_csv('${feeds}/housing_appraisals.csv', header = true,
  columns = {'id_number': 'VARCHAR', 'appraised_on': 'DATE', 'grade': 'VARCHAR'});
CREATE TABLE school_enrollment AS SELECT * REPLACE (CAST(left(id_number, 17) AS BIGINT) AS id_number) FROM read_csv('${feeds}/school_enrollment.csv', header = true,
  columns = {'id_number': 'VARCHAR', 'stage': 'VARCHAR', 'status': 'VARCHAR', 'reported_on': 'DATE'});
CREATE TABLE school_costs AS SELECT * REPLACE (CAST(left(id_number, 17) AS BIGINT) AS id_number) FROM read_csv('${feeds}/school_costs.csv', header = true,
  columns = {'id_number': 'VARCHAR', 'school_year': 'INTEGER', 'stage': 'VARCHAR', 'out_of_pocket': 'DECIMAL(18,2)'});
CREATE TABLE disability_certificates AS SELECT * REPLACE (CAST(left(id_number, 17) AS BIGINT) AS id_number) FROM read_csv('${feeds}/disability_certificates.csv', header = true,
  columns = {'id_number': 'VARCHAR', 'grade': 'VARCHAR', 'kind': 'VARCHAR', 'issued_on': 'DATE'});
CREATE TABLE civil_registry_events AS SELECT * REPLACE (CAST(left(id_number, 17) AS BIGINT) AS id_number) FROM read_csv('${feeds}/civil_registry_events.csv', header = true,
  columns = {'id_number': 'VARCHAR', 'event': 'VARCHAR', 'event_on': 'DATE'});
CREATE TABLE accidents AS SELECT * REPLACE (CAST(left(id_number, 17) AS BIGINT) AS id_number) FROM read_csv('${feeds}/accidents.csv', header = true,
  columns = {'id_number': 'VARCHAR', 'occurred_on': 'DATE', 'outcome': 'VARCHAR', 'source': 'VARCHAR'});
CREATE TABLE disaster_losses AS SELECT * REPLACE (CAST(left(id_number, 17) AS BIGINT) AS id_number) FROM read_csv('${feeds}/disaster_losses.csv', header = true,
  columns = {'id_number': 'VARCHAR', 'occurred_on': 'DATE', 'disaster': 'VARCHAR', 'loss': 'DECIMAL(18,2)'});
CREATE TABLE employment_status AS SELECT * REPLACE (CAST(left(id_number, 17) AS BIGINT) AS id_number) FROM read_csv('${feeds}/employment_status.csv', header = true,
  columns = {'id_number': 'VARCHAR', 'month': 'VARCHAR', 'status': 'VARCHAR', 'wage': 'DECIMAL(18,2)'});
CREATE TABLE water_supply AS SELECT * FROM read_csv('${feeds}/water_supply.csv', header = true,
  columns = {'area_code': 'VARCHAR', 'status': 'VARCHAR', 'checked_on': 'DATE', 'note': 'VARCHAR'});
CREATE TABLE enterprise_payments AS SELECT * REPLACE (CAST(left(id_number, 17) AS BIGINT) AS id_number) FROM read_csv('${feeds}/enterprise_payments.csv', header = true,
  columns = {'enterprise': 'VARCHAR', 'id_number': 'VARCHAR', 'month': 'VARCHAR', 'due': 'DECIMAL(18,2)', 'paid': 'DECIMAL(18,2)'});
CREATE TABLE vehicle_registrations AS SELECT CAST(left(id_number, 17) AS BIGINT) AS id_number, vehicle_type, registered_on, status, value FROM read_csv('${feeds}/vehicle_registrations.csv', header = true,
  columns = {'id_number': 'VARCHAR', 'plate_number': 'VARCHAR', 'vehicle_type': 'VARCHAR', 'registered_on': 'DATE', 'status': 'VARCHAR', 'value': 'DECIMAL(18,2)'});
CREATE TABLE property_registrations AS SELECT CAST(left(id_number, 17) AS BIGINT) AS id_number, property_type, registered_on, status, value FROM read_csv('${feeds}/property_registrations.csv', header = true,
  columns = {'id_number': 'VARCHAR', 'certificate_no': 'VARCHAR', 'property_type': 'VARCHAR', 'registered_on': 'DATE', 'status': 'VARCHAR', 'value': 'DECIMAL(18,2)'});
CREATE TABLE market_entities AS SELECT CAST(left(id_number, 17) AS BIGINT) AS id_number, entity_type, registered_on, status, registered_capital FROM read_csv('${feeds}/market_entities.csv', header = true,
  columns = {'id_number': 'VARCHAR', 'entity_name': 'VARCHAR', 'entity_type': 'VARCHAR', 'registered_on': 'DATE', 'status': 'VARCHAR', 'registered_capital': 'DECIMAL(18,2)'});
CREATE TABLE social_assistance AS SELECT * REPLACE (CAST(left(id_number, 17) AS BIGINT) AS id_number) FROM read_csv('${feeds}/social_assistance.csv', header = true,
  columns = {'id_number': 'VARCHAR', 'kind': 'VARCHAR', 'started_on': 'DATE', 'amount': 'DECIMAL(18,2)'});

-- persons with their household and birth date
CREATE TABLE p AS
SELECT household_id, CAST(left(id_number, 17) AS BIGINT) AS id_number, id_number AS id_text, labour_capacity IN ('SKILLED', 'ORDINARY', 'WEAK') AS can_work, status = 'ACTIVE' AS active,
       make_date(CAST(substr(id_number, 7, 4) AS INTEGER), CAST(substr(id_number, 11, 2) AS INTEGER), CAST(substr(id_number, 13, 2) AS INTEGER)) AS birth
FROM members;

-- latest income up to the period's year; a later line wins a tie
CREATE TABLE inc AS
SELECT household_id, year, line, wages, wages + business + property + transfers AS gross,
       wages + business + property + transfers - production_costs AS net, eligible_out_of_pocket AS oop
FROM (SELECT *, rowid + 2 AS line, row_number() OVER (PARTITION BY household_id ORDER BY year DESC, rowid DESC) AS rn
      FROM incomes WHERE year <= ${year}) WHERE rn = 1;

CREATE TABLE mon AS
SELECT household_id, true AS monitored, list_distinct(flatten(list(string_split(risk_types, ';')))) AS risks
FROM monitored WHERE status = 'MONITORED' GROUP BY household_id;

CREATE MACRO age_on(birth, d) AS
  year(d) - year(birth) - CASE WHEN month(d) < month(birth) OR (month(d) = month(birth) AND day(d) < day(birth)) THEN 1 ELSE 0 END;

CREATE TABLE med AS
SELECT p.household_id, c.id_number, sum(c.out_of_pocket) AS s, min(c.rowid + 2) AS line
FROM medical_claims c JOIN p USING (id_number)
WHERE c.settled_on BETWEEN DATE '${year_start}' AND DATE '${end}'
GROUP BY p.household_id, c.id_number;

-- one INSERT per rule (one UNION ALL of all of them crashed DuckDB 1.4.1 in TupleDataCollection::Combine)
CREATE TABLE raw_warnings (household_id VARCHAR, id_number BIGINT, rule VARCHAR, risk_type VARCHAR, source VARCHAR, line BIGINT);
INSERT INTO raw_warnings
-- MEDICAL_PERSON
SELECT med.household_id, med.id_number, 'MEDICAL_PERSON' AS rule, 'ILLNESS' AS risk_type, 'medical_claims' AS source, med.line
FROM med JOIN households h USING (household_id) LEFT JOIN mon USING (household_id)
WHERE med.s >= CASE WHEN h.formerly_poor = 'Y' OR coalesce(mon.monitored, false) THEN 5000 ELSE 20000 END;
INSERT INTO raw_warnings
-- MEDICAL_HOUSEHOLD
SELECT m.household_id, NULL, 'MEDICAL_HOUSEHOLD', 'ILLNESS', 'medical_claims', m.line
FROM (SELECT household_id, sum(s) AS s, min(line) AS line FROM med GROUP BY household_id) m JOIN inc USING (household_id)
WHERE inc.net > 0 AND m.s > 0.5 * inc.net;
INSERT INTO raw_warnings
-- MAJOR_DIAGNOSIS
SELECT p.household_id, d.id_number, 'MAJOR_DIAGNOSIS', 'ILLNESS', 'major_diagnoses', min(d.rowid + 2)
FROM major_diagnoses d JOIN p USING (id_number)
WHERE d.diagnosed_on BETWEEN DATE '${start}' AND DATE '${end}' GROUP BY p.household_id, d.id_number;
INSERT INTO raw_warnings
-- NOT_INSURED
SELECT p.household_id, p.id_number, 'NOT_INSURED', 'ILLNESS', 'insurance_enrollment', NULL
FROM p WHERE p.active AND NOT EXISTS (SELECT 1 FROM insurance_enrollment e WHERE e.id_number = p.id_number AND e.year = ${year});
INSERT INTO raw_warnings
-- UNSAFE_HOUSE: the latest appraisal up to period end, a later line wins a tie
SELECT p.household_id, a.id_number, 'UNSAFE_HOUSE', 'UNSAFE_HOUSING', 'housing_appraisals', a.line
FROM (SELECT id_number, grade, rowid + 2 AS line, row_number() OVER (PARTITION BY id_number ORDER BY appraised_on DESC, rowid DESC) AS rn
      FROM housing_appraisals WHERE appraised_on <= DATE '${end}') a JOIN p USING (id_number)
WHERE a.rn = 1 AND a.grade IN ('C', 'D');
INSERT INTO raw_warnings
-- DROPOUT
SELECT p.household_id, s.id_number, 'DROPOUT', 'SCHOOLING', 'school_enrollment', s.line
FROM (SELECT id_number, status, rowid + 2 AS line, row_number() OVER (PARTITION BY id_number ORDER BY reported_on DESC, rowid DESC) AS rn
      FROM school_enrollment WHERE reported_on <= DATE '${end}') s JOIN p USING (id_number)
WHERE s.rn = 1 AND s.status = 'DROPPED_OUT' AND age_on(p.birth, DATE '${end}') BETWEEN 6 AND 15;
INSERT INTO raw_warnings
-- SCHOOL_COST
SELECT p.household_id, c.id_number, 'SCHOOL_COST', 'SCHOOLING', 'school_costs', min(c.rowid + 2)
FROM school_costs c JOIN p USING (id_number)
WHERE c.stage IN ('SENIOR', 'VOCATIONAL') AND c.out_of_pocket > 10000 GROUP BY p.household_id, c.id_number;
INSERT INTO raw_warnings
-- NEW_DISABILITY
SELECT p.household_id, d.id_number, 'NEW_DISABILITY', 'DISABILITY', 'disability_certificates', min(d.rowid + 2)
FROM disability_certificates d JOIN p USING (id_number)
WHERE d.grade IN ('1', '2') AND d.issued_on BETWEEN DATE '${start}' AND DATE '${end}' GROUP BY p.household_id, d.id_number;
INSERT INTO raw_warnings
-- DEATH_OF_WORKER
SELECT p.household_id, e.id_number, 'DEATH_OF_WORKER', 'LACK_OF_LABOUR', 'civil_registry_events', min(e.rowid + 2)
FROM civil_registry_events e JOIN p USING (id_number)
WHERE e.event = 'DEATH' AND e.event_on BETWEEN DATE '${start}' AND DATE '${end}'
  AND (age_on(p.birth, e.event_on) BETWEEN 16 AND 59
       OR (p.can_work AND NOT EXISTS (SELECT 1 FROM p o WHERE o.household_id = p.household_id AND o.id_number <> p.id_number AND o.active AND o.can_work)))
GROUP BY p.household_id, e.id_number;
INSERT INTO raw_warnings
-- ACCIDENT
SELECT p.household_id, a.id_number, 'ACCIDENT', 'ACCIDENT', 'accidents', min(a.rowid + 2)
FROM accidents a JOIN p USING (id_number)
WHERE a.occurred_on BETWEEN DATE '${start}' AND DATE '${end}' GROUP BY p.household_id, a.id_number;
INSERT INTO raw_warnings
-- DISASTER_LOSS
SELECT d.household_id, d.id_number, 'DISASTER_LOSS', 'NATURAL_DISASTER', 'disaster_losses', d.line
FROM (SELECT p.household_id, l.id_number, sum(l.loss) AS s, min(l.rowid + 2) AS line
      FROM disaster_losses l JOIN p USING (id_number)
      WHERE l.occurred_on BETWEEN DATE '${start}' AND DATE '${end}' GROUP BY p.household_id, l.id_number) d
LEFT JOIN inc USING (household_id)
WHERE d.s >= 5000 OR (inc.net > 0 AND d.s >= 0.3 * inc.net);
INSERT INTO raw_warnings
-- JOB_LOSS: a later line wins within a month
SELECT p.household_id, n.id_number, 'JOB_LOSS', 'UNSTABLE_EMPLOYMENT', 'employment_status', least(n.line, b.line)
FROM (SELECT id_number, status, rowid + 2 AS line, row_number() OVER (PARTITION BY id_number ORDER BY rowid DESC) AS rn
      FROM employment_status WHERE month = '${month}') n
JOIN (SELECT id_number, status, rowid + 2 AS line, row_number() OVER (PARTITION BY id_number ORDER BY rowid DESC) AS rn
      FROM employment_status WHERE month = '${prev_month}') b USING (id_number)
JOIN p USING (id_number) JOIN inc USING (household_id)
WHERE n.rn = 1 AND b.rn = 1 AND n.status = 'UNEMPLOYED' AND b.status = 'EMPLOYED' AND inc.wages > 0.5 * inc.gross;
INSERT INTO raw_warnings
-- UNSAFE_WATER: every household of a village whose latest check is NOT_OK
SELECT h.household_id, NULL, 'UNSAFE_WATER', 'UNSAFE_WATER', 'water_supply', w.line
FROM (SELECT area_code, status, rowid + 2 AS line, row_number() OVER (PARTITION BY area_code ORDER BY checked_on DESC, rowid DESC) AS rn
      FROM water_supply WHERE checked_on <= DATE '${end}') w JOIN households h USING (area_code)
WHERE w.rn = 1 AND w.status = 'NOT_OK';
INSERT INTO raw_warnings
-- DIVIDEND_SHORTFALL
SELECT p.household_id, e.id_number, 'DIVIDEND_SHORTFALL', 'INDUSTRY_FAILURE', 'enterprise_payments', min(e.rowid + 2)
FROM enterprise_payments e JOIN p USING (id_number)
WHERE e.month = '${month}' GROUP BY p.household_id, e.id_number HAVING sum(e.paid) < sum(e.due);
INSERT INTO raw_warnings
-- NEW_ASSISTANCE
SELECT p.household_id, s.id_number, 'NEW_ASSISTANCE', NULL, 'social_assistance', min(s.rowid + 2)
FROM social_assistance s JOIN p USING (id_number)
WHERE s.kind IN ('TEMPORARY_RELIEF', 'MINIMUM_LIVING', 'EXTREME_POVERTY') AND s.started_on BETWEEN DATE '${start}' AND DATE '${end}'
GROUP BY p.household_id, s.id_number;
INSERT INTO raw_warnings
-- INCOME_BELOW_LINE
SELECT inc.household_id, NULL, 'INCOME_BELOW_LINE', NULL, 'incomes', inc.line
FROM inc JOIN (SELECT household_id, count(*) AS n FROM p WHERE active GROUP BY household_id) a USING (household_id)
WHERE inc.net - inc.oop < 6700 * a.n;
INSERT INTO raw_warnings
-- VEHICLE_ASSET, PROPERTY_ASSET, MARKET_ENTITY_ASSET (docs/feeds-assets.md): the person's first registration (by line)
-- of a counted type, registered up to period end, not ended, above the limit
SELECT p.household_id, v.id_number, 'VEHICLE_ASSET', NULL, 'vehicle_registrations', min(v.rowid + 2)
FROM vehicle_registrations v JOIN p USING (id_number)
WHERE upper(v.vehicle_type) = 'PASSENGER_CAR' AND v.registered_on <= DATE '${end}' AND v.value > 50000
  AND upper(coalesce(v.status, '')) NOT IN ('DEREGISTERED', 'SCRAPPED', 'CANCELLED', 'REVOKED')
GROUP BY p.household_id, v.id_number;
INSERT INTO raw_warnings
SELECT p.household_id, r.id_number, 'PROPERTY_ASSET', NULL, 'property_registrations', min(r.rowid + 2)
FROM property_registrations r JOIN p USING (id_number)
WHERE upper(r.property_type) = 'COMMERCIAL_HOUSING' AND r.registered_on <= DATE '${end}' AND r.value > 0
  AND upper(coalesce(r.status, '')) NOT IN ('DEREGISTERED', 'SCRAPPED', 'CANCELLED', 'REVOKED')
GROUP BY p.household_id, r.id_number;
INSERT INTO raw_warnings
SELECT p.household_id, m.id_number, 'MARKET_ENTITY_ASSET', NULL, 'market_entities', min(m.rowid + 2)
FROM market_entities m JOIN p USING (id_number)
WHERE upper(m.entity_type) IN ('ENTERPRISE', 'INDIVIDUAL_BUSINESS') AND m.registered_on <= DATE '${end}' AND m.registered_capital > 100000
  AND upper(coalesce(m.status, '')) NOT IN ('DEREGISTERED', 'SCRAPPED', 'CANCELLED', 'REVOKED')
GROUP BY p.household_id, m.id_number;

-- suppression: not for the risk a household is monitored for; rules without a risk not for monitored households;
-- the asset rules never
CREATE TABLE warnings AS
SELECT '${period}' AS period, w.household_id, w.id_number, t.id_text, w.rule, w.risk_type,
       w.source, w.line
FROM raw_warnings w LEFT JOIN mon USING (household_id) LEFT JOIN p t ON t.id_number = w.id_number
WHERE CASE WHEN w.rule LIKE '%_ASSET' THEN true WHEN w.risk_type IS NULL THEN mon.monitored IS NULL ELSE mon.monitored IS NULL OR NOT list_contains(mon.risks, w.risk_type) END;

COPY (SELECT period, household_id, id_text AS id_number, rule, risk_type, source, line FROM warnings
      ORDER BY household_id, rule, warnings.id_number NULLS FIRST) TO '${out}' (HEADER, DELIMITER ',');
