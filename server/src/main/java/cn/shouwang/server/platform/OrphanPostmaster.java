package cn.shouwang.server.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server JVM killed with SIGKILL (or by the OOM killer, or a power-cut of the JVM alone) cannot stop its embedded
 * PostgreSQL: pg_ctl started the postmaster as a daemon, so it keeps running as an orphan, holds postmaster.pid and
 * refuses the next start. Before starting, this finds such a postmaster — the pid in postmaster.pid is alive, is a
 * {@code postgres} process, and its command line names this data directory — and stops it (SIGINT: PostgreSQL's
 * "fast" shutdown, which rolls back open transactions and writes a checkpoint), waits for it to exit, and lets the
 * normal start go on.
 *
 * <p>It never stops the postmaster of a server that is still alive: zonky holds a lock on {@code epg-lock} in the
 * data directory for as long as its JVM runs, and that lock is taken here first; if another process holds it, the
 * start is refused with a message instead.
 */
final class OrphanPostmaster {
    private static final Logger log = LoggerFactory.getLogger(OrphanPostmaster.class);
    static final String LOCK_FILE = "epg-lock"; // zonky's name: the same file, so the two exclude each other

    private OrphanPostmaster() {}

    /** Stops a postmaster left running on {@code dataDir} by a dead server; returns its pid if there was one. */
    static Optional<Long> stopIfOrphaned(Path dataDir, Duration wait) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) return Optional.empty();
        try (FileChannel ch = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this JVM already runs a database on the directory
            }
            if (lock == null) {
                throw new IllegalStateException("the embedded database in " + dataDir
                        + " is in use by another running Shouwang server (" + LOCK_FILE + " is locked); stop that one first");
            }
            try {
                return stopUnderLock(dataDir, pidFile, wait);
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + pidFile, e);
        }
    }

    private static Optional<Long> stopUnderLock(Path dataDir, Path pidFile, Duration wait) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.isEmpty()) return Optional.empty();
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty(); // half-written file: PostgreSQL itself decides what to do with it
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty() || !isOurPostmaster(pid, dataDir)) {
            // the postmaster died with the machine (or the pid now belongs to something else): PostgreSQL notices a
            // stale postmaster.pid by itself, except when its pid was reused, so leave it unless the pid is taken
            if (process.isPresent()) {
                log.warn("postmaster.pid in {} names pid {}, which is not a postgres on this directory: removing the stale file",
                        dataDir, pid);
                Files.deleteIfExists(pidFile);
            }
            return Optional.empty();
        }
        log.warn("A PostgreSQL (pid {}) is still running on {} after its server ended without stopping it; "
                + "stopping it (fast shutdown) before starting again", pid, dataDir);
        signal(pid, "INT");
        if (!waitForExit(process.get(), wait)) {
            log.warn("PostgreSQL pid {} did not stop within {} s; sending SIGQUIT (immediate shutdown, recovered at start)",
                    pid, wait.toSeconds());
            signal(pid, "QUIT");
            if (!waitForExit(process.get(), Duration.ofSeconds(30))) {
                throw new IllegalStateException("the PostgreSQL left running on " + dataDir + " (pid " + pid
                        + ") does not stop; stop it by hand (kill -INT " + pid + ") and start again");
            }
        }
        log.info("stopped the PostgreSQL left running on {} (pid {})", dataDir, pid);
        return Optional.of(pid);
    }

    /** The process is a postgres whose command line names this data directory (Linux: /proc; else ProcessHandle). */
    static boolean isOurPostmaster(long pid, Path dataDir) {
        List<String> args = commandLine(pid);
        if (args.isEmpty()) return false;
        String exe = Path.of(args.get(0)).getFileName().toString();
        if (!exe.equals("postgres")) return false;
        int d = args.indexOf("-D");
        if (d < 0 || d + 1 >= args.size()) return false;
        Path named = Path.of(args.get(d + 1));
        if (!named.isAbsolute()) {
            try {
                named = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")).resolve(named);
            } catch (IOException | UnsupportedOperationException e) {
                // no /proc: compare as given, against this JVM's working directory
            }
        }
        return sameDirectory(named, dataDir);
    }

    private static List<String> commandLine(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid), "cmdline");
        if (Files.isReadable(proc)) {
            try {
                String raw = new String(Files.readAllBytes(proc), StandardCharsets.UTF_8);
                return Arrays.stream(raw.split("\0")).filter(s -> !s.isEmpty()).toList();
            } catch (IOException e) {
                return List.of();
            }
        }
        return ProcessHandle.of(pid).map(p -> {
            ProcessHandle.Info info = p.info();
            List<String> all = new java.util.ArrayList<>();
            info.command().ifPresent(all::add);
            info.arguments().ifPresent(a -> all.addAll(Arrays.asList(a)));
            return all;
        }).orElse(List.of());
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            kill.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            kill.waitFor();
        } catch (IOException e) {
            // no kill(1): SIGTERM is PostgreSQL's "smart" shutdown, enough once its clients (the dead JVM) are gone
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean waitForExit(ProcessHandle p, Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        while (p.isAlive()) {
            if (System.nanoTime() > end) return false;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !p.isAlive();
            }
        }
        return true;
    }
}
