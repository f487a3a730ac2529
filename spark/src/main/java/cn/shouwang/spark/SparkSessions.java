package cn.shouwang.spark;

import org.apache.spark.sql.SparkSession;

/** Builds the Spark sessions the job runs in. */
public final class SparkSessions {
    private SparkSessions() {
    }

    /**
     * A local-mode session for {@code ./shouwang screen --engine spark} and the tests: no UI, few shuffle
     * partitions (the default 200 is for clusters and only costs task overhead on one machine).
     */
    public static SparkSession local(String master, String appName, int shufflePartitions) {
        SparkSession.Builder b = SparkSession.builder();
        for (String[] kv : KryoSetup.SETTINGS) b.config(kv[0], kv[1]);
        return b
                .master(master)
                .appName(appName)
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", String.valueOf(shufflePartitions))
                .config("spark.default.parallelism", String.valueOf(shufflePartitions))
                .config("spark.sql.adaptive.enabled", "true")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                // a shared, overloaded machine can starve the heartbeat thread for minutes: at the default 120 s
                // timeout a 1 M-person run at load 40 lost its only executor and stalled
                .config("spark.network.timeout", "1200s")
                .config("spark.executor.heartbeatInterval", "60s")
                .getOrCreate();
    }
}
