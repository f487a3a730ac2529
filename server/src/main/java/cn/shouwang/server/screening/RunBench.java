package cn.shouwang.server.screening;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.screening.feed.FeedKind;
import cn.shouwang.screening.rules.Period;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.platform.PrivateFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code ./shouwang bench-run}: a comparison run of a loaded registry (the database of {@code bench-registry}) timed
 * from the click to the warnings shown. Department files for the same persons are written once from the registry
 * (about the volumes of {@code ./shouwang generate}'s files: every person insured, claims, schooling, employment,
 * the heads' assets…) and uploaded through {@link UploadService} as a data officer uploads them (checked, sealed);
 * then the run is started through {@link RunService#start} exactly as 开始比对 starts it, its phases are timed from
 * the run's own live counts, and the first page of the warnings list is read back as the warnings page reads it.
 * Benchmark only: the files hold id numbers in clear and are written 0600 under the benchmark's own data directory.
 */
@Component
class RunBench {
    private final RunService runs;
    private final UploadService uploads;
    private final ScreeningStore store;
    private final WarningFigures figures;
    private final HouseholdApi households;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    RunBench(RunService runs, UploadService uploads, ScreeningStore store, WarningFigures figures, HouseholdApi households,
             JdbcClient jdbc, TransactionTemplate tx) {
        this.runs = runs;
        this.uploads = uploads;
        this.store = store;
        this.figures = figures;
        this.households = households;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    void run(AreaScope scope, String period, Path filesDir, int times, PrintStream out) throws IOException {
        Period p = Period.parse(period);
        var c = households.counts(scope);
        out.printf("registry of %s: %,d households, %,d active persons%n", scope.areaCode(), c.households(), c.persons());
        if (currentUploads(period, scope.areaCode()) == 0) {
            Path dir = filesDir.resolve(period);
            if (!Files.isRegularFile(dir.resolve("insurance_enrollment.csv"))) {
                long t0 = System.nanoTime();
                Map<FeedKind, Long> rows = writeFiles(scope, p, dir);
                out.printf("department files written from the registry to %s in %.1f s:%n", dir, (System.nanoTime() - t0) / 1e9);
                rows.forEach((k, n) -> out.printf("  %-26s %,12d rows%n", k.fileName(), n));
            }
            long t0 = System.nanoTime();
            long total = 0;
            for (FeedKind k : FeedKind.departments()) {
                Path f = dir.resolve(k.fileName() + ".csv");
                if (!Files.isRegularFile(f)) continue;
                try (InputStream in = Files.newInputStream(f)) {
                    UploadService.Accepted a = uploads.upload(k, period, scope.areaCode(), f.getFileName().toString(), in, "bench");
                    total += a.rows();
                }
            }
            out.printf("uploaded (checked and sealed, as the upload page does): %,d rows in %.1f s (not part of the run)%n", total,
                    (System.nanoTime() - t0) / 1e9);
        }
        CurrentUser user = new CurrentUser(0, "bench", "bench", Role.CITY_ANALYST, scope);
        for (int i = 1; i <= times; i++) {
            out.printf("%nrun %d of %d (%s, %s), load before: %s%n", i, times, scope.areaCode(), period, load());
            timeOne(scope, period, user, out);
            out.printf("load after: %s%n", load());
        }
    }

    private void timeOne(AreaScope scope, String period, CurrentUser user, PrintStream out) {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(m -> m.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        var cpu = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = cpu.getProcessCpuTime();
        long t0 = System.nanoTime();
        long id = runs.start(period, scope, user);
        RunService.LiveCounts live = runs.counts(id);
        long sampled = 0;
        while (runs.progress(id) != null) {
            sampled = Math.max(sampled, Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        long done = System.nanoTime();
        ScreeningStore.RunRow row = store.run(id, scope).orElseThrow();
        // the warnings page as it opens after the run: totals, the first page of households, counts per rule, figures
        ScreeningStore.WarningFilter f = new ScreeningStore.WarningFilter(period, scope, null, WarningStatus.filter(null), null, null);
        ScreeningStore.Totals totals = store.totals(f);
        List<ScreeningStore.HouseholdWarnings> page = store.households(f, ScreeningStore.WarningSort.of(null), 1, 20);
        store.countWarningsPerRule(period, scope);
        figures.of(period, scope);
        long shown = System.nanoTime();
        long peak = heap.stream().mapToLong(m -> m.getPeakUsage().getUsed()).sum();
        out.printf("status %s%s: %,d households, %,d persons, %,d warnings (%,d new), %,d rejects%n", row.status(),
                row.error() == null ? "" : " (" + row.error() + ")", row.households(), row.persons(), row.warnings(),
                row.newWarnings(), row.rejects());
        if (live != null) {
            long[] at = live.phaseNanos.clone();
            RunService.Phase[] phases = RunService.Phase.values();
            for (int i = 1; i < phases.length; i++) {
                if (at[i] == 0) continue;
                long end = done;
                for (int j = i + 1; j < phases.length; j++) if (at[j] != 0) { end = at[j]; break; }
                out.printf("  %-10s %7.1f s%n", phases[i].name().toLowerCase(java.util.Locale.ROOT), (end - at[i]) / 1e9);
            }
            out.printf("  (warnings stored during the comparison: %,d)%n", live.stored.get());
        }
        out.printf("  first page of the warnings list (%,d households, %,d warnings; %d rows shown): %.2f s%n",
                totals.households(), totals.warnings(), page.size(), (shown - done) / 1e9);
        out.printf("click to warnings shown: %.1f s; process CPU %.1f s; peak heap %,d MB (sampled max used %,d MB)%n",
                (shown - t0) / 1e9, (cpu.getProcessCpuTime() - cpu0) / 1e9, peak >> 20, sampled >> 20);
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private long currentUploads(String period, String area) {
        return jdbc.sql("select count(*) from screening_upload where period = :p and county_code = :c and is_current")
                .param("p", period).param("c", area).query(Long.class).single();
    }

    /** The files a bench run compares with, written from the registry of {@code scope} in one pass. */
    private Map<FeedKind, Long> writeFiles(AreaScope scope, Period period, Path dir) throws IOException {
        PrivateFiles.createDirectories(dir);
        Writers w = new Writers(dir, period);
        try {
            tx.executeWithoutResult(s -> households.streamForScreening(scope, w));
            w.finish();
        } finally {
            w.close();
        }
        return w.rows;
    }

    /** One writer per department file; rows decided per person by a seeded random stream. */
    private static final class Writers implements HouseholdApi.ScreeningRows {
        final Map<FeedKind, BufferedWriter> out = new EnumMap<>(FeedKind.class);
        final Map<FeedKind, Long> rows = new EnumMap<>(FeedKind.class);
        final SplittableRandom rnd = new SplittableRandom(20_260_101);
        final Set<String> villages = new HashSet<>();
        final LocalDate start, end;
        final YearMonth month;
        final int year;
        long persons;

        Writers(Path dir, Period period) throws IOException {
            start = LocalDate.ofEpochDay(period.startDay());
            end = LocalDate.ofEpochDay(period.endDay());
            month = YearMonth.from(start);
            year = start.getYear();
            for (FeedKind k : FeedKind.departments()) {
                BufferedWriter b = PrivateFiles.newWriter(dir.resolve(k.fileName() + ".csv"), StandardCharsets.UTF_8);
                b.write(header(k));
                b.write('\n');
                out.put(k, b);
                rows.put(k, 0L);
            }
        }

        void row(FeedKind k, String line) {
            try {
                out.get(k).write(line);
                out.get(k).write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            rows.merge(k, 1L, Long::sum);
        }

        @Override
        public void household(long id, String no, String village, @Nullable String head, boolean poor) {
            if (villages.add(village)) {
                int checks = 1 + rnd.nextInt(3);
                for (int i = 0; i < checks; i++) {
                    row(FeedKind.WATER_SUPPLY, village + "," + (rnd.nextDouble() < 0.03 ? "NOT_OK" : "OK") + ","
                            + day(start.minusYears(1), end) + ",check");
                }
            }
            if (head == null) return;
            if (rnd.nextDouble() < 0.30) {
                int n = 1 + rnd.nextInt(2);
                for (int i = 0; i < n; i++) {
                    double g = rnd.nextDouble();
                    row(FeedKind.HOUSING_APPRAISALS, head + "," + day(start.minusYears(3), end) + ","
                            + (g < 0.6 ? "A" : g < 0.9 ? "B" : g < 0.98 ? "C" : "D"));
                }
            }
            if (rnd.nextDouble() < 0.08) {
                String enterprise = "coop" + (1 + rnd.nextInt(200));
                long due = fen(300, 3_000);
                for (YearMonth ym : new YearMonth[] {month.minusMonths(1), month}) {
                    long paid = rnd.nextDouble() < 0.05 ? due * rnd.nextInt(100) / 100 : due;
                    row(FeedKind.ENTERPRISE_PAYMENTS, enterprise + "," + head + "," + ym + "," + yuan(due) + "," + yuan(paid));
                }
            }
            if ((village.hashCode() & 63) == 7 && rnd.nextDouble() < 0.4) {
                row(FeedKind.DISASTER_LOSSES, head + "," + day(start, end) + ",HAIL," + yuan(fen(500, 12_000)));
            }
            if (rnd.nextDouble() < 0.12) {
                row(FeedKind.VEHICLE_REGISTRATIONS, head + ",JC" + String.format("%05d", rnd.nextInt(100_000))
                        + ",PASSENGER_CAR," + day(start.minusYears(8), end) + ","
                        + (rnd.nextDouble() < 0.1 ? "DEREGISTERED" : "REGISTERED") + "," + yuan(fen(3_000, 160_000)));
            }
            if (rnd.nextDouble() < 0.08) {
                boolean commercial = rnd.nextDouble() < 0.4;
                row(FeedKind.PROPERTY_REGISTRATIONS, head + ",J(" + (year - rnd.nextInt(10)) + ")no."
                        + String.format("%07d", rnd.nextInt(10_000_000)) + "," + (commercial ? "COMMERCIAL_HOUSING" : "SELF_BUILT")
                        + "," + day(start.minusYears(15), end) + "," + (rnd.nextDouble() < 0.05 ? "CANCELLED" : "REGISTERED")
                        + "," + yuan(commercial ? fen(120_000, 600_000) : fen(20_000, 150_000)));
            }
            if (rnd.nextDouble() < 0.04) {
                row(FeedKind.MARKET_ENTITIES, head + ",shop" + rnd.nextInt(100_000) + ",INDIVIDUAL_BUSINESS,"
                        + day(start.minusYears(10), end) + "," + (rnd.nextDouble() < 0.1 ? "CANCELLED" : "OPERATING") + ","
                        + yuan(fen(10_000, 500_000)));
            }
        }

        @Override
        public void member(long household, String id, String relation, String labour, String status) {
            persons++;
            if (IdNumber.parse(id).isEmpty()) return;
            LocalDate born = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
            int age = born.until(end).getYears();
            boolean active = "ACTIVE".equals(status);
            boolean serious = rnd.nextDouble() < 0.01;
            if (active && rnd.nextDouble() < (serious ? 0.9 : age >= 60 ? 0.2 : 0.12)) {
                int claims = serious ? 2 + rnd.nextInt(6) : 1 + rnd.nextInt(3);
                for (int i = 0; i < claims; i++) {
                    long oop = serious ? fen(1_500, 12_000) : fen(50, 2_500);
                    long total = oop * (20 + rnd.nextInt(30)) / 10;
                    row(FeedKind.MEDICAL_CLAIMS, id + "," + day(start.withDayOfYear(1), end) + "," + yuan(total) + ","
                            + yuan(total - oop) + "," + yuan(oop));
                }
            }
            if (active && rnd.nextDouble() < (serious ? 0.08 : 0.0004)) {
                row(FeedKind.MAJOR_DIAGNOSES, id + "," + day(start, end) + ",cancer");
            }
            if (active && rnd.nextDouble() < 0.97) row(FeedKind.INSURANCE_ENROLLMENT, id + "," + year);
            if (rnd.nextDouble() < 0.2) row(FeedKind.INSURANCE_ENROLLMENT, id + "," + (year - 1));
            if (active && age >= 6 && age <= 18) {
                String stage = age <= 11 ? "PRIMARY" : age <= 14 ? "JUNIOR" : "SENIOR";
                int reports = 1 + rnd.nextInt(2);
                for (int i = 0; i < reports; i++) {
                    boolean last = i == reports - 1;
                    String st = last && rnd.nextDouble() < 0.006 ? "DROPPED_OUT" : "ENROLLED";
                    row(FeedKind.SCHOOL_ENROLLMENT, id + "," + stage + "," + st + "," + day(start.minusMonths(9), end));
                }
                if (age >= 15) {
                    row(FeedKind.SCHOOL_COSTS, id + "," + (year - 1) + "," + stage + "," + yuan(fen(1_000, 14_000)));
                }
            }
            if (rnd.nextDouble() < 0.02) {
                LocalDate issued = rnd.nextDouble() < 0.03 ? day(start, end) : day(start.minusYears(10), start.minusDays(1));
                row(FeedKind.DISABILITY_CERTIFICATES, id + "," + (1 + rnd.nextInt(4)) + ",limb," + issued);
            }
            if ("DECEASED".equals(status)) {
                row(FeedKind.CIVIL_REGISTRY_EVENTS, id + ",DEATH," + day(start.minusYears(3), start.minusDays(1)));
            } else if ("MOVED_OUT".equals(status)) {
                row(FeedKind.CIVIL_REGISTRY_EVENTS, id + ",MOVE_OUT," + day(start.minusYears(3), end));
            } else if (rnd.nextDouble() < (age >= 70 ? 0.004 : 0.0006)) {
                row(FeedKind.CIVIL_REGISTRY_EVENTS, id + ",DEATH," + day(start, end));
            }
            if (active && rnd.nextDouble() < 0.0015) {
                row(FeedKind.ACCIDENTS, id + "," + day(start, end) + ",INJURY,TRAFFIC");
            }
            if (active && age >= 16 && age <= 59 && !"LOST".equals(labour) && !"NONE".equals(labour) && rnd.nextDouble() < 0.4) {
                double r = rnd.nextDouble();
                String before = r < 0.985 ? "EMPLOYED" : "UNEMPLOYED", now = r < 0.965 ? "EMPLOYED" : "UNEMPLOYED";
                long wage = fen(1_800, 7_000);
                row(FeedKind.EMPLOYMENT_STATUS, id + "," + month.minusMonths(1) + "," + before + ","
                        + (before.equals("EMPLOYED") ? yuan(wage) : "0"));
                row(FeedKind.EMPLOYMENT_STATUS, id + "," + month + "," + now + "," + (now.equals("EMPLOYED") ? yuan(wage) : "0"));
            }
            if (rnd.nextDouble() < 0.05) {
                LocalDate started = rnd.nextDouble() < 0.06 ? day(start, end) : day(start.minusYears(3), start.minusDays(1));
                row(FeedKind.SOCIAL_ASSISTANCE, id + ",MINIMUM_LIVING," + started + "," + yuan(fen(300, 3_000)));
            }
        }

        @Override
        public void income(long household, int year, BigDecimal w, BigDecimal b, BigDecimal p, BigDecimal t, BigDecimal c,
                           BigDecimal o) { }

        /** 0.5 % of the persons again as people the registry does not know (unmatched rows). */
        void finish() {
            for (long i = 0; i < persons / 200; i++) {
                String first17 = "220399" + LocalDate.of(1901, 1, 1).plusDays(rnd.nextInt(365 * 20)).toString().replace("-", "")
                        + String.format("%03d", rnd.nextInt(1000));
                row(FeedKind.INSURANCE_ENROLLMENT, first17 + IdNumber.checkCharacter(first17) + "," + year);
            }
        }

        void close() throws IOException {
            for (BufferedWriter b : out.values()) b.close();
        }

        private long fen(int minYuan, int maxYuan) {
            return minYuan * 100L + (long) (rnd.nextDouble() * (maxYuan - minYuan) * 100);
        }

        private static String yuan(long fen) {
            return (fen / 100) + "." + (fen % 100 < 10 ? "0" : "") + (fen % 100);
        }

        private LocalDate day(LocalDate from, LocalDate to) {
            long span = to.toEpochDay() - from.toEpochDay();
            return from.plusDays(span <= 0 ? 0 : rnd.nextLong(span + 1));
        }

        private static String header(FeedKind k) {
            return switch (k) {
                case MEDICAL_CLAIMS -> "id_number,settled_on,total_cost,insurance_paid,out_of_pocket";
                case MAJOR_DIAGNOSES -> "id_number,diagnosed_on,disease";
                case INSURANCE_ENROLLMENT -> "id_number,year";
                case HOUSING_APPRAISALS -> "id_number,appraised_on,grade";
                case SCHOOL_ENROLLMENT -> "id_number,stage,status,reported_on";
                case SCHOOL_COSTS -> "id_number,school_year,stage,out_of_pocket";
                case DISABILITY_CERTIFICATES -> "id_number,grade,kind,issued_on";
                case CIVIL_REGISTRY_EVENTS -> "id_number,event,event_on";
                case ACCIDENTS -> "id_number,occurred_on,outcome,source";
                case DISASTER_LOSSES -> "id_number,occurred_on,disaster,loss";
                case EMPLOYMENT_STATUS -> "id_number,month,status,wage";
                case WATER_SUPPLY -> "area_code,status,checked_on,note";
                case ENTERPRISE_PAYMENTS -> "enterprise,id_number,month,due,paid";
                case SOCIAL_ASSISTANCE -> "id_number,kind,started_on,amount";
                case VEHICLE_REGISTRATIONS -> "id_number,plate_number,vehicle_type,registered_on,status,value";
                case PROPERTY_REGISTRATIONS -> "id_number,certificate_no,property_type,registered_on,status,value";
                case MARKET_ENTITIES -> "id_number,entity_name,entity_type,registered_on,status,registered_capital";
                default -> throw new IllegalArgumentException(k.name());
            };
        }
    }
}
