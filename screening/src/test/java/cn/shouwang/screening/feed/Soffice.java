package cn.shouwang.screening.feed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * LibreOffice for tests: converts a file as a user's "save as" would, when {@code soffice} is on the PATH. Each call
 * runs with a profile of its own, so it works beside another LibreOffice running on the machine.
 */
public final class Soffice {
    private Soffice() {}

    public static boolean available() {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "soffice"))) return true;
        }
        return false;
    }

    /**
     * {@code soffice --headless --convert-to <format> --outdir <dir> <file>}; returns the converted file. A CSV is
     * read as UTF-8 (filter options 44,34,76: comma, double quote, UTF-8), as LibreOffice opens one by default.
     */
    public static Path convert(Path file, String format, Path outDir) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("soffice-profile");
        List<String> cmd = new java.util.ArrayList<>(List.of("soffice", "-env:UserInstallation=" + profile.toUri(),
                "--headless", "--norestore"));
        if (file.getFileName().toString().endsWith(".csv")) cmd.addAll(List.of("--infilter=CSV:44,34,76,1"));
        cmd.addAll(List.of("--convert-to", format, "--outdir", outDir.toString(), file.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("soffice did not finish");
        }
        String name = file.getFileName().toString();
        Path out = outDir.resolve(name.substring(0, name.lastIndexOf('.') + 1) + format);
        if (!Files.isRegularFile(out)) throw new IOException("soffice wrote no " + out + " (exit " + p.exitValue() + ")");
        return out;
    }
}
