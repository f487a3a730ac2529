package cn.shouwang.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor of the comparison: the time to read the same files' bytes and find their line ends, nothing parsed.
 * Files are cut into 32 MB pieces that the threads take in turn, read into a 1 MB buffer as the engine reads them.
 */
final class Floor {
    private Floor() {}

    private static final long PIECE = 32L << 20;

    /** {seconds, lines}. */
    static double[] measure(List<Path> files, int threads) throws Exception {
        record Piece(Path file, long from, long to) {}
        List<Piece> pieces = new ArrayList<>();
        for (Path f : files) {
            long size = Files.size(f);
            for (long at = 0; at < size; at += PIECE) pieces.add(new Piece(f, at, Math.min(size, at + PIECE)));
        }
        AtomicInteger next = new AtomicInteger();
        AtomicLong lines = new AtomicLong();
        List<Thread> ts = new ArrayList<>();
        Exception[] failed = {null};
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                byte[] buf = new byte[1 << 20];
                ByteBuffer bb = ByteBuffer.wrap(buf);
                long count = 0;
                try {
                    for (int i; (i = next.getAndIncrement()) < pieces.size(); ) {
                        Piece pc = pieces.get(i);
                        try (FileChannel ch = FileChannel.open(pc.file(), StandardOpenOption.READ)) {
                            long at = pc.from();
                            while (at < pc.to()) {
                                bb.clear();
                                bb.limit((int) Math.min(buf.length, pc.to() - at));
                                int n = ch.read(bb, at);
                                if (n <= 0) break;
                                for (int k = 0; k < n; k++) if (buf[k] == '\n') count++;
                                at += n;
                            }
                        }
                    }
                } catch (IOException e) {
                    synchronized (failed) {
                        failed[0] = e;
                    }
                }
                lines.addAndGet(count);
            }, "floor-" + t);
            th.start();
            ts.add(th);
        }
        for (Thread th : ts) th.join();
        if (failed[0] != null) throw failed[0];
        return new double[]{(System.nanoTime() - t0) / 1e9, lines.get()};
    }
}
