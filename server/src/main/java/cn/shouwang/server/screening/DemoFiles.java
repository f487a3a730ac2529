package cn.shouwang.server.screening;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.screening.feed.CsvScanner;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.platform.DataDirectory;
import cn.shouwang.server.platform.PrivateFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo profile only: this month's department files of 梨树县 in feeds.md's formats, written from the demo registry
 * (id numbers read through {@link HouseholdApi#streamForScreening}, in memory only) to
 * {@code <data-dir>/demo-files/<YYYY-MM>/}, 0600 in 0700 like the server's other files. An analyst (the {@code county}
 * account) uploads them at 上传数据 for the month and runs the comparison: the warnings appear without the demo ever
 * showing an id number. Each file is built so that some of its rules fire (docs/demo-data.md lists which); a few rows
 * name people the registry does not know (unmatched) and one has a broken id number (rejected). Written once per
 * month (a file of the month that exists is kept); the same seed and registry give the same rows.
 */
@Component
@Profile("demo")
@Order(44)
class DemoFiles implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoFiles.class);
    static final String COUNTY = "220322000000";
    static final String[] FILES = {"medical_claims", "insurance_enrollment", "civil_registry_events",
            "disability_certificates", "school_enrollment", "accidents", "disaster_losses", "social_assistance"};

    private final HouseholdApi households;
    private final DataDirectory dataDirectory;
    private final Clock clock;
    private final boolean enabled;
    private final long seed;

    DemoFiles(HouseholdApi households, DataDirectory dataDirectory, Clock clock,
              @Value("${shouwang.demo.history:true}") boolean enabled, @Value("${shouwang.demo.seed:20240630}") long seed) {
        this.households = households;
        this.dataDirectory = dataDirectory;
        this.clock = clock;
        this.enabled = enabled;
        this.seed = seed;
    }

    /** Where this month's files are (or would be). */
    static Path folder(Path dataDir, YearMonth month) {
        return dataDir.toAbsolutePath().resolve("demo-files").resolve(month.toString());
    }

    @Override
    @Transactional(readOnly = true)
    public void run(ApplicationArguments args) {
        if (!enabled) return;
        LocalDate today = LocalDate.now(clock);
        Path dir = folder(dataDirectory.root(), YearMonth.from(today));
        if (Files.isRegularFile(dir.resolve("medical_claims.csv"))) return;
        try {
            write(dir, today);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A person of the registry as the files need them: never logged, never kept beyond this method. */
    private record Person(String id, String relation, String labour, int age) {}

    void write(Path dir, LocalDate today) throws IOException {
        List<Person> people = new ArrayList<>();
        households.streamForScreening(new AreaScope(COUNTY), new HouseholdApi.ScreeningRows() {
            @Override public void household(long id, String no, String village, @Nullable String head, boolean poor) { }

            @Override public void member(long household, String idNumber, String relation, String labour, String status) {
                if (!"ACTIVE".equals(status) || IdNumber.parse(idNumber).isEmpty()) return;
                LocalDate born = LocalDate.of(Integer.parseInt(idNumber.substring(6, 10)),
                        Integer.parseInt(idNumber.substring(10, 12)), Integer.parseInt(idNumber.substring(12, 14)));
                people.add(new Person(idNumber, relation, labour, born.until(today).getYears()));
            }

            @Override public void income(long household, int year, java.math.BigDecimal w, java.math.BigDecimal b,
                                         java.math.BigDecimal p, java.math.BigDecimal t, java.math.BigDecimal c,
                                         java.math.BigDecimal o) { }
        });
        if (people.size() < 50) return; // no demo registry in the county: nothing to compare
        PrivateFiles.createDirectories(dir);
        for (String f : FILES) Files.deleteIfExists(dir.resolve(f + ".csv")); // what an interrupted start left
        SplittableRandom rnd = new SplittableRandom(seed * 71 + today.getYear() * 12L + today.getMonthValue());
        LocalDate first = today.withDayOfMonth(1);
        int year = today.getYear();
        List<Person> working = people.stream().filter(p -> p.age() >= 18 && p.age() <= 59).toList();
        List<Person> pupils = people.stream().filter(p -> p.age() >= 7 && p.age() <= 15).toList();

        // 医保结算: what Excel on a Chinese Windows writes (GB18030, Chinese header); a few people spent ≥ 20,000
        try (BufferedWriter w = writer(dir, "medical_claims", CsvScanner.GB18030)) {
            w.write("身份证号,结算日期,总费用,医保支付,个人自付\n");
            for (int i = 0; i < people.size(); i++) {
                Person p = people.get(i);
                boolean large = i % 173 == 7;
                if (!large && rnd.nextDouble() > 0.04) continue;
                int claims = large ? 3 : 1;
                for (int c = 0; c < claims; c++) {
                    long own = large ? 7_500 + rnd.nextInt(6_000) : 80 + rnd.nextInt(2_500);
                    long total = own * (2 + rnd.nextInt(3));
                    LocalDate on = day(rnd, today.withDayOfYear(1), today);
                    w.write(p.id() + "," + on + "," + total + "," + (total - own) + "," + own + "\n");
                }
            }
            w.write("22032219800101123," + first + ",100,80,20\n"); // a digit lost on the way: rejected, not guessed
        }
        // 参保登记: every active person for this year, but for a few (NOT_INSURED); two people the registry does not know
        try (BufferedWriter w = writer(dir, "insurance_enrollment", StandardCharsets.UTF_8)) {
            w.write("id_number,year\n");
            for (int i = 0; i < people.size(); i++) {
                if (i % 211 == 13) continue;
                w.write(people.get(i).id() + "," + year + "\n");
            }
            w.write(stranger(1) + "," + year + "\n");
            w.write(stranger(2) + "," + year + "\n");
        }
        // 死亡登记: two working-age people died this month (DEATH_OF_WORKER)
        try (BufferedWriter w = writer(dir, "civil_registry_events", StandardCharsets.UTF_8)) {
            w.write("id_number,event,event_on\n");
            for (int i = 0; i < Math.min(2, working.size()); i++) {
                w.write(working.get((i * 97 + 31) % working.size()).id() + ",DEATH," + day(rnd, first, today) + "\n");
            }
        }
        // 残疾证: three new certificates of grade 1 or 2 this month (NEW_DISABILITY), two older ones
        try (BufferedWriter w = writer(dir, "disability_certificates", StandardCharsets.UTF_8)) {
            w.write("id_number,grade,kind,issued_on\n");
            for (int i = 0; i < 5; i++) {
                Person p = people.get((i * 389 + 101) % people.size());
                LocalDate on = i < 3 ? day(rnd, first, today) : first.minusYears(2 + i);
                w.write(p.id() + "," + (i < 3 ? 1 + i % 2 : 3) + "," + (i % 2 == 0 ? "肢体" : "视力") + "," + on + "\n");
            }
        }
        // 学籍: pupils enrolled, two dropped out this month (DROPOUT)
        try (BufferedWriter w = writer(dir, "school_enrollment", StandardCharsets.UTF_8)) {
            w.write("id_number,stage,status,reported_on\n");
            for (int i = 0; i < pupils.size(); i++) {
                Person p = pupils.get(i);
                String stage = p.age() <= 11 ? "PRIMARY" : "JUNIOR";
                boolean dropped = i == 3 || i == pupils.size() / 2;
                w.write(p.id() + "," + stage + "," + (dropped ? "DROPPED_OUT" : "ENROLLED") + ","
                        + (dropped ? day(rnd, first, today) : first.minusMonths(3)) + "\n");
            }
        }
        // 意外事故: two this month (ACCIDENT), one last spring (no warning)
        try (BufferedWriter w = writer(dir, "accidents", StandardCharsets.UTF_8)) {
            w.write("id_number,occurred_on,outcome,source\n");
            for (int i = 0; i < Math.min(3, working.size()); i++) {
                w.write(working.get((i * 151 + 57) % working.size()).id() + ","
                        + (i < 2 ? day(rnd, first, today) : first.minusMonths(8)) + "," + (i == 0 ? "INJURY" : "DISABILITY")
                        + "," + (i == 1 ? "WORK" : "TRAFFIC") + "\n");
            }
        }
        // 灾情: hail this month, three heads with losses of 6,000 yuan and more (DISASTER_LOSS), one small loss
        try (BufferedWriter w = writer(dir, "disaster_losses", StandardCharsets.UTF_8)) {
            w.write("id_number,occurred_on,disaster,loss\n");
            List<Person> heads = people.stream().filter(p -> "HEAD".equals(p.relation())).toList();
            for (int i = 0; i < Math.min(4, heads.size()); i++) {
                w.write(heads.get((i * 43 + 11) % heads.size()).id() + "," + day(rnd, first, today) + ",HAIL,"
                        + (i < 3 ? 6_000 + rnd.nextInt(9_000) : 800) + "\n");
            }
        }
        // 社会救助: three new 低保 this month (NEW_ASSISTANCE), two older grants
        try (BufferedWriter w = writer(dir, "social_assistance", StandardCharsets.UTF_8)) {
            w.write("id_number,kind,started_on,amount\n");
            for (int i = 0; i < 5; i++) {
                Person p = people.get((i * 263 + 77) % people.size());
                w.write(p.id() + "," + (i < 3 ? "MINIMUM_LIVING" : "DISABILITY_ALLOWANCE") + ","
                        + (i < 3 ? day(rnd, first, today) : first.minusYears(1)) + "," + (385 + i * 25) + "\n");
            }
        }
        // counts only: the log never holds an id number
        log.info("Demo department files of {} for {} written to {} ({} persons of the registry)", COUNTY,
                YearMonth.from(today), dir, people.size());
    }

    private static BufferedWriter writer(Path dir, String kind, Charset cs) throws IOException {
        return PrivateFiles.newWriter(dir.resolve(kind + ".csv"), cs);
    }

    private static LocalDate day(SplittableRandom rnd, LocalDate from, LocalDate to) {
        long span = to.toEpochDay() - from.toEpochDay();
        return from.plusDays(span <= 0 ? 0 : rnd.nextLong(span + 1));
    }

    /** A valid id number of 梨树县 that no demo person has (born on 1 January 1901: the generator makes no one that old). */
    static String stranger(int n) {
        String s = "220322" + "19010101" + String.format("%03d", 900 + n);
        return s + IdNumber.checkCharacter(s);
    }
}
