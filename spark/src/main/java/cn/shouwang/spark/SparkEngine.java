package cn.shouwang.spark;

import cn.shouwang.screening.run.Screening;
import cn.shouwang.screening.run.ScreeningEngine;
import cn.shouwang.screening.run.Summary;
import cn.shouwang.screening.run.UnusableInputException;
import java.io.IOException;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ./shouwang screen --engine spark ...}: the same command line as the plain engine, run by Spark in local
 * mode on this machine. {@code SHOUWANG_SPARK_MASTER} (default {@code local[*]}) and
 * {@code SHOUWANG_SPARK_PARTITIONS} change the defaults; a cluster is used through {@link SparkScreenJob} and
 * spark-submit instead.
 */
public final class SparkEngine implements ScreeningEngine {

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Summary run(Screening.Options o) throws UnusableInputException, IOException {
        String master = env("SHOUWANG_SPARK_MASTER", "local[" + o.threads() + "]");
        int partitions = Integer.parseInt(env("SHOUWANG_SPARK_PARTITIONS", "0"));
        long split = Long.parseLong(env("SHOUWANG_SPARK_SPLIT_MB", "64")) << 20;
        SparkSession spark = SparkSessions.local(master, "shouwang-screen", Math.max(4, o.threads() * 2));
        try {
            return SparkScreening.run(spark, new SparkScreening.Options(o.registryDir().toString(),
                    o.feedsDir().toString(), o.period(), o.rules(), o.outDir().toString(), split, partitions,
                    o.progress()));
        } finally {
            spark.stop();
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v.strip();
    }
}
