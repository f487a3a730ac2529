package cn.shouwang.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The DuckDB side of the bench in a process of its own: runs the statements of a SQL file (screening.sql with its
 * placeholders filled in) in an in-memory database. The JVM only hands the SQL over; DuckDB does the work in its
 * native threads.
 */
public final class DuckRun {
    private DuckRun() {}

    public static void main(String[] args) throws Exception {
        String sql = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            for (String stmt : sql.split(";\\s*\\n")) {
                String t = stmt.strip();
                if (t.isEmpty() || t.lines().allMatch(l -> l.strip().startsWith("--") || l.isBlank())) continue;
                long s0 = System.nanoTime();
                st.execute(t);
                if (Boolean.getBoolean("bench.verbose")) {
                    System.err.printf("%6.2f s  %s%n", (System.nanoTime() - s0) / 1e9, t.lines().filter(l -> !l.strip().startsWith("--")).findFirst().orElse(""));
                }
            }
        }
        System.out.printf("duckdb: %.2f s in the process%n", (System.nanoTime() - t0) / 1e9);
    }
}
