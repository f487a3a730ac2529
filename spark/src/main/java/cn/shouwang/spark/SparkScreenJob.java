package cn.shouwang.spark;

import cn.shouwang.screening.rules.Period;
import cn.shouwang.screening.rules.RulesConfig;
import cn.shouwang.screening.rules.RulesFile;
import cn.shouwang.screening.run.Summary;
import cn.shouwang.screening.run.UnusableInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The job for spark-submit: {@code spark-submit --class cn.shouwang.spark.SparkScreenJob shouwang-spark-job.jar
 * --registry URI --feeds URI --period YYYY-MM --out URI [--rules URI]}. Paths are Hadoop URIs (file:, hdfs:,
 * s3a:, ...) or local paths. The master, memory and executors come from spark-submit.
 */
@Command(name = "shouwang-spark-screen", mixinStandardHelpOptions = true,
        description = "比对登记数据与部门数据 (Spark) — the comparison of feeds.md on a Spark cluster")
public final class SparkScreenJob implements Callable<Integer> {
    @Option(names = "--registry", required = true, paramLabel = "URI") String registry;
    @Option(names = "--feeds", required = true, paramLabel = "URI") String feeds;
    @Option(names = "--period", required = true, paramLabel = "YYYY-MM") String period;
    @Option(names = "--out", required = true, paramLabel = "URI") String out;
    @Option(names = "--rules", paramLabel = "URI", description = "rules file (YAML/JSON); default: feeds.md") String rules;
    @Option(names = "--split-mb", defaultValue = "64", description = "CSV files bigger than this are read by several tasks (default ${DEFAULT-VALUE})")
    long splitMb;
    @Option(names = "--partitions", defaultValue = "0", description = "shuffle partitions (default: from the input size)")
    int partitions;
    @Option(names = "--quiet", description = "no progress lines on stderr") boolean quiet;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkScreenJob()).execute(args));
    }

    @Override
    public Integer call() {
        Period p;
        try {
            p = Period.parse(period);
        } catch (IllegalArgumentException e) {
            System.err.println("比对期格式应为 YYYY-MM (period must be YYYY-MM): " + period);
            return 2;
        }
        SparkSession.Builder builder = SparkSession.builder().appName("shouwang-screen " + p);
        for (String[] kv : KryoSetup.SETTINGS) builder.config(kv[0], kv[1]);
        SparkSession spark = builder.getOrCreate();
        try {
            RulesConfig config = RulesConfig.defaults();
            if (rules != null) {
                String text;
                try {
                    Path rp = new Path(rules);
                    try (InputStream in = rp.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(rp)) {
                        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                } catch (IOException e) {
                    System.err.println("规则文件不存在 (rules file not found): " + rules);
                    return 2;
                }
                try {
                    config = RulesFile.parse(text);
                } catch (RulesFile.RulesFileException e) {
                    System.err.println("规则文件有误 (bad rules file): " + e.getMessage());
                    return 2;
                }
            }
            Summary s = SparkScreening.run(spark, new SparkScreening.Options(registry, feeds, p, config, out,
                    splitMb << 20, partitions, quiet ? null : System.err::println));
            System.out.print(s.render());
            System.out.println("输出 output: " + out + "/warnings.csv, " + out + "/rejects.csv");
            return 0;
        } catch (UnusableInputException e) {
            System.err.println(e.oneLine());
            return 2;
        } catch (IOException e) {
            System.err.println("读写失败 (I/O error): " + e.getMessage());
            return 1;
        } finally {
            spark.stop();
        }
    }
}
