package cn.shouwang.server.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.screening.rules.Period;
import cn.shouwang.screening.run.Screening;
import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.casework.StandardsApi;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.RegistryFixtures;
import cn.shouwang.server.personaldata.PersonalDataApi;
import cn.shouwang.server.platform.OwnerDatabase;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The server's run with the registry streamed from the database into the engine (no registry file): exactly the
 * warnings of the command line's run on files holding the same registry; atomic (a run failing once its warnings are
 * on their way to the database leaves the previous run's warnings as they were); inside its county.
 */
class RunStreamedWebTest extends ServerTest {
    static final String COUNTY = ScreeningWebTest.COUNTY;
    static final String VILLAGE = ScreeningWebTest.VILLAGE;

    @Autowired RegistryFixtures registry;
    @Autowired PersonalDataApi personalData;
    @Autowired HouseholdApi households;
    @Autowired CaseworkApi casework;
    @Autowired StandardsApi standards;
    @Autowired TransactionTemplate transactions;
    @Autowired OwnerDatabase owner;
    @Autowired RegistryRowsFromDatabase registryRows;

    static String id(String county6, int year, int seq) {
        return ScreeningWebTest.validId(county6, LocalDate.of(year, 11, 23), 900 + seq); // no other test's person
    }

    void upload(String kind, String period, String file) throws Exception {
        mvc.perform(multipart("/uploads").file(new MockMultipartFile("file", kind.toLowerCase() + ".csv", "text/csv",
                        file.getBytes(StandardCharsets.UTF_8))).param("kind", kind).param("period", period)
                        .with(ScreeningWebTest.officerFor(kind)).with(csrf()))
                .andExpect(status().is(302));
    }

    long start(String period) throws Exception {
        MvcResult r = mvc.perform(post("/warnings/runs").param("period", period)
                .with(ScreeningWebTest.as(Role.COUNTY_ANALYST, COUNTY)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();
        return Long.parseLong(r.getResponse().getRedirectedUrl().substring("/warnings/runs/".length()));
    }

    String await(long run) throws Exception {
        for (int i = 0; i < 600; i++) {
            String s = jdbc.sql("select status from screening_run where id = :id").param("id", run).query(String.class).single();
            if (!s.equals("RUNNING")) return s;
            Thread.sleep(100);
        }
        throw new AssertionError("run " + run + " did not finish");
    }

    long runAndWait(String period) throws Exception {
        long run = start(period);
        assertThat(await(run)).as(jdbc.sql("select coalesce(error, '') from screening_run where id = :id").param("id", run)
                .query(String.class).single()).isEqualTo("DONE");
        return run;
    }

    /** household, rule, id number, detail of the period's warnings the run found. */
    Set<String> stored(String period, long run) {
        return new TreeSet<>(jdbc.sql("select household_id, rule, id_number_enc, detail from screening_warning "
                        + "where period = :p and last_run_id = :r").param("p", period).param("r", run)
                .query((rs, i) -> rs.getLong(1) + "|" + rs.getString(2) + "|"
                        + (rs.getBytes(3) == null ? "" : personalData.open(rs.getBytes(3))) + "|" + rs.getString(4)).list());
    }

    @Test
    void theStreamedRunGivesExactlyTheWarningsOfTheFileRunOnTheSameRegistry(@TempDir Path tmp) throws Exception {
        String period = "2034-05";
        String sick = id("220322", 1961, 41), dropout = id("220322", 2020, 42), poor = id("220322", 1970, 43);
        long h1 = registry.household(VILLAGE).idNumber(sick).insert();
        registry.household(VILLAGE).idNumber(dropout).insert();
        long h3 = registry.household(VILLAGE).idNumber(poor).insert();
        registry.income(h3, 2033).wages("1200").transfers("0").productionCosts("0").eligibleOutOfPocket("0").insert();
        registry.income(h1, 2033).wages("90000").transfers("0").productionCosts("0").eligibleOutOfPocket("0").insert();
        Map<String, String> files = Map.of(
                "MAJOR_DIAGNOSES", "id_number,diagnosed_on,disease\n" + sick + ",2034-05-10,x\n" + poor + ",2031-01-01,old\n",
                "MEDICAL_CLAIMS", "id_number,settled_on,total_cost,insurance_paid,out_of_pocket\n"
                        + sick + ",2034-03-01,90000,40000,50000\n" + poor + ",2034-02-01,100,80,20\n",
                "SCHOOL_ENROLLMENT", "id_number,stage,status,reported_on\n" + dropout + ",PRIMARY,DROPPED_OUT,2034-05-03\n");
        for (var f : files.entrySet()) upload(f.getKey(), period, f.getValue());
        long run = runAndWait(period);
        Set<String> server = stored(period, run);
        assertThat(server).anyMatch(w -> w.startsWith(h1 + "|MAJOR_DIAGNOSIS|" + sick + "|"))
                .anyMatch(w -> w.contains("|DROPOUT|" + dropout + "|"));

        // the same registry written to files as feeds.md describes them (from the household module's rows), the same
        // uploads, and the command line's run
        Path reg = Files.createDirectories(tmp.resolve("registry")), feeds = Files.createDirectories(tmp.resolve("feeds"));
        writeRegistry(new AreaScope(COUNTY), reg);
        for (var f : files.entrySet()) {
            Files.writeString(feeds.resolve(cn.shouwang.screening.feed.FeedKind.valueOf(f.getKey()).fileName() + ".csv"),
                    f.getValue());
        }
        LocalDate asOf = RunService.standardDay(Period.parse(period));
        Screening.run(new Screening.Options(reg, feeds, Period.parse(period),
                RunService.rules(standards.comparisonSettings(COUNTY, asOf), standards.incomeLines(COUNTY, asOf)),
                tmp.resolve("out"), 2, null));
        Set<String> fromFiles = new TreeSet<>();
        List<String> lines = Files.readAllLines(tmp.resolve("out").resolve("warnings.csv"));
        List<String> header = split(lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = split(line);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) row.put(header.get(i), cells.get(i));
            fromFiles.add(row.get("household_id") + "|" + row.get("rule") + "|" + row.get("id_number") + "|" + row.get("detail"));
        }
        assertThat(server).isNotEmpty().isEqualTo(fromFiles);
    }

    /** households.csv, members.csv, incomes.csv and monitored.csv of the area, as the household module gives them. */
    void writeRegistry(AreaScope area, Path dir) {
        transactions.executeWithoutResult(st -> {
            try (BufferedWriter hs = Files.newBufferedWriter(dir.resolve("households.csv"));
                 BufferedWriter ms = Files.newBufferedWriter(dir.resolve("members.csv"));
                 BufferedWriter is = Files.newBufferedWriter(dir.resolve("incomes.csv"));
                 BufferedWriter mo = Files.newBufferedWriter(dir.resolve("monitored.csv"))) {
                hs.write("household_id,area_code,head_id_number,formerly_poor\n");
                ms.write("household_id,id_number,name,relation,labour_capacity,status\n");
                is.write("household_id,year,wages,business,property,transfers,production_costs,eligible_out_of_pocket\n");
                mo.write("household_id,category,risk_types,identified_month,status\n");
                households.streamForScreening(area, new HouseholdApi.ScreeningRows() {
                    @Override public void household(long id, String no, String village, @Nullable String head, boolean poor) {
                        line(hs, id + "," + village + "," + (head == null ? "" : head) + "," + (poor ? "Y" : "N"));
                    }

                    @Override public void member(long household, String idNumber, String relation, String labour, String status) {
                        line(ms, household + "," + idNumber + ",," + relation + "," + labour + "," + status);
                    }

                    @Override public void income(long household, int year, BigDecimal w, BigDecimal b, BigDecimal p,
                                                 BigDecimal t, BigDecimal c, BigDecimal o) {
                        line(is, household + "," + year + "," + w.toPlainString() + "," + b.toPlainString() + ","
                                + p.toPlainString() + "," + t.toPlainString() + "," + c.toPlainString() + "," + o.toPlainString());
                    }
                });
                casework.monitoredForScreening(area, (household, category, risks, month, still) ->
                        line(mo, household + "," + category + "," + String.join(";", risks) + "," + month + ","
                                + (still ? "MONITORED" : "ELIMINATED")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The cells of one line of warnings.csv (quoted cells with doubled quotes, as the engine writes them). */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }

    static void line(BufferedWriter w, String s) {
        try {
            w.write(s);
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** id, last run and times seen of the period's warnings. */
    List<String> warningState(String period) {
        return jdbc.sql("select id || '/' || last_run_id || '/' || seen_count || '/' || recurrence from screening_warning "
                + "where period = :p order by id").param("p", period).query(String.class).list();
    }

    @Test
    void aRunFailingOnceItsWarningsAreOnTheirWayLeavesThePreviousRunsWarningsAsTheyWere() throws Exception {
        String period = "2034-06";
        String a = id("220322", 1962, 51), b = id("220322", 1963, 52);
        long ha = registry.household(VILLAGE).idNumber(a).insert();
        registry.household(VILLAGE).idNumber(b).insert();
        upload("MAJOR_DIAGNOSES", period, "id_number,diagnosed_on,disease\n" + a + ",2034-06-10,x\n" + b + ",2034-06-11,y\n"
                + "2203221962040412,2034-06-12,broken\n");
        // a car far above any limit: recorded as the household's asset by the run, once
        upload("VEHICLE_REGISTRATIONS", period, "id_number,plate_number,vehicle_type,registered_on,status,value\n"
                + a + ",JC12345,PASSENGER_CAR,2033-01-05,REGISTERED,990000.00\n");
        long first = runAndWait(period);
        String assets = "select count(*) from household_asset where household_id = :h and source = 'VEHICLE_REGISTRATIONS'";
        assertThat(jdbc.sql(assets).param("h", ha).query(Long.class).single()).isOne();
        List<String> before = warningState(period);
        assertThat(before).hasSizeGreaterThanOrEqualTo(2).allMatch(s -> s.contains("/" + first + "/1/"));

        // the database refuses the merge of this period's warnings: the run fails after the comparison, its
        // warnings already copied to the database
        var ownerJdbc = owner.jdbc();
        ownerJdbc.sql("""
                create function screening.refuse_test_period() returns trigger language plpgsql as $$
                begin
                  if new.period = '2034-06' then raise exception 'refused for the test'; end if;
                  return new;
                end $$""").update();
        ownerJdbc.sql("create trigger refuse_test_period before insert or update on screening.screening_warning "
                + "for each row execute function screening.refuse_test_period()").update();
        long failed;
        try {
            failed = start(period);
            assertThat(await(failed)).isEqualTo("FAILED");
        } finally {
            ownerJdbc.sql("drop trigger refuse_test_period on screening.screening_warning").update();
            ownerJdbc.sql("drop function screening.refuse_test_period()").update();
        }
        assertThat(warningState(period)).isEqualTo(before);
        for (String t : List.of("screening_run_file", "screening_run_rule", "screening_reject")) {
            assertThat(jdbc.sql("select count(*) from " + t + " where run_id = :r").param("r", failed).query(Long.class).single())
                    .as(t).isZero();
        }
        assertThat(jdbc.sql("select count(*) from screening_reject where run_id = :r").param("r", first).query(Long.class)
                .single()).isOne();
        // the page says it failed, and the next run goes through on the same connection pool
        String page = mvc.perform(get("/warnings/runs/" + failed).with(ScreeningWebTest.as(Role.COUNTY_ANALYST, COUNTY)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("失败");
        assertThat(jdbc.sql(assets).param("h", ha).query(Long.class).single()).isOne();
        long again = runAndWait(period);
        assertThat(warningState(period)).hasSameSizeAs(before).allMatch(s -> s.contains("/" + again + "/2/"));
        assertThat(jdbc.sql(assets).param("h", ha).query(Long.class).single()).isOne();
    }

    @Test
    void aCountyRunReadsOnlyItsCountyAndWarnsNobodyElsewhere() throws Exception {
        String period = "2034-07";
        String other = jdbc.sql("select code from area where level = 5 and code like '220323%' order by code limit 1")
                .query(String.class).single();
        String inCounty = id("220322", 1964, 61), outside = id("220323", 1965, 62);
        long here = registry.household(VILLAGE).idNumber(inCounty).insert();
        long there = registry.household(other).idNumber(outside).insert();

        List<Long> read = new ArrayList<>();
        RunResults.Places places = new RunResults.Places();
        transactions.executeWithoutResult(st -> {
            try {
                registryRows.rows(new AreaScope(COUNTY), places).supply(new cn.shouwang.screening.run.RegistryRows.Sink() {
                    @Override public void household(String h, String area, String head, String poor) {
                        read.add(Long.parseLong(h));
                        assertThat(area).startsWith("220322");
                    }

                    @Override public void member(String h, String idNumber, String r, String l, String s) {
                        assertThat(idNumber).isNotEqualTo(outside);
                    }

                    @Override public void income(String h, String y, String w, String b, String p, String t, String c, String o) { }

                    @Override public void monitored(String h, String c, String r, String m, String s) { }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(read).contains(here).doesNotContain(there);
        assertThat(places.size()).isEqualTo(read.size());

        upload("MAJOR_DIAGNOSES", period, "id_number,diagnosed_on,disease\n" + inCounty + ",2034-07-10,x\n"
                + outside + ",2034-07-11,y\n");
        long run = runAndWait(period);
        assertThat(stored(period, run)).anyMatch(w -> w.startsWith(here + "|MAJOR_DIAGNOSIS|"))
                .noneMatch(w -> w.startsWith(there + "|"));
        assertThat(jdbc.sql("select unmatched from screening_run_file where run_id = :r and kind = 'MAJOR_DIAGNOSES'")
                .param("r", run).query(Long.class).single()).isOne();
        assertThat(jdbc.sql("select households from screening_run where id = :r").param("r", run).query(Long.class).single())
                .isEqualTo((long) read.size());
    }
}
