package cn.shouwang.server;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.core.person.IdNumber;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Run by failsafe after all tests of {@code ./mvnw verify}: reads the log that every test JVM line went to
 * ({@code logback-test.xml}, file named per build by {@code server/pom.xml}) and fails on any valid id number (18
 * characters, real birth date, right check character: core's {@link IdNumber}) or mobile number ({@code 1[3-9]}
 * and 9 more digits, not inside a longer run of letters or digits, so hex strings and long numbers do not count).
 * The failure lists the lines with the numbers masked. No log file is a failure too: the scan never passes by
 * reading nothing. Fix the source that logs the value, not this scan.
 */
class LogScanIT {
    static final Pattern ID_LIKE = Pattern.compile("(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])");
    static final Pattern MOBILE = Pattern.compile("(?<![0-9A-Za-z])1[3-9][0-9]{9}(?![0-9A-Za-z])");
    static final int SHOWN = 40;

    @Test
    void theTestRunsLogHoldsNoIdNumberAndNoMobileNumber() throws IOException {
        Path log = logOfTheRun();
        assertThat(log).as("the log of the test run (written by logback-test.xml; run ./mvnw verify)").isRegularFile();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(lines).as("lines in " + log).isNotEmpty();
        List<String> found = offending(lines);
        assertThat(found).as(() -> found.size() + " log line(s) of " + log + " hold an id number or a mobile number"
                        + " (masked here):\n  " + String.join("\n  ", found.subList(0, Math.min(SHOWN, found.size())))
                        + (found.size() > SHOWN ? "\n  …" : ""))
                .isEmpty();
    }

    @Test
    void theScanFindsValidIdNumbersAndMobileNumbersAndMasksThem() {
        String id = "11010519491231002X";
        List<String> found = offending(List.of(
                "WARN Resolved [For input string: \"" + id + "\"]",
                "phone=13812345678 saved",
                "id 110105194912310021 has a wrong check character, 110105194913310028 no such date",
                "household 22032210320500001, uuid 0f3a9c2e-13812345678a, nanos 138123456789"));
        assertThat(found).containsExactly("1: WARN Resolved [For input string: \"110105********002X\"]",
                "2: phone=138****5678 saved");
    }

    /** The lines holding a valid id number or a mobile number, numbered, with every such number masked. */
    static List<String> offending(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean hit = false;
            StringBuilder masked = new StringBuilder();
            Matcher m = ID_LIKE.matcher(line);
            while (m.find()) {
                boolean valid = IdNumber.parse(m.group()).isPresent();
                hit |= valid;
                m.appendReplacement(masked, Matcher.quoteReplacement(valid ? IdNumber.mask(m.group()) : m.group()));
            }
            m.appendTail(masked);
            String text = masked.toString();
            Matcher p = MOBILE.matcher(text);
            if (p.find()) {
                hit = true;
                text = p.replaceAll(r -> r.group().substring(0, 3) + "****" + r.group().substring(7));
            }
            if (hit) out.add((i + 1) + ": " + text);
        }
        return out;
    }

    /** The file the build named for this run; outside Maven, the newest test-run log under target/test-logs. */
    static Path logOfTheRun() throws IOException {
        String named = System.getProperty("shouwang.test-log.scan");
        if (named != null && !named.isBlank()) return Path.of(named);
        Path dir = Path.of("target", "test-logs");
        if (!Files.isDirectory(dir)) return dir.resolve("test-run.log");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("test-run"))
                    .max(Comparator.comparing(f -> f.toFile().lastModified()))
                    .orElse(dir.resolve("test-run.log"));
        }
    }
}
