package cn.shouwang.server.personaldata;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.platform.DataKeyCheckStore;
import cn.shouwang.server.platform.DataKeyCheckStore.SealedRow;
import cn.shouwang.server.platform.DataKeyCheckStore.SealedTable;
import cn.shouwang.server.platform.PrivateFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Key rotation ({@code ./shouwang rotate-key}): every sealed value of the database and every sealed file of the data
 * directory re-sealed under a new master key, and the id-number lookup hashes recomputed with it (they derive from the
 * master key too: a key that leaked would otherwise still open them to guessing), then the new key's check value
 * becomes the data's.
 * <ul>
 *   <li>Columns: found by the catalogue ({@link DataKeyCheckStore#sealedTables()}: {@code *_enc}, and {@code *_hash}
 *       paired with {@code <same>_enc}, or {@code person_hash} with {@code id_number_enc}); walked by primary key in
 *       batches, each batch and its progress ({@code key_rotation_table}) in one transaction. Killed anywhere, a rerun
 *       with the same new key goes on after the last committed batch.</li>
 *   <li>Files: every file under the data directory (not {@code pg/}, {@code keys/}, {@code tmp/}) that starts with the
 *       sealed-file header, whatever its name; each written anew beside itself and moved over it atomically; one that
 *       already opens with the new key is skipped.</li>
 *   <li>Until the end the server refuses to start ({@link KeyCheck}): its data is partly under each key.</li>
 * </ul>
 */
@Service
public class KeyRotationApi {
    private static final Logger log = LoggerFactory.getLogger(KeyRotationApi.class);
    /** Hash columns whose id number is sealed in a column not named after them. */
    static final Map<String, String> HASH_OF = Map.of("person_hash", "id_number_enc");
    private static final Set<String> NOT_FILES = Set.of("pg", "keys", "tmp");

    /** What a run did: rows and files re-sealed, and whether the rotation is finished (false: stopped on purpose). */
    public record Outcome(long rows, int files, boolean finished) {}

    private final FieldCrypto current;
    private final DataKeyCheckStore store;
    private final TransactionTemplate tx;
    private final PersonalDataProperties props;

    KeyRotationApi(FieldCrypto current, DataKeyCheckStore store, PlatformTransactionManager txm, PersonalDataProperties props) {
        this.current = current;
        this.store = store;
        this.tx = new TransactionTemplate(txm);
        this.props = props;
    }

    /** The new key as the server reads keys: base64 text of 32 bytes (from a file or SHOUWANG_NEW_DATA_KEY). */
    public static byte[] decodeKey(String base64) {
        return PersonalDataConfig.decodeKey(base64, "the new key");
    }

    /**
     * Rotates to {@code newMasterKey}, or goes on with a rotation to it that was interrupted.
     *
     * @param dataDir     the data directory whose sealed files are rotated
     * @param batchSize   rows per transaction
     * @param stopAfter   stop after this many batches that re-sealed rows, as if killed (tests); negative: to the end
     */
    public Outcome rotate(byte[] newMasterKey, Path dataDir, int batchSize, int stopAfter) {
        FieldCrypto next = new FieldCrypto(newMasterKey, props.cipher());
        byte[] check = next.keyCheckValue();
        var underWay = store.rotationUnderWay();
        if (underWay.isPresent() && !MessageDigest.isEqual(underWay.get(), check)) {
            throw new IllegalStateException("a rotation to another new key is under way: give that key to finish it");
        }
        if (underWay.isEmpty() && MessageDigest.isEqual(current.keyCheckValue(), check)) {
            throw new IllegalStateException("the new key is the key in use");
        }
        List<SealedTable> tables = store.sealedTables();
        for (SealedTable t : tables) {
            for (String h : t.hashes()) {
                if (!t.sealed().contains(pairOf(h))) {
                    throw new IllegalStateException("hash column " + t.schema() + "." + t.table() + "." + h
                            + " has no sealed column to recompute it from");
                }
            }
        }
        tx.executeWithoutResult(s -> store.startRotation(check, tables));
        long rows = 0;
        int batches = 0;
        for (SealedTable t : tables) {
            DataKeyCheckStore.Progress progress = store.rotationProgress(t);
            if (progress.done()) continue;
            List<String> last = progress.lastKey();
            while (true) {
                if (stopAfter >= 0 && batches >= stopAfter) return new Outcome(rows, 0, false);
                List<String> after = last;
                Batch done = tx.execute(s -> {
                    List<SealedRow> batch = store.sealedRows(t, after, batchSize);
                    for (SealedRow r : batch) store.updateSealedRow(t, reseal(t, r, next));
                    // done only when a batch finds nothing more (a short batch is not trusted to be the last)
                    boolean end = batch.isEmpty();
                    List<String> lastKey = batch.isEmpty() ? after : batch.get(batch.size() - 1).key();
                    store.rotationProgressed(t, lastKey, end);
                    return new Batch(batch.size(), lastKey, end);
                });
                rows += done.rows();
                last = done.lastKey();
                if (done.rows() > 0) batches++;
                if (done.end()) break;
            }
            log.info("key rotation: {}.{} re-sealed", t.schema(), t.table());
        }
        int files = rotateFiles(dataDir, next);
        tx.executeWithoutResult(s -> store.finishRotation(check));
        return new Outcome(rows, files, true);
    }

    private record Batch(int rows, List<String> lastKey, boolean end) {}

    static String pairOf(String hashColumn) {
        return HASH_OF.getOrDefault(hashColumn, hashColumn.substring(0, hashColumn.length() - "_hash".length()) + "_enc");
    }

    private SealedRow reseal(SealedTable t, SealedRow r, FieldCrypto next) {
        Map<String, String> plain = new HashMap<>();
        Map<String, byte[]> out = new HashMap<>();
        for (String c : t.sealed()) {
            byte[] v = r.values().get(c);
            if (v == null) continue;
            String p;
            try {
                p = current.open(v);
                out.put(c, next.seal(p));
            } catch (IllegalStateException e) {
                // already under the new key (never in a batch that committed with its progress; a safeguard): kept
                p = next.open(v);
            }
            plain.put(c, p);
        }
        for (String h : t.hashes()) {
            byte[] v = r.values().get(h);
            String id = plain.get(pairOf(h));
            // no id number (a household-level warning's empty hash): nothing derived from the key, kept as is
            if (v == null || v.length == 0 || id == null || id.isEmpty()) continue;
            out.put(h, next.idNumberHash(IdNumber.of(id)));
        }
        return new SealedRow(r.key(), out);
    }

    private int rotateFiles(Path dataDir, FieldCrypto next) {
        int n = 0;
        for (Path f : sealedFiles(dataDir)) {
            if (opensWith(f, next)) continue; // done by a run that was stopped
            Path part = f.resolveSibling(f.getFileName() + ROTATING);
            try (InputStream in = current.opening(new BufferedInputStream(Files.newInputStream(f), 1 << 16));
                 OutputStream out = next.sealing(PrivateFiles.newOutputStream(part))) {
                in.transferTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot re-seal " + f, e);
            }
            try {
                Files.move(part, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot replace " + f, e);
            }
            n++;
        }
        return n;
    }

    /**
     * Every sealed file under the data directory (not {@code pg/}, {@code keys/}, {@code tmp/}), known by its header
     * ({@code SWSEALF1}), not by its name: a module that stores sealed files under another name is found all the same.
     * Half-written copies of a stopped run ({@code *.rotating}) are deleted first.
     */
    public static List<Path> sealedFiles(Path dataDir) {
        List<Path> sealed = new ArrayList<>();
        if (!Files.isDirectory(dataDir)) return sealed;
        try (Stream<Path> top = Files.list(dataDir)) {
            for (Path d : top.filter(p -> !NOT_FILES.contains(p.getFileName().toString())).sorted().toList()) {
                try (Stream<Path> walk = Files.walk(d)) {
                    for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                        if (p.getFileName().toString().endsWith(ROTATING)) {
                            Files.delete(p);
                        } else if (startsSealed(p)) {
                            sealed.add(p);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the data directory " + dataDir, e);
        }
        return sealed;
    }

    private static final String ROTATING = ".rotating";

    private static boolean startsSealed(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            byte[] head = in.readNBytes(SealedStreams.MAGIC.length);
            return SealedStreams.isSealed(head, head.length);
        }
    }

    private static boolean opensWith(Path f, FieldCrypto key) {
        try (InputStream in = key.opening(new BufferedInputStream(Files.newInputStream(f), 1 << 16))) {
            in.read(new byte[1]);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
