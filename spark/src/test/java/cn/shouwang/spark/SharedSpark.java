package cn.shouwang.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One local Spark session for the whole test run: starting Spark costs seconds and the build machine has two
 * cores shared with other builds, so every test class borrows this one and nobody stops it (the JVM exit does).
 */
final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {
    }

    static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSessions.local("local[2]", "shouwang-spark-tests", 4);
        }
        return session;
    }
}
