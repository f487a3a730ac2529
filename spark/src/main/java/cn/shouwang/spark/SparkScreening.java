package cn.shouwang.spark;

import cn.shouwang.screening.feed.CsvScanner;
import cn.shouwang.screening.feed.FeedFiles;
import cn.shouwang.screening.feed.FeedKind;
import cn.shouwang.screening.feed.FeedRow;
import cn.shouwang.screening.feed.HeaderMap;
import cn.shouwang.screening.feed.Household;
import cn.shouwang.screening.feed.Income;
import cn.shouwang.screening.feed.Member;
import cn.shouwang.screening.feed.MonitoredRow;
import cn.shouwang.screening.feed.RawRecord;
import cn.shouwang.screening.feed.RowRejected;
import cn.shouwang.screening.output.Reject;
import cn.shouwang.screening.output.Warning;
import cn.shouwang.screening.rules.EvaluationContext;
import cn.shouwang.screening.rules.HouseholdEvaluator;
import cn.shouwang.screening.rules.HouseholdInput;
import cn.shouwang.screening.rules.Period;
import cn.shouwang.screening.rules.Rule;
import cn.shouwang.screening.rules.RulesConfig;
import cn.shouwang.screening.run.Summary;
import cn.shouwang.screening.run.UnusableInputException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.CollectionAccumulator;
import scala.Tuple2;

/**
 * The comparison of feeds.md on Spark. Same inputs, same rules (the engine's {@link HouseholdEvaluator}), same
 * row parsing (the engine's {@link CsvScanner} and {@code RowParser}), byte-identical warnings.csv and
 * rejects.csv. The plan (see docs/spark.md):
 * <ol>
 * <li>driver: find the files, detect each CSV's encoding, map its header;</li>
 * <li>pass 1: count newlines and quotes per byte chunk, so the driver can cut each big CSV at record starts
 *     with known physical line numbers;</li>
 * <li>stage 1, by household number: the registry's households, members, incomes and monitoring rows meet;
 *     households repeated or missing are reported as the engine does;</li>
 * <li>stage 2, by id number: members meet the department rows (and the heads their member rows): an id in two
 *     households, a repeated member, a head who is not an ACTIVE member are reported; unmatched rows counted;</li>
 * <li>stage 3, by household, partitioned by county ({@link CountyPartitioner}): the engine evaluates each
 *     household (water checks of its village come from a broadcast);</li>
 * <li>one global sort of warnings and rejects, streamed by the driver into single files.</li>
 * </ol>
 */
public final class SparkScreening {

    /**
     * @param registryDir households, members, incomes, monitored: a local path or any Hadoop URI
     * @param feedsDir    department files, same
     * @param outDir      where warnings.csv, rejects.csv and summary.txt go (a local path or a Hadoop URI)
     * @param splitBytes  CSV files larger than this are read by several tasks
     * @param partitions  shuffle partitions (0: from the input size and the cluster's parallelism)
     */
    public record Options(String registryDir, String feedsDir, Period period, RulesConfig rules, String outDir,
                          long splitBytes, int partitions, Consumer<String> progress) {
        public Options {
            if (splitBytes < 1024) splitBytes = 1024;
            if (progress == null) progress = s -> { };
        }
    }

    public static final long DEFAULT_SPLIT_BYTES = 64L << 20;
    private static final int DETECT_BYTES = 1 << 20;

    private final JavaSparkContext sc;
    private final Options o;
    private final Configuration conf;
    private final long t0 = System.nanoTime();

    private SparkScreening(SparkSession spark, Options o) {
        this.sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        this.o = o;
        this.conf = sc.hadoopConfiguration();
    }

    public static Summary run(SparkSession spark, Options o) throws UnusableInputException, IOException {
        return new SparkScreening(spark, o).run();
    }

    private void progress(String msg) {
        o.progress().accept(String.format("[%6.1f s] %s", (System.nanoTime() - t0) / 1e9, msg));
    }

    // ------------------------------------------------------------------------------------------ the files

    /** What the driver knows of each kind before any task runs. */
    private static final class FileState {
        String file;            // base name with extension, for the summary
        String status = "absent";
        InputFile input;        // a CSV to read with tasks
        List<Object> items;     // rows already read on the driver (XLSX, water_supply), with tallies
        final List<Reject> driverRejects = new ArrayList<>();
    }

    private Summary run() throws UnusableInputException, IOException {
        Path registry = qualify(o.registryDir()), feeds = qualify(o.feedsDir());
        checkDir(registry, "登记数据目录", "registry directory");
        checkDir(feeds, "部门数据目录", "feeds directory");
        Map<FeedKind, FileState> files = new EnumMap<>(FeedKind.class);
        int index = 0;
        for (FeedKind k : FeedKind.values()) {
            Path dir = k.isRegistry() ? registry : feeds;
            FileState st = new FileState();
            files.put(k, st);
            FileStatus f = find(dir, k);
            if (f == null) {
                if (k.isRegistry() && k != FeedKind.MONITORED) {
                    throw new UnusableInputException("缺少登记文件 " + k.fileName() + ".csv 或 .xlsx(" + dir + ")",
                            "missing registry file " + k.fileName() + ".csv or .xlsx in " + dir);
                }
                continue;
            }
            st.file = f.getPath().getName();
            prepare(k, f, index++, st);
        }
        Set<FeedKind> present = EnumSet.noneOf(FeedKind.class);
        for (FeedKind k : FeedKind.departments()) if ("compared".equals(files.get(k).status)) present.add(k);
        EvaluationContext ctx = new EvaluationContext(o.period(), o.rules(), present);

        Set<Integer> whole = new HashSet<>();
        while (true) {
            Attempt a = attempt(files, ctx, whole);
            if (a.misplaced.isEmpty()) return a.finish(files, ctx);
            whole.addAll(a.misplaced);
            progress("文件的引号不成对,整读重算 (a file's quotes misled the split: reading it in one piece) " + a.misplaced);
        }
    }

    private Path qualify(String uri) throws UnusableInputException {
        try {
            Path p = new Path(uri);
            return p.getFileSystem(conf).makeQualified(p);
        } catch (IOException | IllegalArgumentException e) {
            throw new UnusableInputException("无法访问 " + uri + ": " + e.getMessage(), "cannot access " + uri + ": " + e.getMessage());
        }
    }

    private void checkDir(Path dir, String zh, String en) throws UnusableInputException {
        try {
            FileSystem fs = dir.getFileSystem(conf);
            if (!fs.exists(dir) || !fs.getFileStatus(dir).isDirectory()) {
                throw new UnusableInputException(zh + "不存在: " + dir, en + " not found: " + dir);
            }
            fs.listStatus(dir);
        } catch (IOException e) {
            throw new UnusableInputException(zh + "无法读取: " + dir, en + " not readable: " + dir);
        }
    }

    /** {@code <kind>.csv} or {@code <kind>.xlsx}, names compared without case, CSV preferred (as the engine). */
    private FileStatus find(Path dir, FeedKind k) throws IOException {
        FileStatus csv = null, xlsx = null;
        for (FileStatus s : dir.getFileSystem(conf).listStatus(dir)) {
            if (!s.isFile()) continue;
            String n = s.getPath().getName().toLowerCase(Locale.ROOT);
            if (n.equals(k.fileName() + ".csv")) csv = s;
            else if (n.equals(k.fileName() + ".xlsx")) xlsx = s;
        }
        return csv != null ? csv : xlsx;
    }

    /** Reads the header (and for XLSX and water_supply the whole file) on the driver. */
    private void prepare(FeedKind kind, FileStatus f, int index, FileState st) throws UnusableInputException, IOException {
        Path path = f.getPath();
        FileSystem fs = path.getFileSystem(conf);
        List<String> headerCells = null;
        String missing = null;
        HeaderMap header = null;
        InputFile input = null;
        try {
            if (st.file.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
                XlsxRead x = readXlsx(kind, path, fs);
                headerCells = x.header;
                header = x.map;
                missing = x.missing;
                st.items = x.items;
            } else {
                byte[] head = new byte[DETECT_BYTES];
                int n;
                try (InputStream in = fs.open(path)) {
                    n = in.readNBytes(head, 0, head.length);
                }
                int bom = n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
                Charset cs = bom == 3 ? StandardCharsets.UTF_8 : CsvScanner.detect(head, 0, n, n < head.length);
                try (InputStream in = fs.open(path)) {
                    in.skipNBytes(bom);
                    CsvScanner s = new CsvScanner(in, cs, 1);
                    while (s.next()) {
                        if (s.isBlank()) continue;
                        headerCells = s.strings();
                        break;
                    }
                }
                if (headerCells != null) {
                    try {
                        header = HeaderMap.of(kind, headerCells);
                    } catch (HeaderMap.MissingColumnsException e) {
                        missing = e.columns();
                    }
                }
                if (header != null) input = new InputFile(index, kind, path.toString(), f.getLen(), bom, cs.name(), header);
            }
        } catch (IOException e) {
            throw new UnusableInputException("无法读取 " + path + ": " + e.getMessage(), "cannot read " + path + ": " + e.getMessage());
        }
        if (header == null) {
            String why = headerCells == null && missing == null ? "empty file (no header)" : "missing column(s): " + missing;
            if (kind.isRegistry()) {
                throw new UnusableInputException("登记文件 " + st.file + " 不可用: " + (missing != null ? "缺少列 " + missing : "空文件"),
                        "registry file " + st.file + " unusable: " + why);
            }
            st.status = "refused";
            st.items = null;
            st.driverRejects.add(new Reject(kind.fileName(), 1, why + "; file not compared"));
            return;
        }
        st.status = "compared";
        if (input != null && kind == FeedKind.WATER_SUPPLY) {
            // one row per village check: small, and every household of the village needs it (a broadcast)
            Segment all = new Segment(index, 0, 0, input.length(), 1, -1);
            st.items = SegmentReader.read(input, all, conf, i -> { });
        } else {
            st.input = input;
        }
    }

    private record XlsxRead(List<String> header, HeaderMap map, String missing, List<Object> items) {
    }

    /** XLSX (at most about a million rows by Excel's own limit) is read on the driver by the engine's reader. */
    private XlsxRead readXlsx(FeedKind kind, Path path, FileSystem fs) throws IOException {
        java.nio.file.Path local;
        boolean temp = !"file".equals(path.toUri().getScheme());
        if (temp) {
            local = Files.createTempFile("shouwang-", ".xlsx");
            fs.copyToLocalFile(false, path, new Path(local.toUri()), true);
        } else {
            local = java.nio.file.Path.of(path.toUri());
        }
        List<Object> items = new ArrayList<>();
        Object[] header = {null, null, null}; // cells, map, missing
        long[] counts = {0, 0};
        try {
            FeedFiles.readAll(local, new FeedFiles.RecordHandler() {
                @Override public void header(List<String> cells, int line) {
                    header[0] = cells;
                    try {
                        header[1] = HeaderMap.of(kind, cells);
                    } catch (HeaderMap.MissingColumnsException e) {
                        header[2] = e.columns();
                        throw new StopFile();
                    }
                }

                @Override public void record(RawRecord r, int line) {
                    counts[0]++;
                    try {
                        items.add(SegmentReader.parse(kind, (HeaderMap) header[1], r, line));
                        counts[1]++;
                    } catch (RowRejected e) {
                        items.add(new Reject(kind.fileName(), line, e.reason()));
                    }
                }
            });
        } catch (FeedFiles.HandlerException e) {
            if (!(e.getCause() instanceof StopFile)) throw e;
        } catch (StopFile e) {
            // header refused
        } finally {
            if (temp) Files.deleteIfExists(local);
        }
        items.add(new Items.Tally(Items.Tally.What.READ, kind, counts[0]));
        items.add(new Items.Tally(Items.Tally.What.ACCEPTED, kind, counts[1]));
        @SuppressWarnings("unchecked") List<String> cells = (List<String>) header[0];
        return new XlsxRead(cells, (HeaderMap) header[1], (String) header[2], items);
    }

    private static final class StopFile extends RuntimeException {
        StopFile() {
            super(null, null, false, false);
        }
    }

    // ------------------------------------------------------------------------------------------ one attempt

    /** One run of the whole plan; repeated only when a split turned out not to start a record. */
    private final class Attempt {
        final Set<Integer> misplaced = new HashSet<>();
        Result result;

        Summary finish(Map<FeedKind, FileState> files, EvaluationContext ctx) throws IOException {
            Path out = qualify0(o.outDir());
            FileSystem fs = out.getFileSystem(conf);
            rename(fs, new Path(out, "warnings.csv.tmp"), new Path(out, "warnings.csv"));
            rename(fs, new Path(out, "rejects.csv.tmp"), new Path(out, "rejects.csv"));
            Result r = result;
            Map<Rule, Long> byRule = new EnumMap<>(Rule.class);
            for (Rule rule : Rule.values()) if (ctx.runs(rule)) byRule.put(rule, r.perRule[rule.ordinal()]);
            List<Summary.FileStats> stats = new ArrayList<>();
            for (FeedKind k : FeedKind.values()) {
                FileState st = files.get(k);
                long read = "compared".equals(st.status) ? r.tally(Items.Tally.What.READ, k) : 0;
                stats.add(new Summary.FileStats(k, st.file, st.status, read, r.rejectsBySource.getOrDefault(k.fileName(), 0L),
                        r.tally(Items.Tally.What.UNMATCHED, k)));
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            Summary s = new Summary(o.period().toString(), stats, byRule, r.warnings, r.rejects,
                    (int) r.tally(Items.Tally.What.HOUSEHOLDS, null), (int) r.tally(Items.Tally.What.ACCEPTED, FeedKind.MEMBERS),
                    millis, sc.defaultParallelism());
            try (OutputStream os = fs.create(new Path(out, "summary.txt"), true)) {
                os.write(s.render().getBytes(StandardCharsets.UTF_8));
            }
            progress("完成 done");
            return s;
        }
    }

    private static void rename(FileSystem fs, Path from, Path to) throws IOException {
        if (fs.exists(to)) fs.delete(to, false);
        if (!fs.rename(from, to)) throw new IOException("cannot rename " + from + " to " + to);
    }

    private Path qualify0(String uri) throws IOException {
        Path p = new Path(uri);
        return p.getFileSystem(conf).makeQualified(p);
    }

    /** Counts gathered while the driver streams the sorted output. */
    private static final class Result {
        final long[] perRule = new long[Rule.values().length];
        long warnings, rejects;
        final Map<String, Long> rejectsBySource = new HashMap<>();
        final Map<String, Long> tallies = new HashMap<>();

        long tally(Items.Tally.What what, FeedKind k) {
            return tallies.getOrDefault(what + "/" + k, 0L);
        }
    }

    private Attempt attempt(Map<FeedKind, FileState> files, EvaluationContext ctx, Set<Integer> whole)
            throws IOException, UnusableInputException {
        CollectionAccumulator<Integer> misplacedAcc = sc.sc().collectionAccumulator("misplaced splits");
        ConfBox confBox = new ConfBox(conf);

        // ---- plan the splits
        List<InputFile> split = new ArrayList<>();
        List<Segment> segments = new ArrayList<>();
        Map<Integer, InputFile> byIndex = new HashMap<>();
        long inputBytes = 0;
        for (FileState st : files.values()) {
            if (st.input == null) continue;
            InputFile f = st.input;
            byIndex.put(f.index(), f);
            inputBytes += f.length();
            if (f.length() > o.splitBytes() && !whole.contains(f.index())) split.add(f);
            else segments.add(new Segment(f.index(), 0, 0, f.length(), 1, -1));
        }
        if (!split.isEmpty()) {
            progress("切分 splitting " + split.size() + " file(s) at record starts");
            List<long[]> tasks = new ArrayList<>(); // {file, start, end}
            for (InputFile f : split) {
                for (long[] c : Segment.chunks(f.length(), o.splitBytes())) tasks.add(new long[] {f.index(), c[0], c[1]});
            }
            Map<Integer, InputFile> fileMap = byIndex;
            List<Tuple2<long[], ChunkStats>> stats = sc.parallelize(tasks, tasks.size()).map(t -> {
                InputFile f = fileMap.get((int) t[0]);
                Path p = new Path(f.uri());
                try (var in = p.getFileSystem(confBox.get()).open(p)) {
                    in.seek(t[1]);
                    return new Tuple2<>(t, ChunkStats.scan(in, t[1], t[2]));
                }
            }).collect();
            Map<Integer, List<ChunkStats>> perFile = new TreeMap<>();
            for (var s : stats) perFile.computeIfAbsent((int) s._1()[0], x -> new ArrayList<>()).add(s._2());
            for (var e : perFile.entrySet()) {
                e.getValue().sort(Comparator.comparingLong(ChunkStats::start));
                segments.addAll(Segment.plan(e.getKey(), e.getValue(), byIndex.get(e.getKey()).length()));
            }
        }
        int partitions = o.partitions() > 0 ? o.partitions()
                : (int) Math.max(sc.defaultParallelism(), Math.min(100_000, inputBytes / (48L << 20) + 1));

        // ---- parse: one task per segment; rows already read on the driver join in
        List<Segment> regSegs = new ArrayList<>(), deptSegs = new ArrayList<>(), householdSegs = new ArrayList<>();
        for (Segment s : segments) {
            FeedKind k = byIndex.get(s.file()).kind();
            (k.isRegistry() ? regSegs : deptSegs).add(s);
            if (k == FeedKind.HOUSEHOLDS) householdSegs.add(s);
        }
        List<Object> driverReg = new ArrayList<>(), driverDept = new ArrayList<>(), driverOut = new ArrayList<>();
        Map<Long, List<FeedRow>> water = new HashMap<>();
        for (Map.Entry<FeedKind, FileState> e : files.entrySet()) {
            FileState st = e.getValue();
            driverOut.addAll(st.driverRejects);
            if (st.items == null) continue;
            if (e.getKey() == FeedKind.WATER_SUPPLY) {
                for (Object it : st.items) {
                    if (it instanceof FeedRow r) water.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
                    else driverOut.add(it);
                }
            } else {
                (e.getKey().isRegistry() ? driverReg : driverDept).addAll(st.items);
            }
        }
        Broadcast<Map<Long, List<FeedRow>>> waterB = sc.broadcast(water);
        Map<Integer, InputFile> fileMap = byIndex;

        // ---- the ranges of household numbers for stage 3, from a sample of households.csv (a small job)
        Partitioners.HouseholdRanges ranges = ranges(householdSegs, driverReg, fileMap, confBox, partitions);
        progress(String.format("%d 个分区 partitions, 户号分段 household ranges: %d", partitions, ranges.numPartitions()));

        JavaRDD<Object> registryItems = parse(regSegs, fileMap, confBox, misplacedAcc).union(sc.parallelize(driverReg, 1));
        JavaRDD<Object> deptItems = parse(deptSegs, fileMap, confBox, misplacedAcc)
                .union(sc.parallelize(driverDept, 1)).union(sc.parallelize(driverOut, 1));

        // ---- stage 1: the registry by household number
        JavaRDD<Object> s1 = shuffle(registryItems, new Partitioners.ByHouseholdNumber(partitions))
                .mapPartitions(Stages::registry);

        // ---- stage 2: members, households (by their head) and department rows by id number
        JavaRDD<Object> s2 = shuffle(s1.union(deptItems), new Partitioners.ById(partitions))
                .mapPartitions(Stages::persons);

        // ---- stage 3: households by ranges of their numbers; the engine's evaluator
        JavaRDD<Object> s3 = shuffle(s2, ranges)
                .mapPartitions(it -> Stages.evaluate(it, ctx, waterB.value()));

        // ---- computed once in parallel and kept (serialized): warnings in order, rejects, tallies
        JavaRDD<Object> all = s3.persist(StorageLevel.MEMORY_AND_DISK_SER());
        progress("比对 comparing households");
        all.foreachPartition(it -> { });
        Result r = write(all, partitions);
        all.unpersist(false);
        waterB.destroy();
        Attempt a = new Attempt();
        a.result = r;
        a.misplaced.addAll(misplacedAcc.value());
        return a;
    }

    /** The items as keys of a shuffle without values or aggregation: Spark only moves them, no hash map. */
    private static JavaRDD<Object> shuffle(JavaRDD<Object> items, org.apache.spark.Partitioner p) {
        return items.mapToPair(x -> new Tuple2<>(x, (Object) null)).partitionBy(p).keys();
    }

    /**
     * Samples household numbers from households.csv (a few per range and segment, spread over each segment) and
     * cuts {@code partitions} ranges of about equal size. The sample only balances the ranges: any sample gives
     * the same result.
     */
    private Partitioners.HouseholdRanges ranges(List<Segment> segs, List<Object> driverReg, Map<Integer, InputFile> files,
                                                ConfBox confBox, int partitions) {
        int perSegment = Math.max(16, 64 * partitions / Math.max(1, segs.size()));
        List<String> sample = new ArrayList<>();
        if (!segs.isEmpty()) {
            sample.addAll(sc.parallelize(segs, segs.size()).flatMap(seg -> {
                List<String> ids = new ArrayList<>();
                for (Object x : SegmentReader.read(files.get(seg.file()), seg, confBox.get(), i -> { })) {
                    if (x instanceof Household h) ids.add(h.householdId());
                }
                List<String> picked = new ArrayList<>(Math.min(ids.size(), perSegment));
                if (ids.size() <= perSegment) picked.addAll(ids);
                else for (int i = 0; i < perSegment; i++) picked.add(ids.get((int) ((long) i * ids.size() / perSegment)));
                return picked.iterator();
            }).collect());
        }
        for (Object x : driverReg) if (x instanceof Household h) sample.add(h.householdId());
        return Partitioners.HouseholdRanges.of(sample, partitions);
    }

    private JavaRDD<Object> parse(List<Segment> segs, Map<Integer, InputFile> files, ConfBox confBox,
                                  CollectionAccumulator<Integer> misplaced) {
        if (segs.isEmpty()) return sc.emptyRDD();
        return sc.parallelize(segs, segs.size())
                .flatMap(seg -> SegmentReader.read(files.get(seg.file()), seg, confBox.get(), misplaced::add).iterator());
    }

    /**
     * Streams the output into its files: warnings partition by partition (each a sorted slice, in range order),
     * rejects through one small sort, tallies summed.
     */
    private Result write(JavaRDD<Object> all, int partitions) throws IOException {
        Path out = qualify0(o.outDir());
        FileSystem fs = out.getFileSystem(conf);
        fs.mkdirs(out);
        Result r = new Result();
        for (Object x : all.filter(x -> x instanceof Items.Tally).collect()) {
            Items.Tally t = (Items.Tally) x;
            r.tallies.merge(t.what() + "/" + t.kind(), t.n(), Long::sum);
        }
        try (OutputStream w = new BufferedOutputStream(fs.create(new Path(out, "warnings.csv.tmp"), true), 1 << 20)) {
            w.write((Warning.HEADER + "\n").getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(256);
            Iterator<Object> it = all.filter(x -> x instanceof Warning).toLocalIterator();
            while (it.hasNext()) {
                Warning wa = (Warning) it.next();
                sb.setLength(0);
                wa.appendCsv(sb);
                sb.append('\n');
                w.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                r.perRule[wa.rule().ordinal()]++;
                r.warnings++;
            }
        }
        JavaPairRDD<Reject, Boolean> rejects = all.filter(x -> x instanceof Reject).mapToPair(x -> new Tuple2<>((Reject) x, Boolean.TRUE));
        long n = rejects.count();
        try (OutputStream j = new BufferedOutputStream(fs.create(new Path(out, "rejects.csv.tmp"), true), 1 << 16)) {
            j.write((Reject.HEADER + "\n").getBytes(StandardCharsets.UTF_8));
            if (n > 0) {
                int parts = (int) Math.min(partitions, n / 100_000 + 1);
                Iterator<Reject> it = rejects.sortByKey(Items.REJECT_ORDER, true, parts).keys().toLocalIterator();
                while (it.hasNext()) {
                    Reject re = it.next();
                    j.write((re.toCsvLine() + "\n").getBytes(StandardCharsets.UTF_8));
                    r.rejects++;
                    r.rejectsBySource.merge(re.source(), 1L, Long::sum);
                }
            }
        }
        return r;
    }
}
