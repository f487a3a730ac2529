package cn.shouwang.screening.run;

import cn.shouwang.screening.output.Reject;
import cn.shouwang.screening.output.Warning;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;

/**
 * The command line's results: {@code warnings.csv}, {@code rejects.csv} and {@code summary.txt} in a folder, each
 * written to a temporary file (0600) and renamed, so a failed run never leaves half a file.
 */
public final class CsvResults implements ResultSink {
    private final Path outDir;
    private OutputStream warnings;
    private Path warningsTmp;
    private final StringBuilder sb = new StringBuilder(1 << 16);
    /** Rows per file refused because Excel had stored their id number as a number (insertion order: rejects' order). */
    private final java.util.Map<String, Long> digitsLost = new java.util.LinkedHashMap<>();

    public CsvResults(Path outDir) { this.outDir = outDir; }

    @Override
    public void start() throws UnusableInputException, IOException {
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UnusableInputException("无法创建输出目录 " + outDir, "cannot create output directory " + outDir + ": " + e.getMessage());
        }
        warningsTmp = outDir.resolve("warnings.csv.tmp");
        try {
            warnings = new BufferedOutputStream(ownerOnly(warningsTmp), 1 << 20);
        } catch (AccessDeniedException e) {
            throw new UnusableInputException("无法写入输出目录 " + outDir, "cannot write to " + outDir);
        }
        warnings.write((Warning.HEADER + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void warnings(List<Warning> inOrder) throws IOException {
        sb.setLength(0);
        for (Warning w : inOrder) {
            w.appendCsv(sb);
            sb.append('\n');
        }
        warnings.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void rejects(List<Reject> inOrder) throws IOException {
        warnings.close();
        Files.move(warningsTmp, outDir.resolve("warnings.csv"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Path rtmp = outDir.resolve("rejects.csv.tmp");
        try (OutputStream out = new BufferedOutputStream(ownerOnly(rtmp), 1 << 16)) {
            sb.setLength(0);
            sb.append(Reject.HEADER).append('\n');
            for (Reject r : inOrder) {
                if (r.reason().endsWith(cn.shouwang.screening.feed.Values.DIGITS_LOST_REASON)) digitsLost.merge(r.source(), 1L, Long::sum);
                sb.append(r.toCsvLine()).append('\n');
                if (sb.length() > 1 << 16) {
                    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                    sb.setLength(0);
                }
            }
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        Files.move(rtmp, outDir.resolve("rejects.csv"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The rows whose id number Excel had stored as a number, per file, with what to do: the same reason as
     * rejects.csv, said once for the whole run (empty when there is none).
     */
    String digitsLostLine() {
        if (digitsLost.isEmpty()) return "";
        StringBuilder line = new StringBuilder("证件号码被 Excel 存为数字，后几位已丢失；请将该列设为文本后重新导出 "
                + "(id numbers stored by Excel as numbers, their last digits lost; format the column as text and export again):");
        digitsLost.forEach((file, n) -> line.append(' ').append(file).append(' ').append(n));
        return line.append('\n').toString();
    }

    @Override
    public void summary(Summary summary) throws IOException {
        Path stmp = outDir.resolve("summary.txt.tmp");
        try (OutputStream out = ownerOnly(stmp)) {
            out.write(summary.render().getBytes(StandardCharsets.UTF_8));
            out.write(digitsLostLine().getBytes(StandardCharsets.UTF_8));
        }
        Files.move(stmp, outDir.resolve("summary.txt"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * A new output file readable by its owner only (0600 where the file system has POSIX modes): warnings.csv holds
     * id numbers. A leftover of an earlier, interrupted run is replaced.
     */
    static OutputStream ownerOnly(Path file) throws IOException {
        Files.deleteIfExists(file);
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) return Files.newOutputStream(file);
        return java.nio.channels.Channels.newOutputStream(Files.newByteChannel(file,
                Set.of(java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE),
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))));
    }
}
