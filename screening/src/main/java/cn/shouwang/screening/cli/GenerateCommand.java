package cn.shouwang.screening.cli;

import cn.shouwang.screening.generate.Generator;
import cn.shouwang.screening.rules.Period;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"生成测试用登记数据和部门数据 (write a generated registry to OUT/registry and every department file to OUT/feeds)"})
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--households", required = true, paramLabel = "N") long households;
    @Option(names = "--period", required = true, paramLabel = "YYYY-MM") String period;
    @Option(names = "--seed", defaultValue = "1", paramLabel = "S") long seed;
    @Option(names = "--out", required = true, paramLabel = "DIR") Path out;
    @Option(names = "--clean", description = "no dirt: every row valid, all files UTF-8 with English headers") boolean clean;
    @Option(names = "--quiet") boolean quiet;

    @Override public Integer call() {
        Period p;
        try {
            p = Period.parse(period);
        } catch (IllegalArgumentException e) {
            System.err.println("比对期格式应为 YYYY-MM (period must be YYYY-MM): " + period);
            return 2;
        }
        if (households < 1) {
            System.err.println("户数须大于 0 (--households must be at least 1)");
            return 2;
        }
        try {
            Generator.Result r = new Generator(seed, p, !clean, quiet ? null : System.err::println).write(households, out);
            System.out.println(r.render());
            return 0;
        } catch (IOException e) {
            System.err.println("写入失败 (cannot write): " + e.getMessage());
            return 1;
        }
    }
}
