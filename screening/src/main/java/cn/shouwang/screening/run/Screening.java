package cn.shouwang.screening.run;

import cn.shouwang.screening.feed.FeedFiles;
import cn.shouwang.screening.feed.FeedKind;
import cn.shouwang.screening.feed.FeedRow;
import cn.shouwang.screening.feed.HeaderMap;
import cn.shouwang.screening.feed.Household;
import cn.shouwang.screening.feed.Income;
import cn.shouwang.screening.feed.Member;
import cn.shouwang.screening.feed.MonitoredRow;
import cn.shouwang.screening.feed.RawRecord;
import cn.shouwang.screening.feed.RowParser;
import cn.shouwang.screening.feed.RowRejected;
import cn.shouwang.screening.output.Reject;
import cn.shouwang.screening.output.Warning;
import cn.shouwang.screening.rules.EvaluationContext;
import cn.shouwang.screening.rules.HouseholdEvaluator;
import cn.shouwang.screening.rules.HouseholdInput;
import cn.shouwang.screening.rules.Period;
import cn.shouwang.screening.rules.Rule;
import cn.shouwang.screening.rules.RulesConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The single-machine comparison: reads the registry and the department files (files in parallel), indexes
 * persons by packed id number in primitive maps, groups rows by household, evaluates households in parallel
 * through {@link HouseholdEvaluator} and streams warnings.csv in household order. Output does not depend on the
 * thread count.
 *
 * <p>Two ways in, one core: {@link #run(Options)} reads the registry and department files from folders and writes
 * warnings.csv, rejects.csv and summary.txt ({@link CsvResults}); {@link #run(Input, ResultSink)} takes the registry
 * as rows pushed by the caller ({@link RegistryRows}) and the department files as sources ({@link FeedSource}, e.g.
 * opened as they are read), and hands the results to a {@link ResultSink}. Rows are parsed by the same
 * {@link RowParser} and evaluated by the same code, so both give the same warnings for the same data.
 */
public final class Screening {

    public record Options(Path registryDir, Path feedsDir, Period period, RulesConfig rules, Path outDir,
                          int threads, Consumer<String> progress) {
        public Options {
            if (threads < 1) threads = 1;
            if (progress == null) progress = s -> { };
        }
    }

    /**
     * An in-memory run: the registry pushed by the caller, the department files present ({@code departments}: at
     * most one source per department kind; absent kinds' rules do not run).
     */
    public record Input(RegistryRows registry, Map<FeedKind, FeedSource> departments, Period period, RulesConfig rules,
                        int threads, Consumer<String> progress, Progress counts) {
        public Input(RegistryRows registry, Map<FeedKind, FeedSource> departments, Period period, RulesConfig rules,
                     int threads, Consumer<String> progress) {
            this(registry, departments, period, rules, threads, progress, Progress.NONE);
        }

        public Input {
            if (threads < 1) threads = 1;
            if (progress == null) progress = s -> { };
            if (counts == null) counts = Progress.NONE;
            departments = Map.copyOf(departments);
            for (FeedKind k : departments.keySet()) {
                if (k.isRegistry()) throw new IllegalArgumentException("not a department kind: " + k);
            }
        }
    }

    private static final int CHUNK = 4096;

    private final Period period;
    private final RulesConfig rules;
    private final int threads;
    private final Consumer<String> progressTo;
    private final ResultSink sink;
    private final long t0 = System.nanoTime();
    private Progress counts = Progress.NONE;

    private Screening(Period period, RulesConfig rules, int threads, Consumer<String> progress, ResultSink sink) {
        this.period = period;
        this.rules = rules;
        this.threads = threads;
        this.progressTo = progress;
        this.sink = sink;
    }

    /** The command line's run: files in, files out ({@link CsvResults} in {@code outDir}). */
    public static Summary run(Options o) throws UnusableInputException, IOException {
        return new Screening(o.period(), o.rules(), o.threads(), o.progress(), new CsvResults(o.outDir()))
                .runFiles(o.registryDir(), o.feedsDir());
    }

    /** The in-memory run: nothing is written to disk; results go to {@code sink}. */
    public static Summary run(Input in, ResultSink sink) throws UnusableInputException, IOException {
        Screening s = new Screening(in.period(), in.rules(), in.threads(), in.progress(), sink);
        s.counts = in.counts();
        return s.runRows(in.registry(), in.departments());
    }

    private void progress(String msg) {
        progressTo.accept(String.format("[%6.1f s] %s", (System.nanoTime() - t0) / 1e9, msg));
    }

    // ---------------------------------------------------------------- loading

    private final List<Household> households = new ArrayList<>();
    private final Stores.Base householdStats = new Stores.Base(FeedKind.HOUSEHOLDS) { };
    private Stores.Members members;
    private Stores.Incomes incomes;
    private final List<MonitoredRow> monitoredRows = new ArrayList<>();
    private final Stores.Base monitoredStats = new Stores.Base(FeedKind.MONITORED) { };
    private final Map<FeedKind, Stores.Dept> depts = new EnumMap<>(FeedKind.class);

    private Household[] hh;          // by household index = rank of household_id: evaluation walks them in order
    private HouseholdIndex hidIndex;
    private LongIntMap personIndex;  // packed id number -> member row
    private final Map<Integer, List<Integer>> dupOf = new HashMap<>();
    private Stores.Groups membersByHousehold, incomesByHousehold;
    private List<MonitoredRow>[] monitoredByHousehold;
    private final Map<FeedKind, Stores.Groups> rowsByHousehold = new EnumMap<>(FeedKind.class);
    private final Map<Long, List<FeedRow>> waterByArea = new HashMap<>();

    private Summary runFiles(Path registryDir, Path feedsDir) throws UnusableInputException, IOException {
        checkDir(registryDir, "登记数据目录", "registry directory");
        checkDir(feedsDir, "部门数据目录", "feeds directory");
        Map<FeedKind, FeedSource> files = new EnumMap<>(FeedKind.class);
        for (FeedKind k : FeedKind.values()) {
            Path dir = k.isRegistry() ? registryDir : feedsDir;
            var f = FeedFiles.find(dir, k);
            if (f.isPresent()) {
                if (!Files.isReadable(f.get())) {
                    throw new UnusableInputException("无法读取文件 " + f.get(), "cannot read " + f.get());
                }
                files.put(k, FeedSource.of(f.get()));
            } else if (k.isRegistry() && k != FeedKind.MONITORED) {
                throw new UnusableInputException("缺少登记文件 " + k.fileName() + ".csv 或 .xlsx(" + dir + ")",
                        "missing registry file " + k.fileName() + ".csv or .xlsx in " + dir);
            }
        }
        members = new Stores.Members(estimateRows(files.get(FeedKind.MEMBERS)));
        // at most one income row per household is kept (the latest): sized when households are known
        incomes = new Stores.Incomes(1024);
        for (FeedKind k : FeedKind.departments()) depts.put(k, new Stores.Dept(k, estimateRows(files.get(k))));

        ExecutorService pool = newPool();
        try {
            // households first (the others refer to them), then members, incomes and monitored (department rows
            // refer to members), then the department files: rows are resolved as they are read, so only the
            // rows of known persons are kept, as ints.
            load(files, pool, List.of(FeedKind.HOUSEHOLDS, FeedKind.WATER_SUPPLY));
            indexHouseholds();
            load(files, pool, List.of(FeedKind.MEMBERS, FeedKind.INCOMES, FeedKind.MONITORED));
            indexMembers();
            List<FeedKind> rest = new ArrayList<>(FeedKind.departments());
            rest.remove(FeedKind.WATER_SUPPLY);
            load(files, pool, rest);
            progress("分组 grouping rows by household");
            group(pool);
            return evaluateAndWrite(pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private ExecutorService newPool() {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "screening");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The in-memory run: the registry is pushed by the caller on this thread (households, members, incomes,
     * monitored, each parsed as it comes), then the department sources are read in parallel.
     */
    private Summary runRows(RegistryRows registry, Map<FeedKind, FeedSource> departments) throws UnusableInputException, IOException {
        Map<FeedKind, FeedSource> files = new EnumMap<>(FeedKind.class);
        files.putAll(departments);
        members = new Stores.Members(1024);
        incomes = new Stores.Incomes(1024);
        for (FeedKind k : FeedKind.departments()) depts.put(k, new Stores.Dept(k, estimateRows(files.get(k))));
        ExecutorService pool = newPool();
        try {
            // the water checks do not depend on the registry: read while the registry comes in
            List<Future<?>> water = new ArrayList<>();
            if (files.containsKey(FeedKind.WATER_SUPPLY)) {
                water.add(pool.submit(() -> {
                    loadFile(FeedKind.WATER_SUPPLY, files.get(FeedKind.WATER_SUPPLY));
                    return null;
                }));
            }
            long started = System.nanoTime();
            PushedRegistry pushed = new PushedRegistry();
            try {
                registry.supply(pushed);
            } catch (UnusableInputException | IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
            pushed.finish();
            counts.registryRead(householdStats.read, members.read);
            progress(String.format("读取 read registry: %,d 户 households, %,d 人 persons (%.1f s)", hh.length, members.n,
                    (System.nanoTime() - started) / 1e9));
            for (Future<?> f : water) join(f);
            indexMembers();
            List<FeedKind> rest = new ArrayList<>(FeedKind.departments());
            rest.remove(FeedKind.WATER_SUPPLY);
            load(files, pool, rest);
            progress("分组 grouping rows by household");
            group(pool);
            return evaluateAndWrite(pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private static final HeaderMap HOUSEHOLD_HEADER = HeaderMap.of(FeedKind.HOUSEHOLDS,
            List.of("household_id", "area_code", "head_id_number", "formerly_poor"));
    private static final HeaderMap MEMBER_HEADER = HeaderMap.of(FeedKind.MEMBERS,
            List.of("household_id", "id_number", "relation", "labour_capacity", "status"));
    private static final HeaderMap INCOME_HEADER = HeaderMap.of(FeedKind.INCOMES,
            List.of("household_id", "year", "wages", "business", "property", "transfers", "production_costs",
                    "eligible_out_of_pocket"));
    private static final HeaderMap MONITORED_HEADER = HeaderMap.of(FeedKind.MONITORED,
            List.of("household_id", "category", "risk_types", "identified_month", "status"));

    /**
     * Takes the pushed registry row by row through the same {@link Loader} as the files' lines (header = line 1), in
     * the order households → members → incomes → monitored.
     */
    private final class PushedRegistry implements RegistryRows.Sink {
        private FeedKind at;     // the kind being received, null before the first row
        private Loader loader;
        private final String[] cells = new String[8];
        private final RawRecord record = new RawRecord() {
            @Override public int size() { return cells.length; }
            @Override public CharSequence field(int i) {
                String c = cells[i];
                return c == null ? "" : c;
            }
        };
        private int line;

        private void enter(FeedKind kind) {
            if (kind == at) return;
            if (at != null && kind.ordinal() < at.ordinal()) {
                throw new IllegalStateException("registry rows out of order: " + kind + " after " + at);
            }
            // the kinds in between (none pushed) are still entered: households are indexed before any member
            for (FeedKind k : List.of(FeedKind.HOUSEHOLDS, FeedKind.MEMBERS, FeedKind.INCOMES, FeedKind.MONITORED)) {
                if (at != null && k.ordinal() <= at.ordinal()) continue;
                if (k.ordinal() > kind.ordinal()) break;
                leave();
                at = k;
                Stores.Base st = stats(k);
                st.file = k.fileName();
                st.status = "compared";
                loader = new Loader(k, st);
                line = 1;
            }
        }

        private void leave() {
            if (loader != null) loader.flush();
            if (at == FeedKind.HOUSEHOLDS) indexHouseholds();
        }

        void finish() {
            enter(FeedKind.MONITORED);
            leave();
        }

        private void accept(HeaderMap h) {
            line++;
            Stores.Base st = loader.st;
            st.read++;
            try {
                loader.accept(h, record, line);
            } catch (RowRejected e) {
                st.reject(line, e.reason());
            }
            java.util.Arrays.fill(cells, null);
        }

        @Override public void household(String householdId, String areaCode, String headIdNumber, String formerlyPoor) {
            enter(FeedKind.HOUSEHOLDS);
            put(householdId, areaCode, headIdNumber, formerlyPoor);
            accept(HOUSEHOLD_HEADER);
            if (householdStats.read % 10_000 == 0) counts.registryRead(householdStats.read, 0);
        }

        @Override public void member(String householdId, String idNumber, String relation, String labourCapacity, String status) {
            enter(FeedKind.MEMBERS);
            put(householdId, idNumber, relation, labourCapacity, status);
            accept(MEMBER_HEADER);
            if (members.read % 30_000 == 0) counts.registryRead(householdStats.read, members.read);
        }

        @Override public void income(String householdId, String year, String wages, String business, String property,
                                     String transfers, String productionCosts, String eligibleOutOfPocket) {
            enter(FeedKind.INCOMES);
            put(householdId, year, wages, business, property, transfers, productionCosts, eligibleOutOfPocket);
            accept(INCOME_HEADER);
        }

        @Override public void monitored(String householdId, String category, String riskTypes, String identifiedMonth, String status) {
            enter(FeedKind.MONITORED);
            put(householdId, category, riskTypes, identifiedMonth, status);
            accept(MONITORED_HEADER);
        }

        private void put(String... values) {
            System.arraycopy(values, 0, cells, 0, values.length);
        }
    }

    /** Rows a file will hold, from its size and the length of its first lines (so arrays rarely grow). */
    private static int estimateRows(FeedSource src) {
        if (src == null) return 1024;
        Path f = src.path();
        if (f == null) return src.sizeHint() > 0 ? (int) Math.min(Integer.MAX_VALUE - 16, src.sizeHint() / 40 + 16) : 1024;
        if (FeedFiles.isXlsx(f)) return 1024;
        try (var in = Files.newInputStream(f)) {
            byte[] b = in.readNBytes(1 << 16);
            int lines = 0;
            for (byte x : b) if (x == '\n') lines++;
            if (lines < 2) return 1024;
            long size = Files.size(f);
            return (int) Math.min(Integer.MAX_VALUE - 16, size * lines / b.length + lines + 16);
        } catch (IOException e) {
            return 1024;
        }
    }

    private static void checkDir(Path dir, String zh, String en) throws UnusableInputException {
        if (dir == null || !Files.isDirectory(dir)) throw new UnusableInputException(zh + "不存在: " + dir, en + " not found: " + dir);
        if (!Files.isReadable(dir)) throw new UnusableInputException(zh + "无法读取: " + dir, en + " not readable: " + dir);
    }

    private void load(Map<FeedKind, FeedSource> files, ExecutorService pool, List<FeedKind> kinds) throws UnusableInputException, IOException {
        // biggest files first so that the threads finish together
        List<FeedKind> order = new ArrayList<>();
        for (FeedKind k : kinds) if (files.containsKey(k)) order.add(k);
        order.sort(Comparator.comparingLong((FeedKind k) -> files.get(k).sizeHint()).reversed().thenComparing(Enum::ordinal));
        List<Future<?>> futures = new ArrayList<>();
        for (FeedKind k : order) {
            futures.add(pool.submit(() -> {
                loadFile(k, files.get(k));
                return null;
            }));
        }
        for (Future<?> f : futures) join(f);
    }

    private Stores.Base stats(FeedKind k) {
        return switch (k) {
            case HOUSEHOLDS -> householdStats;
            case MEMBERS -> members;
            case INCOMES -> incomes;
            case MONITORED -> monitoredStats;
            default -> depts.get(k);
        };
    }

    private void loadFile(FeedKind kind, FeedSource file) throws IOException, UnusableInputException {
        Stores.Base st = stats(kind);
        st.file = file.name();
        HeaderMap[] header = {null};
        String[] missing = {null};
        long started = System.nanoTime();
        Loader loader = new Loader(kind, st);
        try {
            file.read(new FeedFiles.RecordHandler() {
                @Override public void header(List<String> cells, int line) {
                    try {
                        header[0] = HeaderMap.of(kind, cells);
                    } catch (HeaderMap.MissingColumnsException e) {
                        missing[0] = e.columns();
                        throw new StopFile();
                    }
                }

                @Override public void record(RawRecord r, int line) {
                    st.read++;
                    try {
                        loader.accept(header[0], r, line);
                    } catch (RowRejected e) {
                        st.reject(line, e.reason());
                    }
                }
            });
            loader.flush();
        } catch (FeedFiles.HandlerException e) {
            if (!(e.getCause() instanceof StopFile)) throw e;
        } catch (StopFile e) {
            // header refused
        } catch (IOException e) {
            String where = file.path() != null ? file.path().toString() : file.name();
            throw new UnusableInputException("无法读取 " + where + ": " + e.getMessage(), "cannot read " + where + ": " + e.getMessage());
        }
        if (missing[0] != null || header[0] == null) {
            String why = header[0] == null && missing[0] == null ? "empty file (no header)" : "missing column(s): " + missing[0];
            if (kind.isRegistry()) {
                throw new UnusableInputException("登记文件 " + file.name() + " 不可用: " + (missing[0] != null ? "缺少列 " + missing[0] : "空文件"),
                        "registry file " + file.name() + " unusable: " + why);
            }
            st.status = "refused";
            st.read = 0;
            st.unmatched = 0;
            st.rejects.clear();
            if (st instanceof Stores.Dept d) {
                d.n = 0;
                d.water.clear();
            }
            st.reject(1, why + "; file not compared");
            counts.fileRead(kind, 0);
            return;
        }
        st.status = "compared";
        if (!kind.isRegistry()) counts.fileRead(kind, st.read);
        progress(String.format("读取 read %s: %,d 行 rows, %,d 拒收 rejected (%.1f s)", file.name(), st.read,
                st.rejects.size(), (System.nanoTime() - started) / 1e9));
    }

    private static final class StopFile extends RuntimeException {
        StopFile() { super(null, null, false, false); }
    }

    /**
     * Parses with {@link RowParser} and stores; one per file, used by one thread. Rows that look up a person or a
     * household are kept in a small batch and resolved together ({@link #flush}): first every lookup's cache line
     * is loaded side by side, then the rows are handled one by one in file order, exactly as without the batch.
     * The indexes are far bigger than the caches, so this turns one memory wait per row into one per batch.
     */
    private final class Loader {
        static final int BATCH = 256;
        final FeedKind kind;
        final Stores.Base st;
        String lastHid;   // consecutive rows of one household: look it up once
        int lastH = -1;
        final Object[] pending = new Object[BATCH];
        final int[] found = new int[BATCH];
        int nPending;
        long touched;     // the touch loads' results, kept so that they are not optimized away

        Loader(FeedKind kind, Stores.Base st) {
            this.kind = kind;
            this.st = st;
        }

        int household(String hid) {
            if (!hid.equals(lastHid)) {
                lastHid = hid;
                lastH = hidIndex.get(hid);
            }
            return lastH;
        }

        void accept(HeaderMap h, RawRecord r, int line) throws RowRejected {
            switch (kind) {
                case HOUSEHOLDS -> households.add(RowParser.household(h, r, line));
                case MEMBERS -> hold(RowParser.member(h, r, line));
                case INCOMES -> hold(RowParser.income(h, r, line));
                case MONITORED -> {
                    MonitoredRow m = RowParser.monitored(h, r, line);
                    if (household(m.householdId()) < 0) throw new RowRejected("household_id not in households");
                    monitoredRows.add(m);
                }
                case WATER_SUPPLY -> depts.get(kind).water.add(RowParser.department(h, r, line));
                default -> hold(RowParser.department(h, r, line));
            }
        }

        private void hold(Object row) {
            pending[nPending++] = row;
            if (nPending == BATCH) flush();
        }

        /** Resolves the held rows in file order (call at the end of the file). */
        void flush() {
            int n = nPending;
            if (n == 0) return;
            nPending = 0;
            long x = touched;
            switch (kind) {
                case MEMBERS -> {
                    String prev = lastHid;
                    for (int i = 0; i < n; i++) {
                        Member m = (Member) pending[i];
                        if (!m.householdId().equals(prev)) {
                            prev = m.householdId();
                            x += hidIndex.touch(prev);
                        }
                        x += personIndex.touch(m.id());
                    }
                    for (int i = 0; i < n; i++) {
                        Member m = (Member) pending[i];
                        pending[i] = null;
                        try {
                            member(m);
                        } catch (RowRejected e) {
                            st.reject(m.line(), e.reason());
                        }
                    }
                }
                case INCOMES -> {
                    String prev = lastHid;
                    for (int i = 0; i < n; i++) {
                        Income inc = (Income) pending[i];
                        if (!inc.householdId().equals(prev)) {
                            prev = inc.householdId();
                            x += hidIndex.touch(prev);
                        }
                    }
                    for (int i = 0; i < n; i++) {
                        Income inc = (Income) pending[i];
                        pending[i] = null;
                        int hi = household(inc.householdId());
                        if (hi < 0) st.reject(inc.line(), "household_id not in households");
                        else incomes.offer(inc, hi, period.year());
                    }
                }
                default -> {
                    for (int i = 0; i < n; i++) x += personIndex.touch(((FeedRow) pending[i]).key());
                    int[] hhOf = members.household;
                    for (int i = 0; i < n; i++) {
                        int p = personIndex.get(((FeedRow) pending[i]).key());
                        found[i] = p;
                        if (p >= 0) x += hhOf[p];
                    }
                    Stores.Dept d = (Stores.Dept) st;
                    for (int i = 0; i < n; i++) {
                        FeedRow row = (FeedRow) pending[i];
                        pending[i] = null;
                        int p = found[i];
                        if (p < 0 || hhOf[p] < 0) {
                            st.unmatched++;
                        } else {
                            d.add(row, p);
                        }
                    }
                }
            }
            touched = x;
        }

        void member(Member m) throws RowRejected {
            int h = household(m.householdId());
            if (h < 0) throw new RowRejected("household_id not in households");
            int prev = personIndex.putIfAbsent(m.id(), members.n);
            if (prev >= 0) {
                if (members.household[prev] == h || repeatedIn(prev, h)) {
                    throw new RowRejected("id_number repeated in household (first at line " + members.line[prev] + ")");
                }
                int i = members.add(m, h);
                dupOf.computeIfAbsent(prev, x -> new ArrayList<>()).add(i);
                return;
            }
            members.add(m, h);
        }

        /** Whether household h already holds a later row of the person first seen at {@code first}. */
        boolean repeatedIn(int first, int h) {
            List<Integer> others = dupOf.get(first);
            if (others == null) return false;
            for (int k : others) if (members.household[k] == h) return true;
            return false;
        }
    }

    private static void join(Future<?> f) throws IOException, UnusableInputException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof UnusableInputException u) throw u;
            if (c instanceof IOException io) throw io;
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error er) throw er;
            throw new IOException(c);
        }
    }

    // ---------------------------------------------------------------- registry

    private void indexHouseholds() {
        // a repeated number is refused (later rows); the first row stands. Households are numbered in the order of
        // their household_id, the order of warnings.csv.
        Household[] all = households.toArray(new Household[0]);
        households.clear();
        if (!indexNumericHouseholds(all)) {
            Arrays.parallelSort(all, Comparator.comparing(Household::householdId).thenComparingInt(Household::line));
            List<Household> kept = new ArrayList<>(all.length);
            for (int i = 0; i < all.length; i++) {
                if (i > 0 && all[i].householdId().equals(all[i - 1].householdId())) {
                    int first = i - 1;
                    while (first > 0 && all[first - 1].householdId().equals(all[i].householdId())) first--;
                    householdStats.reject(all[i].line(), "household_id repeated (first at line " + all[first].line() + ")");
                } else {
                    kept.add(all[i]);
                }
            }
            hh = kept.toArray(new Household[0]);
            hidIndex = new HouseholdIndex(hh.length);
            for (int h = 0; h < hh.length; h++) hidIndex.put(hh[h].householdId(), h);
        }
        int expected = members.id.length;
        personIndex = new LongIntMap(expected);
        incomes.households(hh.length);
    }

    /**
     * The usual case, every household_id of the same number of digits (no leading zero): their order as numbers is
     * their order as text, so the numbers are sorted as longs (no string comparisons, no objects moved) and the
     * rows, in file order, take their place by look-up: the first row of a number stands, later ones are refused,
     * as in the general path. Returns false (nothing done) for any other registry.
     */
    private boolean indexNumericHouseholds(Household[] all) {
        int n = all.length;
        if (n == 0) return false;
        int len = all[0].householdId().length();
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            String id = all[i].householdId();
            long v = id.length() == len ? HouseholdIndex.numeric(id) : -1;
            if (v < 0) return false;
            keys[i] = v;
        }
        long[] sorted = keys.clone();
        Arrays.parallelSort(sorted);
        int unique = 0;
        for (int i = 0; i < n; i++) if (i == 0 || sorted[i] != sorted[i - 1]) sorted[unique++] = sorted[i];
        hidIndex = new HouseholdIndex(unique);
        for (int h = 0; h < unique; h++) hidIndex.putNumeric(sorted[h], h);
        hh = new Household[unique];
        for (int i = 0; i < n; i++) { // file order: the first row of a number has the smallest line
            int h = hidIndex.getNumeric(keys[i]);
            if (hh[h] == null) hh[h] = all[i];
            else householdStats.reject(all[i].line(), "household_id repeated (first at line " + hh[h].line() + ")");
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private void indexMembers() {
        progress("索引登记数据 indexing the registry");
        Stores.Dept water = depts.get(FeedKind.WATER_SUPPLY);
        for (FeedRow r : water.water) waterByArea.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
        // an id number in two households is a registry error: every row of it is rejected, the person left out
        for (Map.Entry<Integer, List<Integer>> e : new java.util.TreeMap<>(dupOf).entrySet()) {
            List<Integer> all = new ArrayList<>();
            all.add(e.getKey());
            all.addAll(e.getValue());
            StringBuilder names = new StringBuilder();
            for (int i : all) {
                if (!names.isEmpty()) names.append(' ');
                names.append(hh[members.household[i]].householdId());
            }
            for (int i : all) {
                members.reject(members.line[i], "id_number in two households: " + names);
                members.household[i] = -1;
            }
        }
        int H = hh.length;
        membersByHousehold = new Stores.Groups(H, members.n, members.household);
        // a household needs an ACTIVE head; it is still compared (its data is not in doubt, only the head)
        for (int h = 0; h < H; h++) {
            if (hh[h].headId() < 0) {
                householdStats.reject(hh[h].line(), "head_" + cn.shouwang.screening.feed.Values.idProblem(hh[h].headId())
                        + " (no ACTIVE head; household still compared)");
                continue;
            }
            int p = personIndex.get(hh[h].headId());
            if (p < 0 || members.household[p] != h || !members.active(p)) {
                householdStats.reject(hh[h].line(), "no ACTIVE head (head_id_number is not an ACTIVE member of the household)");
            }
        }
        incomesByHousehold = new Stores.Groups(H, incomes.n, incomes.household);
        incomes.sort(incomesByHousehold);
        monitoredByHousehold = new List[H];
        for (MonitoredRow r : monitoredRows) {
            int h = hidIndex.get(r.householdId());
            if (monitoredByHousehold[h] == null) monitoredByHousehold[h] = new ArrayList<>(2);
            monitoredByHousehold[h].add(r);
        }
    }

    // ---------------------------------------------------------------- department rows

    private void group(ExecutorService pool) throws IOException, UnusableInputException {
        List<Future<?>> futures = new ArrayList<>();
        for (Stores.Dept d : depts.values()) {
            if (!"compared".equals(d.status) || d.kind == FeedKind.WATER_SUPPLY) continue;
            futures.add(pool.submit(() -> {
                int[] hhOf = new int[d.n];
                for (int i = 0; i < d.n; i++) hhOf[i] = members.household[d.person[i]];
                Stores.Groups g = new Stores.Groups(hh.length, d.n, hhOf);
                hhOf = null;
                d.sort(g, members.id);
                g.order = null; // rows are now in household order
                synchronized (rowsByHousehold) {
                    rowsByHousehold.put(d.kind, g);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) join(f);
    }

    // ---------------------------------------------------------------- evaluation and output

    private record Chunk(List<Warning> warnings, long[] perRule) {}

    private Summary evaluateAndWrite(ExecutorService pool) throws IOException, UnusableInputException {
        Set<FeedKind> present = EnumSet.noneOf(FeedKind.class);
        for (Stores.Dept d : depts.values()) if ("compared".equals(d.status)) present.add(d.kind);
        EvaluationContext ctx = new EvaluationContext(period, rules, present);
        List<Stores.Dept> usedList = new ArrayList<>();
        for (Stores.Dept d : depts.values()) if (rowsByHousehold.containsKey(d.kind)) usedList.add(d);
        Stores.Dept[] used = usedList.toArray(new Stores.Dept[0]);
        Stores.Groups[] groups = new Stores.Groups[used.length];
        for (int i = 0; i < used.length; i++) groups[i] = rowsByHousehold.get(used[i].kind);

        sink.start();
        progress(String.format("比对 comparing %,d households", hh.length));
        int H = hh.length;
        int chunks = (H + CHUNK - 1) / CHUNK;
        long[] perRule = new long[Rule.values().length];
        long warnings = 0;
        // keep a bounded window of chunks in flight, hand them to the sink in order
        int window = Math.max(4, threads * 4);
        List<Future<Chunk>> inFlight = new ArrayList<>();
        int next = 0, written = 0;
        while (written < chunks) {
            while (next < chunks && next - written < window) {
                int from = next * CHUNK, to = Math.min(H, from + CHUNK);
                inFlight.add(pool.submit(() -> evaluateChunk(ctx, used, groups, from, to)));
                next++;
            }
            Chunk c = joinChunk(inFlight.get(written));
            inFlight.set(written, null);
            sink.warnings(c.warnings());
            for (int r = 0; r < perRule.length; r++) perRule[r] += c.perRule()[r];
            warnings += c.warnings().size();
            written++;
            counts.compared(Math.min((long) written * CHUNK, H), H);
            if (chunks > 50 && written % (chunks / 10) == 0) {
                progress(String.format("比对 compared %d%%", written * 100L / chunks));
            }
        }

        List<Reject> rejects = new ArrayList<>();
        for (FeedKind k : FeedKind.values()) rejects.addAll(stats(k).rejects);
        rejects.sort(Reject.ORDER);
        sink.rejects(rejects);

        Map<Rule, Long> byRule = new EnumMap<>(Rule.class);
        for (Rule r : Rule.values()) {
            if (ctx.runs(r)) byRule.put(r, perRule[r.ordinal()]);
        }
        List<Summary.FileStats> stats = new ArrayList<>();
        for (FeedKind k : FeedKind.values()) {
            Stores.Base s = stats(k);
            stats.add(new Summary.FileStats(k, s.file, s.status, s.read, s.rejects.size(), s.unmatched));
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        Summary summary = new Summary(period.toString(), stats, byRule, warnings, rejects.size(), hh.length,
                members.n, millis, threads);
        sink.summary(summary);
        progress("完成 done");
        return summary;
    }

    private static Chunk joinChunk(Future<Chunk> f) throws IOException, UnusableInputException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            join(f); // rethrows the cause
            throw new IllegalStateException(e);
        }
    }

    private Chunk evaluateChunk(EvaluationContext ctx, Stores.Dept[] used, Stores.Groups[] groups, int from, int to) {
        List<Warning> out = new ArrayList<>();
        long[] perRule = new long[Rule.values().length];
        List<Member> ms = new ArrayList<>();
        List<Income> is = new ArrayList<>();
        List<FeedRow> rows = new ArrayList<>();
        for (int h = from; h < to; h++) {
            Household house = hh[h];
            String hid = house.householdId();
            ms.clear();
            is.clear();
            rows.clear();
            for (int j = membersByHousehold.start[h]; j < membersByHousehold.start[h + 1]; j++) {
                ms.add(members.member(membersByHousehold.order[j], hid));
            }
            for (int j = incomesByHousehold.start[h]; j < incomesByHousehold.start[h + 1]; j++) {
                is.add(incomes.income(j, hid));
            }
            for (int u = 0; u < used.length; u++) {
                Stores.Groups g = groups[u];
                for (int j = g.start[h]; j < g.start[h + 1]; j++) rows.add(used[u].sorted(j));
            }
            List<MonitoredRow> mon = monitoredByHousehold[h];
            List<FeedRow> water = waterByArea.getOrDefault(house.areaCode(), List.of());
            List<Warning> ws = HouseholdEvaluator.evaluate(ctx, new HouseholdInput(house, ms, is,
                    mon == null ? List.of() : mon, rows, water));
            for (Warning w : ws) perRule[w.rule().ordinal()]++;
            out.addAll(ws);
        }
        return new Chunk(out, perRule);
    }
}
