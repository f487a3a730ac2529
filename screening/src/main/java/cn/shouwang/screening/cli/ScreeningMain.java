package cn.shouwang.screening.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code screen} and {@code generate}: the comparison and its test-data generator on the command line. */
@Command(name = "shouwang", mixinStandardHelpOptions = true, version = "shouwang screening 0.1.0",
        description = "部门数据比对 (department data comparison)",
        subcommands = {ScreenCommand.class, GenerateCommand.class})
public final class ScreeningMain implements Runnable {
    @Override public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs without exiting (tests). Usage errors give one line on stderr and exit code 2. */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new ScreeningMain());
        cl.setParameterExceptionHandler((ex, a) -> {
            System.err.println("参数错误 (bad arguments): " + ex.getMessage() + " — try --help");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            System.err.println("运行失败 (failed): " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            return 1;
        });
        return cl.execute(args);
    }
}
